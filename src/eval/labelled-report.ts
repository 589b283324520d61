/**
 * A labelled dataset's part of the evaluation report: its JSON shape, its text tables, the metrics `--compare`
 * diffs and the questions that flipped. Pure functions, no I/O.
 */
import { CARD_FIELD_LABELS, CARD_FIELDS, type CardScores, type RightTotal } from './card-scoring.js';
import { labelledGroups, summarizeLabelled, type LabelledGroups, type LabelledRow, type LabelledSummary } from './labelled-questions.js';
import { fixed3, flips, pct, renderTable } from './metrics.js';

export interface LabelledDatasetReport {
  name: string;
  dir: string;
  /** Per gold article, the other articles the gold puts on the same event (the lenient citation figure's). */
  sameEvent: Record<string, string[]>;
  cards: CardScores;
  questions: { summary: LabelledSummary; groups: LabelledGroups; rows: LabelledRow[] };
}

export function labelledQuestionsPart(rows: LabelledRow[]): LabelledDatasetReport['questions'] {
  return { summary: summarizeLabelled(rows), groups: labelledGroups(rows), rows };
}

const rate = (r: RightTotal) => (r.total === 0 ? 0 : r.right / r.total);
const cell = (r: RightTotal) => (r.total === 0 ? '-' : `${r.right}/${r.total} ${pct(rate(r))}`);

export function formatCardTable(name: string, cards: CardScores): string {
  const rows = CARD_FIELDS.map((f) => [CARD_FIELD_LABELS[f], cell(cards.fields[f].all), cell(cards.fields[f].goldNonNull)]);
  const g = cards.guests;
  rows.push(['guests (directing), recall', cell({ right: g.found, total: g.gold }), `${g.articlesComplete}/${g.articles} articles complete`]);
  const missing = cards.missing.length ? `; not in the index: ${cards.missing.join(' ')}` : '';
  return (
    `\n${name}: event cards (${cards.found} of ${cards.goldArticles} gold articles in the index${missing})\n` +
    renderTable(['field', 'right / all', 'right / gold non-null'], rows) +
    '\n  a null gold value is right only when the card has none either; guests: gold names found among the card\'s guests.'
  );
}

const QUESTION_HEADER = ['group', 'n', 'right', '1st line', 'cited doc', 'same event', 'hit@1', 'hit@5', 'MRR', 'refused', 'neg. refused', 'chars p50', 'p50ms'];

function questionRow(name: string, s: LabelledSummary): string[] {
  const a = s.answerable > 0;
  const ans = (x: number) => (a ? pct(x) : '-');
  return [
    name,
    String(s.n),
    pct(s.right),
    ans(s.firstLine),
    ans(s.citedDoc),
    ans(s.citedSameEvent),
    ans(s.hit1),
    ans(s.hit5),
    a ? fixed3(s.mrr) : '-',
    ans(s.refusedAnswerable),
    s.negatives > 0 ? pct(s.refusedNegatives) : '-',
    String(Math.round(s.p50chars)),
    s.p50ms.toFixed(1),
  ];
}

/** The card table, the question tables (all, by kind, by style) and the wrong questions. */
export function formatLabelled(ds: LabelledDatasetReport): string {
  const out = [formatCardTable(ds.name, ds.cards)];
  const q = ds.questions;
  const rows = [
    questionRow('all', q.summary),
    ...Object.entries(q.groups.kind).map(([k, s]) => questionRow(`kind: ${k}`, s)),
    ...Object.entries(q.groups.style).map(([k, s]) => questionRow(`style: ${k}`, s)),
  ];
  out.push(`\n${ds.name}: questions\n${renderTable(QUESTION_HEADER, rows)}`);
  out.push(
    '  right: grounded and one alternative of every must-group in the answer or its quotes (negatives: refused); ' +
      '1st line: answerable, and the answer\'s first line alone holds every must-group; chars p50: median answer length; ' +
      'cited doc / same event, hit@k, refused: over answerable questions; same event: doc or an article the gold ' +
      `puts on the same event (${Object.keys(ds.sameEvent).length} articles have one).`,
  );
  out.push(`  answers printing a sentence twice: ${q.summary.repeated}`);
  const wrong = q.rows.filter((r) => !r.right);
  if (wrong.length) {
    out.push(`\n${wrong.length} ${ds.name} questions wrong (answers in the report):`);
    for (const r of wrong) {
      const detail = r.doc === null ? 'answered a negative' : r.grounded ? `missing=${JSON.stringify(r.missing)}` : 'refused';
      const cited = r.doc === null ? '' : ` cited=${r.citedDoc ? 'doc' : r.citedSameEvent ? 'same-event' : r.cited.length ? 'other' : 'none'}`;
      out.push(`  ${r.id} [${r.kind}, ${r.style}] rank=${r.rank ?? '-'}${cited} ${detail}`);
    }
  }
  return out.join('\n');
}

/** Numeric metrics for --compare (ratios only; latencies are dropped by the caller's `ms` filter). */
export function labelledMetrics(ds: LabelledDatasetReport): Record<string, unknown> {
  const cards = Object.fromEntries(
    CARD_FIELDS.map((f) => [f, { all: rate(ds.cards.fields[f].all), goldNonNull: rate(ds.cards.fields[f].goldNonNull) }]),
  );
  return {
    cards: { ...cards, guestRecall: ds.cards.guests.recall },
    questions: { all: ds.questions.summary, kind: ds.questions.groups.kind, style: ds.questions.groups.style },
  };
}

/** Lines naming the questions of each dataset that flipped between two reports. */
export function labelledFlips(before: readonly LabelledDatasetReport[], after: readonly LabelledDatasetReport[]): string[] {
  const out: string[] = [];
  for (const a of after) {
    const b = before.find((x) => x.name === a.name);
    if (!b) continue;
    const f = flips(
      b.questions.rows.map((r) => ({ id: r.id, correct: r.right })),
      a.questions.rows.map((r) => ({ id: r.id, correct: r.right })),
    );
    if (f.fixed.length) out.push(`  ${a.name} questions now right: ${f.fixed.join(' ')}`);
    if (f.broken.length) out.push(`  ${a.name} questions now wrong: ${f.broken.join(' ')}`);
    const cardFlips = a.cards.rows.flatMap((r) => {
      const was = b.cards.rows.find((x) => x.file === r.file);
      if (!was) return [];
      const fixed = was.wrong.filter((w) => !r.wrong.includes(w));
      const broken = r.wrong.filter((w) => !was.wrong.includes(w));
      return [...fixed.map((w) => `+${r.file}:${w}`), ...broken.map((w) => `-${r.file}:${w}`)];
    });
    if (cardFlips.length) out.push(`  ${a.name} card fields now right (+) / wrong (-): ${cardFlips.join(' ')}`);
  }
  return out;
}
