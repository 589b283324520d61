import { describe, expect, it } from 'vitest';
import { bigramWords, FOLDED_MARK, SINGLE_TOKEN } from '../index/keyword-index.js';
import { keywordTokens } from '../text/tokenize.js';
import { HEAD_MAX_TERMS, HEAD_MIN_SHARE, HEAD_SAMPLE_MIN, learnHeadTerms } from './head-terms.js';

/** The contract of learnHeadTerms spelled out on keywordTokens' strings (what the fast version must equal). */
function reference(sample: readonly string[]): string[] {
  if (sample.length < HEAD_SAMPLE_MIN) return [];
  const df = new Map<string, number>();
  for (const text of sample) {
    const t = keywordTokens(text);
    const seen = new Set<string>();
    for (const token of t.exact) if (SINGLE_TOKEN.test(token)) seen.add(token);
    for (const token of t.folded) if (SINGLE_TOKEN.test(token)) seen.add(FOLDED_MARK + token);
    for (const token of seen) df.set(token, (df.get(token) ?? 0) + 1);
  }
  const min = Math.max(1, Math.ceil(HEAD_MIN_SHARE * sample.length));
  const both = (tokens: string[]) => {
    const all = new Set(tokens);
    return tokens.filter((token) => {
      const words = bigramWords(token);
      return !words || (all.has(words[0]) && all.has(words[1]));
    });
  };
  const head = both([...df].filter(([, n]) => n >= min).map(([token]) => token));
  head.sort((a, b) => df.get(b)! - df.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  return head.length <= HEAD_MAX_TERMS ? head : both(head.slice(0, HEAD_MAX_TERMS));
}

/** `n` texts: every one holds "đảng viên", every other "kết nạp", one in `rare` holds "hiếm". */
function texts(n: number, rare = n): string[] {
  return Array.from({ length: n }, (_, i) => `Đảng viên ${i % 2 === 0 ? 'kết nạp' : 'sinh hoạt'} ${i % rare === 0 ? 'hiếm' : ''} ${1000 + i}`);
}

describe('learnHeadTerms (the head terms of a new keyword index)', () => {
  it('keeps the level-1 tokens of at least HEAD_MIN_SHARE of the texts, both views, most frequent first', () => {
    const head = learnHeadTerms(texts(HEAD_SAMPLE_MIN));
    expect(head).toEqual(expect.arrayContaining(['đảng', '~dang', 'đảng_viên', '~dang_vien', 'kết_nạp', '~ket_nap']));
    expect(head.indexOf('đảng')).toBeLessThan(head.indexOf('kết'));
    // In one text of HEAD_SAMPLE_MIN: under the share.
    expect(1 / HEAD_SAMPLE_MIN).toBeLessThan(HEAD_MIN_SHARE);
    expect(head).not.toContain('hiếm');
    expect(head.some((t) => /\d/.test(t))).toBe(false);
    // No level tokens, no marks inside, single tokens only.
    expect(head.every((t) => !t.includes('^') && !t.slice(1).includes('~'))).toBe(true);
  });

  it('keeps a bigram only with both of its words', () => {
    // A lone combining mark folds to "" (never indexed alone): "~xa_" is in every text, "~" + "" is no head term.
    const head = learnHeadTerms(texts(HEAD_SAMPLE_MIN).map((t) => `${t} xa \u0301 yb`));
    expect(head).toContain('~xa');
    expect(head.filter((t) => t.endsWith('_') || /(^~?|_)_/.test(t))).toEqual([]);
    for (const t of head) {
      const joint = t.indexOf('_');
      if (joint < 0) continue;
      const mark = t.startsWith('~') ? '~' : '';
      expect(head).toContain(t.slice(0, joint));
      expect(head).toContain(mark + t.slice(joint + 1));
    }
  });

  it('equals the contract spelled out on keywordTokens, on odd text too (marks, breaks, numbers, abbreviations, ASCII)', () => {
    const words = ['Đảng', 'viên', 'kết', 'nạp', 'UBND', 'TP.HCM', '104,99%', 'hoà', 'hòa', 'kỳ', 'kì', 'x\u0301', '\u0301', 'A.I', 'quan', 'Quận', '12', '—', ';', 'the', 'ĐẢNG'];
    // Deterministic pseudo-random texts: the same words in many orders, with clause breaks between some.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const sample = Array.from({ length: HEAD_SAMPLE_MIN + 50 }, () =>
      Array.from({ length: 5 + Math.floor(next() * 40) }, () => words[Math.floor(next() * words.length)]).join(next() < 0.2 ? ', ' : ' '),
    );
    const head = learnHeadTerms(sample);
    expect(head.length).toBeGreaterThan(50);
    expect(head).toEqual(reference(sample));
    expect(learnHeadTerms(texts(HEAD_SAMPLE_MIN + 3, 2))).toEqual(reference(texts(HEAD_SAMPLE_MIN + 3, 2)));
  });

  it('learns nothing from fewer than HEAD_SAMPLE_MIN texts, and the same from the same texts', () => {
    expect(learnHeadTerms(texts(HEAD_SAMPLE_MIN - 1))).toEqual([]);
    expect(learnHeadTerms(texts(HEAD_SAMPLE_MIN + 7, 3))).toEqual(learnHeadTerms(texts(HEAD_SAMPLE_MIN + 7, 3)));
    expect(learnHeadTerms(texts(HEAD_SAMPLE_MIN + 7, 3))).toContain('hiếm');
  });
});
