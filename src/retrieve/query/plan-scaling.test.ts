/**
 * Planning a question takes time linear in its length (issue 15, item 11): a question repeating a unit and a
 * "who … closing" pattern planned in 11 s at 100k characters and 50 s at 200k (one `fold` of the whole text and
 * one scan of its rest per unit mention; `/ (ai|who) .*(…)/` re-scanning the rest per "who").
 */
import { describe, expect, it } from 'vitest';
import { planQuery } from './index.js';
import { cutFirst, cutSpans } from './words.js';

const SHAPES = {
  vi: 'Ai chủ trì hội nghị lần thứ 8 Quận 8 năm 2022 về kết nạp đảng viên và ngân sách? ',
  en: 'who chaired the meeting of District 8 ',
};

const of = (base: string, n: number) => base.repeat(Math.ceil(n / base.length)).slice(0, n);

function timed(question: string): number {
  const started = performance.now();
  planQuery(question);
  return performance.now() - started;
}

describe('planQuery on very long questions', () => {
  it.each(Object.entries(SHAPES))('%s: 4× the text costs about 4× the time', (_name, base) => {
    planQuery(base); // the national gazetteer, loaded once
    // The growth, not the time, is the contract (the time depends on the machine's load): the best of two runs each.
    const best = (n: number) => Math.min(timed(of(base, n)), timed(of(base, n)));
    // A floor of 100 ms: below it the ratio is noise (the quadratic planning this guards against took seconds).
    const t50k = Math.max(best(50_000), 100);
    const t200k = best(200_000);
    expect(t200k / t50k, `50k: ${t50k.toFixed(0)} ms, 200k: ${t200k.toFixed(0)} ms`).toBeLessThan(9); // quadratic: 16
  }, 60_000);
});

/** The sequential definition `cutFirst` replaces. */
function reference(text: string, needles: readonly string[]): string {
  let out = text;
  for (const n of needles) out = out.replace(n, ' | ');
  return out;
}

describe('cutFirst', () => {
  it('cuts as replacing each needle\'s first occurrence in turn would', () => {
    const words = ['quận', '8', 'Quận 8', 'hội nghị', 'a', 'aa', 'b', ' '];
    let seed = 7;
    const pick = () => words[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % words.length]!;
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 1 + (i % 11) }, pick).join(i % 2 ? ' ' : '');
      const needles = Array.from({ length: i % 5 }, pick).filter((w) => w.trim());
      expect(cutFirst(text, needles), JSON.stringify({ text, needles })).toBe(reference(text, needles));
    }
  });

  it('cutSpans finds spans diacritic-insensitively', () => {
    expect(cutSpans('Ai chủ trì Quận 8 và quận 8?', ['quan 8', 'quan 8'])).toBe('Ai chủ trì  |  và  | ?');
  });
});
