/**
 * Non-text messages (stickers, photos, voice, locations…) get a one-line hint that the bot reads text only.
 * Service messages (members joining, pinned messages…) and anything else are ignored.
 */
import { Composer } from 'grammy';
import { textFor } from '../language.js';
import { replyPlain } from '../reply.js';
import type { BotContext } from '../types.js';

/** Message kinds that get the hint. */
const NON_TEXT_KINDS = [
  'sticker',
  'photo',
  'voice',
  'video',
  'video_note',
  'audio',
  'animation',
  'location',
  'venue',
  'contact',
  'poll',
  'dice',
  'game',
  'story',
  'paid_media',
] as const;

export function nonTextHints(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('message', async (ctx) => {
    const msg = ctx.message as unknown as Record<string, unknown>;
    if (!NON_TEXT_KINDS.some((kind) => msg[kind] !== undefined)) return;
    ctx.meta.intent = 'non_text';
    ctx.meta.outcome = 'hint';
    await replyPlain(ctx, textFor(ctx).nonText);
  });
  return composer;
}
