import { describe, expect, it } from 'vitest';
import { chunkKeywordText, keywordDocument } from '../index/keyword-index.js';
import { keywordTokens } from '../text/tokenize.js';
import { toArticle } from './article.js';
import { chunkArticle } from './chunk.js';
import { KeywordDocuments } from './keyword-document.js';
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
