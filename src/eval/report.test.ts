import { describe, expect, it } from 'vitest';
import type { Answer } from '../types.js';
import { scoreRow, scoreViquadRow, summarize, summarizeViquad, type EvalQuestion, type EvalRow } from './metrics.js';
import { datasetReport } from '../testing/synthetic-dataset.js';
import { formatComparison, formatReport, ownGroups, reportMetrics, REPORT_VERSION, upgradeReport, type EvalReport } from './report.js';

const q = (id: string, expect: string | null, facts: string[] = expect ? ['596'] : []): EvalQuestion => ({
  id,
  question: `câu ${id}`,
  intent: 'fact',
  lang: 'vi',
  diacritics: true,
  category: expect ? 'figure' : 'no-answer',
  expect,
  facts,
});

const answer = (text: string, source: string | null): Answer => ({
  question: 'x',
  answer: text,
  grounded: source !== null,
  intent: 'fact',
  mode: 'extractive',
  citations: source ? [{ n: 1, source, title: 't', unit: null, date: null, quote: text, url: null, chunkId: `${source}#0` }] : [],
});

function report(rows: EvalRow[], extra: Partial<EvalReport> = {}): EvalReport {
  return {
    version: REPORT_VERSION,
    createdAt: '2026-01-01T00:00:00.000Z',
    inputs: ['data/articles'],
    questionSets: [],
    indexDir: 'eval/reports/index-x',
    embedder: 'local-hash-v1-a2-384',
    mode: 'extractive',
    own: { summary: summarize(rows), groups: ownGroups(rows), rows },
    viquad: null,
    baseline: null,
    ablation: null,
    datasets: [],
    ...extra,
  };
}

const right = scoreRow(q('q1', 'A'), answer('kết nạp 596', 'A'), ['A'], 1);
const wrong = scoreRow(q('q1', 'A'), answer('không rõ', null), [], 1);
const refused = scoreRow(q('q2', null), answer('không có', null), [], 1);

describe('report', () => {
  it('formats every section, with the baseline and ablation side by side', () => {
    const vq = [scoreViquadRow({ id: 'v1', question: '?', answers: ['Pantruche'], passage_id: 'p' }, answer('Pantruche', 'p'), ['p'], 1)];
    const text = formatReport(
      report([right, refused], {
        viquad: { summary: summarizeViquad(vq), rows: vq, notIngested: 0 },
        baseline: {
          settings: { chunkSize: 1000, chunkOverlap: 200, k: 5 },
          passages: 10,
          own: { n: 1, hit1: 0, hit5: 1, mrr: 0.5, factsInTopPassage: 0 },
          viquad: { n: 1, hit1: 1, hit5: 1, mrr: 1, topPassageContainsGold: 1 },
        },
        ablation: [{ name: '− filters', own: { n: 1, hit1: 1, hit5: 1, mrr: 1 }, viquad: null }],
      }),
    );
    for (const s of ['own questions', 'by intent', 'by diacritics / language', 'ViQuAD 2.0 dev (1 questions)', 'LangChain baseline 1000/200 BM25 k=5', 'ablation: − filters', 'top passage']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('with a miss');
  });

  it('lists misses', () => {
    expect(formatReport(report([wrong, refused]))).toMatch(/1 own questions with a miss[\s\S]*q1 \[figure\] rank=- grounded=false/);
  });

  it('compares two reports: changed metrics and flipped questions', () => {
    const text = formatComparison(report([wrong, refused]), report([right, refused]), 'before.json');
    expect(text).toContain('compared with before.json');
    expect(text).toMatch(/own\.all\.factAccuracy\s+0\.000\s+1\.000\s+\+1\.000/);
    expect(text).toContain('own questions now right: q1');
    expect(formatComparison(report([right]), report([right]), 'same.json')).toContain('no metric changed');
  });

  it('reportMetrics leaves out latencies', () => {
    const keys = [...reportMetrics(report([right])).keys()];
    expect(keys).toContain('own.all.hit1');
    expect(keys.some((k) => k.endsWith('ms'))).toBe(false);
  });

  it('prints labelled datasets after the own questions and compares them', () => {
    const before = report([right, refused], { datasets: [datasetReport(false)] });
    const after = report([right, refused], { datasets: [datasetReport(true)] });
    expect(formatReport(after)).toMatch(/own questions[\s\S]*dev: event cards[\s\S]*dev: questions/);
    expect([...reportMetrics(after).keys()]).toEqual(expect.arrayContaining(['datasets.dev.cards.unit.all', 'datasets.dev.questions.all.right', 'datasets.dev.questions.kind.fact.citedDoc']));
    const text = formatComparison(before, after, 'before.json');
    expect(text).toMatch(/datasets\.dev\.questions\.all\.right\s+0\.500\s+1\.000\s+\+0\.500/);
    expect(text).toContain('dev questions now right: q1');
  });

  it('upgrades a version-2 report (no datasets)', () => {
    const { datasets: _drop, ...v2 } = report([right, refused]);
    const up = upgradeReport({ ...v2, version: 2 });
    expect(up.version).toBe(REPORT_VERSION);
    expect(up.datasets).toEqual([]);
    expect(up.own.rows).toHaveLength(2);
    expect(formatComparison(up, report([right, refused], { datasets: [datasetReport(true)] }), 'v2.json')).not.toContain('dev questions');
  });

  it('upgrades a version-1 report (summary + rows)', () => {
    const { citedExpected: _drop, ...v1row } = right;
    const up = upgradeReport({ inputs: ['a'], indexDir: 'd', embedder: 'e', summary: {}, rows: [v1row] });
    expect(up.version).toBe(REPORT_VERSION);
    expect(up.own.rows[0]!.citedExpected).toBe(true);
    expect(up.own.summary.factAccuracy).toBe(1);
    expect(up.own.groups.intent.fact).toBeDefined();
  });
});
