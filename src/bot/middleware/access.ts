/**
 * Who the bot answers.
 *
 * Contracts of `accessGate` (after the session, which holds the refusal flag):
 * - Group gating: updates without a chat, and messages (new or edited) not addressed to the bot
 *   (`isAddressedToBot`), end here silently; button presses and changes of the bot's own membership
 *   (my_chat_member, for the group greeting) pass.
 * - Allowlist (when `allowedChatIds` is not empty): any other chat gets one refusal line, once, then silence; its
 *   button presses are acknowledged without a word, membership changes end silently. Intent 'not_allowed'.
 * `isAdmin`: the update comes from one of `admins` (uploads, /reindex, the admin part of /help).
 */
import { Composer, type Context } from 'grammy';
import type { Message } from 'grammy/types';
import type { Logger } from 'pino';
import { textFor } from '../language.js';
import { mentionsBot } from '../mention.js';
import { answerCallback, replyPlain } from '../reply.js';
import type { BotContext } from '../types.js';

/**
 * In groups and supergroups: true for commands without a bot suffix or with ours, replies to the bot's
 * messages, and messages mentioning the bot (text or caption). Private chats: true. Not a message: false.
 */
export function isAddressedToBot(ctx: Context): boolean {
  const msg: Message | undefined = ctx.message ?? ctx.editedMessage;
  if (!msg) return false;
  if (msg.chat.type === 'private') return true;
  if (msg.chat.type === 'channel' || msg.from?.is_bot) return false;
  const text = msg.text ?? msg.caption ?? '';
  const command = /^\/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?(?:\s|$)/.exec(text);
  if (command) return command[1] === undefined || command[1].toLowerCase() === ctx.me.username.toLowerCase();
  if (msg.reply_to_message?.from?.id === ctx.me.id) return true;
  return mentionsBot(ctx);
}

export function isAdmin(ctx: BotContext, admins: ReadonlySet<number>): boolean {
  return ctx.from !== undefined && admins.has(ctx.from.id);
}

export function accessGate(allowedChatIds: readonly number[], log: Logger): Composer<BotContext> {
  const allowed = new Set(allowedChatIds);
  const composer = new Composer<BotContext>();
  // Group gating (and anything that is not a message or a button press on our message).
  composer.use(async (ctx, next) => {
    if (!ctx.chat) return;
    if (ctx.callbackQuery || ctx.myChatMember) return next();
    if (!ctx.message && !ctx.editedMessage) return;
    if (!isAddressedToBot(ctx)) return;
    return next();
  });
  // Allowlist.
  composer.use(async (ctx, next) => {
    if (allowed.size === 0 || allowed.has(ctx.chat!.id)) return next();
    ctx.meta.intent = 'not_allowed';
    ctx.meta.outcome = 'refused_silently';
    if (ctx.callbackQuery) {
      await answerCallback(ctx, log);
      return;
    }
    if (ctx.myChatMember || ctx.session.refused) return;
    ctx.session.refused = true;
    ctx.meta.outcome = 'refused';
    await replyPlain(ctx, textFor(ctx).notAllowed);
  });
  return composer;
}
