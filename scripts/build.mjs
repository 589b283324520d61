/**
 * The JavaScript that `npm start` runs: every non-test module of src/ transpiled one to one (esbuild, no bundling)
 * into dist/, so the served process loads plain JavaScript instead of compiling TypeScript through tsx's loader on
 * each start (measured: about 0.5 s of start-up and the loader thread's memory; docs/start-up.md).
 *
 * Contracts:
 * - `ensureBuilt(root)` returns dist/ once it holds the build of the current sources: it rebuilds when a source
 *   file (src/**\/*.ts but tests; src/testing/ is kept: the bench's bot phase drives the emulator with it) is newer
 *   than the last build, or one was added or removed (dist/.build.json records the newest mtime and the file list).
 * - A build never leaves a half-written dist/: it is written beside it and swapped in. Concurrent starts (replicas)
 *   build once: the others wait on a lock directory (a lock older than BUILD_LOCK_STALE_MS is taken over).
 * - The layout mirrors src/ (dist/cli/start.js ← src/cli/start.ts), so paths relative to a module (prompts/, the
 *   ingest worker's entry, createRequire) resolve as they do from the sources. Type errors are not checked here
 *   (`npm run typecheck` and `npm test` do).
 * - `node scripts/build.mjs` builds unconditionally (`npm run build`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BUILD_LOCK_STALE_MS = 60_000;
const STAMP = '.build.json';

/** Source modules (relative to src/) with the newest mtime among them. */
function sources(src) {
  const files = [];
  let newest = 0;
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts') || entry.name.endsWith('.d.ts')) continue;
    const rel = path.relative(src, path.join(entry.parentPath ?? entry.path, entry.name));
    files.push(rel);
    newest = Math.max(newest, statSync(path.join(src, rel)).mtimeMs);
  }
  files.sort();
  return { files, newest };
}

function upToDate(dist, current) {
  try {
    const stamp = JSON.parse(readFileSync(path.join(dist, STAMP), 'utf8'));
    return stamp.newest >= current.newest && stamp.files.join('\n') === current.files.join('\n');
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function withLock(lock, fn) {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (age > BUILD_LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else await sleep(50);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function build(root, current = sources(path.join(root, 'src'))) {
  const { build: esbuild } = await import('esbuild');
  const dist = path.join(root, 'dist');
  const next = path.join(root, `.dist-${process.pid}`);
  rmSync(next, { recursive: true, force: true });
  await esbuild({
    entryPoints: current.files.map((f) => path.join(root, 'src', f)),
    outdir: next,
    outbase: path.join(root, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    charset: 'utf8',
    logLevel: 'error',
  });
  writeFileSync(path.join(next, STAMP), JSON.stringify(current));
  const old = path.join(root, `.dist-old-${process.pid}`);
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(next, dist);
  rmSync(old, { recursive: true, force: true });
  return dist;
}

export async function ensureBuilt(root) {
  const dist = path.join(root, 'dist');
  const src = path.join(root, 'src');
  if (upToDate(dist, sources(src))) return dist;
  return withLock(path.join(root, '.dist.lock'), async () => {
    const current = sources(src);
    return upToDate(dist, current) ? dist : build(root, current);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const t = performance.now();
  await withLock(path.join(root, '.dist.lock'), () => build(root));
  console.error(`Built dist/ in ${Math.round(performance.now() - t)} ms.`);
}
