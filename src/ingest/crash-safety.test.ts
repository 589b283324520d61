/**
 * Crash safety of the on-disk index, across processes: `npm run ingest` killed with SIGKILL at random points
 * never leaves a broken index (the previous or the new generation is current, complete and answers), and a
 * second ingest in another process is refused by the lock with a clear message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRetriever } from '../retrieve/retriever.js';
import { createExtractiveAnswerer } from '../answer/answerer.js';
import { LocalHashEmbeddings } from '../providers/local-embeddings.js';
import { PROJECT_ROOT, seedDataDir, tempDir } from '../testing/seed-index.js';
import { wardReports } from '../testing/synthetic-corpus.js';
import { openIndex, withIndexLock } from '../index/store.js';
import { ingest } from './ingest.js';

const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const INGEST = path.join(PROJECT_ROOT, 'src', 'cli', 'ingest.ts');
// With vectors (LOCAL_VECTORS), so a kill can also land while vector segments are written.
const env = { ...process.env, LOG_LEVEL: 'warn', OPENAI_API_KEY: '', LLM_EMBEDDINGS: 'off', LLM_CHAT: 'off', DATA_PATHS: '', LOCAL_VECTORS: 'true' };
const embedder = new LocalHashEmbeddings();
const TRIALS = 20;

/** `npm run ingest` as one node process (no tsx wrapper process), so SIGKILL hits the ingest itself. */
function spawnIngest(args: string[]): ChildProcess & { result: Promise<{ code: number | null; signal: string | null; stderr: string; stdout: string }> } {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, INGEST, ...args], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const result = new Promise<{ code: number | null; signal: string | null; stderr: string; stdout: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr, stdout })),
  );
  return Object.assign(child, { result });
}

async function expectUsable(indexDir: string, allowedArticleCounts: number[]): Promise<void> {
  const snap = await openIndex(indexDir);
  try {
    expect(allowedArticleCounts).toContain(snap.articles.size);
    expect(snap.vectors.size).toBe(snap.manifest.chunkCount);
    expect(snap.keyword.size).toBe(snap.manifest.chunkCount);
    for (const labels of snap.articleLabels.values()) for (const l of labels) expect(snap.chunks.get(l)).toBeDefined();
    const answer = createExtractiveAnswerer({ retriever: createRetriever(snap, { embedQuery: (t) => embedder.embedQuery(t) }), topK: 8 });
    const a = await answer('Ai chủ trì Hội nghị lần thứ 8 Quận 8?');
    expect(a.grounded).toBe(true);
    expect(a.answer).toContain('Võ Ngọc Quốc Thuận');
  } finally {
    snap.close();
  }
}

describe('crash safety (kill -9 during ingest)', () => {
  let data: string;
  let indexDir: string;
  let extra: string;

  beforeAll(async () => {
    data = await seedDataDir('dangbo-crash-data-');
    extra = path.join(data, 'wards.jsonl');
    await writeFile(extra, wardReports(120, 0));
    indexDir = await tempDir('dangbo-crash-index-');
    await ingest({ paths: [path.join(data, 'seeds'), extra], indexDir, embedder, vectorExactMax: 20_000, workers: 0 });
  }, 120_000);

  /** Resolves when a generation other than the current one appears (a write has begun), or after `timeout` ms. */
  async function newGeneration(timeout: number): Promise<boolean> {
    const until = performance.now() + timeout;
    while (performance.now() < until) {
      const current = (await readFile(path.join(indexDir, 'CURRENT'), 'utf8').catch(() => '')).trim();
      if ((await readdir(indexDir)).some((e) => e.startsWith('gen-') && e !== current)) return true;
      await new Promise((r) => setTimeout(r, 2));
    }
    return false;
  }

  it(`the previous index opens and answers after each of ${TRIALS} kills at random points`, async () => {
    const args = ['--data', path.join(data, 'seeds'), '--data', extra, '--index', indexDir];
    // One uninterrupted run (startup + an update of every ward article) measures the run and its write phase.
    await writeFile(extra, wardReports(120, 1));
    const started = performance.now();
    const full = spawnIngest(args);
    expect(await newGeneration(60_000)).toBe(true);
    const writeStarted = performance.now();
    const done = await full.result;
    expect(done.code, done.stderr).toBe(0);
    const duration = performance.now() - started;
    const writeWindow = performance.now() - writeStarted;
    await expectUsable(indexDir, [125]);

    let killed = 0;
    let midWrite = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      // Every trial changes the ward articles (some also drop a third of them), so each run must write.
      const n = trial % 3 === 2 ? 80 : 120;
      await writeFile(extra, wardReports(n, trial + 2));
      const child = spawnIngest(args);
      // Odd trials: any point of the run (startup, reading, writing, committing); even trials: inside the write
      // phase (after the new generation's directory appears).
      if (trial % 2 === 0 && (await newGeneration(duration * 3))) {
        await new Promise((r) => setTimeout(r, Math.random() * writeWindow));
      } else {
        await new Promise((r) => setTimeout(r, Math.random() * duration * 1.1));
      }
      if (child.kill('SIGKILL')) killed++;
      const r = await child.result;
      expect(r.signal === 'SIGKILL' || r.code === 0, r.stderr).toBe(true);
      const current = (await readFile(path.join(indexDir, 'CURRENT'), 'utf8')).trim();
      if (r.signal === 'SIGKILL' && (await readdir(indexDir)).some((e) => e.startsWith('gen-') && e !== current)) midWrite++;
      // A killed ingest leaves its lock behind until it goes stale (15 s); a crash-recovery step removes it.
      await rm(path.join(indexDir, '.lock'), { recursive: true, force: true });
      await expectUsable(indexDir, [85, 125]);
    }
    expect(killed).toBeGreaterThanOrEqual(TRIALS / 2);
    expect(midWrite).toBeGreaterThanOrEqual(TRIALS / 4); // kills that left a half-written generation behind

    // The next ingest completes, and removes every abandoned generation.
    await writeFile(extra, wardReports(120, 99));
    const s = await ingest({ paths: [path.join(data, 'seeds'), extra], indexDir, embedder, vectorExactMax: 20_000, workers: 0 });
    expect(s.written).toBe(true);
    const entries = await readdir(indexDir);
    expect(entries.filter((e) => e.startsWith('gen-'))).toHaveLength(1);
    expect(entries.filter((e) => e.endsWith('.tmp'))).toHaveLength(0);
    await expectUsable(indexDir, [125]);
  }, 240_000);
});

describe('the ingest lock across processes', () => {
  it('refuses an ingest in another process while one holds the lock, with one clear message', async () => {
    const indexDir = await tempDir('dangbo-lock-');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const holder = withIndexLock(indexDir, () => gate);
    try {
      const r = await spawnIngest(['--index', indexDir]).result;
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/Another ingest is already running/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      release();
      await holder;
    }
    // Once released, the same command succeeds.
    const ok = await spawnIngest(['--index', indexDir]).result;
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Indexed 5 articles/);
  }, 60_000);

  it('two ingests started at once in two processes: one indexes, the other is refused', async () => {
    const indexDir = await tempDir('dangbo-lock2-');
    const [a, b] = await Promise.all([spawnIngest(['--index', indexDir]).result, spawnIngest(['--index', indexDir]).result]);
    const codes = [a.code, b.code].sort();
    // Either one was refused, or (when the first finished before the second took the lock) both succeeded.
    if (codes[0] === 0 && codes[1] === 0) {
      expect(a.stdout + b.stdout).toMatch(/Indexed 5 articles/);
    } else {
      expect(codes[0]).toBe(0);
      expect([a, b].find((r) => r.code !== 0)!.stderr).toMatch(/Another ingest is already running/);
    }
    await openIndex(indexDir).then((s) => s.close());
  }, 60_000);
});
