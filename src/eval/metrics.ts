/**
 * Evaluation metrics over the hand-written question set (eval/questions.jsonl). Pure functions.
 *
 * Definitions (per question q with expected article E, facts F, answer A, ranked articles R):
 * - hit@k: E ∈ R[0..k) (answerable questions only); MRR: 1 / rank of E (0 when absent).
 * - fact accuracy: every f ∈ F occurs in A's text (case-insensitive, NFC); answerable questions only.
 * - abstention: for E = null the answer must be grounded=false (a correct refusal); precision = correct
 *   refusals / all refusals, recall = correct refusals / questions without an answer.
 * - citation support: every fact found in the answer also occurs in the quote of some citation.
 */
import type { Answer } from '../types.js';

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
  category: string;
  lang: 'vi' | 'en';
  diacritics: boolean;
  intent: string;
  expect: string | null;
  rankedArticles: string[];
  rank: number | null;
  grounded: boolean;
  factsFound: string[];
  factsMissing: string[];
  citationSupported: boolean;
  answer: string;
  ms: number;
}

const norm = (s: string) => s.normalize('NFC').toLowerCase();

export function scoreRow(q: EvalQuestion, answer: Answer, rankedArticles: string[], ms: number): EvalRow {
  const text = norm(answer.answer);
  const quotes = answer.citations.map((c) => norm(c.quote));
  const factsFound = q.facts.filter((f) => text.includes(norm(f)));
  const factsMissing = q.facts.filter((f) => !text.includes(norm(f)));
  const rankIdx = q.expect ? rankedArticles.indexOf(q.expect) : -1;
  return {
    id: q.id,
    category: q.category,
    lang: q.lang,
    diacritics: q.diacritics,
    intent: q.intent,
    expect: q.expect,
    rankedArticles: rankedArticles.slice(0, 10),
    rank: rankIdx >= 0 ? rankIdx + 1 : null,
    grounded: answer.grounded,
    factsFound,
    factsMissing,
    citationSupported: factsFound.every((f) => quotes.some((qt) => qt.includes(norm(f)))),
    answer: answer.answer,
    ms,
  };
}

export interface EvalSummary {
  n: number;
  answerable: number;
  hit1: number;
  hit5: number;
  mrr: number;
  factAccuracy: number;
  abstentionPrecision: number;
  abstentionRecall: number;
  /** Share of all questions where grounded matches whether an answer exists. */
  abstentionAccuracy: number;
  citationSupport: number;
  p50ms: number;
  p95ms: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export function summarize(rows: EvalRow[]): EvalSummary {
  const answerable = rows.filter((r) => r.expect !== null);
  const unanswerable = rows.filter((r) => r.expect === null);
  const refusals = rows.filter((r) => !r.grounded);
  const correctRefusals = unanswerable.filter((r) => !r.grounded).length;
  const withFacts = answerable.filter((r) => r.factsFound.length + r.factsMissing.length > 0);
  return {
    n: rows.length,
    answerable: answerable.length,
    hit1: ratio(answerable.filter((r) => r.rank === 1).length, answerable.length),
    hit5: ratio(answerable.filter((r) => r.rank !== null && r.rank <= 5).length, answerable.length),
    mrr: answerable.length ? answerable.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0) / answerable.length : 1,
    factAccuracy: ratio(withFacts.filter((r) => r.factsMissing.length === 0).length, withFacts.length),
    abstentionPrecision: ratio(correctRefusals, refusals.length),
    abstentionRecall: ratio(correctRefusals, unanswerable.length),
    abstentionAccuracy: ratio(rows.filter((r) => r.grounded === (r.expect !== null)).length, rows.length),
    citationSupport: ratio(withFacts.filter((r) => r.citationSupported).length, withFacts.length),
    p50ms: percentile(rows.map((r) => r.ms), 50),
    p95ms: percentile(rows.map((r) => r.ms), 95),
  };
}

export function groupBy(rows: EvalRow[], key: (r: EvalRow) => string): Map<string, EvalRow[]> {
  const m = new Map<string, EvalRow[]>();
  for (const r of rows) {
    const k = key(r);
    m.set(k, [...(m.get(k) ?? []), r]);
  }
  return new Map([...m.entries()].sort((a, b) => a[0].localeCompare(b[0])));
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);

export function formatTable(groups: Array<[string, EvalRow[]]>): string {
  const header = `${'group'.padEnd(22)} ${'n'.padStart(4)} ${'hit@1'.padStart(7)} ${'hit@5'.padStart(7)} ${'MRR'.padStart(6)} ${'facts'.padStart(7)} ${'abst.P'.padStart(7)} ${'abst.R'.padStart(7)} ${'cite'.padStart(7)} ${'p50ms'.padStart(6)}`;
  const lines = [header, '-'.repeat(header.length)];
  for (const [name, rows] of groups) {
    const s = summarize(rows);
    lines.push(
      `${name.padEnd(22)} ${String(s.n).padStart(4)} ${pct(s.hit1)} ${pct(s.hit5)} ${s.mrr.toFixed(3).padStart(6)} ${pct(s.factAccuracy)} ${pct(s.abstentionPrecision)} ${pct(s.abstentionRecall)} ${pct(s.citationSupport)} ${s.p50ms.toFixed(1).padStart(6)}`,
    );
  }
  return lines.join('\n');
}
