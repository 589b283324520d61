/**
 * Live preview of an answer while it is being written (private chats only).
 *
 * Contracts:
 * - `update(text)` takes the whole text so far. The first non-blank text is shown at once, later ones
 *   at most once per `intervalMs` (measured from the start of the previous call), one Bot API call at a
 *   time, the newest text winning; intermediate texts may be skipped.
 * - Preview text is HTML-escaped, cut to fit one message (≤ PREVIEW_LIMIT code units including the
 *   "writing" marker) and never split inside a surrogate pair.
 * - Transport: drafts (sendMessageDraft) while `support.drafts` is true. When a draft is refused
 *   (anything but 429), `support.drafts` becomes false (shared by the bot, so later answers go
 *   straight to edits) and this preview continues as one message (a reply to the question) that is
 *   edited (editMessageText).
 * - Never throws and never delays the caller: a preview call that fails stops the preview (logged).
 * - `finish(html, keyboard)` stops the preview and delivers the final answer, which must arrive
 *   whatever happened to the preview. It waits for a preview call in flight (at most
 *   FINISH_WAIT_MS, then aborts it). Drafts or no preview message → `sendHtml` (a sent message
 *   replaces the draft). An edited preview message → it is edited into the first part of the answer
 *   (the rest sent after it, keyboard on the last part); if that edit fails, the answer is sent as new
 *   messages and the stale preview deleted (best effort).
 */
import { GrammyError, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Logger } from 'pino';
import { escapeHtml, htmlToPlain, splitHtml } from './html.js';
import { describeError, isParseEntitiesError, sendHtml } from './send.js';

/** Longest preview message, markup included (Telegram's limit is 4096 after entity parsing). */
export const PREVIEW_LIMIT = 4000;
/** Shown under the growing text. */
export const PREVIEW_MARKER = '\n\n<i>✍️ …</i>';
/** Longest wait for a preview call in flight before the final answer is delivered. */
export const FINISH_WAIT_MS = 2_000;

/** Whether this bot may use drafts; flipped to false once Telegram refuses one. */
export interface DraftSupport {
  drafts: boolean;
}

export interface PreviewOptions {
  chatId: number;
  /** Non-zero id of the draft (unique per answer). */
  draftId: number;
  threadId?: number;
  /** Message the preview message (edit mode) and the final answer reply to. */
  replyTo?: number;
  intervalMs: number;
  support: DraftSupport;
  logger: Pick<Logger, 'debug' | 'warn'>;
  /** Called once, when the first preview is visible. */
  onShown?: () => void;
}

export interface Preview {
  update(text: string): void;
  finish(html: string, keyboard?: InlineKeyboardMarkup): Promise<void>;
  /** Preview calls that succeeded (drafts, the preview message and its edits). */
  readonly shown: number;
  readonly mode: 'draft' | 'edit';
}

/** The preview message body: escaped text (cut to fit) and the writing marker. */
export function previewHtml(text: string, limit = PREVIEW_LIMIT): string {
  const budget = limit - PREVIEW_MARKER.length - 1;
  let out = '';
  let cut = false;
  for (const ch of text.trim()) {
    const piece = escapeHtml(ch);
    if (out.length + piece.length > budget) {
      cut = true;
      break;
    }
    out += piece;
  }
  return `${out.trimEnd()}${cut ? '…' : ''}${PREVIEW_MARKER}`;
}

function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && /message is not modified/i.test(error.description);
}

function isFlood(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 429;
}

export function createPreview(api: Api, o: PreviewOptions): Preview {
  let mode: 'draft' | 'edit' = o.support.drafts ? 'draft' : 'edit';
  let latest = '';
  let shownText = '';
  let lastAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let shown = 0;
  let messageId: number | undefined;
  const abort = new AbortController();
  // grammY types its signal parameter with the abort-controller polyfill's type; Node's is compatible.
  const signal = abort.signal as unknown as Parameters<Api['sendMessage']>[3];
  const thread = o.threadId !== undefined ? { message_thread_id: o.threadId } : {};

  const visible = () => {
    if (shown++ === 0) o.onShown?.();
  };

  const stop = (reason: string, error?: unknown) => {
    if (!stopped) o.logger.debug({ chat_id: o.chatId, reason, ...(error ? { err: describeError(error) } : {}) }, 'preview stopped');
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
  };

  const sendEdit = async (html: string) => {
    if (messageId === undefined) {
      const sent = await api.sendMessage(
        o.chatId,
        html,
        {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...thread,
          ...(o.replyTo !== undefined ? { reply_parameters: { message_id: o.replyTo, allow_sending_without_reply: true } } : {}),
        },
        signal,
      );
      messageId = sent.message_id;
      return;
    }
    try {
      await api.editMessageText(o.chatId, messageId, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } }, signal);
    } catch (error) {
      if (!isNotModified(error)) throw error;
    }
  };

  const send = async (text: string) => {
    const html = previewHtml(text);
    if (mode === 'draft') {
      try {
        await api.sendMessageDraft(o.chatId, o.draftId, html, { parse_mode: 'HTML', ...thread }, signal);
        visible();
        return;
      } catch (error) {
        if (abort.signal.aborted) return;
        if (isFlood(error) || shown > 0) return stop('draft failed', error);
        o.logger.debug({ chat_id: o.chatId, err: describeError(error) }, 'drafts refused; previewing with message edits');
        o.support.drafts = false;
        mode = 'edit';
        if (stopped) return;
      }
    }
    try {
      await sendEdit(html);
      visible();
    } catch (error) {
      if (!abort.signal.aborted) stop('preview message failed', error);
    }
  };

  const flush = () => {
    if (stopped || inFlight || latest === shownText) return;
    const text = latest;
    shownText = text;
    lastAt = Date.now();
    inFlight = send(text).finally(() => {
      inFlight = undefined;
      schedule();
    });
  };

  const schedule = () => {
    if (stopped || inFlight || timer || latest === shownText) return;
    const wait = lastAt + o.intervalMs - Date.now();
    if (wait <= 0) return flush();
    timer = setTimeout(() => {
      timer = undefined;
      flush();
    }, wait);
  };

  const finishByEdit = async (html: string, keyboard?: InlineKeyboardMarkup): Promise<boolean> => {
    const parts = splitHtml(html);
    const first = parts[0] ?? '';
    const markup = parts.length === 1 && keyboard ? { reply_markup: keyboard } : {};
    const other = { link_preview_options: { is_disabled: true }, ...markup };
    try {
      try {
        await api.editMessageText(o.chatId, messageId!, first, { ...other, parse_mode: 'HTML' });
      } catch (error) {
        if (isNotModified(error)) {
          if (markup.reply_markup) await api.editMessageReplyMarkup(o.chatId, messageId!, markup);
        } else if (isParseEntitiesError(error)) {
          await api.editMessageText(o.chatId, messageId!, htmlToPlain(first), other);
        } else throw error;
      }
    } catch (error) {
      o.logger.warn({ chat_id: o.chatId, err: describeError(error) }, 'could not edit the preview into the answer; sending it anew');
      return false;
    }
    if (parts.length > 1) {
      const rest = parts.slice(1).join('\n');
      await sendHtml(api, o.chatId, rest, { ...(o.threadId !== undefined ? { threadId: o.threadId } : {}), ...(keyboard ? { keyboard } : {}) });
    }
    return true;
  };

  return {
    get shown() {
      return shown;
    },
    get mode() {
      return mode;
    },
    update(text: string) {
      if (stopped || text.trim() === '') return;
      latest = text;
      schedule();
    },
    async finish(html, keyboard) {
      stop('finished');
      const pending = inFlight;
      if (pending) {
        let waited: NodeJS.Timeout | undefined;
        const done = await Promise.race([
          pending.then(() => true),
          new Promise<boolean>((resolve) => (waited = setTimeout(() => resolve(false), FINISH_WAIT_MS))),
        ]);
        clearTimeout(waited);
        if (!done) abort.abort();
      }
      if (mode === 'edit' && messageId !== undefined && !abort.signal.aborted) {
        if (await finishByEdit(html, keyboard)) return;
      }
      await sendHtml(api, o.chatId, html, {
        ...(o.replyTo !== undefined ? { replyTo: o.replyTo } : {}),
        ...(o.threadId !== undefined ? { threadId: o.threadId } : {}),
        ...(keyboard ? { keyboard } : {}),
      });
      if (messageId !== undefined) {
        const stale = messageId;
        api.deleteMessage(o.chatId, stale).catch((error: unknown) => o.logger.debug({ chat_id: o.chatId, err: describeError(error) }, 'could not delete the preview'));
      }
    },
  };
}
