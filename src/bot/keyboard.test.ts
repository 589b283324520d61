import { describe, expect, it } from 'vitest';
import { citation } from '../testing/telegram-fixtures.js';
import { answerKeyboard, citationData, feedbackData, MAX_CITATION_BUTTONS, moreData, newAnswerId, parseCallbackData } from './keyboard.js';

describe('callback data', () => {
  it('stays far below 64 bytes and round-trips', () => {
    const id = newAnswerId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    for (const data of [citationData(id, 999), feedbackData(id, 'up'), feedbackData(id, 'down')]) {
      expect(Buffer.byteLength(data)).toBeLessThan(64);
    }
    expect(parseCallbackData(citationData(id, 12))).toEqual({ kind: 'citation', answerId: id, n: 12 });
    expect(parseCallbackData(feedbackData(id, 'down'))).toEqual({ kind: 'feedback', answerId: id, rating: 'down' });
    expect(parseCallbackData(moreData(id))).toEqual({ kind: 'more', answerId: id });
  });
  it('rejects anything else', () => {
    for (const bad of ['', 'c:abc', 'x:abc:1', 'f:abc:z', 'c:a:b:1', 'm:abc:2', `c:${'a'.repeat(40)}:1`]) expect(parseCallbackData(bad)).toBeNull();
  });
});

describe('answerKeyboard', () => {
  it('has one button per citation, rows of five, then 👍 / 👎', () => {
    const kb = answerKeyboard({ id: 'AbCdEf12', question: 'q', answer: 'a', citations: [1, 2, 3, 4, 5, 6, 7].map((n) => citation(n)) });
    const rows = kb.inline_keyboard;
    expect(rows.map((r) => r.map((b) => b.text))).toEqual([
      ['[1]', '[2]', '[3]', '[4]', '[5]'],
      ['[6]', '[7]'],
      ['👍', '👎'],
    ]);
    for (const b of rows.flat()) expect(Buffer.byteLength((b as { callback_data: string }).callback_data)).toBeLessThan(64);
  });
  it(`caps citation buttons at ${MAX_CITATION_BUTTONS}`, () => {
    const kb = answerKeyboard({ id: 'x', question: 'q', answer: 'a', citations: Array.from({ length: 14 }, (_, i) => citation(i + 1)) });
    expect(kb.inline_keyboard.flat().filter((b) => b.text.startsWith('['))).toHaveLength(MAX_CITATION_BUTTONS);
  });
  it('has only feedback buttons without citations', () => {
    const kb = answerKeyboard({ id: 'x', question: 'q', answer: 'a', citations: [] });
    expect(kb.inline_keyboard.map((r) => r.map((b) => b.text))).toEqual([['👍', '👎']]);
  });
  it('an answer with a continuation: the first page’s citations, a "more" row, then 👍 / 👎; the continuation’s own', () => {
    const stored = { id: 'x', question: 'q', answer: 'Đầu [1] [2]', more: 'Tiếp [3]', citations: [1, 2, 3].map((n) => citation(n)) };
    expect(answerKeyboard(stored, { moreLabel: 'Xem thêm' }).inline_keyboard.map((r) => r.map((b) => b.text))).toEqual([['[1]', '[2]'], ['Xem thêm'], ['👍', '👎']]);
    expect(answerKeyboard(stored, { page: 'more' }).inline_keyboard.map((r) => r.map((b) => b.text))).toEqual([['[3]']]);
  });
});
