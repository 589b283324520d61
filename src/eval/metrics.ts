/**
 * Evaluation metrics. Pure functions, no I/O.
 *
 * Own questions (eval/questions.jsonl), per question q with expected article E, facts F, answer A (its text
 * and its citations' quotes), ranked articles R:
 * - hit@k: E ∈ R[0..k) (answerable questions only); MRR: mean of 1 / rank of E (0 when absent).
 * - fact accuracy: A is grounded, every f ∈ F occurs in A's text or quotes (case-insensitive, NFC) and E is
 *   among A's cited sources; over answerable questions that list facts.
 * - abstention: for E = null the answer must be grounded=false (a correct refusal). precision = correct
 *   refusals / all refusals; recall = correct refusals / questions without an answer; accuracy = share of
 *   all questions where `grounded` matches whether an answer exists.
 * - citation support: every fact found in A also occurs in the quote of some citation (the quote that is
 *   cited for it contains it); over answerable questions that list facts and found at least one.
 * ViQuAD (passage retrieval + answer containment), per question with gold passage P and gold answers G:
 * - passage hit@k / MRR as above over the ranked passage (article) ids;
 * - "contains gold": some g ∈ G occurs in the answer text after NFC + lowercase + whitespace squashing;
 *   a refusal contains nothing.
 */
import type { Answer } from '../types.js';

// ---------------------------------------------------------------------------------------------
// Ranking

export interface RankSummary {
  n: number;
  hit1: number;
  hit5: number;
  mrr: number;
}

/** 1-based rank of `expected` in `ranked`, or null. */
export function rankOf(ranked: readonly string[], expected: string): number | null {
  const i = ranked.indexOf(expected);
  return i >= 0 ? i + 1 : null;
}

/** hit@1, hit@5 and MRR of a list of ranks (null = not retrieved). Empty input gives zeros. */
export function rankSummary(ranks: ReadonlyArray<number | null>): RankSummary {
  const n = ranks.length;
  if (n === 0) return { n: 0, hit1: 0, hit5: 0, mrr: 0 };
  let hit1 = 0;
  let hit5 = 0;
  let rr = 0;
  for (const r of ranks) {
    if (r === null) continue;
    if (r === 1) hit1++;
    if (r <= 5) hit5++;
    rr += 1 / r;
  }
  return { n, hit1: hit1 / n, hit5: hit5 / n, mrr: rr / n };
}

// ---------------------------------------------------------------------------------------------
// Text matching

/** NFC, lowercase, whitespace runs → one space, trimmed. */
export function normalizeForMatch(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** True when some non-empty gold answer occurs in `text` (see normalizeForMatch). */
export function containsGold(text: string, golds: readonly string[]): boolean {
  const t = normalizeForMatch(text);
  return golds.some((g) => {
    const n = normalizeForMatch(g);
    return n.length > 0 && t.includes(n);
  });
}

/** Syllables of a text for span F1: lowercase NFC words, punctuation and citation markers dropped. */
function syllablesForF1(text: string): string[] {
  return normalizeForMatch(text.replace(/\[\d+\]/g, ' '))
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean);
}

/** SQuAD-style F1 of `text` against the best of `golds`, on syllables (multiset overlap). 0 when either is empty. */
export function spanF1(text: string, golds: readonly string[]): number {
  const got = syllablesForF1(text);
  let best = 0;
  for (const gold of golds) {
    const want = syllablesForF1(gold);
    if (got.length === 0 || want.length === 0) continue;
    const counts = new Map<string, number>();
    for (const w of want) counts.set(w, (counts.get(w) ?? 0) + 1);
    let common = 0;
    for (const w of got) {
      const c = counts.get(w) ?? 0;
      if (c > 0) {
        common++;
        counts.set(w, c - 1);
      }
    }
    if (common === 0) continue;
    const precision = common / got.length;
    const recall = common / want.length;
    best = Math.max(best, (2 * precision * recall) / (precision + recall));
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Own questions

export interface EvalQuestion {
  id: string;
  question: string;
  intent: string;
  lang: 'vi' | 'en';
  diacritics: boolean;
  category: string;
  expect: string | null;
  facts: string[];
  context?: string[];
}

export interface EvalRow {
  id: string;
  question: string;
  category: string;
  lang: 'vi' | 'en';
  diacritics: boolean;
  /** Expected intent (from the question set) and the intent the system answered with. */
  intent: string;
  answeredIntent: string;
  expect: string | null;
  rankedArticles: string[];
  rank: number | null;
  grounded: boolean;
  factsFound: string[];
  factsMissing: string[];
  /** The expected article is among the cited sources. */
  citedExpected: boolean;
  citationSupported: boolean;
  /** A fact question (FIRST_LINE_CATEGORIES) with facts: the answer's first line alone holds every fact; else null. */
  firstLineRight: boolean | null;
  /** Visible characters of the answer text (sources not included). */
  chars: number;
  /** The answer prints one sentence twice (repeatedSentence). */
  repeated: boolean;
  answer: string;
  ms: number;
}

/** Own-question categories that ask for one fact, whose first line should state it. */
export const FIRST_LINE_CATEGORIES: ReadonlySet<string> = new Set([
  'figure', 'chair', 'attendee', 'date', 'meeting-number', 'term', 'person-role', 'no-diacritics', 'english', 'follow-up',
]);

/** Shortest sentence (characters) counted by repeatedSentence: shorter ones ("Theo các bài viết:") may recur. */
const REPEAT_MIN_CHARS = 30;

/**
 * The answer prints one sentence (at least REPEAT_MIN_CHARS long, markers, quote marks and bullets left out) twice.
 */
export function repeatedSentence(answer: string): boolean {
  const seen = new Set<string>();
  const plain = answer.replace(/\[\d+\]/g, ' ').replace(/[«»“”•]/g, ' ');
  for (const raw of plain.split(/(?<=[.!?;])\s+|\n+/)) {
    const s = raw.replace(/\s+/g, ' ').trim().toLowerCase();
    if (s.length < REPEAT_MIN_CHARS) continue;
    if (seen.has(s)) return true;
    seen.add(s);
  }
  return false;
}

/** Which slice of the language/diacritics cut a question belongs to. */
export function diacriticsGroup(r: Pick<EvalRow, 'lang' | 'diacritics'>): string {
  return r.lang === 'en' ? 'english' : r.diacritics ? 'with diacritics' : 'without diacritics';
}

export function scoreRow(q: EvalQuestion, answer: Answer, rankedArticles: string[], ms: number): EvalRow {
  const quotes = answer.citations.map((c) => normalizeForMatch(c.quote));
  const text = normalizeForMatch(answer.answer);
  const has = (f: string) => text.includes(normalizeForMatch(f)) || quotes.some((qt) => qt.includes(normalizeForMatch(f)));
  const factsFound = q.facts.filter(has);
  const factsMissing = q.facts.filter((f) => !has(f));
  return {
    id: q.id,
    question: q.question,
    category: q.category,
    lang: q.lang,
    diacritics: q.diacritics,
    intent: q.intent,
    answeredIntent: answer.intent,
    expect: q.expect,
    rankedArticles: rankedArticles.slice(0, 10),
    rank: q.expect ? rankOf(rankedArticles, q.expect) : null,
    grounded: answer.grounded,
    factsFound,
    factsMissing,
    citedExpected: q.expect !== null && answer.citations.some((c) => c.source === q.expect),
    citationSupported: factsFound.every((f) => quotes.some((qt) => qt.includes(normalizeForMatch(f)))),
    firstLineRight:
      q.expect !== null && q.facts.length > 0 && FIRST_LINE_CATEGORIES.has(q.category)
        ? answer.grounded && q.facts.every((f) => normalizeForMatch(answer.answer.split('\n')[0] ?? '').includes(normalizeForMatch(f)))
        : null,
    chars: answer.answer.length,
    repeated: repeatedSentence(answer.answer),
    answer: answer.answer,
    ms,
  };
}

/** A question is answered right: a refusal when nothing answers it, else a grounded answer with all facts from E. */
export function rowCorrect(r: EvalRow): boolean {
  if (r.expect === null) return !r.grounded;
  return r.grounded && r.factsMissing.length === 0 && r.citedExpected;
}

export interface EvalSummary extends RankSummary {
  answerable: number;
  factAccuracy: number;
  abstentionPrecision: number;
  abstentionRecall: number;
  abstentionAccuracy: number;
  citationSupport: number;
  /** Share of questions answered right (rowCorrect). */
  accuracy: number;
  /** Share of fact questions whose first line holds every fact (firstLineRight). */
  firstLine: number;
  /** Median visible characters of grounded answers. */
  p50chars: number;
  /** Answers printing a sentence twice. */
  repeated: number;
  p50ms: number;
  p95ms: number;
}

/** a / b, or 1 when b = 0 (nothing to get wrong). */
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export function summarize(rows: readonly EvalRow[]): EvalSummary {
  const answerable = rows.filter((r) => r.expect !== null);
  const unanswerable = rows.filter((r) => r.expect === null);
  const refusals = rows.filter((r) => !r.grounded);
  const correctRefusals = unanswerable.filter((r) => !r.grounded).length;
  const withFacts = answerable.filter((r) => r.factsFound.length + r.factsMissing.length > 0);
  const cited = withFacts.filter((r) => r.factsFound.length > 0);
  const ranks = rankSummary(answerable.map((r) => r.rank));
  return {
    ...ranks,
    n: rows.length,
    answerable: answerable.length,
    factAccuracy: ratio(withFacts.filter((r) => rowCorrect(r)).length, withFacts.length),
    abstentionPrecision: ratio(correctRefusals, refusals.length),
    abstentionRecall: ratio(correctRefusals, unanswerable.length),
    abstentionAccuracy: ratio(rows.filter((r) => r.grounded === (r.expect !== null)).length, rows.length),
    citationSupport: ratio(cited.filter((r) => r.citationSupported).length, cited.length),
    accuracy: ratio(rows.filter(rowCorrect).length, rows.length),
    firstLine: ratio(rows.filter((r) => r.firstLineRight === true).length, rows.filter((r) => r.firstLineRight !== null).length),
    p50chars: percentile(rows.filter((r) => r.grounded).map((r) => r.chars), 50),
    repeated: rows.filter((r) => r.repeated).length,
    p50ms: percentile(rows.map((r) => r.ms), 50),
    p95ms: percentile(rows.map((r) => r.ms), 95),
  };
}

export function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return new Map([...m.entries()].sort((a, b) => a[0].localeCompare(b[0])));
}

// ---------------------------------------------------------------------------------------------
// ViQuAD

export interface ViquadQuestion {
  id: string;
  question: string;
  answers: string[];
  passage_id: string;
}

export interface ViquadRow {
  id: string;
  question: string;
  passageId: string;
  rank: number | null;
  grounded: boolean;
  containsGold: boolean;
  /** Span F1 (syllables) of the answer's first line against the gold answers; 0 when not grounded. */
  firstLineF1: number;
  answer: string;
  ms: number;
}

export function scoreViquadRow(q: ViquadQuestion, answer: Answer, rankedArticles: string[], ms: number): ViquadRow {
  return {
    id: q.id,
    question: q.question,
    passageId: q.passage_id,
    rank: rankOf(rankedArticles, q.passage_id),
    grounded: answer.grounded,
    containsGold: answer.grounded && containsGold(answer.answer, q.answers),
    firstLineF1: answer.grounded ? spanF1(answer.answer.split('\n')[0] ?? '', q.answers) : 0,
    answer: answer.answer,
    ms,
  };
}

export interface ViquadSummary extends RankSummary {
  containsGold: number;
  /** Mean first-line span F1. */
  firstLineF1: number;
  grounded: number;
  p50ms: number;
}

export function summarizeViquad(rows: readonly ViquadRow[]): ViquadSummary {
  return {
    ...rankSummary(rows.map((r) => r.rank)),
    containsGold: ratio(rows.filter((r) => r.containsGold).length, rows.length),
    firstLineF1: rows.length === 0 ? 0 : rows.reduce((a, r) => a + (r.firstLineF1 ?? 0), 0) / rows.length,
    grounded: ratio(rows.filter((r) => r.grounded).length, rows.length),
    p50ms: percentile(rows.map((r) => r.ms), 50),
  };
}

// ---------------------------------------------------------------------------------------------
// Tables and comparison

/** Fixed-width text table: first column left-aligned, others right-aligned. */
export function renderTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: ReadonlyArray<string>) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
export const fixed3 = (x: number) => x.toFixed(3);

export const OWN_HEADER = ['group', 'n', 'hit@1', 'hit@5', 'MRR', 'facts', 'abst.P', 'abst.R', 'cite', 'p50ms'];

/** One table row; ranking and fact columns show "-" for a group without answerable questions. */
export function ownTableRow(name: string, s: EvalSummary): string[] {
  const a = s.answerable > 0;
  return [
    name,
    String(s.n),
    a ? pct(s.hit1) : '-',
    a ? pct(s.hit5) : '-',
    a ? fixed3(s.mrr) : '-',
    a ? pct(s.factAccuracy) : '-',
    pct(s.abstentionPrecision),
    pct(s.abstentionRecall),
    pct(s.citationSupport),
    s.p50ms.toFixed(1),
  ];
}

export function formatTable(groups: Array<[string, EvalRow[]]>): string {
  return renderTable(OWN_HEADER, groups.map(([name, rows]) => ownTableRow(name, summarize(rows))));
}

/** Numeric leaves of a JSON value, keyed by dotted path ("own.all.hit1"); arrays of rows are skipped. */
export function flattenMetrics(value: unknown, prefix = ''): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (v: unknown, p: string) => {
    if (typeof v === 'number' && Number.isFinite(v)) out.set(p, v);
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, child] of Object.entries(v)) walk(child, p ? `${p}.${k}` : k);
    }
  };
  walk(value, prefix);
  return out;
}

export interface MetricDelta {
  key: string;
  before: number;
  after: number;
  delta: number;
}

/** Metrics present in both, in `after`'s order; `onlyChanged` drops |delta| < 1e-9. */
export function compareMetrics(before: Map<string, number>, after: Map<string, number>, onlyChanged = false): MetricDelta[] {
  const out: MetricDelta[] = [];
  for (const [key, a] of after) {
    const b = before.get(key);
    if (b === undefined) continue;
    const delta = a - b;
    if (onlyChanged && Math.abs(delta) < 1e-9) continue;
    out.push({ key, before: b, after: a, delta });
  }
  return out;
}

/** Question ids whose correctness flipped between two runs. */
export function flips(
  before: ReadonlyArray<{ id: string; correct: boolean }>,
  after: ReadonlyArray<{ id: string; correct: boolean }>,
): { fixed: string[]; broken: string[] } {
  const was = new Map(before.map((r) => [r.id, r.correct]));
  const fixed: string[] = [];
  const broken: string[] = [];
  for (const r of after) {
    const w = was.get(r.id);
    if (w === undefined || w === r.correct) continue;
    (r.correct ? fixed : broken).push(r.id);
  }
  return { fixed, broken };
}
