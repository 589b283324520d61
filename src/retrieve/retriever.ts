/**
 * The retrieval port the answer layer talks to: one object per index snapshot that retrieves a plan, scopes
 * articles by the plan's filters, and gives the lexical evidence of passages and articles.
 *
 * Contracts:
 * - `retrieve` runs the stages of stages.ts in order: filters → views → fusion → rerankers → top k. Filters are
 *   hard (scope.ts): when no article matches, `hits` is empty and `emptyReason` names the filter that failed.
 * - The question is embedded only when the vector view weighs (`wantsVector`): with the offline hashed embedder it
 *   weighs `localVectorWeight` (0: not run, not embedded); an index without vectors (embedder "none") weighs it 0.
 *   An embedding failure means keyword-only retrieval.
 * - `retrieveWith` is the same with a given query vector (null: none), synchronous; eval, ablation and the bench use it.
 * - Caches (document frequencies, question units, short titles) live on this object: they go with the snapshot.
 */
import { KEYWORD_ONLY_ID } from '../providers/no-embeddings.js';
import { baseEntries, createGazetteer, type Gazetteer, type GazetteerEntry } from '../text/gazetteer.js';
import { foldedTokens } from '../text/tokenize.js';
import type { ArticleRow, Chunk, Hit, RetrievalView, Unit } from '../types.js';
import type { ArticleSource } from '../index/article-rows.js';
import type { IndexReader } from './ports.js';
import type { QueryPlan } from './query/plan.js';
import { scopeArticles, type PrintedIn, type Scope, type ScopeFailure } from './scope.js';
import { fuse, keywordOptions, rankCandidates, RERANKERS, subjectTitles, VIEWS, type StageContext, type StageName, type SubjectTitles } from './stages.js';
import { Evidence } from './support.js';
import { retrievalTuning, type RetrievalTuning } from './tuning.js';

export interface RetrievalResult {
  hits: Hit[];
  /** Labels of `hits`, same order. */
  labels: number[];
  /** Articles allowed by the filters (null = no filter). */
  scope: Set<string> | null;
  emptyReason: ScopeFailure | null;
  /** The articles of the question's units, when a later filter left none (what a refusal can offer). */
  unitArticles?: Set<string>;
  /** A scope read from text: the unit's printed forms an answer's passage must hold (see scope.ts). */
  printedUnit?: string[][];
}

export interface RetrieveOptions {
  k: number;
  /** Candidates taken from each view before fusion (default: tuning.depth). */
  depth?: number;
  /** Stages left out (ablation). */
  omit?: readonly StageName[];
  /** View weight overrides (a single-view ablation row weighs its view 1 even when production weighs it 0). */
  weights?: Partial<Record<RetrievalView, number>>;
}

export interface RetrieverOptions {
  /** Query embedding; null → keyword-only retrieval. */
  embedQuery?: ((text: string) => Promise<ArrayLike<number>>) | null;
  tuning?: Partial<RetrievalTuning>;
}

export interface Retriever {
  /** Every article's row (filters, listings) and full articles by id. */
  readonly articles: ArticleSource;
  /** The units this index covers, with the country's districts and provinces (built on first use). */
  readonly gazetteer: Gazetteer;
  readonly evidence: Evidence;
  readonly tuning: RetrievalTuning;
  /** Article ids allowed by the plan's filters. */
  scope(plan: QueryPlan): Scope;
  /** The view weights retrieval uses, with `overrides`. */
  weights(overrides?: Partial<Record<RetrievalView, number>>): Record<RetrievalView, number>;
  /** Whether the question must be embedded (the vector view weighs). */
  wantsVector(overrides?: Partial<Record<RetrievalView, number>>): boolean;
  retrieve(plan: QueryPlan, options: RetrieveOptions): Promise<RetrievalResult>;
  retrieveWith(plan: QueryPlan, vector: ArrayLike<number> | null, options: RetrieveOptions): RetrievalResult;
  /** The article's chunks, in order. */
  chunksOf(articleId: string): Chunk[];
  /** The chunk of an article that contains `sentence` verbatim, else the one sharing most tokens with it. */
  chunkForSentence(articleId: string, sentence: string): Chunk | null;
}

export function createRetriever(index: IndexReader, options: RetrieverOptions = {}): Retriever {
  const tuning = retrievalTuning(options.tuning);
  const evidence = new Evidence(index);
  const embedderId = index.manifest?.embedder.id ?? '';
  const local = embedderId.startsWith('local-');
  const baseWeights: Record<RetrievalView, number> =
    embedderId === KEYWORD_ONLY_ID
      ? { ...tuning.weights, vector: 0 }
      : local
        ? { ...tuning.weights, vector: tuning.localVectorWeight }
        : tuning.weights;
  let titles: SubjectTitles | null = null;
  let gazetteer: Gazetteer | null = null;
  const printedIn: PrintedIn = (term) => evidence.articlesWith(term);
  const subjects = () => (titles ??= subjectTitles(index.articles.rows, tuning.subjectMaxWords));
  const weights = (overrides?: Partial<Record<RetrievalView, number>>) => ({ ...baseWeights, ...overrides });

  const retrieveWith = (plan: QueryPlan, vector: ArrayLike<number> | null, o: RetrieveOptions): RetrievalResult => {
    const omit = new Set(o.omit ?? []);
    const { scope, failure, unitArticles, printedUnit } = omit.has('filters')
      ? { scope: null, failure: null, unitArticles: undefined, printedUnit: undefined }
      : scopeArticles(index.articles.rows, plan, printedIn);
    if (failure) return { hits: [], labels: [], scope, emptyReason: failure, ...(unitArticles ? { unitArticles } : {}) };
    // The scope as a set of labels: both indexes apply it to every candidate before ranking.
    let filter: Set<number> | undefined;
    if (scope) {
      filter = new Set<number>();
      for (const id of scope) for (const label of index.articleLabels.get(id) ?? []) filter.add(label);
    }
    const base = {
      index,
      evidence,
      plan,
      tuning: o.depth === undefined ? tuning : { ...tuning, depth: o.depth },
      weights: weights(o.weights),
      filter,
      scope,
      vector,
      subjects,
    };
    const ctx: StageContext = { ...base, keyword: keywordOptions(base) };
    const results = VIEWS.filter((v) => !omit.has(v.name)).flatMap((v) => v.run(ctx) ?? []);
    const candidates = fuse(ctx, results);
    const bonuses = RERANKERS.filter((r) => !omit.has(r.name)).flatMap((r) => r.prepare(ctx, candidates) ?? []);
    const ordered = rankCandidates(candidates, bonuses, o.k);
    return {
      hits: ordered.map(([label, e]) => ({ chunk: index.chunks.get(label)!, score: e.score, views: e.views })),
      labels: ordered.map(([label]) => label),
      scope,
      emptyReason: null,
      ...(printedUnit ? { printedUnit } : {}),
    };
  };

  const chunksOf = (articleId: string): Chunk[] =>
    (index.articleLabels.get(articleId) ?? []).map((label) => index.chunks.get(label)).filter((c): c is Chunk => c !== undefined);

  return {
    articles: index.articles,
    get gazetteer() {
      return (gazetteer ??= unitGazetteer(index.articles.rows));
    },
    evidence,
    tuning,
    scope: (plan) => scopeArticles(index.articles.rows, plan, printedIn),
    weights,
    wantsVector: (overrides) => Boolean(options.embedQuery) && weights(overrides).vector > 0,
    async retrieve(plan, o) {
      let vector: ArrayLike<number> | null = null;
      if (options.embedQuery && weights(o.weights).vector > 0 && !o.omit?.includes('vector')) {
        try {
          vector = await options.embedQuery(plan.text);
        } catch {
          vector = null; // keyword-only retrieval
        }
      }
      return retrieveWith(plan, vector, o);
    },
    retrieveWith,
    chunksOf,
    chunkForSentence(articleId, sentence) {
      let best: Chunk | null = null;
      let bestOverlap = -1;
      const want = new Set(foldedTokens(sentence));
      for (const chunk of chunksOf(articleId)) {
        if (chunk.text.includes(sentence)) return chunk;
        let overlap = 0;
        for (const t of foldedTokens(chunk.text)) if (want.has(t)) overlap++;
        if (overlap > bestOverlap) {
          bestOverlap = overlap;
          best = chunk;
        }
      }
      return best;
    },
  };
}

/**
 * The gazetteer of an index: every unit its cards report (covered; a unit's province is the one most of its cards
 * give), then the country's districts and provinces and the byline abbreviations.
 */
export function unitGazetteer(rows: Iterable<ArticleRow>): Gazetteer {
  const byId = new Map<string, { unit: Unit; provinces: Map<string, number> }>();
  for (const r of rows) {
    const u = r.unit;
    if (!u || r.foreignUnit) continue;
    const entry = byId.get(u.id) ?? { unit: u, provinces: new Map<string, number>() };
    if (u.province) entry.provinces.set(u.province, (entry.provinces.get(u.province) ?? 0) + 1);
    byId.set(u.id, entry);
  }
  const covered: GazetteerEntry[] = [...byId.values()].map(({ unit, provinces }) => {
    const province = [...provinces].sort((a, b) => b[1] - a[1])[0]?.[0] ?? unit.province;
    return { unit: { ...unit, province }, covered: true };
  });
  const base = baseEntries().filter((e) => !byId.has(e.unit.id));
  const abbreviations = new Map(baseEntries().filter((e) => e.abbreviations).map((e) => [e.unit.id, e.abbreviations!]));
  return createGazetteer([...covered.map((e) => (abbreviations.has(e.unit.id) ? { ...e, abbreviations: abbreviations.get(e.unit.id)! } : e)), ...base]);
}
