import { describe, expect, it } from 'vitest';
import { chunkKeywordText, decodeHeadRuns, keywordDocument, keywordParts } from '../index/keyword-index.js';
import { keywordTokens } from '../text/tokenize.js';
import { toArticle } from './article.js';
import { chunkArticle } from './chunk.js';
import { learnHeadTerms } from './head-terms.js';
import { headTerms, KeywordDocuments } from './keyword-document.js';
import { loadDocuments } from './load.js';

const SEED_DIR = new URL('../../data/articles/', import.meta.url).pathname;
const decoder = new TextDecoder();

/** What KeywordDocuments must reproduce: keywordDocument of keywordTokens, and the token counts. */
function reference(text: string) {
  const t = keywordTokens(text);
  return { document: keywordDocument(t.exact, t.folded), exact: t.exact.length, folded: t.folded.length };
}

describe('KeywordDocuments (keyword documents as UTF-8, straight from the text)', () => {
  it('equals keywordDocument of keywordTokens on every chunk of the bundled articles', async () => {
    const docs = new KeywordDocuments();
    let chunks = 0;
    for await (const raw of loadDocuments([SEED_DIR])) {
      for (const chunk of chunkArticle(toArticle(raw))) {
        const text = chunkKeywordText(chunk);
        const k = docs.add(text);
        expect({ document: decoder.decode(k.document), exact: k.exact, folded: k.folded }).toEqual(reference(text));
        chunks++;
      }
    }
    expect(chunks).toBeGreaterThan(10);
  });

  it('counts levels up to TF_LEVELS, across clause breaks, numbers, abbreviations, hyphens and non-Latin text', () => {
    const docs = new KeywordDocuments(64);
    const texts = [
      '',
      '. , ;',
      'a a a a a a a a a a a a. a a',
      'Quận 12 kết nạp 600 đảng viên; Quận 12 kết nạp 596 đảng viên, đạt 56,9% (9.308 người).',
      'UBND huyện và HĐND huyện, BCH Đảng bộ, vắc-xin, kỳ họp, kì họp, Mỹ, tỷ lệ 3.2 lần',
      'Ignore ALL previous instructions — 東京 Ελλάδα русский 😀 ok ok',
      // A lone combining mark is a letter run that folds to "": not indexed in the folded view, its bigrams are.
      'a \u0301 b \u0301 \u0301 c\u0301\u0301 1 \u0301',
      `${'chủ trì hội nghị '.repeat(40)}xyz`,
    ];
    const views: Uint8Array[] = [];
    for (const text of texts) {
      const k = docs.add(text);
      views.push(k.document);
      expect({ document: decoder.decode(k.document), exact: k.exact, folded: k.folded }).toEqual(reference(text));
    }
    // Later documents never overwrite earlier ones (small blocks: several blocks, one document larger than a block).
    texts.forEach((text, i) => expect(decoder.decode(views[i])).toBe(reference(text).document));
    expect(docs.blocks().length).toBeGreaterThan(1);
  });
});

/** (head id, chunk, tf) triples in one order. */
const sortedTriples = (triples: Array<[number, number, number]>) => [...triples].sort((a, b) => a[0] - b[0] || a[1] - b[1]);

describe('KeywordDocuments with head terms (their occurrences as head runs, not in the documents)', () => {
  const texts = [
    'Quận 12 kết nạp 600 đảng viên; Quận 12 kết nạp 596 đảng viên, đạt 56,9% (9.308 người).',
    `${'đảng viên '.repeat(12)}kết nạp. Đảng viên mới`,
    'a \u0301 b \u0301 \u0301 c\u0301\u0301 1 \u0301 đảng \u0301',
    'Ban Chấp hành Đảng bộ quận tổ chức hội nghị lần thứ 8, đồng chí Nguyễn Văn A chủ trì.',
  ];
  // Learned from many copies of the texts: every token of them is a head term but the rarest.
  const tokens = learnHeadTerms(Array.from({ length: 250 }, (_, i) => (i % 125 === 0 ? `${texts.join(' ')} hiếm` : texts[i % texts.length]!)));
  const head = headTerms(tokens)!;

  it('writes keywordParts(…, head): the documents without them, and the same postings as head runs by chunk', () => {
    expect(head.has('đảng_viên') && head.has('~dang_vien') && !head.has('hiếm')).toBe(true);
    const docs = new KeywordDocuments(64, head);
    const want: Array<[number, number, number]> = [];
    [...texts, `${texts.join(' ')} hiếm`].forEach((text, chunk) => {
      const t = keywordTokens(text);
      const parts = keywordParts(t.exact, t.folded, head);
      for (let i = 0; i < parts.heads.length; i += 2) want.push([parts.heads[i]!, chunk, parts.heads[i + 1]!]);
      const k = docs.add(text);
      expect(decoder.decode(k.document)).toBe(parts.document);
      expect([k.exact, k.folded]).toEqual([t.exact.length, t.folded.length]);
    });
    const runs = docs.headRuns()!;
    expect(decodeHeadRuns(runs)).toEqual(sortedTriples(want));
    // One entry per term, ascending, each with its postings' count and last chunk.
    const ids = [...runs.table].filter((_, i) => i % 4 === 0);
    expect(ids).toEqual([...new Set(want.map(([id]) => id))].sort((a, b) => a - b));
    const dangVien = head.get('~dang_vien')!;
    const row = ids.indexOf(dangVien) * 4;
    expect([runs.table[row + 1], runs.table[row + 2]]).toEqual([3, 4]);
    // The same document without head terms (a later batch of another index in the same thread).
    const plain = new KeywordDocuments(64);
    expect(decoder.decode(plain.add(texts[1]!).document)).toBe(reference(texts[1]!).document);
    expect(plain.headRuns()).toBeNull();
  });

  it('counts a head term\'s frequency up to TF_LEVELS, and never writes its level tokens', () => {
    const t = keywordTokens(texts[1]!);
    const docs = new KeywordDocuments(undefined, head);
    const k = docs.add(texts[1]!);
    const tf = new Map(decodeHeadRuns(docs.headRuns()!).map(([id, , n]) => [id, n]));
    expect(tf.get(head.get('~dang_vien')!)).toBe(8);
    expect(tf.get(head.get('~ket_nap')!)).toBe(1);
    expect(decoder.decode(k.document)).not.toMatch(/dang|vien|đảng/);
    expect(t.folded.filter((x) => x === 'dang_vien')).toHaveLength(13);
  });
});
