import { describe, expect, it } from 'vitest';
import { formatLabelled, labelledFlips, labelledMetrics } from './labelled-report.js';
import { datasetReport } from '../testing/synthetic-dataset.js';

describe('labelled report', () => {
  it('prints the card table, the question tables and the wrong questions', () => {
    const text = formatLabelled(datasetReport(false));
    expect(text).toContain('dev: event cards (1 of 1 gold articles in the index)');
    expect(text).toMatch(/unit \(kind \+ name\)\s+1\/1 100\.0%\s+1\/1 100\.0%/);
    expect(text).toMatch(/event kind\s+1\/1 100\.0%/);
    expect(text).toMatch(/khóa\s+1\/1 100\.0%\s+-/); // null gold, null card: right; no non-null gold
    expect(text).toMatch(/guests \(directing\), recall\s+0\/1 0\.0%\s+0\/1 articles complete/);
    expect(text).toMatch(/all\s+2\s+50\.0%/);
    expect(text).toContain('kind: negative');
    expect(text).toContain('style: accented');
    expect(text).toContain('q1 [fact, accented] rank=1 cited=none refused');
  });

  it('metrics for --compare are ratios; flips name questions and card fields', () => {
    const m = labelledMetrics(datasetReport(true)) as { cards: Record<string, { all: number }>; questions: { all: { right: number } } };
    expect(m.cards.meeting!.all).toBe(1);
    expect(m.questions.all.right).toBe(1);
    const lines = labelledFlips([datasetReport(false, null)], [datasetReport(true)]);
    expect(lines).toEqual(['  dev questions now right: q1', '  dev card fields now right (+) / wrong (-): +000_aaaa1111.txt:meeting']);
    expect(labelledFlips([], [datasetReport(true)])).toEqual([]);
  });
});
