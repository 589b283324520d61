/**
 * Sentence scoring and selection for extractive answers.
 *
 * score(s) = coverage of the question's weighted folded terms in s (0..1)
 *          + answer-type cue (number / person / date wanted and present)
 *          + small retrieval-rank prior; short fragments are penalised.
 * Selection is MMR (λ = 0.7) over Jaccard similarity of folded token sets, so quotes are not repetitive.
 */
import { fold } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import { foldedTokens } from '../text/tokenize.js';
import type { Chunk, Hit } from '../types.js';
import type { QueryPlan } from '../retrieve/query.js';

export interface ScoredSentence {
  chunk: Chunk;
  hitRank: number;
  /** Position of the sentence in its chunk. */
  position: number;
  text: string;
  tokens: Set<string>;
  score: number;
  /** Weighted share of question terms the sentence contains, 0..1. */
  coverage: number;
}

export type AnswerType = 'number' | 'person' | 'date' | 'other';

export function answerType(plan: QueryPlan): AnswerType {
  const f = ` ${fold(plan.text).replace(/[^a-z0-9]+/g, ' ')} `;
  if (/ (bao nhieu|may|ty le|how many|how much|what percentage|so luong|tong so) /.test(f)) return 'number';
  if (/ (ngay nao|khi nao|luc nao|thoi gian nao|bao gio|when|what date|ngay may|hom nao) /.test(f)) return 'date';
  if (/ (ai|who|whom|nguoi nao|dong chi nao) /.test(f)) return 'person';
  return 'other';
}

const NAME = /(?:^|[^\p{L}])(?:\p{Lu}[\p{Ll}\p{M}]+ ){1,3}\p{Lu}[\p{Ll}\p{M}]+/u;
const DATE = /\b\d{1,2}\s*[/-]\s*\d{1,2}\b|ngày \d{1,2}|tháng \d{1,2}/u;

/**
 * Scores every sentence of the top hits. Coverage uses the plan's term weights over the sentence plus,
 * at half weight, terms found only in the previous sentence of the same chunk (news sentences often
 * continue the previous one: "Đồng thời, … giải ngân vốn đầu tư công. Đến nay, … đạt hơn 386,2 tỷ đồng").
 */
export function scoreSentences(plan: QueryPlan, hits: Hit[], maxHits = 8): ScoredSentence[] {
  const terms = plan.termWeights;
  const total = [...terms.values()].reduce((a, b) => a + b, 0) || 1;
  const type = answerType(plan);
  const counted = plan.countedNoun ? new RegExp(`\\d[\\d.,/]*\\s*(?:\\p{L}+\\s+){0,1}${plan.countedNoun.replace(/ /g, '\\s+')}\\b`, 'u') : null;
  const out: ScoredSentence[] = [];
  hits.slice(0, maxHits).forEach((hit, hitRank) => {
    let prev = new Set<string>();
    splitSentences(hit.chunk.text).forEach((text, position) => {
      const tokens = new Set(foldedTokens(text));
      let own = 0;
      let context = 0;
      for (const [t, w] of terms) {
        if (tokens.has(t)) own += w;
        else if (prev.has(t)) context += w * 0.5;
      }
      prev = tokens;
      const coverage = (own + context) / total;
      let score = coverage + 0.05 / (hitRank + 1);
      if (type === 'number' && /\d/.test(text)) score += 0.1;
      if (counted && counted.test(fold(text))) score += 0.3;
      if (type === 'person' && NAME.test(text)) score += 0.1;
      if (type === 'date' && DATE.test(text)) score += 0.15;
      const words = text.split(/\s+/).length;
      if (words < 6) score -= 0.15;
      if (words > 80) score -= 0.05;
      out.push({ chunk: hit.chunk, hitRank, position, text, tokens, score, coverage });
    });
  });
  return out.sort((a, b) => b.score - a.score);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

/** MMR selection of up to `max` sentences scoring at least `minRatio` × the best score. */
export function selectSentences(scored: ScoredSentence[], max = 3, minRatio = 0.6, lambda = 0.7): ScoredSentence[] {
  if (scored.length === 0) return [];
  const best = scored[0]!.score;
  const pool = scored.filter((s) => s.score >= best * minRatio).slice(0, 40);
  const chosen: ScoredSentence[] = [];
  while (chosen.length < max && pool.length > 0) {
    let bestIdx = 0;
    let bestVal = -Infinity;
    pool.forEach((s, i) => {
      const redundancy = chosen.length === 0 ? 0 : Math.max(...chosen.map((c) => jaccard(c.tokens, s.tokens)));
      const val = lambda * s.score - (1 - lambda) * redundancy;
      if (val > bestVal) {
        bestVal = val;
        bestIdx = i;
      }
    });
    const [pick] = pool.splice(bestIdx, 1);
    if (chosen.some((c) => jaccard(c.tokens, pick!.tokens) > 0.8)) continue;
    chosen.push(pick!);
  }
  return chosen;
}
