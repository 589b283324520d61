import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/seed-index.js';
import { formatReport, runBench } from './run.js';

// The bench on the bundled articles plus a two-article corpus: every phase but the slow LangChain baseline, each in its own
// process. Checks the report's shape and the bot phase's delivery guarantees; the targets themselves are measured
// by `npm run bench` at full scale, never asserted as timings here.
describe('runBench (bundled articles + a tiny corpus)', () => {
  it('ingests, answers, runs the bot with 50 chats against the emulator and starts the CLI; writes the report', async () => {
    const out = await tempDir('dangbo-bench-out-');
    const corpus = path.join(out, 'tiny.jsonl');
    await writeFile(
      corpus,
      [
        { id: 'tiny-1', title: 'Hội nghị Quận ủy Quận 4', date: '2024-03-01', url: null, text: 'Chiều 1/3, Quận ủy Quận 4 tổ chức hội nghị. Đồng chí Lê Văn A chủ trì.' },
        { id: 'tiny-2', title: 'Tin thời tiết', date: '2024-03-02', url: null, text: 'Trời nắng nhẹ, nhiệt độ 30 độ.' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const lines: string[] = [];
    const r = await runBench({
      corpora: [corpus],
      skip: ['baseline'],
      questionFiles: [],
      baselineQuestions: 0,
      startRuns: 1,
      keep: false,
      outDir: out,
      log: (line) => lines.push(line),
    });
    expect(r.ingest?.cold.summary.articles).toBe(7);
    expect(r.ingest?.unchanged.summary.added).toBe(0);
    expect(r.ingest?.oneArticle.summary.added).toBe(1);
    expect(r.answers?.latency.n).toBeGreaterThanOrEqual(200);
    expect(r.bot).toMatchObject({ chats: 50, questions: 500, answered: 500, missing: 0, duplicates: 0, outOfOrderChats: 0 });
    expect(r.bot!.questionsPerSecond).toBeGreaterThan(0);
    expect(r.verdicts.botAllAnswered).toBe(true);
    expect(r.start?.runs).toHaveLength(1);
    expect(r.baseline).toBeNull();
    const text = formatReport(r);
    expect(text).toMatch(/bot: 50 chats × 10 questions/);
    expect(text).toMatch(/500\/500 answered once, in order/);
    const file = lines.find((l) => l.includes('Report:'))!.split('Report: ')[1]!.trim();
    const saved = JSON.parse(await readFile(path.resolve(file), 'utf8')) as { bot: { answered: number } };
    expect(saved.bot.answered).toBe(500);
  }, 240_000);
});
