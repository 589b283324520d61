/**
 * The bot's @handle in messages.
 *
 * Contracts:
 * - `mentionsBot`: the update's message (text or caption) mentions the bot: a mention entity of its handle (any
 *   case), a text mention of it, or, for clients (and emulators) that send no entities, the handle standing as
 *   a word.
 * - `stripMention`: the text without the handle (and a ',' or ':' right after it), runs of spaces collapsed,
 *   trimmed.
 */
import type { Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';

/** The handle as a word: not inside another handle or word. */
function handleWord(me: UserFromGetMe, after: string, flags: string): RegExp {
  return new RegExp(`(^|[^\\w@])@${me.username}(?![\\w])${after}`, flags);
}

export function mentionsBot(ctx: Context): boolean {
  const handle = `@${ctx.me.username}`.toLowerCase();
  if (ctx.entities('mention').some((e) => e.text.toLowerCase() === handle)) return true;
  if (ctx.entities('text_mention').some((e) => e.user.id === ctx.me.id)) return true;
  return handleWord(ctx.me, '', 'i').test(ctx.msg?.text ?? ctx.msg?.caption ?? '');
}

export function stripMention(text: string, me: UserFromGetMe): string {
  return text
    .replace(handleWord(me, '[,:]?', 'gi'), '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
