/**
 * Hybrid retrieval: keyword views (exact-accent BM25, folded BM25) and the vector view,
 * restricted by the question's filters, fused with weighted reciprocal-rank fusion (RRF).
 *
 * Contracts:
 * - Filters are article-level and hard: a question naming a district (meeting number, term, congress)
 *   only ever sees chunks of articles whose event card matches. When no article matches, `hits` is empty
 *   and `emptyReason` names the filter that failed; callers must abstain, never fall back to other districts.
 * - Fused score = Σ_view weight_view / (RRF_K + rank_view), rank 1-based; higher = better.
 * - The exact view runs only for accented questions, so accent-exact matches add score on top of folded ones.
 */
import type { KeywordIndex } from '../index/keyword-index.js';
import type { StoredArticle } from '../index/store.js';
import type { VectorIndex } from '../index/vector-index.js';
import { fold } from '../text/normalize.js';
import { FOLDED_STOPWORDS } from '../text/tokenize.js';
import type { Chunk, Hit, RetrievalView } from '../types.js';
import type { QueryPlan } from './query.js';

/** The read-only parts of an index that retrieval needs (an IndexSnapshot satisfies it). */
export interface RetrievalIndex {
  articles: Map<string, StoredArticle>;
  chunks: Map<number, Chunk>;
  articleLabels: Map<string, number[]>;
  keyword: KeywordIndex;
  vectors: VectorIndex;
}

export type ScopeFailure = 'district' | 'meeting' | 'term' | 'congress';

export interface RetrievalResult {
  hits: Hit[];
  /** Labels of `hits`, same order. */
  labels: number[];
  /** Articles allowed by the filters (null = no filter). */
  scope: Set<string> | null;
  emptyReason: ScopeFailure | null;
}

export interface RetrieveOptions {
  k: number;
  /** Candidates taken from each view before fusion. */
  depth?: number;
  /** Views to use (ablation); default all. */
  views?: ReadonlySet<RetrievalView>;
  /** Disable filters (ablation). */
  noFilters?: boolean;
  weights?: Partial<Record<RetrievalView, number>>;
}

export const RRF_K = 60;
export const DEFAULT_WEIGHTS: Record<RetrievalView, number> = { exact: 1, folded: 1, vector: 0.5, bigram: 0, title: 0 };

/** Article ids allowed by the plan's filters, or null when the plan has none. */
export function scopeArticles(
  articles: Map<string, StoredArticle>,
  plan: QueryPlan,
): { scope: Set<string> | null; failure: ScopeFailure | null } {
  const checks: Array<[ScopeFailure, (a: StoredArticle) => boolean]> = [];
  if (plan.districts.length > 0) {
    const ids = new Set(plan.districts.map((d) => d.id));
    checks.push(['district', (a) => a.card.district !== null && ids.has(a.card.district.value.id)]);
  }
  if (plan.meetingNumber !== null) checks.push(['meeting', (a) => a.card.meetingNumber?.value === plan.meetingNumber]);
  if (plan.term !== null) checks.push(['term', (a) => a.card.term?.value === plan.term]);
  if (plan.congress !== null) checks.push(['congress', (a) => a.card.congress?.value === plan.congress]);
  if (checks.length === 0) return { scope: null, failure: null };
  let pool = [...articles.values()];
  for (const [name, ok] of checks) {
    pool = pool.filter(ok);
    if (pool.length === 0) return { scope: new Set(), failure: name };
  }
  return { scope: new Set(pool.map((a) => a.id)), failure: null };
}

function termBoost(term: string): number {
  if (/^\d/.test(term)) return 2;
  if (term.includes('_')) {
    const [a, b] = term.split('_');
    return FOLDED_STOPWORDS.has(fold(a!)) && FOLDED_STOPWORDS.has(fold(b!)) ? 0.7 : 1.6;
  }
  return FOLDED_STOPWORDS.has(fold(term)) ? 0.3 : 1;
}

export function retrieve(
  index: RetrievalIndex,
  plan: QueryPlan,
  queryVector: ArrayLike<number> | null,
  options: RetrieveOptions,
): RetrievalResult {
  const { scope, failure } = options.noFilters ? { scope: null, failure: null } : scopeArticles(index.articles, plan);
  if (failure) return { hits: [], labels: [], scope, emptyReason: failure };
  const filter = scope
    ? (label: number) => {
        const c = index.chunks.get(label);
        return c !== undefined && scope.has(c.meta.articleId);
      }
    : undefined;
  const depth = options.depth ?? 50;
  const views = options.views ?? new Set<RetrievalView>(['exact', 'folded', 'vector']);
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const ranked: Array<[RetrievalView, number[]]> = [];
  const kwOpts = { termBoost, ...(filter ? { filter } : {}) };

  if (views.has('exact') && plan.accented) {
    ranked.push(['exact', index.keyword.search('exact', plan.exactTerms, depth, kwOpts).map((m) => m.label)]);
  }
  if (views.has('folded')) {
    ranked.push(['folded', index.keyword.search('folded', plan.foldedTerms, depth, kwOpts).map((m) => m.label)]);
  }
  if (views.has('vector') && queryVector) {
    ranked.push(['vector', index.vectors.search(queryVector, depth, filter).map((m) => m.label)]);
  }

  const fused = new Map<number, { score: number; views: Partial<Record<RetrievalView, number>> }>();
  for (const [view, labels] of ranked) {
    labels.forEach((label, i) => {
      const entry = fused.get(label) ?? { score: 0, views: {} };
      entry.score += (weights[view] ?? 0) / (RRF_K + i + 1);
      entry.views[view] = i + 1;
      fused.set(label, entry);
    });
  }
  // A narrow scope (e.g. one district's articles) with no keyword overlap still yields its chunks, in order.
  if (scope && fused.size === 0) {
    let i = 0;
    for (const id of scope) {
      for (const label of index.articleLabels.get(id) ?? []) fused.set(label, { score: 1e-6 / ++i, views: {} });
    }
  }
  const ordered = [...fused.entries()].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]).slice(0, options.k);
  return {
    hits: ordered.map(([label, e]) => ({ chunk: index.chunks.get(label)!, score: e.score, views: e.views })),
    labels: ordered.map(([label]) => label),
    scope,
    emptyReason: null,
  };
}
