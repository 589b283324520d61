/**
 * Every tuning constant of the retrieval layer, in one typed object. `createRetriever` takes overrides
 * (eval varies them); the defaults are what production runs. What each value was measured against, and what
 * else was tried, is in docs/tuning.md.
 *
 * Units: weights of the fused score are in "RRF units": a weight w adds w / (rrfK + 1), what a rank-1 hit of a
 * view of weight w adds.
 */
import type { RetrievalView } from '../types.js';

export interface RetrievalTuning {
  /** Reciprocal-rank constant k of 1 / (k + rank). */
  rrfK: number;
  /** View weights with model embeddings; the offline hashed embedder's vector view weighs `localVectorWeight`. */
  weights: Record<RetrievalView, number>;
  /** Vector view weight when the index was built by the offline hashed embedder (0: the view is not run). */
  localVectorWeight: number;
  /** Candidates taken from each view before fusion. */
  depth: number;
  /** BM25 per-term boosts (termBoostFor). */
  boost: {
    number: number;
    /** A capitalised name of the question ("Paris"); × namePairFactor for a pair of names ("puerto_rico"). */
    name: number;
    namePairFactor: number;
    /** A syllable pair that is not two stopwords, or a compound of the question. */
    pair: number;
    /** A pair of two stopwords that is not a compound. */
    stopPair: number;
    /** A function word or stopword syllable. */
    stopSyllable: number;
    /** Any other syllable. */
    syllable: number;
  };
  /** Coverage re-ranking weight (RRF units) and the weight of the question's numbers in it (× their IDF). */
  coverageWeight: number;
  numberCoverage: number;
  /** Subject match: weight (RRF units) and the longest title (words) that names a subject. */
  subjectWeight: number;
  subjectMaxWords: number;
}

export const DEFAULT_RETRIEVAL_TUNING: Readonly<RetrievalTuning> = Object.freeze({
  rrfK: 60,
  weights: { exact: 1, folded: 1, vector: 0.5 },
  localVectorWeight: 0,
  depth: 50,
  boost: { number: 2, name: 2, namePairFactor: 1.6, pair: 1.6, stopPair: 0.7, stopSyllable: 0.3, syllable: 1 },
  coverageWeight: 4,
  numberCoverage: 0.5,
  subjectWeight: 2,
  subjectMaxWords: 4,
});

/** Overrides merged onto the defaults (nested objects merged one level deep). */
export function retrievalTuning(overrides: Partial<RetrievalTuning> = {}): RetrievalTuning {
  const d = DEFAULT_RETRIEVAL_TUNING;
  return {
    ...d,
    ...overrides,
    weights: { ...d.weights, ...overrides.weights },
    boost: { ...d.boost, ...overrides.boost },
  };
}

/**
 * Sentence-scoring weight of a question term (QueryPlan.termWeights), by kind: a pair of content syllables, a
 * pair with one or two stopwords or filter tokens, a number the answer must hold, a number consumed by a filter,
 * a stopword syllable, a content syllable. Filter tokens alone weigh 0.
 */
export const TERM_WEIGHT = Object.freeze({
  pair: 2,
  pairOneStop: 0.6,
  pairTwoStops: 0.15,
  number: 1,
  filterNumber: 0.3,
  stopword: 0.1,
  syllable: 1,
});
