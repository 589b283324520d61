/**
 * Vitest global setup: every test run gets its own temporary root (TMPDIR, so `os.tmpdir()` in test workers and in
 * the processes they spawn points into it), removed with everything under it when the run ends. Tests still clean
 * up after themselves where they can; this catches what they cannot (killed children, crash-safety trials).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default async function setup(): Promise<() => Promise<void>> {
  const previous = process.env.TMPDIR;
  const root = await mkdtemp(path.join(tmpdir(), 'dangbo-test-'));
  process.env.TMPDIR = root;
  return async () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    await rm(root, { recursive: true, force: true });
  };
}
