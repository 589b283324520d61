/**
 * The evaluation report: its JSON shape (written to eval/reports/), its text rendering and the comparison of
 * two reports. Pure functions, no I/O.
 */
import {
  compareMetrics,
  diacriticsGroup,
  fixed3,
  flattenMetrics,
  flips,
  groupBy,
  OWN_HEADER,
  ownTableRow,
  pct,
  renderTable,
  rowCorrect,
  summarize,
  type EvalRow,
  type EvalSummary,
  type RankSummary,
  type ViquadRow,
  type ViquadSummary,
} from './metrics.js';
import { formatLabelled, labelledFlips, labelledMetrics, type LabelledDatasetReport } from './labelled-report.js';

/** 3: `datasets` (labelled datasets such as real-dev: card and question scores). */
export const REPORT_VERSION = 3;

export interface BaselineReport {
  settings: { chunkSize: number; chunkOverlap: number; k: number };
  passages: number;
  /** Own answerable questions: rank of the expected article among the retrieved passages' articles. */
  own: RankSummary & { factsInTopPassage: number };
  viquad: (RankSummary & { topPassageContainsGold: number }) | null;
}

export interface AblationRow {
  name: string;
  own: RankSummary;
  viquad: RankSummary | null;
}

export interface EvalReport {
  version: number;
  createdAt: string;
  inputs: string[];
  questionSets: string[];
  indexDir: string;
  embedder: string;
  mode: 'extractive' | 'llm';
  own: {
    summary: EvalSummary;
    groups: Record<'category' | 'intent' | 'diacritics', Record<string, EvalSummary>>;
    rows: EvalRow[];
  };
  viquad: { summary: ViquadSummary; rows: ViquadRow[]; notIngested: number } | null;
  baseline: BaselineReport | null;
  ablation: AblationRow[] | null;
  /** One entry per labelled dataset among the inputs ([] when none, or skipped). */
  datasets: LabelledDatasetReport[];
}

export function ownGroups(rows: readonly EvalRow[]): EvalReport['own']['groups'] {
  const sum = (m: Map<string, EvalRow[]>) => Object.fromEntries([...m].map(([k, v]) => [k, summarize(v)]));
  return {
    category: sum(groupBy(rows, (r) => r.category)),
    intent: sum(groupBy(rows, (r) => r.intent)),
    diacritics: sum(groupBy(rows, diacriticsGroup)),
  };
}

const r3 = (s: RankSummary) => [pct(s.hit1), pct(s.hit5), fixed3(s.mrr)];
const dash3 = ['-', '-', '-'];

/** System vs baseline vs ablations, own questions and ViQuAD side by side. */
export function formatRetrievalTable(report: EvalReport): string {
  const header = ['retrieval', 'own hit@1', 'hit@5', 'MRR', 'answer', 'ViQuAD hit@1', 'hit@5', 'MRR', 'answer'];
  const rows: string[][] = [];
  const own = report.own.summary;
  const vq = report.viquad?.summary ?? null;
  rows.push([
    `system (${report.mode} answers)`,
    ...r3(own),
    pct(own.factAccuracy),
    ...(vq ? [...r3(vq), pct(vq.containsGold)] : [...dash3, '-']),
  ]);
  if (report.baseline) {
    const b = report.baseline;
    rows.push([
      `LangChain baseline ${b.settings.chunkSize}/${b.settings.chunkOverlap} BM25 k=${b.settings.k}`,
      ...r3(b.own),
      `${pct(b.own.factsInTopPassage)}*`,
      ...(b.viquad ? [...r3(b.viquad), `${pct(b.viquad.topPassageContainsGold)}*`] : [...dash3, '-']),
    ]);
  }
  for (const a of report.ablation ?? []) {
    rows.push([`ablation: ${a.name}`, ...r3(a.own), '', ...(a.viquad ? r3(a.viquad) : dash3), '']);
  }
  const notes = [
    'system: hit@k over the articles the answer cites, then the retrieved ones (50 chunks); answer = fact accuracy (own), answer contains a gold answer (ViQuAD).',
  ];
  if (report.baseline) {
    notes.push('* the baseline has no answer or abstention logic: its "answer" is its top passage (all facts / a gold answer appear in it).');
  }
  if (report.ablation) notes.push('ablation: retrieval only (no answerer), 50 chunks → distinct articles.');
  return `${renderTable(header, rows)}\n${notes.map((n) => `  ${n}`).join('\n')}`;
}

export function formatReport(report: EvalReport): string {
  const out: string[] = [];
  const g = report.own.groups;
  const section = (title: string, groups: Record<string, EvalSummary>) =>
    out.push(`\n${title}\n${renderTable(OWN_HEADER, Object.entries(groups).map(([k, s]) => ownTableRow(k, s)))}`);
  out.push(`\nown questions\n${renderTable(OWN_HEADER, [ownTableRow('all', report.own.summary)])}`);
  section('by category', g.category);
  section('by intent', g.intent);
  section('by diacritics / language', g.diacritics);
  if (report.viquad) {
    const v = report.viquad.summary;
    out.push(
      `\nViQuAD 2.0 dev (${v.n} questions${report.viquad.notIngested ? `, ${report.viquad.notIngested} skipped: passage not ingested` : ''}): ` +
        `passage hit@1 ${pct(v.hit1)}  hit@5 ${pct(v.hit5)}  MRR ${fixed3(v.mrr)}  answer contains gold ${pct(v.containsGold)}  first-line span F1 ${fixed3(v.firstLineF1)}  ` +
        `answered (grounded) ${pct(v.grounded)}  p50 ${v.p50ms.toFixed(1)} ms`,
    );
  }
  out.push(`\nretrieval and answers, side by side\n${formatRetrievalTable(report)}`);
  const s = report.own.summary;
  out.push(
    `\nhit@1 ${fixed3(s.hit1)}  hit@5 ${fixed3(s.hit5)}  MRR ${fixed3(s.mrr)}  fact accuracy ${fixed3(s.factAccuracy)}  ` +
      `abstention accuracy ${fixed3(s.abstentionAccuracy)} (precision ${fixed3(s.abstentionPrecision)}, recall ${fixed3(s.abstentionRecall)})  ` +
      `citation support ${fixed3(s.citationSupport)}  first line ${fixed3(s.firstLine)}  chars p50 ${s.p50chars}  repeated ${s.repeated}`,
  );
  const failures = report.own.rows.filter((r) => !rowCorrect(r) || (r.expect !== null && r.rank !== 1));
  if (failures.length) {
    out.push(`\n${failures.length} own questions with a miss (see the report for answers):`);
    for (const r of failures.slice(0, 40)) {
      out.push(
        `  ${r.id} [${r.category}] rank=${r.rank ?? '-'} grounded=${r.grounded}${r.expect && !r.citedExpected ? ' not-cited' : ''} missing=${JSON.stringify(r.factsMissing)}`,
      );
    }
  }
  for (const ds of report.datasets) out.push(formatLabelled(ds));
  return out.join('\n');
}

/** Metrics worth comparing (per-question rows excluded). */
export function reportMetrics(report: Pick<EvalReport, 'own' | 'viquad' | 'baseline' | 'ablation' | 'datasets'>): Map<string, number> {
  const m = new Map<string, number>();
  const add = (prefix: string, v: unknown) => {
    for (const [k, x] of flattenMetrics(v, prefix)) if (!/ms$/.test(k)) m.set(k, x);
  };
  add('own.all', report.own.summary);
  add('own.intent', report.own.groups.intent);
  add('own.diacritics', report.own.groups.diacritics);
  add('own.category', report.own.groups.category);
  if (report.viquad) add('viquad', report.viquad.summary);
  if (report.baseline) add('baseline', { own: report.baseline.own, viquad: report.baseline.viquad });
  for (const a of report.ablation ?? []) add(`ablation.${a.name}`, { own: a.own, viquad: a.viquad });
  for (const ds of report.datasets) add(`datasets.${ds.name}`, labelledMetrics(ds));
  return m;
}

/** Deltas of the changed metrics and the questions that flipped, `before` → `after`. */
export function formatComparison(before: EvalReport, after: EvalReport, beforeName: string): string {
  const deltas = compareMetrics(reportMetrics(before), reportMetrics(after), true).filter((d) => !/\.n$|\.answerable$/.test(d.key));
  const out = [`\ncompared with ${beforeName}`];
  if (deltas.length === 0) out.push('  no metric changed');
  else {
    out.push(
      renderTable(
        ['metric', 'before', 'after', 'delta'],
        deltas.map((d) => [d.key, d.before.toFixed(3), d.after.toFixed(3), `${d.delta > 0 ? '+' : ''}${d.delta.toFixed(3)}`]),
      ),
    );
  }
  const own = flips(
    before.own.rows.map((r) => ({ id: r.id, correct: rowCorrect(r) })),
    after.own.rows.map((r) => ({ id: r.id, correct: rowCorrect(r) })),
  );
  if (own.fixed.length) out.push(`  own questions now right: ${own.fixed.join(' ')}`);
  if (own.broken.length) out.push(`  own questions now wrong: ${own.broken.join(' ')}`);
  if (before.viquad && after.viquad) {
    const vq = flips(
      before.viquad.rows.map((r) => ({ id: r.id, correct: r.containsGold })),
      after.viquad.rows.map((r) => ({ id: r.id, correct: r.containsGold })),
    );
    out.push(`  ViQuAD answers now containing gold: ${vq.fixed.length}; no longer: ${vq.broken.length}`);
  }
  out.push(...labelledFlips(before.datasets, after.datasets));
  return out.join('\n');
}

/**
 * Reads a parsed report file. Version-2 reports gain `datasets: []`. Version-1 reports (summary + rows, before
 * this harness) are upgraded: rows without `citedExpected` count it as true, groups are recomputed from the rows.
 */
export function upgradeReport(json: unknown): EvalReport {
  const r = json as Partial<EvalReport> & { summary?: EvalSummary; rows?: EvalRow[] };
  if (r.version === REPORT_VERSION && r.own) return r as EvalReport;
  if (r.version === 2 && r.own) return { ...(r as EvalReport), version: REPORT_VERSION, datasets: [] };
  const rows = (r.rows ?? []).map((row) => ({ ...row, citedExpected: row.citedExpected ?? row.expect !== null }));
  return {
    version: REPORT_VERSION,
    createdAt: r.createdAt ?? '',
    inputs: r.inputs ?? [],
    questionSets: [],
    indexDir: r.indexDir ?? '',
    embedder: r.embedder ?? '',
    mode: 'extractive',
    own: { summary: summarize(rows), groups: ownGroups(rows), rows },
    viquad: null,
    baseline: null,
    ablation: null,
    datasets: [],
  };
}
