/**
 * Answering in the conversation an update came from: its chat and forum topic, as a reply to the user's
 * message when there is one.
 *
 * Contracts:
 * - `replyPlain` sends plain text; `replyHtml` goes through `sendHtml` (split below the limit, plain-text
 *   fallback, keyboard on the last part).
 * - `answerCallback` never throws: a stale callback query must not fail the update (logged at debug level).
 * - `typing` starts "typing…" in the conversation (`startTyping`: fire-and-forget, repeated every
 *   `intervalMs`) and returns the function that stops it.
 */
import type { Logger } from 'pino';
import { describeError, sendHtml, startTyping, type SendOptions } from './send.js';
import type { BotContext } from './types.js';

/** The forum topic of the update's message, when it was sent in one. */
export function threadOf(ctx: BotContext): number | undefined {
  const msg = ctx.msg;
  return msg && 'is_topic_message' in msg && msg.is_topic_message ? msg.message_thread_id : undefined;
}

/** The message (new or edited) the update brings, not a button press's message. */
export function incoming(ctx: BotContext) {
  return ctx.message ?? ctx.editedMessage;
}

export function replyPlain(ctx: BotContext, text: string) {
  const threadId = threadOf(ctx);
  const replyTo = incoming(ctx)?.message_id;
  return ctx.reply(text, {
    ...(threadId !== undefined ? { message_thread_id: threadId } : {}),
    ...(replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
  });
}

export function replyHtml(ctx: BotContext, html: string, keyboard?: SendOptions['keyboard']) {
  const threadId = threadOf(ctx);
  const replyTo = incoming(ctx)?.message_id;
  return sendHtml(ctx.api, ctx.chat!.id, html, {
    ...(replyTo !== undefined ? { replyTo } : {}),
    ...(threadId !== undefined ? { threadId } : {}),
    ...(keyboard ? { keyboard } : {}),
  });
}

/** Answers the update's callback query, with `text` as a toast (or an alert). */
export async function answerCallback(ctx: BotContext, log: Logger, text?: string, alert = false): Promise<void> {
  try {
    await ctx.answerCallbackQuery(text ? { text, show_alert: alert } : undefined);
  } catch (error) {
    log.debug({ update_id: ctx.update.update_id, err: describeError(error) }, 'answerCallbackQuery failed');
  }
}

export function typing(ctx: BotContext, intervalMs: number, log: Logger): () => void {
  const threadId = threadOf(ctx);
  return startTyping(ctx.api, ctx.chat!.id, { intervalMs, logger: log, ...(threadId !== undefined ? { threadId } : {}) });
}
