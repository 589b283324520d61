/**
 * Retrieval ablation: the same questions retrieved with views or filters switched off.
 *
 * Contracts:
 * - Each configuration runs retrieval only (the retriever's `retrieveWith`, no answerer), leaving stages out, with `k` chunks; the ranking is the distinct
 *   article ids of the hits in order. Follow-ups are resolved with their context first, as the answerer does.
 * - The first row is the production configuration (defaultWeights: with the offline embedder the vector view
 *   weighs 0 and is not run; "+ vector view at 0.1 / 0.5" show what it would add). The exact view only runs for accented
 *   questions (see hybrid.ts), so "− exact" changes nothing for unaccented ones and "exact only" finds
 *   nothing for them.
 */
import type { QueryPlan } from '../retrieve/query/plan.js';
import type { Retriever } from '../retrieve/retriever.js';
import type { StageName } from '../retrieve/stages.js';
import type { RetrievalView } from '../types.js';

export interface AblationConfig {
  name: string;
  /** Stages left out (views, filters, rerankers); none = production. */
  omit?: readonly StageName[];
  /** Weight overrides (a single-view row weighs its view 1 even when production weighs it 0). */
  weights?: Partial<Record<RetrievalView, number>>;
}

export const ABLATIONS: readonly AblationConfig[] = [
  { name: 'production (default weights + filters)' },
  { name: '+ vector view at 0.1', weights: { vector: 0.1 } },
  { name: '+ vector view at 0.5', weights: { vector: 0.5 } },
  { name: '− exact view', omit: ['exact'] },
  { name: '− folded view', omit: ['folded'] },
  { name: '− filters', omit: ['filters'] },
  { name: '− coverage re-ranking', omit: ['coverage'] },
  { name: '− subject match', omit: ['subject'] },
  { name: 'vector view only', omit: ['exact', 'folded'], weights: { vector: 1 } },
];

/** Distinct article ids of the chunks retrieved under `config`, best first. */
export function ablationRanking(
  retriever: Retriever,
  plan: QueryPlan,
  vector: ArrayLike<number> | null,
  config: AblationConfig,
  k = 50,
): string[] {
  const result = retriever.retrieveWith(plan, vector, {
    k,
    ...(config.omit ? { omit: config.omit } : {}),
    ...(config.weights ? { weights: config.weights } : {}),
  });
  const ids: string[] = [];
  for (const h of result.hits) if (!ids.includes(h.chunk.meta.articleId)) ids.push(h.chunk.meta.articleId);
  return ids;
}
