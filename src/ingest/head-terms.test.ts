import { describe, expect, it } from 'vitest';
import { HEAD_MIN_SHARE, HEAD_SAMPLE_MIN, learnHeadTerms } from './head-terms.js';

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

  it('learns nothing from fewer than HEAD_SAMPLE_MIN texts, and the same from the same texts', () => {
    expect(learnHeadTerms(texts(HEAD_SAMPLE_MIN - 1))).toEqual([]);
    expect(learnHeadTerms(texts(HEAD_SAMPLE_MIN + 7, 3))).toEqual(learnHeadTerms(texts(HEAD_SAMPLE_MIN + 7, 3)));
    expect(learnHeadTerms(texts(HEAD_SAMPLE_MIN + 7, 3))).toContain('hiếm');
  });
});
