/**
 * Hybrid retrieval: keyword views (exact-accent BM25, folded BM25) and the vector view,
 * restricted by the question's filters, fused by weighted score (keyword views) and rank (vector view).
 *
 * Contracts:
 * - Filters are article-level and hard: a question naming a district (meeting number, term, congress)
 *   only ever sees chunks of articles whose event card matches; a question about the present moment
 *   ("hôm nay", "today": plan.liveFrom) only articles dated that day or later. When no article matches, `hits` is empty
 *   and `emptyReason` names the filter that failed; callers must abstain, never fall back to other districts.
 * - Fused score = Σ_keyword views weight_view / (RRF_K + 1) × bm25 / best bm25 of the view + weight_vector /
 *   (RRF_K + rank_vector), rank 1-based; higher = better. Keyword scores, not ranks: BM25 margins carry
 *   evidence that ranks drop (measured over all corpora, RRF → scores: ViQuAD passage hit@1 0.699 → 0.718,
 *   hit@5 0.859 → 0.869; own questions unchanged). The vector view's scores are cosine similarities on
 *   another scale, so it keeps RRF. Weights default to defaultWeights(index) (the offline hashed-vector view
 *   weighs 0); a view of weight 0 is not run.
 * - The exact view runs only for accented questions, so accent-exact matches add score on top of folded ones.
 * - Keyword terms are boosted by kind (termBoostFor: names of the question, compounds, stopwords).
 * - Coverage re-ranking: each fused candidate adds COVERAGE_WEIGHT / (RRF_K + 1) × its coverage (support.ts
 *   `coverage`) of the question's content units plus the question's numbers (NUMBER_COVERAGE × their IDF);
 *   a compound the candidate lacks earns the share of its syllables it holds. Measured over all corpora: share
 *   of whole units at weight 2: ViQuAD passage hit@1 0.629 → 0.691, hit@5 0.811 → 0.840, own hit@1 0.971 →
 *   0.983; syllable credit, numbers and weight 4 (analyzer 3, score fusion): ViQuAD hit@1 0.716 → 0.760,
 *   hit@5 0.878 → 0.897, own questions unchanged (weights 1.5–6, syllable credit 0.25–1, number weight 0.5–1
 *   tried).
 * - Subject match: a candidate whose article's whole short title (≤ SUBJECT_MAX_WORDS words, e.g. an encyclopedia
 *   page "Puerto Rico") the question names, capitalised words capitalised, gains SUBJECT_WEIGHT / (RRF_K + 1): the
 *   page about what the question is about. News titles are longer, so Party articles are unaffected. Measured
 *   over all corpora: ViQuAD hit@1 / hit@5 0.766 / 0.901 → 0.771 / 0.907, own questions unchanged (weights 0.5–3
 *   and titles of 3–6 words gave the same).
 */
import type { KeywordIndex, KeywordMatch } from '../index/keyword-index.js';
import type { StoredArticle } from '../index/store.js';
import type { VectorIndex } from '../index/vector-index.js';
import { fold } from '../text/normalize.js';
import { FOLDED_STOPWORDS } from '../text/tokenize.js';
import type { Chunk, Hit, RetrievalView } from '../types.js';
import { isFunctionSyllable, type QueryPlan } from './query.js';
import { chunkProbe, coverage, docFreq, idf, questionUnits, type SupportUnit } from './support.js';

/** The read-only parts of an index that retrieval needs (an IndexSnapshot satisfies it). */
export interface RetrievalIndex {
  articles: Map<string, StoredArticle>;
  /** Read-only: the index reads chunks on demand (a Map satisfies it). */
  chunks: ReadonlyMap<number, Chunk>;
  articleLabels: Map<string, number[]>;
  keyword: KeywordIndex;
  vectors: VectorIndex;
  /** Present on an IndexSnapshot: the embedder that built the vectors decides the vector view's weight. */
  manifest?: { embedder: { id: string } };
}

export type ScopeFailure = 'district' | 'meeting' | 'term' | 'congress' | 'live';

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
  /** Disable the coverage re-ranking (ablation). */
  noCoverage?: boolean;
  /** Disable the subject match (ablation). */
  noSubject?: boolean;
  weights?: Partial<Record<RetrievalView, number>>;
}

export const RRF_K = 60;
export const DEFAULT_WEIGHTS: Record<RetrievalView, number> = { exact: 1, folded: 1, vector: 0.5 };

/**
 * View weights for an index. The offline embedder ("local-hash-…": feature-hashed folded syllables, the
 * same evidence as the folded BM25 view without its IDF) is a weak ranker on its own (ViQuAD passage hit@1
 * 0.36 alone) and at 0.5 it pulled the fusion down (bundled + baomoi + ViQuAD passages: hit@1 0.571 vs 0.745
 * without it). With score fusion over all corpora (analyzer 3), weight 0.1 vs 0 moved ViQuAD hit@1 / hit@5
 * by one question each (0.718 / 0.880 vs 0.716 / 0.878; own questions unchanged) while the query embedding
 * and the exact vector scan cost about 3 ms of the ~11 ms CPU per answer, so its view is off by default (not
 * run, the question is not embedded). Model embeddings keep 0.5.
 */
export function defaultWeights(index: Pick<RetrievalIndex, 'manifest'>): Record<RetrievalView, number> {
  const local = index.manifest?.embedder.id.startsWith('local-') ?? false;
  return local ? { ...DEFAULT_WEIGHTS, vector: 0 } : DEFAULT_WEIGHTS;
}

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
  if (plan.liveFrom !== null) {
    const from = plan.liveFrom;
    checks.push(['live', (a) => (a.card.meetingDate?.value ?? a.publishedAt ?? '') >= from]);
  }
  if (checks.length === 0) return { scope: null, failure: null };
  let pool = [...articles.values()];
  for (const [name, ok] of checks) {
    pool = pool.filter(ok);
    if (pool.length === 0) return { scope: new Set(), failure: name };
  }
  return { scope: new Set(pool.map((a) => a.id)), failure: null };
}

/** BM25 boost of a capitalised name of the question ("Paris", "Puerto Rico"): the topic a passage must be about. */
export const NAME_BOOST = 2;
/** Weight of the coverage re-ranking, in RRF units (see the module contract). */
export const COVERAGE_WEIGHT = 4;
/** Weight of a number of the question ("1938", "2005") in the coverage, × its IDF: numbers mostly qualify a question. */
export const NUMBER_COVERAGE = 0.5;

/** Weight of the subject match, in RRF units (see `retrieve`). */
export const SUBJECT_WEIGHT = 2;
/** Titles of at most this many words can name a subject ("Puerto Rico", "Chiến tranh Vùng Vịnh"). */
export const SUBJECT_MAX_WORDS = 4;

interface SubjectTitle {
  /** Title words, folded (lowercase, no diacritics). */
  words: string[];
  /** Per word: printed with a capital initial. */
  caps: boolean[];
  articleIds: string[];
}

const subjectCache = new WeakMap<Map<string, StoredArticle>, Map<string, SubjectTitle[]>>();

/** Short article titles by their first folded word (built once per index: one pass over the titles). */
function subjectTitles(articles: Map<string, StoredArticle>): Map<string, SubjectTitle[]> {
  let byKey = subjectCache.get(articles);
  if (byKey) return byKey;
  const byTitle = new Map<string, SubjectTitle>();
  for (const a of articles.values()) {
    // Headlines (more than SUBJECT_MAX_WORDS + 1 space-separated parts) are not split at all.
    if (a.title.split(' ', SUBJECT_MAX_WORDS + 2).length > SUBJECT_MAX_WORDS + 1) continue;
    const printed = a.title.split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
    if (printed.length === 0 || printed.length > SUBJECT_MAX_WORDS) continue;
    const words = printed.map((w) => fold(w.toLowerCase()));
    const key = words.join(' ');
    const entry = byTitle.get(key) ?? { words, caps: printed.map((w) => /^\p{Lu}/u.test(w)), articleIds: [] };
    entry.articleIds.push(a.id);
    byTitle.set(key, entry);
  }
  byKey = new Map();
  for (const t of byTitle.values()) {
    const list = byKey.get(t.words[0]!);
    if (list) list.push(t);
    else byKey.set(t.words[0]!, [t]);
  }
  subjectCache.set(articles, byKey);
  return byKey;
}

/**
 * Labels of the articles whose whole short title (≤ SUBJECT_MAX_WORDS words) the question names, word for word,
 * with each capitalised title word capitalised in the question too ("loài kiến" does not name the page "Kiến").
 */
function namedSubjectLabels(index: RetrievalIndex, plan: QueryPlan): Set<number> {
  const titles = subjectTitles(index.articles);
  const out = new Set<number>();
  if (titles.size === 0) return out;
  const printed = plan.question.split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
  const words = printed.map((w) => fold(w.toLowerCase()));
  for (let i = 0; i < words.length; i++) {
    for (const t of titles.get(words[i]!) ?? []) {
      const matches = t.words.every((w, j) => words[i + j] === w && (!t.caps[j] || /^\p{Lu}/u.test(printed[i + j]!)));
      if (matches) for (const id of t.articleIds) for (const label of index.articleLabels.get(id) ?? []) out.add(label);
    }
  }
  return out;
}

/**
 * Per-term BM25 boosts. Numbers 2. Names of the question (capitalised syllables and pairs of them)
 * NAME_BOOST (× 1.6 for a pair). Pairs: a pair of two stopwords that is not a compound of the question 0.7,
 * any other 1.6. Syllables: function words and stopwords 0.3, others 1. (Measured on own + ViQuAD questions
 * over all corpora: lowering accidental pairs (0.3, 0.8), pairs with a question word (0.3, 0.7) or raising
 * compounds (2.5) all lowered passage hit@1/hit@5: adjacent pairs also carry word order.)
 */
export function termBoostFor(compounds: ReadonlySet<string>, names: ReadonlySet<string> = new Set()): (term: string) => number {
  return (term: string) => {
    if (/^\d/.test(term)) return 2;
    const folded = fold(term);
    if (names.has(folded)) return NAME_BOOST * (term.includes('_') ? 1.6 : 1);
    if (term.includes('_')) {
      if (compounds.has(folded)) return 1.6;
      const [a, b] = folded.split('_');
      return FOLDED_STOPWORDS.has(a!) && FOLDED_STOPWORDS.has(b!) ? 0.7 : 1.6;
    }
    return isFunctionSyllable(term) || FOLDED_STOPWORDS.has(folded) ? 0.3 : 1;
  };
}

/** Folded names of the question: capitalised syllables and pairs of adjacent capitalised syllables. */
function questionNames(plan: QueryPlan): Set<string> {
  const names = new Set<string>();
  plan.clauses.forEach((syl, ci) =>
    syl.forEach((s, i) => {
      if (!plan.clauseCaps[ci]?.[i]) return;
      names.add(fold(s));
      if (plan.clauseCaps[ci]?.[i + 1]) names.add(fold(`${s}_${syl[i + 1]}`));
    }),
  );
  return names;
}

export function retrieve(
  index: RetrievalIndex,
  plan: QueryPlan,
  queryVector: ArrayLike<number> | null,
  options: RetrieveOptions,
): RetrievalResult {
  const { scope, failure } = options.noFilters ? { scope: null, failure: null } : scopeArticles(index.articles, plan);
  if (failure) return { hits: [], labels: [], scope, emptyReason: failure };
  // The scope as a set of labels: both indexes apply it to every candidate before ranking.
  let filter: Set<number> | undefined;
  if (scope) {
    filter = new Set<number>();
    for (const id of scope) for (const label of index.articleLabels.get(id) ?? []) filter.add(label);
  }
  const depth = options.depth ?? 50;
  const views = options.views ?? new Set<RetrievalView>(['exact', 'folded', 'vector']);
  const weights = { ...defaultWeights(index), ...options.weights };
  const scored: Array<[RetrievalView, KeywordMatch[]]> = [];
  const ranked: Array<[RetrievalView, number[]]> = [];
  const { seg, units } = questionUnits(index, plan);
  const compounds = new Set(seg.compounds.map((c) => fold(c)));
  const kwOpts = { termBoost: termBoostFor(compounds, questionNames(plan)), ...(filter ? { filter } : {}) };

  // A view with weight 0 cannot change the fused order: it is not run.
  if (views.has('exact') && plan.accented && weights.exact > 0) {
    scored.push(['exact', index.keyword.search('exact', plan.exactTerms, depth, kwOpts)]);
  }
  if (views.has('folded') && weights.folded > 0) {
    scored.push(['folded', index.keyword.search('folded', plan.foldedTerms, depth, kwOpts)]);
  }
  if (views.has('vector') && queryVector && weights.vector > 0) {
    ranked.push(['vector', index.vectors.search(queryVector, depth, filter).map((m) => m.label)]);
  }

  const fused = new Map<number, { score: number; views: Partial<Record<RetrievalView, number>> }>();
  const add = (label: number, view: RetrievalView, rank: number, score: number) => {
    const entry = fused.get(label) ?? { score: 0, views: {} };
    entry.score += score;
    entry.views[view] = rank;
    fused.set(label, entry);
  };
  // Keyword views: their BM25 scores, each divided by the view's best (so the best weighs as a rank-1 RRF term).
  for (const [view, matches] of scored) {
    const best = matches[0]?.score ?? 0;
    if (best > 0) matches.forEach((m, i) => add(m.label, view, i + 1, ((weights[view] ?? 0) / (RRF_K + 1)) * (m.score / best)));
  }
  for (const [view, labels] of ranked) labels.forEach((label, i) => add(label, view, i + 1, (weights[view] ?? 0) / (RRF_K + i + 1)));
  // A narrow scope (e.g. one district's articles) with no keyword overlap still yields its chunks, in order.
  if (scope && fused.size === 0) {
    let i = 0;
    for (const id of scope) {
      for (const label of index.articleLabels.get(id) ?? []) fused.set(label, { score: 1e-6 / ++i, views: {} });
    }
  }
  // Coverage re-ranking: every candidate gains COVERAGE_WEIGHT / (RRF_K + 1) × the IDF-weighted coverage of the
  // question's content units and numbers (support.ts), a length-independent signal BM25 lacks.
  if (!options.noCoverage && units.length > 0) {
    const n = Math.max(1, index.chunks.size);
    const covered = [
      ...units,
      ...plan.requiredNumbers.map((term): SupportUnit => {
        const df = docFreq(index, term);
        return { term, kind: 'single', df, weight: NUMBER_COVERAGE * idf(n, df) };
      }),
    ];
    for (const [label, e] of fused) {
      // chunkProbe answers from the keyword index (= chunkTokens of the chunk, without reading or tokenising it).
      if (index.chunks.has(label)) e.score += (COVERAGE_WEIGHT / (RRF_K + 1)) * coverage(covered, chunkProbe(index, label));
    }
  }
  // Subject match: a candidate of an article whose whole short title the question names ("Puerto Rico") gains
  // SUBJECT_WEIGHT / (RRF_K + 1).
  if (!options.noSubject && fused.size > 0) {
    const subjects = namedSubjectLabels(index, plan);
    if (subjects.size > 0) for (const [label, e] of fused) if (subjects.has(label)) e.score += SUBJECT_WEIGHT / (RRF_K + 1);
  }
  const ordered = [...fused.entries()].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]).slice(0, options.k);
  return {
    hits: ordered.map(([label, e]) => ({ chunk: index.chunks.get(label)!, score: e.score, views: e.views })),
    labels: ordered.map(([label]) => label),
    scope,
    emptyReason: null,
  };
}
