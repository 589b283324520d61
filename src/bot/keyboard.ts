/**
 * Inline keyboards under answers and their callback data.
 *
 * Callback data (always < 64 bytes, ASCII):
 * - `c:<answerId>:<n>`  show citation n of a stored answer
 * - `f:<answerId>:u|d`  record 👍 / 👎 for a stored answer
 * - `u:<answerId>:<i>`  ask the stored answer's question again for its i-th unit choice (a question back)
 * answerId is 8 base64url characters, unique within a chat's session.
 */
import { randomBytes } from 'node:crypto';
import { InlineKeyboard } from 'grammy';
import type { StoredAnswer } from './types.js';

/** Citation buttons shown under one answer (the sources block lists all citations anyway). */
export const MAX_CITATION_BUTTONS = 10;
const PER_ROW = 5;

export type CallbackAction =
  | { kind: 'citation'; answerId: string; n: number }
  | { kind: 'feedback'; answerId: string; rating: 'up' | 'down' }
  | { kind: 'choice'; answerId: string; index: number };

export function newAnswerId(): string {
  return randomBytes(6).toString('base64url');
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

export function parseCallbackData(data: string): CallbackAction | null {
  const m = /^([cfu]):([A-Za-z0-9_-]{1,16}):(\d{1,3}|u|d)$/.exec(data);
  if (!m) return null;
  const [, kind, answerId, arg] = m as unknown as [string, string, string, string];
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

/** One button per citation ("[1]", "[2]"…, rows of five), then a 👍 / 👎 row. */
export function answerKeyboard(stored: StoredAnswer): InlineKeyboard {
  const kb = new InlineKeyboard();
  const citations = [...stored.citations].sort((a, b) => a.n - b.n).slice(0, MAX_CITATION_BUTTONS);
  citations.forEach((c, i) => {
    if (i > 0 && i % PER_ROW === 0) kb.row();
    kb.text(`[${c.n}]`, citationData(stored.id, c.n));
  });
  if (citations.length) kb.row();
  kb.text('👍', feedbackData(stored.id, 'up')).text('👎', feedbackData(stored.id, 'down'));
  return kb;
}
