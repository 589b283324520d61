/**
 * Citation bookkeeping: numbers passages [1], [2] … in order of first use.
 * Invariant: a citation only ever points at a chunk the caller retrieved (the caller passes Chunk objects
 * from its hits); the same chunk always gets the same number within one answer; quotes are verbatim
 * sentences of that chunk, joined with " … ".
 */
import type { Answer, Chunk, Citation, StoredArticle } from '../types.js';
import { hostOf } from '../text/host.js';

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

/** Citations grouped by article (source, title and link), in marker order: the sources block lists each article once. */
export function citationsByArticle(citations: readonly Citation[]): Citation[][] {
  const groups = new Map<string, Citation[]>();
  for (const c of [...citations].sort((a, b) => a.n - b.n)) {
    const key = `${c.source}\u0000${c.title}\u0000${c.url ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()];
}

/** Ascending marker numbers as ranges: [1, 2, 3, 5] → "1–3, 5". */
export function markerRanges(numbers: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    out.push(j > i ? `${numbers[i]}–${numbers[j]}` : String(numbers[i]));
    i = j;
  }
  return out.join(', ');
}

/**
 * The answer with each citation's article details for its source line: outlet (the site tag the article prints, else
 * its web address's host) and publication date. Citations of articles not found are left as they are.
 */
export function withArticleDetails(answer: Answer, articleOf: (id: string) => StoredArticle | undefined): Answer {
  if (answer.citations.length === 0) return answer;
  const citations = answer.citations.map((c) => {
    const article = articleOf(c.source);
    if (!article) return c;
    const published = article.publishedAt ?? article.card.publishedAt?.value ?? null;
    return { ...c, outlet: article.card.sourceSite?.value ?? hostOf(article.url), published: published && /^\d{4}-\d{2}-\d{2}$/.test(published) ? published : null };
  });
  return { ...answer, citations };
}
