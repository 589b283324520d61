/**
 * Retrieval ablation: the same questions retrieved with views or filters switched off.
 *
 * Contracts:
 * - Each configuration runs `retrieve` only (no answerer), with `k` chunks; the ranking is the distinct
 *   article ids of the hits in order. Follow-ups are resolved with their context first, as the answerer does.
 * - "all" is the production configuration (exact + folded + vector views, filters on). The exact view only
 *   runs for accented questions (see hybrid.ts), so "− exact" changes nothing for unaccented ones.
 */
import { retrieve, type RetrievalIndex } from '../retrieve/hybrid.js';
import type { QueryPlan } from '../retrieve/query.js';
import type { RetrievalView } from '../types.js';

export interface AblationConfig {
  name: string;
  /** Views used; undefined = all. */
  views?: readonly RetrievalView[];
  noFilters?: boolean;
}

export const ABLATIONS: readonly AblationConfig[] = [
  { name: 'all views + filters' },
  { name: '− vector', views: ['exact', 'folded'] },
  { name: '− exact', views: ['folded', 'vector'] },
  { name: '− folded', views: ['exact', 'vector'] },
  { name: '− filters', noFilters: true },
  { name: 'vector only', views: ['vector'] },
  { name: 'folded only', views: ['folded'] },
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
  });
  const ids: string[] = [];
  for (const h of result.hits) if (!ids.includes(h.chunk.meta.articleId)) ids.push(h.chunk.meta.articleId);
  return ids;
}
