/**
 * Retrieval ablation: the same questions retrieved with views or filters switched off.
 *
 * Contracts:
 * - Each configuration runs `retrieve` only (no answerer), with `k` chunks; the ranking is the distinct
 *   article ids of the hits in order. Follow-ups are resolved with their context first, as the answerer does.
 * - The first row is the production configuration (defaultWeights: with the offline embedder the vector view
 *   weighs 0 and is not run; "+ vector view at 0.1 / 0.5" show what it would add). The exact view only runs for accented
 *   questions (see hybrid.ts), so "− exact" changes nothing for unaccented ones and "exact only" finds
 *   nothing for them.
 */
import { retrieve, type RetrievalIndex } from '../retrieve/hybrid.js';
import type { QueryPlan } from '../retrieve/query.js';
import type { RetrievalView } from '../types.js';

export interface AblationConfig {
  name: string;
  /** Views used; undefined = all. */
  views?: readonly RetrievalView[];
  noFilters?: boolean;
  noCoverage?: boolean;
  noSubject?: boolean;
  /** Weight overrides (a single-view row weighs its view 1 even when production weighs it 0). */
  weights?: Partial<Record<RetrievalView, number>>;
}

export const ABLATIONS: readonly AblationConfig[] = [
  { name: 'production (default weights + filters)' },
  { name: '+ vector view at 0.1', weights: { vector: 0.1 } },
  { name: '+ vector view at 0.5', weights: { vector: 0.5 } },
  { name: '− exact view', views: ['folded', 'vector'] },
  { name: '− folded view', views: ['exact', 'vector'] },
  { name: '− filters', noFilters: true },
  { name: '− coverage re-ranking', noCoverage: true },
  { name: '− subject match', noSubject: true },
  { name: 'vector view only', views: ['vector'], weights: { vector: 1 } },
];

/** Distinct article ids of the chunks retrieved under `config`, best first. */
export function ablationRanking(
  index: RetrievalIndex,
  plan: QueryPlan,
  vector: ArrayLike<number> | null,
  config: AblationConfig,
  k = 50,
): string[] {
  const result = retrieve(index, plan, vector, {
    k,
    ...(config.views ? { views: new Set(config.views) } : {}),
    ...(config.noFilters ? { noFilters: true } : {}),
    ...(config.noCoverage ? { noCoverage: true } : {}),
    ...(config.noSubject ? { noSubject: true } : {}),
    ...(config.weights ? { weights: config.weights } : {}),
  });
  const ids: string[] = [];
  for (const h of result.hits) if (!ids.includes(h.chunk.meta.articleId)) ids.push(h.chunk.meta.articleId);
  return ids;
}
