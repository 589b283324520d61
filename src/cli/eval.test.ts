/** `npm run eval` as a user runs it: a spawned process over the bundled articles plus a tiny ViQuAD-style corpus. */
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../testing/cli.js';
import { tempDir } from '../testing/seed-index.js';

const run = (args: string[]): Promise<CliResult> => runCli('eval.ts', args);

let dir: string;
let first: CliResult;

beforeAll(async () => {
  dir = await tempDir('dangbo-eval-cli-');
  await mkdir(path.join(dir, 'corpus'));
  const passages = [
    { id: 'ctx:1', title: 'Paris', date: null, url: null, text: 'Paris là thủ đô của Pháp. Một tên gọi lóng khác của Paris là Pantruche.' },
    { id: 'ctx:2', title: 'Canada', date: null, url: null, text: 'Canada có hai ngôn ngữ chính thức là tiếng Anh và tiếng Pháp.' },
  ];
  await writeFile(path.join(dir, 'corpus', 'passages.jsonl'), passages.map((p) => JSON.stringify(p)).join('\n'));
  const dev = [
    { id: 'v1', question: 'Tên gọi lóng khác của Paris là gì?', answers: ['Pantruche'], passage_id: 'ctx:1' },
    { id: 'v2', question: 'Canada có những ngôn ngữ chính thức nào?', answers: ['tiếng Anh và tiếng Pháp'], passage_id: 'ctx:2' },
  ];
  await writeFile(path.join(dir, 'corpus', 'dev.jsonl'), dev.map((q) => JSON.stringify(q)).join('\n'));
  const own = [
    { id: 'q1', question: 'Quận 12 kết nạp được bao nhiêu đảng viên?', intent: 'fact', lang: 'vi', diacritics: true, category: 'figure', expect: '000_8560dab47670abcc.txt', facts: ['596'] },
    { id: 'q2', question: 'Quận 5 thu ngân sách được bao nhiêu?', intent: 'fact', lang: 'vi', diacritics: true, category: 'no-answer', expect: null, facts: [] },
  ];
  await writeFile(path.join(dir, 'questions.jsonl'), own.map((q) => JSON.stringify(q)).join('\n'));
  first = await run(['--with', path.join(dir, 'corpus'), '--questions', path.join(dir, 'questions.jsonl'), '--reports', path.join(dir, 'reports')]);
}, 180_000);

describe('npm run eval', () => {
  it('asks own and ViQuAD-style questions and prints the tables side by side', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/Indexed 7 articles/); // the question set in the folder is not ingested
    expect(first.stdout).toContain('ViQuAD 2.0 dev (2 questions)');
    expect(first.stdout).toMatch(/LangChain baseline 1000\/200 BM25 k=5/);
    expect(first.stdout).toMatch(/ablation: − filters/);
    expect(first.stdout).toMatch(/hit@1 1\.000 {2}hit@5 1\.000 {2}MRR 1\.000 {2}fact accuracy 1\.000 {2}abstention accuracy 1\.000/);
  });

  it('writes a JSON report and the baseline cache; --compare prints deltas', async () => {
    const files = await readdir(path.join(dir, 'reports'));
    const report = files.find((f) => /^eval-.*\.json$/.test(f))!;
    expect(files.some((f) => /^baseline-.*\.json$/.test(f))).toBe(true);
    const json = JSON.parse(await readFile(path.join(dir, 'reports', report), 'utf8'));
    expect(json.own.rows).toHaveLength(2);
    expect(json.viquad.rows).toHaveLength(2);
    expect(json.baseline.viquad.n).toBe(2);
    const again = await run([
      '--with', path.join(dir, 'corpus'),
      '--questions', path.join(dir, 'questions.jsonl'),
      '--reports', path.join(dir, 'reports'),
      '--skip', 'ablation',
      '--compare', path.join(dir, 'reports', report),
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`compared with ${path.join(dir, 'reports', report)}`);
    expect(again.stdout).not.toContain('ablation: ');
  }, 120_000);

  it('rejects an unknown --skip part with one clear message', async () => {
    const r = await run(['--skip', 'everything']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Unknown --skip part "everything"/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
