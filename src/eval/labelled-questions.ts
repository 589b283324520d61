/**
 * Question scoring for a labelled dataset (questions.jsonl with must-groups, gold.jsonl for same-event
 * articles). Pure functions, no I/O.
 *
 * Contracts, per question with answering article doc (8-hex part of its file name, null for negatives),
 * must-groups M and answer A (its text plus its citations' quotes):
 * - right: doc = null → A is refused (grounded false); else A is grounded and, for every group of M, some
 *   alternative occurs in A's text or in one quote (`normalizeForMatch`: NFC, case-insensitive, whitespace
 *   squashed). Which article is cited does not enter "right".
 * - cited doc (strict): some citation's source has doc in its file name. Cited same event (lenient): or some
 *   cited article's gold reports the same event as doc's (`sameEvent`).
 * - rank: 1-based rank of the first article whose id contains doc in the answer's ranking (as for the own
 *   questions: cited, then retrieved articles).
 * - style (`questionStyle`): english when at least ENGLISH_MIN_WORDS of its words are English function words;
 *   else unaccented when fewer than ACCENTED_MIN_SHARE of its words carry Vietnamese diacritics; else accented.
 */
import { hasDiacritics } from '../text/normalize.js';
import type { Answer } from '../types.js';
import type { DatasetQuestion, GoldArticle } from './labelled-dataset.js';
import { groupBy, normalizeForMatch, percentile, rankSummary, repeatedSentence, type RankSummary } from './metrics.js';

export type QuestionStyle = 'accented' | 'unaccented' | 'english';

/**
 * English words that are not also common unaccented Vietnamese syllables ("do", "to", "an", "a", "on" are left
 * out: "do ai chủ trì", "to dan pho", "Hải An").
 */
const ENGLISH_FUNCTION_WORDS = new Set([
  'the', 'of', 'what', 'who', 'whom', 'whose', 'which', 'when', 'where', 'why', 'how', 'many', 'much', 'did',
  'does', 'is', 'was', 'were', 'are', 'and', 'at', 'for', 'by', 'during', 'according', 'with', 'from', 'in',
  'this', 'that', 'has', 'have', 'been', 'its', 'their', 'attended', 'chaired', 'directed', 'held',
]);
export const ENGLISH_MIN_WORDS = 2;
export const ACCENTED_MIN_SHARE = 0.25;

export function questionStyle(question: string): QuestionStyle {
  const words = question.normalize('NFC').match(/[\p{L}\p{M}]+/gu) ?? [];
  if (words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w.toLowerCase())).length >= ENGLISH_MIN_WORDS) return 'english';
  const accented = words.filter((w) => hasDiacritics(w)).length;
  return words.length > 0 && accented / words.length >= ACCENTED_MIN_SHARE ? 'accented' : 'unaccented';
}

/** The groups of `must` none of whose alternatives occurs in the answer text or a quote. */
export function missingGroups(answer: Pick<Answer, 'answer' | 'citations'>, must: readonly string[][]): string[][] {
  const texts = [answer.answer, ...answer.citations.map((c) => c.quote)].map(normalizeForMatch);
  const has = (alt: string) => {
    const a = normalizeForMatch(alt);
    return a.length > 0 && texts.some((t) => t.includes(a));
  };
  return must.filter((group) => !group.some(has)).map((g) => [...g]);
}

const unitKey = (g: GoldArticle) => normalizeForMatch(g.district);
const compatible = <T>(x: T | null, y: T | null) => x === null || y === null || x === y;

/**
 * True when two gold rows report the same event: the same unit (with its kind) and event kind, and no
 * conflict in meeting number, khóa or nhiệm kỳ (equal, or unprinted in one of them: an excerpt that does not
 * print the number still reports the one numbered event of its unit and kind it is grouped with).
 */
export function sameEvent(a: GoldArticle, b: GoldArticle): boolean {
  if (a.file === b.file) return true;
  return (
    unitKey(a) === unitKey(b) &&
    a.event === b.event &&
    compatible(a.meeting, b.meeting) &&
    compatible(a.congress_term, b.congress_term) &&
    compatible(a.term, b.term)
  );
}

/** For each gold article reporting an event another one reports too: the other articles (file names), in gold order. */
export function sameEventCompanions(gold: readonly GoldArticle[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const g of gold) {
    const others = gold.filter((h) => h !== g && sameEvent(g, h)).map((h) => h.file);
    if (others.length > 0) out[g.file] = others;
  }
  return out;
}

/** Looks articles up by the 8-hex doc part and by file name, and tells same-event articles apart. */
export interface GoldLookup {
  /** The gold row whose file name contains `doc`. */
  byDoc(doc: string): GoldArticle | undefined;
  /** The gold row of an article id (its file name, or a path ending in it). */
  bySource(source: string): GoldArticle | undefined;
}

export function goldLookup(gold: readonly GoldArticle[]): GoldLookup {
  const byFile = new Map(gold.map((g) => [g.file, g]));
  return {
    byDoc: (doc) => gold.find((g) => g.file.includes(doc)),
    bySource: (source) => byFile.get(source.slice(source.lastIndexOf('/') + 1)),
  };
}

export interface LabelledRow {
  id: string;
  kind: string;
  style: QuestionStyle;
  doc: string | null;
  question: string;
  grounded: boolean;
  right: boolean;
  /** Answerable, grounded, and every must-group in the answer's first line alone. */
  firstLineRight: boolean;
  /** Characters of the answer text (what a phone shows before the sources). */
  chars: number;
  /** The answer prints one sentence twice (metrics.ts repeatedSentence). */
  repeated: boolean;
  /** Must-groups not found (empty when all are, or for negatives). */
  missing: string[][];
  citedDoc: boolean;
  citedSameEvent: boolean;
  /** Cited sources, in citation order. */
  cited: string[];
  rank: number | null;
  answer: string;
  ms: number;
}

export function scoreLabelledRow(
  q: DatasetQuestion,
  answer: Answer,
  rankedArticles: readonly string[],
  ms: number,
  lookup: GoldLookup,
): LabelledRow {
  const cited = answer.citations.map((c) => c.source);
  const missing = q.doc === null ? [] : missingGroups(answer, q.must);
  const docGold = q.doc === null ? undefined : lookup.byDoc(q.doc);
  const citedDoc = q.doc !== null && cited.some((s) => s.includes(q.doc!));
  const citedSameEvent =
    citedDoc ||
    (docGold !== undefined &&
      cited.some((s) => {
        const g = lookup.bySource(s);
        return g !== undefined && sameEvent(docGold, g);
      }));
  const i = q.doc === null ? -1 : rankedArticles.findIndex((a) => a.includes(q.doc!));
  return {
    id: q.id,
    kind: q.kind,
    style: questionStyle(q.q),
    doc: q.doc,
    question: q.q,
    grounded: answer.grounded,
    right: q.doc === null ? !answer.grounded : answer.grounded && missing.length === 0,
    firstLineRight: q.doc !== null && answer.grounded && missingGroups({ answer: answer.answer.split('\n')[0] ?? '', citations: [] }, q.must).length === 0,
    chars: answer.answer.length,
    repeated: repeatedSentence(answer.answer),
    missing,
    citedDoc,
    citedSameEvent,
    cited: [...new Set(cited)],
    rank: i >= 0 ? i + 1 : null,
    answer: answer.answer,
    ms,
  };
}

/** n = questions asked; hit@k and MRR are over the answerable ones. */
export interface LabelledSummary extends RankSummary {
  /** Share of questions answered right. */
  right: number;
  answerable: number;
  /** Over answerable questions. */
  citedDoc: number;
  citedSameEvent: number;
  refusedAnswerable: number;
  negatives: number;
  /** Over negatives: refused (= right). */
  refusedNegatives: number;
  /** Over answerable questions: the first line alone holds the expected fact. */
  firstLine: number;
  /** Median answer length in characters. */
  p50chars: number;
  /** Answers printing a sentence twice. */
  repeated: number;
  p50ms: number;
}

const share = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function summarizeLabelled(rows: readonly LabelledRow[]): LabelledSummary {
  const answerable = rows.filter((r) => r.doc !== null);
  const negatives = rows.filter((r) => r.doc === null);
  return {
    ...rankSummary(answerable.map((r) => r.rank)),
    n: rows.length,
    right: share(rows.filter((r) => r.right).length, rows.length),
    answerable: answerable.length,
    citedDoc: share(answerable.filter((r) => r.citedDoc).length, answerable.length),
    citedSameEvent: share(answerable.filter((r) => r.citedSameEvent).length, answerable.length),
    refusedAnswerable: share(answerable.filter((r) => !r.grounded).length, answerable.length),
    negatives: negatives.length,
    refusedNegatives: share(negatives.filter((r) => !r.grounded).length, negatives.length),
    firstLine: share(answerable.filter((r) => r.firstLineRight).length, answerable.length),
    p50chars: percentile(rows.map((r) => r.chars), 50),
    repeated: rows.filter((r) => r.repeated).length,
    p50ms: percentile(rows.map((r) => r.ms), 50),
  };
}

export interface LabelledGroups {
  kind: Record<string, LabelledSummary>;
  style: Record<string, LabelledSummary>;
}

export function labelledGroups(rows: readonly LabelledRow[]): LabelledGroups {
  const sum = (m: Map<string, LabelledRow[]>) => Object.fromEntries([...m].map(([k, v]) => [k, summarizeLabelled(v)]));
  return { kind: sum(groupBy(rows, (r) => r.kind)), style: sum(groupBy(rows, (r) => r.style)) };
}
