/**
 * Keyword (BM25+) index over chunks, backed by MiniSearch.
 *
 * Two fields, one per keyword view of `header + text` (see src/text/tokenize.ts):
 * - "exact": accented unigrams + bigrams (so exact-accent matches can outrank folded ones);
 * - "folded": diacritic-free unigrams + bigrams (so "quan 12 ket nap" finds "Quận 12 kết nạp").
 * Document ids are chunk labels (non-negative integers). Scores are MiniSearch BM25+ (higher = better),
 * comparable only within one search call.
 */
import MiniSearch from 'minisearch';
import { keywordTokens } from '../text/tokenize.js';
import type { Chunk } from '../types.js';

export type KeywordView = 'exact' | 'folded';

export interface KeywordMatch {
  label: number;
  score: number;
}

interface KeywordDoc {
  id: number;
  exact: string;
  folded: string;
}

const FIELDS: KeywordView[] = ['exact', 'folded'];
const splitSpace = (s: string): string[] => (s.length === 0 ? [] : s.split(' '));
const options = {
  idField: 'id',
  fields: FIELDS,
  storeFields: [] as string[],
  tokenize: splitSpace,
  processTerm: (t: string) => t,
  searchOptions: { combineWith: 'OR' as const, prefix: false, fuzzy: false },
};

/** BM25 parameters (k1, b) tuned for short passages; d is BM25+'s lower bound. */
const BM25 = { k: 1.2, b: 0.75, d: 0.5 };

export function chunkKeywordText(chunk: Chunk): string {
  return `${chunk.header}\n${chunk.text}`;
}

function toDoc(label: number, chunk: Chunk): KeywordDoc {
  const t = keywordTokens(chunkKeywordText(chunk));
  return { id: label, exact: t.exact.join(' '), folded: t.folded.join(' ') };
}

export class KeywordIndex {
  private constructor(private readonly mini: MiniSearch<KeywordDoc>) {}

  static create(): KeywordIndex {
    return new KeywordIndex(new MiniSearch<KeywordDoc>(options));
  }

  static fromJSON(json: string): KeywordIndex {
    return new KeywordIndex(MiniSearch.loadJSON<KeywordDoc>(json, options));
  }

  toJSON(): string {
    return JSON.stringify(this.mini);
  }

  get size(): number {
    return this.mini.documentCount;
  }

  add(label: number, chunk: Chunk): void {
    this.mini.add(toDoc(label, chunk));
  }

  addAll(entries: Iterable<{ label: number; chunk: Chunk }>): void {
    const docs: KeywordDoc[] = [];
    for (const e of entries) docs.push(toDoc(e.label, e.chunk));
    this.mini.addAll(docs);
  }

  /** True when some chunk contains `term` in `view` (a phrase that exists in the corpus). */
  hasTerm(view: KeywordView, term: string): boolean {
    return this.mini.search(term, { fields: [view], bm25: BM25 }).length > 0;
  }

  remove(label: number): void {
    if (this.mini.has(label)) this.mini.discard(label);
  }

  /**
   * Ranks chunks for already-tokenised query terms in one view. `termBoost` weighs individual
   * terms (e.g. bigrams and numbers above common syllables). Returns at most k matches, best first.
   */
  search(
    view: KeywordView,
    terms: string[],
    k: number,
    opts: { filter?: (label: number) => boolean; termBoost?: (term: string) => number } = {},
  ): KeywordMatch[] {
    if (terms.length === 0) return [];
    const unique = [...new Set(terms)];
    const results = this.mini.search(unique.join(' '), {
      fields: [view],
      bm25: BM25,
      ...(opts.filter ? { filter: (r: { id: number }) => opts.filter!(r.id) } : {}),
      ...(opts.termBoost ? { boostTerm: (t: string) => opts.termBoost!(t) } : {}),
    });
    const out: KeywordMatch[] = [];
    for (let i = 0; i < results.length && out.length < k; i++) {
      const r = results[i]!;
      out.push({ label: r.id as number, score: r.score });
    }
    return out;
  }
}
