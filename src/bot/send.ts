/**
 * Sending HTML messages safely, and the "typing…" indicator.
 *
 * Contracts:
 * - `sendHtml` splits with `splitHtml`, replies to `replyTo` with the first part only and puts
 *   `keyboard` on the last part only. A part Telegram rejects with "can't parse entities" is sent
 *   again as plain text (`htmlToPlain`); any other error propagates.
 * - `startTyping` never throws and never delays the caller: chat actions are fire-and-forget,
 *   repeated every `intervalMs` until the returned stop function is called (or one fails, logged at debug level).
 *   Not @grammyjs/auto-chat-action: its interval is fixed at 5 s (Telegram shows "typing…" for 5 s, so it
 *   would flicker) and it stops on failures silently, and only outside forum topics.
 */
import { GrammyError, type Api } from 'grammy';
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import type { Logger } from 'pino';
import { htmlToPlain, splitHtml } from './html.js';

export interface SendOptions {
  replyTo?: number;
  keyboard?: InlineKeyboardMarkup;
  /** Forum topic of the conversation, when any. */
  threadId?: number;
}

export function isParseEntitiesError(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && /can't parse entities/i.test(error.description);
}

export async function sendHtml(api: Api, chatId: number, html: string, options: SendOptions = {}): Promise<Message.TextMessage[]> {
  const parts = splitHtml(html);
  const sent: Message.TextMessage[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const other = {
      link_preview_options: { is_disabled: true },
      ...(options.threadId !== undefined ? { message_thread_id: options.threadId } : {}),
      ...(i === 0 && options.replyTo !== undefined
        ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }
        : {}),
      ...(i === parts.length - 1 && options.keyboard ? { reply_markup: options.keyboard } : {}),
    };
    try {
      sent.push(await api.sendMessage(chatId, part, { ...other, parse_mode: 'HTML' }));
    } catch (error) {
      if (!isParseEntitiesError(error)) throw error;
      sent.push(await api.sendMessage(chatId, htmlToPlain(part), other));
    }
  }
  return sent;
}

/**
 * Replaces the text (and keyboard) of message `messageId` with `html`. False when it cannot: the text needs more
 * than one message, or Telegram refuses the edit (message too old, deleted) — the caller then sends it anew.
 * "message is not modified" counts as done; HTML Telegram cannot parse is sent plain.
 */
export async function editHtml(api: Api, chatId: number, messageId: number, html: string, keyboard?: InlineKeyboardMarkup): Promise<boolean> {
  const parts = splitHtml(html);
  if (parts.length !== 1) return false;
  const other = { link_preview_options: { is_disabled: true }, ...(keyboard ? { reply_markup: keyboard } : {}) };
  const notModified = (error: unknown) => error instanceof GrammyError && /message is not modified/i.test(error.description);
  try {
    await api.editMessageText(chatId, messageId, parts[0]!, { ...other, parse_mode: 'HTML' });
    return true;
  } catch (error) {
    if (notModified(error)) return true;
    if (!isParseEntitiesError(error)) return false;
  }
  try {
    await api.editMessageText(chatId, messageId, htmlToPlain(parts[0]!), other);
    return true;
  } catch (error) {
    return notModified(error);
  }
}

export function startTyping(
  api: Api,
  chatId: number,
  options: { intervalMs: number; logger: Logger; threadId?: number },
): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    stopped = true;
    if (timer) clearInterval(timer);
  };
  const send = () => {
    if (stopped) return;
    const other = options.threadId !== undefined ? { message_thread_id: options.threadId } : {};
    api.sendChatAction(chatId, 'typing', other).catch((error: unknown) => {
      options.logger.debug({ chat_id: chatId, err: describeError(error) }, 'sendChatAction failed; not repeating');
      stop();
    });
  };
  send();
  timer = setInterval(send, options.intervalMs);
  timer.unref();
  return stop;
}

/** Error fields safe to log: never the request payload (user text) nor the token. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError) {
    return { name: error.name, method: error.method, error_code: error.error_code, description: error.description };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { message: String(error) };
}
