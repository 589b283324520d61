/** `npm start` with INDEX_READ_ONLY (replicas): never builds or writes the index. */
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/cli.js';
import { buildSeedIndex, tempDir } from '../testing/seed-index.js';

const start = (env: Record<string, string>, input: string) => runCli('start.ts', [], input, env);

let tmp: string;
let built: string;
beforeAll(async () => {
  tmp = await tempDir('dangbo-start-');
  built = (await buildSeedIndex()).dir;
}, 120_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  await rm(built, { recursive: true, force: true });
});

describe('npm start with INDEX_READ_ONLY=true', () => {
  it('refuses to start without an index, says how to build it, and creates nothing', async () => {
    const dir = path.join(tmp, 'none');
    const r = await start({ INDEX_READ_ONLY: 'true', INDEX_DIR: dir }, '');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('INDEX_READ_ONLY is set and there is no index');
    expect(r.stderr).toContain('npm run ingest');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(dir)).toBe(false);
  });

  it('answers from an existing index without writing to it', async () => {
    const before = await readdir(built);
    const r = await start({ INDEX_READ_ONLY: 'true', INDEX_DIR: built, DATA_PATHS: path.join(tmp, 'missing-inputs') }, 'Ai chủ trì hội nghị lần thứ 8 Quận 8?\n');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Võ Ngọc Quốc Thuận');
    expect(await readdir(built)).toEqual(before);
  });
});
