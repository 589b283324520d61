/** The command-line contract, exercised as a user would: spawned processes, real files. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUESTION_CHARS } from '../config/limits.js';
import { runCli as run } from '../testing/cli.js';
import { tempDir } from '../testing/seed-index.js';

let indexDir: string;

beforeAll(async () => {
  indexDir = await tempDir('dangbo-cli-');
  const r = await run('ingest.ts', ['--index', indexDir]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/Indexed 5 articles/);
}, 120_000);

describe('npm run ingest', () => {
  it('a second run reports no changes', async () => {
    const r = await run('ingest.ts', ['--index', indexDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no changes \(5 unchanged\)/);
  });

  it('rejects a binary file with one clear message and no stack trace', async () => {
    const dir = await tempDir();
    const bin = path.join(dir, 'photo.txt');
    await writeFile(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x0a, 0xff, 0x00]));
    const r = await run('ingest.ts', ['--data', bin, '--index', path.join(dir, 'idx')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/photo\.txt/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a missing path', async () => {
    const r = await run('ingest.ts', ['--data', '/nonexistent/articles', '--index', path.join(await tempDir(), 'idx')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/nonexistent/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm run ask', () => {
  it('--json prints exactly one JSON object with the contract fields', async () => {
    const r = await run('ask.ts', ['--index', indexDir, '--json', 'Ai chủ trì Hội nghị lần thứ 8 Quận 8?']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0]!);
    expect(Object.keys(o)).toEqual(expect.arrayContaining(['question', 'answer', 'grounded', 'intent', 'mode', 'citations']));
    expect(o).toMatchObject({ grounded: true, intent: 'chair', mode: 'extractive' });
    expect(o.answer).toContain('Võ Ngọc Quốc Thuận');
    expect(o.citations[0]).toMatchObject({ n: 1, source: '002_38b2f8d630866424.txt', unit: 'Quận 8', date: '2022-07-12' });
    expect(Object.keys(o.citations[0])).toEqual(expect.arrayContaining(['n', 'source', 'title', 'unit', 'date', 'quote']));
  });

  it('readable mode prints the answer and its sources', async () => {
    const r = await run('ask.ts', ['--index', indexDir, 'quan 12 ket nap bao nhieu dang vien']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('596');
    expect(r.stdout).toContain('Nguồn:');
    expect(r.stdout).toContain('[1]');
  });

  it('--jsonl answers each stdin line with one JSON line, in order', async () => {
    const qs = ['Ai chủ trì hội nghị Quận 11?', 'Giá vàng hôm nay bao nhiêu?', 'quan 12 ket nap bao nhieu dang vien'];
    const r = await run('ask.ts', ['--index', indexDir, '--jsonl'], `${qs.join('\n')}\n`);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.question)).toEqual(qs);
    expect(out.map((o) => o.grounded)).toEqual([true, false, true]);
  });

  it('refuses a question over the bot\'s length limit at once (one line; --jsonl goes on with the next line)', async () => {
    const long = 'Ai chủ trì hội nghị lần thứ 8 Quận 8? '.repeat(3000).slice(0, 100_000);
    const started = Date.now();
    const r = await run('ask.ts', ['--index', indexDir, '--json', long.slice(0, 30_000)]); // an argument holds at most 128 KB
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`limit is ${MAX_QUESTION_CHARS}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const atLimit = 'Ai chủ trì hội nghị lần thứ 8 Quận 8? '.padEnd(MAX_QUESTION_CHARS, '.');
    const lines = await run('ask.ts', ['--index', indexDir, '--jsonl'], `${long}\n${atLimit}\n`);
    expect(lines.code, lines.stderr).toBe(0);
    const [refused, answered] = lines.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(refused.error.code).toBe('QUESTION_TOO_LONG');
    expect(refused.question.length).toBeLessThan(300);
    expect(answered.answer).toContain('Võ Ngọc Quốc Thuận');
    expect(Date.now() - started).toBeLessThan(30_000); // was 11 s of planning for the first alone
  });

  it('bad input: unknown flag, empty question, missing index → clear message, non-zero exit', async () => {
    const unknown = await run('ask.ts', ['--index', indexDir, '--frobnicate', 'x']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown option/);
    const empty = await run('ask.ts', ['--index', indexDir]);
    expect(empty.code).not.toBe(0);
    expect(empty.stderr).toMatch(/No question given/);
    const missing = await run('ask.ts', ['--index', path.join(await tempDir(), 'none'), 'Ai chủ trì?']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/No index found/);
    expect(missing.stderr).toMatch(/npm run ingest/);
    for (const r of [unknown, empty, missing]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm start (terminal chat)', () => {
  it('builds a missing index, answers piped lines and exits at end of input', async () => {
    const dir = path.join(await tempDir(), 'vs');
    const child = await run('start.ts', [], 'Ai chủ trì Hội nghị lần thứ 8 Quận 8?\ncòn quận 11 thì sao?\n', { INDEX_DIR: dir });
    expect(child.code, child.stderr).toBe(0);
    expect(child.stdout).toContain('Võ Ngọc Quốc Thuận');
    expect(child.stdout).toContain('Trương Quốc Lâm');
  });
});

