/**
 * Sentence scoring and selection for extractive answers.
 *
 * score(s) = weighted coverage of the question's terms in s (0..1; terms found only in the previous sentence
 *            of the same chunk count half: news sentences often continue the previous one)
 *          + answer-type cue: the kind of answer the question word asks for ("bao nhiêu" → a number,
 *            "năm nào" → a year, "khi nào" → a date or period, "ai" → a person's name, "ở đâu" → a place
 *            name, "vì sao" → a cause) is present in s and is new (not already in the question)
 *          + a counted noun after a number ("596 đảng viên" for "bao nhiêu đảng viên")
 *          + with weighted terms: the passage's own coverage of the question and its retrieval score
 *            relative to the best hit (AnswerTuning.sentence.passageCoverage, retrievalScore)
 *          + small retrieval-rank prior; short fragments are penalised.
 * Term weights are the support units' IDF weights when given (support.ts), else the plan's termWeights.
 * Selection is MMR (λ = 0.7) over Jaccard similarity of folded token sets, so quotes are not repetitive.
 *
 * Performance contracts: a chunk's sentences and their token sets are computed once per Chunk object and kept in a
 * small LRU (lru-cache, SENTENCE_CACHE_MAX chunks; a Chunk is immutable), so `ScoredSentence.tokens` may be shared between
 * calls and must not be modified. `probes[i]`, when given, answers "does hit i's chunk contain this token"
 * exactly as the token set of its `header + text` would (support.ts chunkProbe), so the chunk is not tokenised.
 */
import { fold } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import { foldedTokens } from '../text/tokenize.js';
import type { Chunk, Hit } from '../types.js';
import { LRUCache } from 'lru-cache';
import type { QueryPlan } from '../retrieve/query/plan.js';
import { questionWords } from '../retrieve/query/words.js';
import { allTokens, chunkTokens, type WeightedTerm } from '../retrieve/support.js';
import type { AnswerTuning } from './tuning.js';

export interface ScoredSentence {
  chunk: Chunk;
  hitRank: number;
  /** Position of the sentence in its chunk. */
  position: number;
  text: string;
  /** Shared (cached): read only. */
  tokens: ReadonlySet<string>;
  score: number;
  /** Weighted share of question terms the sentence contains, 0..1. */
  coverage: number;
  /** The sentence puts a number before the noun a "bao nhiêu X" question counts (countedPattern). */
  counts: boolean;
}

export type AnswerType = 'number' | 'year' | 'date' | 'person' | 'role' | 'place' | 'reason' | 'other';

/** The kind of answer a question asks for, from its question words (Vietnamese, unaccented or English). */
export function answerType(plan: Pick<QueryPlan, 'text'>): AnswerType {
  const f = questionWords(plan.text);
  // "đầu năm bao nhiêu", "cuối năm bao nhiêu": a figure over a period of the year, not a year.
  if (/ (nam nao|(?<!(?:dau|cuoi|giua) )nam bao nhieu|nam may|what year|which year|in what year) /.test(f)) return 'year';
  if (/ (bao nhieu|may|ty le|ti le|how many|how much|what percentage|so luong|tong so|bao lau) /.test(f) && !/ may gio /.test(f)) {
    return 'number';
  }
  if (
    / (ngay nao|khi nao|luc nao|thoi gian nao|thoi diem nao|thoi ky nao|thoi ki nao|giai doan nao|bao gio|when|what date|ngay may|hom nao|may gio|the ky nao|thap nien nao) /.test(
      f,
    )
  ) {
    return 'date';
  }
  if (/ (chuc vu gi|chuc vu nao|chuc gi|chuc danh gi|chuc danh nao|giu chuc|giu cuong vi|cuong vi gi|what position|what post|what title|which position|which post) /.test(f)) {
    return 'role';
  }
  if (/ (ai|who|whom|nguoi nao|dong chi nao|ong nao|ba nao) /.test(f)) return 'person';
  if (/ (o dau|tai dau|noi nao|dia diem nao|khu vuc nao|where|nuoc nao|quoc gia nao|thanh pho nao|tinh nao|vung nao) /.test(f)) {
    return 'place';
  }
  if (/ (tai sao|vi sao|ly do|li do|nguyen nhan|why|do dau) /.test(f)) return 'reason';
  return 'other';
}

/** The question asks for a day ("ngày nào", "hôm nào", "what date"), not just a period or a year. */
export function asksDay(plan: Pick<QueryPlan, 'text'>): boolean {
  return / (ngay nao|ngay may|hom nao|what date|which day|on what day) /.test(questionWords(plan.text));
}

/** A day of a month: "22/7", "22-7-2020", "ngày 5", "5 tháng 9". */
const DAY = /(?<![\d])\d{1,2}\s*[/.-]\s*\d{1,2}(?![\d])|(?<![\p{L}])ngày\s+\d{1,2}(?!\d)|(?<!\d)\d{1,2}\s+tháng\s+\d{1,2}(?!\d)/giu;

/** True when the sentence states a day that the question does not already contain. */
export function statesDay(text: string, foldedQuestion: string): boolean {
  return newMatches(text, DAY, foldedQuestion).length > 0;
}

/** Capitalised syllable runs (names): "Álvar Núñez Cabeza de Vaca" → "Álvar Núñez Cabeza". */
const NAME_RUN = /(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}]*(?:[ -]\p{Lu}[\p{Ll}\p{M}]*)*/gu;
const YEAR = /(?<!\d)(?:1\d{3}|20\d{2})(?!\d)/g;
const DATE = /\b\d{1,2}\s*[/-]\s*\d{1,2}\b|(?:ngày|tháng|năm|thế kỷ|thế kỉ|thập niên|quý|đầu năm|cuối năm)\s+[\dIVXLC]+/giu;
const NUMBER = /\d[\d.,]*/g;
/** Titles of office held in a district, folded regex alternatives ("bí thư", "chủ tịch", …). */
export const DISTRICT_TITLES = 'bi thu|chu tich|pho chu tich|truong ban|giam doc|chu nhiem';
/** Titles of office, folded ("phó bí thư thành ủy" holds "bi thu"). */
const ROLE_TITLE = new RegExp(
  `\\b(${DISTRICT_TITLES}|uy vien|pho ban|thu tuong|bo truong|thu truong|hieu truong|truong phong|cuc truong|chanh van phong|dai bieu quoc hoi|tu lenh|chinh uy)\\b`,
  'g',
);
const CAUSE = /(?<![\p{L}\p{M}])(vì|do|bởi|nhằm|để|nên|nhờ|nguyên nhân|lý do|lí do)(?![\p{L}\p{M}])/iu;

/** Matches of `re` in `text` that do not occur in the (folded) question. */
function newMatches(text: string, re: RegExp, foldedQuestion: string): string[] {
  return (text.match(re) ?? []).filter((m) => !foldedQuestion.includes(fold(m)));
}

/** True when the sentence holds an answer of the wanted type that the question does not already contain. */
export function hasAnswerOfType(type: AnswerType, text: string, foldedQuestion: string): boolean {
  switch (type) {
    case 'number':
      return newMatches(text, NUMBER, foldedQuestion).length > 0;
    case 'year':
      return newMatches(text, YEAR, foldedQuestion).length > 0;
    case 'date':
      return newMatches(text, DATE, foldedQuestion).length > 0 || newMatches(text, YEAR, foldedQuestion).length > 0;
    case 'person':
    case 'place': {
      // A name not at the very start (sentence-initial capitals are not names) and not in the question.
      const names = [...text.matchAll(NAME_RUN)].filter((m) => m.index! > 0 && (type === 'place' || m[0].includes(' ')));
      return names.some((m) => !foldedQuestion.includes(fold(m[0])));
    }
    case 'role':
      return (fold(text).match(ROLE_TITLE) ?? []).some((m) => !foldedQuestion.includes(m));
    case 'reason':
      return CAUSE.test(text);
    default:
      return false;
  }
}

/** Chunks whose sentences are cached (see the module contract). */
export const SENTENCE_CACHE_MAX = 512;

interface ChunkSentences {
  texts: string[];
  /** Per sentence: folded tokens; and folded + exact tokens (built when first asked for). */
  folded?: ReadonlySet<string>[];
  both?: ReadonlySet<string>[];
}

const sentenceCache = new LRUCache<Chunk, ChunkSentences>({ max: SENTENCE_CACHE_MAX });

/** The chunk's sentences and their token sets (`both`: folded + exact, else folded only), cached per chunk. */
function chunkSentences(chunk: Chunk, both: boolean): { texts: string[]; tokens: ReadonlySet<string>[] } {
  let entry = sentenceCache.get(chunk);
  if (!entry) {
    entry = { texts: splitSentences(chunk.text) };
    sentenceCache.set(chunk, entry);
  }
  if (both) {
    entry.both ??= entry.texts.map(allTokens);
    return { texts: entry.texts, tokens: entry.both };
  }
  entry.folded ??= entry.texts.map((text) => new Set(foldedTokens(text)));
  return { texts: entry.texts, tokens: entry.folded };
}

/** Folded Vietnamese number words ("ba nhánh", "mười hai quận"). */
const NUMBER_WORDS = 'mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi|muoi mot|tram|nghin|ngan|trieu|ti|ty';

/**
 * A number (digits or words) followed (at most one word later) by the noun a "bao nhiêu X" question counts, matched against a
 * folded sentence ("596 dang vien" for "bao nhiêu đảng viên"); null when the question counts nothing.
 */
export function countedPattern(plan: Pick<QueryPlan, 'countedNoun'>): RegExp | null {
  if (!plan.countedNoun) return null;
  return new RegExp(`(?:\\d[\\d.,/]*|\\b(?:${NUMBER_WORDS}))\\s*(?:\\p{L}+\\s+){0,1}${plan.countedNoun.replace(/ /g, '\\s+')}\\b`, 'u');
}

/**
 * Scores every sentence of the top hits. `terms`: weighted question terms (support units, any spelling);
 * default: the plan's termWeights (folded).
 */
export function scoreSentences(
  plan: QueryPlan,
  hits: Hit[],
  tuning: AnswerTuning,
  terms?: readonly WeightedTerm[],
  probes?: ReadonlyArray<{ has(term: string): boolean }>,
): ScoredSentence[] {
  const weighted: WeightedTerm[] = terms ? [...terms] : [...plan.termWeights].map(([term, weight]) => ({ term, weight }));
  const total = weighted.reduce((a, b) => a + b.weight, 0) || 1;
  const topScore = hits[0]?.score ?? 0;
  const type = answerType(plan);
  const foldedQuestion = fold(plan.question);
  const counted = countedPattern(plan);
  const out: ScoredSentence[] = [];
  const t = tuning.sentence;
  hits.slice(0, tuning.sentenceHits).forEach((hit, hitRank) => {
    let prev: ReadonlySet<string> = new Set<string>();
    // Passage context (with weighted terms): the share of the question its passage covers, and its fused
    // retrieval score relative to the best hit. An answer sentence often restates little of the question
    // while its passage covers the rest.
    let context = 0;
    if (terms) {
      const chunkToks = probes?.[hitRank] ?? chunkTokens(hit.chunk);
      const covered = weighted.reduce((a, t) => a + (chunkToks.has(t.term) ? t.weight : 0), 0) / total;
      context = t.passageCoverage * covered + (topScore > 0 ? t.retrievalScore * (hit.score / topScore) : 0);
    }
    const sentences = chunkSentences(hit.chunk, terms !== undefined);
    sentences.texts.forEach((text, position) => {
      const tokens = sentences.tokens[position]!;
      let own = 0;
      let before = 0;
      for (const { term, weight } of weighted) {
        if (tokens.has(term)) own += weight;
        else if (prev.has(term)) before += weight * t.previousSentence;
      }
      prev = tokens;
      const coverage = (own + before) / total;
      let score = coverage + (terms ? t.rankPrior.weighted : t.rankPrior.plain) / (hitRank + 1) + context;
      if (type !== 'other' && hasAnswerOfType(type, text, foldedQuestion)) score += t.cue[type];
      const counts = counted !== null && counted.test(fold(text));
      if (counts) score += t.countedNoun;
      const words = text.split(/\s+/).length;
      if (words < t.shortWords) score -= t.shortPenalty;
      if (words > t.longWords) score -= t.longPenalty;
      out.push({ chunk: hit.chunk, hitRank, position, text, tokens, score, coverage, counts });
    });
  });
  return out.sort((a, b) => b.score - a.score);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

/** MMR selection of up to `max` sentences scoring at least `minRatio` × the best score (AnswerTuning.select). */
export function selectSentences(scored: ScoredSentence[], select: AnswerTuning['select']): ScoredSentence[] {
  const { max, minRatio, lambda, duplicate } = select;
  if (scored.length === 0) return [];
  const best = scored[0]!.score;
  const pool = scored.filter((s) => s.score >= best * minRatio).slice(0, select.pool);
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
    if (chosen.some((c) => jaccard(c.tokens, pick!.tokens) > duplicate)) continue;
    chosen.push(pick!);
  }
  return chosen;
}
