import { mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../scripts/build.mjs';
import { tempDir } from '../testing/seed-index.js';

/** A project with two source modules, a test and a test helper. */
async function project(): Promise<string> {
  const root = await tempDir('dangbo-build-');
  await mkdir(path.join(root, 'src', 'cli'), { recursive: true });
  await mkdir(path.join(root, 'src', 'testing'), { recursive: true });
  await writeFile(path.join(root, 'src', 'greet.ts'), `export const greet = (name: string): string => \`chào \${name}\`;\n`);
  await writeFile(path.join(root, 'src', 'cli', 'start.ts'), `import { greet } from '../greet.js';\nexport const out: string = greet('bạn');\n`);
  await writeFile(path.join(root, 'src', 'greet.test.ts'), `throw new Error('tests are not built');\n`);
  await writeFile(path.join(root, 'src', 'testing', 'fake.ts'), `export const fake = 1;\n`);
  return root;
}

const mtime = async (f: string) => (await stat(f)).mtimeMs;

describe('ensureBuilt (npm start runs dist/)', () => {
  it('transpiles the sources one to one, leaving tests out, and the result runs', async () => {
    const root = await project();
    const dist = await ensureBuilt(root);
    expect(dist).toBe(path.join(root, 'dist'));
    expect(existsSync(path.join(dist, 'greet.js'))).toBe(true);
    expect(existsSync(path.join(dist, 'greet.test.js'))).toBe(false);
    expect(existsSync(path.join(dist, 'testing', 'fake.js'))).toBe(true);
    const mod = (await import(pathToFileURL(path.join(dist, 'cli', 'start.js')).href)) as { out: string };
    expect(mod.out).toBe('chào bạn');
  });

  it('rebuilds only when a source is newer, added or removed', async () => {
    const root = await project();
    const dist = await ensureBuilt(root);
    const built = await mtime(path.join(dist, 'greet.js'));
    await ensureBuilt(root);
    expect(await mtime(path.join(dist, 'greet.js'))).toBe(built);
    // An edited source (newer mtime).
    await writeFile(path.join(root, 'src', 'greet.ts'), `export const greet = (name: string): string => \`xin chào \${name}\`;\n`);
    const later = new Date(Date.now() + 5_000);
    await utimes(path.join(root, 'src', 'greet.ts'), later, later);
    await ensureBuilt(root);
    expect(await readFile(path.join(dist, 'greet.js'), 'utf8')).toContain('xin chào');
    // A removed source: its output goes too.
    await writeFile(path.join(root, 'src', 'extra.ts'), `export const extra = 2;\n`);
    await ensureBuilt(root);
    expect(existsSync(path.join(dist, 'extra.js'))).toBe(true);
    await rm(path.join(root, 'src', 'extra.ts'));
    await ensureBuilt(root);
    expect(existsSync(path.join(dist, 'extra.js'))).toBe(false);
  });

  it('builds once for concurrent starts and leaves no lock or temp folder behind', async () => {
    const root = await project();
    const dists = await Promise.all([ensureBuilt(root), ensureBuilt(root), ensureBuilt(root)]);
    expect(new Set(dists).size).toBe(1);
    const left = (await import('node:fs/promises')).readdir(root);
    expect((await left).sort()).toEqual(['dist', 'src']);
  });
});
