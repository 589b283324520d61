/**
 * Citation bookkeeping: numbers passages [1], [2] … in order of first use.
 * Invariant: a citation only ever points at a chunk the caller retrieved (the caller passes Chunk objects
 * from its hits); the same chunk always gets the same number within one answer; quotes are verbatim
 * sentences of that chunk, joined with " … ".
 */
import type { Chunk, Citation } from '../types.js';

export class CitationSet {
  private readonly byChunk = new Map<string, Citation>();

  /** Returns the [n] number of `chunk`, adding `quote` to its quoted sentences. */
  cite(chunk: Chunk, quote: string): number {
    const existing = this.byChunk.get(chunk.id);
    if (existing) {
      if (quote && !existing.quote.includes(quote)) existing.quote = existing.quote ? `${existing.quote} … ${quote}` : quote;
      return existing.n;
    }
    const n = this.byChunk.size + 1;
    this.byChunk.set(chunk.id, {
      n,
      source: chunk.meta.articleId,
      title: chunk.meta.title,
      unit: chunk.meta.unitLabel,
      date: /^\d{4}-\d{2}-\d{2}$/.test(chunk.meta.date ?? '') ? chunk.meta.date : null,
      quote,
      url: chunk.meta.url,
      chunkId: chunk.id,
    });
    return n;
  }

  get size(): number {
    return this.byChunk.size;
  }

  list(): Citation[] {
    return [...this.byChunk.values()].sort((a, b) => a.n - b.n);
  }
}
