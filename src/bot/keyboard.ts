/**
 * Inline keyboards under answers and their callback data.
 *
 * Callback data (always < 64 bytes, ASCII):
 * - `c:<answerId>:<n>`  show citation n of a stored answer
 * - `f:<answerId>:u|d`  record 👍 / 👎 for a stored answer
 * - `u:<answerId>:<i>`  ask the stored answer's question again for its i-th unit choice (a question back)
 * - `r:<answerId>:w|i|o|x`  what a 👎 says was wrong: wrong, incomplete, outdated, other
 * - `m:<answerId>:1`  send the stored answer's continuation (Answer.more: "Xem thêm")
 * - `x:<uploadId>`  (admins) remove an uploaded article
 * answerId is 12 random base64url characters (72 bits): unique across chats, it keys the answer store.
 */
import { randomBytes } from 'node:crypto';
import { InlineKeyboard } from 'grammy';
import { markersIn } from '../answer/pages.js';
import type { FeedbackReason, StoredAnswer } from './types.js';

/** Citation buttons shown under one answer (the sources block lists all citations anyway). */
export const MAX_CITATION_BUTTONS = 10;
const PER_ROW = 5;

export type CallbackAction =
  | { kind: 'citation'; answerId: string; n: number }
  | { kind: 'feedback'; answerId: string; rating: 'up' | 'down' }
  | { kind: 'choice'; answerId: string; index: number }
  | { kind: 'reason'; answerId: string; reason: FeedbackReason }
  | { kind: 'more'; answerId: string }
  | { kind: 'remove'; uploadId: string };

const REASON_CODES: Record<FeedbackReason, string> = { wrong: 'w', incomplete: 'i', outdated: 'o', other: 'x' };
export const FEEDBACK_REASONS = Object.keys(REASON_CODES) as FeedbackReason[];

export function newAnswerId(): string {
  return randomBytes(9).toString('base64url');
}

export function reasonData(answerId: string, reason: FeedbackReason): string {
  return `r:${answerId}:${REASON_CODES[reason]}`;
}

export function removeData(uploadId: string): string {
  return `x:${uploadId}`;
}

export function citationData(answerId: string, n: number): string {
  return `c:${answerId}:${n}`;
}

export function feedbackData(answerId: string, rating: 'up' | 'down'): string {
  return `f:${answerId}:${rating === 'up' ? 'u' : 'd'}`;
}

export function choiceData(answerId: string, index: number): string {
  return `u:${answerId}:${index}`;
}

export function moreData(answerId: string): string {
  return `m:${answerId}:1`;
}

export function parseCallbackData(data: string): CallbackAction | null {
  const remove = /^x:([a-f0-9]{4,16})$/.exec(data);
  if (remove) return { kind: 'remove', uploadId: remove[1]! };
  const m = /^([cfurm]):([A-Za-z0-9_-]{1,16}):(\d{1,3}|[udwiox])$/.exec(data);
  if (!m) return null;
  const [, kind, answerId, arg] = m as unknown as [string, string, string, string];
  if (kind === 'r') {
    const reason = FEEDBACK_REASONS.find((r) => REASON_CODES[r] === arg);
    return reason ? { kind: 'reason', answerId, reason } : null;
  }
  if (kind === 'm' && arg === '1') return { kind: 'more', answerId };
  if (kind === 'c' && /^\d+$/.test(arg)) return { kind: 'citation', answerId, n: Number(arg) };
  if (kind === 'u' && /^\d+$/.test(arg)) return { kind: 'choice', answerId, index: Number(arg) };
  if (kind === 'f' && (arg === 'u' || arg === 'd')) return { kind: 'feedback', answerId, rating: arg === 'u' ? 'up' : 'down' };
  return null;
}

/** A question back: one button per unit choice (two a row), no feedback row. */
export function choiceKeyboard(stored: StoredAnswer): InlineKeyboard {
  const kb = new InlineKeyboard();
  (stored.choices ?? []).forEach((c, i) => {
    if (i > 0 && i % 2 === 0) kb.row();
    kb.text(c.label, choiceData(stored.id, i));
  });
  return kb;
}

/**
 * One button per citation ("[1]", "[2]"…, rows of five), then a 👍 / 👎 row. An answer with a continuation
 * (`stored.more`): the first page's citations only, and a row with the button that sends the rest (`moreLabel`).
 * `page: 'more'`: the continuation's keyboard, its citations only (feedback stays under the first page).
 */
export function answerKeyboard(stored: StoredAnswer, o: { moreLabel?: string; page?: 'first' | 'more' } = {}): InlineKeyboard {
  const kb = new InlineKeyboard();
  const page = o.page ?? 'first';
  const shown = page === 'more' ? markersIn(stored.more ?? '') : stored.more ? markersIn(stored.answer) : null;
  const citations = [...stored.citations]
    .filter((c) => !shown || shown.has(c.n))
    .sort((a, b) => a.n - b.n)
    .slice(0, MAX_CITATION_BUTTONS);
  citations.forEach((c, i) => {
    if (i > 0 && i % PER_ROW === 0) kb.row();
    kb.text(`[${c.n}]`, citationData(stored.id, c.n));
  });
  if (page === 'more') return kb;
  if (citations.length) kb.row();
  if (stored.more && o.moreLabel) kb.text(o.moreLabel, moreData(stored.id)).row();
  kb.text('👍', feedbackData(stored.id, 'up')).text('👎', feedbackData(stored.id, 'down'));
  return kb;
}

/** The buttons of an answer without its "more" button (once the continuation was sent). */
export function withoutMoreButton(markup: { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> } | undefined): InlineKeyboard {
  return keepButtons(markup, (data) => !data.startsWith('m:'));
}

/** The buttons of an answer after 👎: its keyboard (`markup`, as sent) with a row of reasons added (once). */
export function withReasonRow(
  markup: { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> } | undefined,
  answerId: string,
  labels: Record<FeedbackReason, string>,
): InlineKeyboard {
  const rows = withoutReasonRow(markup);
  return new InlineKeyboard([...rows.inline_keyboard, FEEDBACK_REASONS.map((r) => InlineKeyboard.text(labels[r], reasonData(answerId, r)))]);
}

/** The buttons of an answer without the reasons row (after a reason was given). */
export function withoutReasonRow(markup: { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> } | undefined): InlineKeyboard {
  return keepButtons(markup, (data) => !data.startsWith('r:'));
}

/** The callback buttons of `markup` whose data `keep` accepts, rows kept (empty rows dropped). */
function keepButtons(
  markup: { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> } | undefined,
  keep: (data: string) => boolean,
): InlineKeyboard {
  const rows = (markup?.inline_keyboard ?? [])
    .map((row) => row.filter((b) => b.callback_data !== undefined && keep(b.callback_data)))
    .filter((row) => row.length > 0)
    .map((row) => row.map((b) => InlineKeyboard.text(b.text, b.callback_data!)));
  return new InlineKeyboard(rows);
}
