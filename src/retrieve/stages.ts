/**
 * The stages of hybrid retrieval: views → fusion → rerankers. Each stage is named, so an ablation leaves a
 * stage out (`omit`) instead of setting a flag.
 *
 * Contracts:
 * - Views: exact-accent BM25 (accented questions only, so accent-exact matches add score on top of folded ones),
 *   folded BM25, and the vector view (only with a query vector). A view whose weight is 0 is not run. Keyword
 *   terms are boosted by kind (termBoostFor). Every view applies the scope's label filter before ranking.
 * - Fusion: Σ over keyword views of weight / (rrfK + 1) × bm25 / the view's best bm25 (scores, not ranks: BM25
 *   margins carry evidence that ranks drop), plus the vector view by rank: weight / (rrfK + rank), rank 1-based.
 *   A scope with no keyword overlap still yields its chunks, in order, with tiny scores.
 * - Coverage reranker: every candidate gains coverageWeight / (rrfK + 1) × its coverage (support.ts) of the
 *   question's content units plus the question's numbers (numberCoverage × their IDF); a compound the passage lacks
 *   earns the share of its syllables it holds.
 * - Subject reranker: a candidate of an article whose whole short title (≤ subjectMaxWords words, e.g. an
 *   encyclopedia page "Puerto Rico") the question names, each capitalised title word capitalised in the question
 *   too, gains subjectWeight / (rrfK + 1). News titles are longer, so Party articles are unaffected.
 */
import { fold } from '../text/normalize.js';
import { FOLDED_STOPWORDS } from '../text/tokenize.js';
import type { ArticleRow, RetrievalView } from '../types.js';
import type { KeywordSearchOptions } from '../index/keyword-index.js';
import type { IndexReader, KeywordMatch } from './ports.js';
import type { QueryPlan } from './query/plan.js';
import { isFunctionSyllable } from './query/words.js';
import { coverage, coverageBounds, type Evidence, type SupportUnit } from './support.js';
import { TopK } from '../index/labels.js';
import type { RetrievalTuning } from './tuning.js';

export type StageName = RetrievalView | 'filters' | 'coverage' | 'subject';

/** Everything a stage may read for one question. */
export interface StageContext {
  index: IndexReader;
  evidence: Evidence;
  plan: QueryPlan;
  tuning: RetrievalTuning;
  weights: Record<RetrievalView, number>;
  /** The scope as chunk labels (undefined: no filter). */
  filter: Set<number> | undefined;
  scope: Set<string> | null;
  vector: ArrayLike<number> | null;
  subjects: () => SubjectTitles;
  /** Options of both keyword views (keywordOptions). */
  keyword: KeywordSearchOptions;
}

export interface Candidate {
  score: number;
  views: Partial<Record<RetrievalView, number>>;
}
export type Candidates = Map<number, Candidate>;

/** One view's matches: BM25 scores (keyword views) or a ranking (vector view, `score` unused). */
export interface ViewResult {
  view: RetrievalView;
  by: 'score' | 'rank';
  matches: KeywordMatch[];
}

export interface ViewStage {
  name: RetrievalView;
  /** Null when the view does not run for this question. */
  run(ctx: StageContext): ViewResult | null;
}

/** A reranker's bonus for one question, per candidate label. */
export interface RerankBonus {
  /** The bonus added to the candidate's score. */
  exact(label: number): number;
  /**
   * Cheap bounds [lo, hi] of `exact(label)`; lo = hi means they are the exact bonus, bit for bit. Absent: `exact` is
   * cheap.
   */
  bounds?(label: number): [lo: number, hi: number];
}

export interface Reranker {
  name: 'coverage' | 'subject';
  /** This question's bonus (null: none); the candidates are the fused ones it will be asked about. */
  prepare(ctx: StageContext, candidates: Candidates): RerankBonus | null;
}

/** BM25 per-term boosts by kind (see RetrievalTuning.boost). */
export function termBoostFor(
  boost: RetrievalTuning['boost'],
  compounds: ReadonlySet<string>,
  names: ReadonlySet<string> = new Set(),
): (term: string) => number {
  return (term: string) => {
    if (/^\d/.test(term)) return boost.number;
    const folded = fold(term);
    if (names.has(folded)) return boost.name * (term.includes('_') ? boost.namePairFactor : 1);
    if (term.includes('_')) {
      if (compounds.has(folded)) return boost.pair;
      const [a, b] = folded.split('_');
      return FOLDED_STOPWORDS.has(a!) && FOLDED_STOPWORDS.has(b!) ? boost.stopPair : boost.pair;
    }
    return isFunctionSyllable(term) || FOLDED_STOPWORDS.has(folded) ? boost.stopSyllable : boost.syllable;
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

/** The keyword views' options for a question: term boosts (its compounds and names) and the scope's filter. */
export function keywordOptions(ctx: Omit<StageContext, 'keyword'>): KeywordSearchOptions {
  const compounds = new Set(ctx.evidence.questionUnits(ctx.plan).seg.compounds.map((c) => fold(c)));
  return { termBoost: termBoostFor(ctx.tuning.boost, compounds, questionNames(ctx.plan)), ...(ctx.filter ? { filter: ctx.filter } : {}) };
}

export const VIEWS: readonly ViewStage[] = [
  {
    name: 'exact',
    run: (ctx) =>
      ctx.plan.accented && ctx.weights.exact > 0
        ? { view: 'exact', by: 'score', matches: ctx.index.keyword.search('exact', ctx.plan.exactTerms, ctx.tuning.depth, ctx.keyword) }
        : null,
  },
  {
    name: 'folded',
    run: (ctx) =>
      ctx.weights.folded > 0
        ? { view: 'folded', by: 'score', matches: ctx.index.keyword.search('folded', ctx.plan.foldedTerms, ctx.tuning.depth, ctx.keyword) }
        : null,
  },
  {
    name: 'vector',
    run: (ctx) =>
      ctx.vector && ctx.weights.vector > 0
        ? { view: 'vector', by: 'rank', matches: ctx.index.vectors.search(ctx.vector, ctx.tuning.depth, ctx.filter).map((m) => ({ label: m.label, score: 0 })) }
        : null,
  },
];

/** Fusion of the views' results (see the module contract). */
export function fuse(ctx: StageContext, results: readonly ViewResult[]): Candidates {
  const { rrfK } = ctx.tuning;
  const fused: Candidates = new Map();
  const add = (label: number, view: RetrievalView, rank: number, score: number) => {
    const entry = fused.get(label) ?? { score: 0, views: {} };
    entry.score += score;
    entry.views[view] = rank;
    fused.set(label, entry);
  };
  for (const r of results) {
    if (r.by !== 'score') continue;
    const best = r.matches[0]?.score ?? 0;
    if (best > 0) r.matches.forEach((m, i) => add(m.label, r.view, i + 1, (ctx.weights[r.view] / (rrfK + 1)) * (m.score / best)));
  }
  for (const r of results) {
    if (r.by === 'rank') r.matches.forEach((m, i) => add(m.label, r.view, i + 1, ctx.weights[r.view] / (rrfK + i + 1)));
  }
  if (ctx.scope && fused.size === 0) {
    let i = 0;
    for (const id of ctx.scope) {
      for (const label of ctx.index.articleLabels.get(id) ?? []) fused.set(label, { score: 1e-6 / ++i, views: {} });
    }
  }
  return fused;
}

export const RERANKERS: readonly Reranker[] = [
  {
    name: 'coverage',
    prepare(ctx) {
      const units = ctx.evidence.units(ctx.plan);
      if (units.length === 0) return null;
      const covered: SupportUnit[] = [
        ...units,
        ...ctx.plan.requiredNumbers.map((term): SupportUnit => {
          const df = ctx.evidence.docFreq(term);
          return { term, kind: 'single', df, weight: ctx.tuning.numberCoverage * ctx.evidence.idf(term) };
        }),
      ];
      const w = ctx.tuning.coverageWeight / (ctx.tuning.rrfK + 1);
      // The probes answer as chunkTokens of the chunk would, from doclists where cheap (support.ts).
      const indexed = (label: number) => ctx.index.chunks.has(label);
      return {
        exact: (label) => (indexed(label) ? w * coverage(covered, ctx.evidence.chunkProbe(label)) : 0),
        bounds: (label) => {
          if (!indexed(label)) return [0, 0];
          const [lo, hi] = coverageBounds(covered, ctx.evidence.partialChunkProbe(label));
          return [w * lo, w * hi];
        },
      };
    },
  },
  {
    name: 'subject',
    prepare(ctx, candidates) {
      if (candidates.size === 0) return null;
      const labels = namedSubjectLabels(ctx);
      if (labels.size === 0) return null;
      const w = ctx.tuning.subjectWeight / (ctx.tuning.rrfK + 1);
      return { exact: (label) => (labels.has(label) ? w : 0) };
    },
  },
];

/**
 * The k best candidates after the rerankers, best first (score desc, ties by the smaller label), each with its
 * final score: the fused score plus every bonus in stage order — the same additions as scoring every candidate in
 * full, so the same k candidates, scores and order. A candidate's exact bonuses are computed only when the upper
 * bound of its final score (from the bonuses' cheap bounds) could still reach the k best found so far (top-k safe
 * pruning, for the coverage probes of common terms); the others keep partial scores in `candidates`.
 */
export function rankCandidates(candidates: Candidates, bonuses: readonly RerankBonus[], k: number): Array<[number, Candidate]> {
  const top = new TopK(Math.max(1, k));
  const pending: Array<{ label: number; entry: Candidate; hi: number }> = [];
  for (const [label, entry] of candidates) {
    let lo = entry.score;
    let hi = entry.score;
    for (const b of bonuses) {
      const [l, h] = b.bounds ? b.bounds(label) : [b.exact(label), b.exact(label)];
      lo += l;
      hi += h;
    }
    if (lo === hi) {
      entry.score = lo;
      top.push(lo, label);
    } else {
      pending.push({ label, entry, hi });
    }
  }
  pending.sort((a, b) => b.hi - a.hi || a.label - b.label);
  for (const { label, entry, hi } of pending) {
    // Below the k-th best (a tie could still win on its label): neither it nor any later one can enter.
    if (hi < top.minScore()) break;
    let score = entry.score;
    for (const b of bonuses) score += b.exact(label);
    entry.score = score;
    top.push(score, label);
  }
  if (k <= 0) return [];
  return top.sorted().map(([label]) => [label, candidates.get(label)!]);
}

interface SubjectTitle {
  /** Title words, folded (lowercase, no diacritics). */
  words: string[];
  /** Per word: printed with a capital initial. */
  caps: boolean[];
  articleIds: string[];
}

/** Short article titles by their first folded word. */
export type SubjectTitles = Map<string, SubjectTitle[]>;

/** One pass over the titles (headlines longer than maxWords + 1 space-separated parts are not split at all). */
export function subjectTitles(rows: Iterable<ArticleRow>, maxWords: number): SubjectTitles {
  const byTitle = new Map<string, SubjectTitle>();
  for (const a of rows) {
    if (a.title.split(' ', maxWords + 2).length > maxWords + 1) continue;
    const printed = a.title.split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
    if (printed.length === 0 || printed.length > maxWords) continue;
    const words = printed.map((w) => fold(w.toLowerCase()));
    const key = words.join(' ');
    const entry = byTitle.get(key) ?? { words, caps: printed.map((w) => /^\p{Lu}/u.test(w)), articleIds: [] };
    entry.articleIds.push(a.id);
    byTitle.set(key, entry);
  }
  const byKey: SubjectTitles = new Map();
  for (const t of byTitle.values()) {
    const list = byKey.get(t.words[0]!);
    if (list) list.push(t);
    else byKey.set(t.words[0]!, [t]);
  }
  return byKey;
}

/** Labels of the articles whose whole short title the question names (see the module contract). */
function namedSubjectLabels(ctx: StageContext): Set<number> {
  const titles = ctx.subjects();
  const out = new Set<number>();
  if (titles.size === 0) return out;
  const printed = ctx.plan.question.split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
  const words = printed.map((w) => fold(w.toLowerCase()));
  for (let i = 0; i < words.length; i++) {
    for (const t of titles.get(words[i]!) ?? []) {
      const matches = t.words.every((w, j) => words[i + j] === w && (!t.caps[j] || /^\p{Lu}/u.test(printed[i + j]!)));
      if (matches) for (const id of t.articleIds) for (const label of ctx.index.articleLabels.get(id) ?? []) out.add(label);
    }
  }
  return out;
}
