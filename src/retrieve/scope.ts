/**
 * Filters of a question, applied to articles: district, meeting number, term, congress, and "live" questions
 * (about today: only articles dated that day or later). Pure.
 *
 * Contract: filters are article-level and hard. `failure` names the first filter that left no article; callers
 * must then abstain, never fall back to other districts.
 */
import type { StoredArticle } from '../types.js';
import type { QueryPlan } from './query/plan.js';

export type ScopeFailure = 'district' | 'meeting' | 'term' | 'congress' | 'live';

export interface Scope {
  /** Article ids allowed by the plan's filters; null when the plan has none. */
  scope: Set<string> | null;
  failure: ScopeFailure | null;
}

export function scopeArticles(articles: ReadonlyMap<string, StoredArticle>, plan: QueryPlan): Scope {
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
