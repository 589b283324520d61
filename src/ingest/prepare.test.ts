import { describe, expect, it } from 'vitest';
import { decodeArticle } from '../index/article-codec.js';
import { chunkKeywordText, keywordDocument } from '../index/keyword-index.js';
import { LocalHashEmbeddings } from '../providers/local-embeddings.js';
import { keywordTokens } from '../text/tokenize.js';
import { loadDocuments } from './load.js';
import { prepareDocument } from './prepare.js';

const SEED_DIR = new URL('../../data/articles/', import.meta.url).pathname;
const embedder = new LocalHashEmbeddings();

describe('prepareDocument (the ingest path: files → documents → stored article, chunks, keywords, vectors)', () => {
  it('prepares every article streamed from the paths', async () => {
    const ids: string[] = [];
    for await (const raw of loadDocuments([SEED_DIR])) {
      const d = prepareDocument(raw, embedder);
      ids.push(d.article.id);
      expect(d.article.id).toBe(raw.id);
      expect(d.article.contentHash).toBe(raw.contentHash);
      expect(decodeArticle(d.articleData)).toEqual(d.article);
      const chunks = d.chunks!;
      expect(chunks.length).toBeGreaterThan(0);
      expect(d.chunkText).toEqual(chunks.map((c) => c.text));
      chunks.forEach((c, i) => {
        expect(c.meta.articleId).toBe(raw.id);
        const t = keywordTokens(chunkKeywordText(c));
        expect([new TextDecoder().decode(d.keywords[i]), d.exactCount[i], d.foldedCount[i]]).toEqual([keywordDocument(t.exact, t.folded), t.exact.length, t.folded.length]);
      });
      expect(d.vectors).toHaveLength(chunks.length * embedder.dimensions);
      expect(Array.from(d.vectors!.subarray(0, embedder.dimensions))).toEqual(Array.from(await embedder.embedQuery(chunkKeywordText(chunks[0]!))));
      expect(prepareDocument(raw, null).vectors).toBeNull();
    }
    expect(ids).toHaveLength(5);
  });
});
