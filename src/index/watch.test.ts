import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchGeneration, type GenerationWatch } from './watch.js';

let dir: string;
let watcher: GenerationWatch | undefined;
afterEach(async () => {
  watcher?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Replaces CURRENT as an ingest does (write a temporary file, rename it over). */
async function point(name: string): Promise<void> {
  await writeFile(path.join(dir, 'CURRENT.tmp'), `${name}\n`);
  await rename(path.join(dir, 'CURRENT.tmp'), path.join(dir, 'CURRENT'));
}

const until = async (check: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('watchGeneration', () => {
  it.each([
    ['fs.watch', { fsWatch: true, pollMs: 60_000 }],
    ['polling alone', { fsWatch: false, pollMs: 50 }],
  ] as const)('reports each new generation CURRENT names, not the first (%s)', async (_name, o) => {
    dir = await mkdtemp(path.join(tmpdir(), 'watch-'));
    await point('gen-1');
    const seen: string[] = [];
    watcher = watchGeneration(dir, (g) => void seen.push(g), { ...o, initial: 'gen-1' });
    await point('gen-2');
    await until(() => seen.length === 1, 3_000);
    await point('gen-3');
    await until(() => seen.length === 2, 3_000);
    expect(seen).toEqual(['gen-2', 'gen-3']);
  });

  it('never runs onChange twice at once, and reports the newest name after a slow one', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'watch-'));
    await point('gen-1');
    const seen: string[] = [];
    let running = 0;
    let overlap = false;
    watcher = watchGeneration(
      dir,
      async (g) => {
        overlap ||= ++running > 1;
        seen.push(g);
        await new Promise((r) => setTimeout(r, 200));
        running--;
      },
      { initial: 'gen-1', pollMs: 20 },
    );
    await point('gen-2');
    await until(() => seen.length === 1, 3_000);
    await point('gen-3');
    await point('gen-4');
    await until(() => seen.at(-1) === 'gen-4', 3_000);
    expect(overlap).toBe(false);
    expect(seen[0]).toBe('gen-2');
  });
});
