/**
 * What retrieval reads of an index: narrow, read-only interfaces. An index snapshot (index/store.ts) satisfies
 * `IndexReader`; tests may pass fakes. Retrieval never depends on the concrete index classes.
 */
import type { KeywordMatch, KeywordSearchOptions, KeywordView } from '../index/keyword-index.js';
import type { LabelFilter } from '../index/labels.js';
import type { VectorMatch } from '../index/vector-index.js';
import type { ArticleSource } from '../index/article-rows.js';
import type { Chunk } from '../types.js';

export type { KeywordMatch, KeywordView, LabelFilter };

/** BM25 over one keyword view, document frequencies and term presence, by chunk label. */
export interface KeywordSearch {
  search(view: KeywordView, terms: string[], k: number, opts?: KeywordSearchOptions): KeywordMatch[];
  /** Chunks containing `term` (a syllable or an "a_b" pair) in `view`. */
  docFreq(view: KeywordView, term: string): number;
  /** Whether chunk `label` contains `term` in either view. */
  contains(label: number, term: string): boolean;
  /**
   * Whether `contains` is cheap for `term` (absent: always). When it is not, it would read a doclist that grows with
   * the corpus, and a probe looks in the chunk's own tokens instead.
   */
  containsIsCheap?(term: string): boolean;
  /** Labels of the chunks containing `term` in `view`, ascending (callers must not modify the array). */
  labelsWith(view: KeywordView, term: string): ArrayLike<number>;
}

/** Nearest chunks to a query vector. */
export interface VectorSearch {
  search(vector: ArrayLike<number>, k: number, filter?: LabelFilter): VectorMatch[];
}

export interface IndexReader {
  /** Every article's row in memory, full articles by id. */
  articles: ArticleSource;
  /** Chunks by label (an index reads them on demand; a Map satisfies it). */
  chunks: ReadonlyMap<number, Chunk>;
  articleLabels: ReadonlyMap<string, readonly number[]>;
  keyword: KeywordSearch;
  vectors: VectorSearch;
  /** The embedder that built the vectors decides the vector view's weight (absent: model weights). */
  manifest?: { embedder: { id: string } };
}
