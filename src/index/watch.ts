/**
 * Following an index directory's live generation (the CURRENT pointer of store.ts), so that every process reading
 * one index — bot replicas, whichever of them or `npm run ingest` wrote it — answers from the same generation.
 *
 * Contracts:
 * - `watchGeneration(dir, onChange)` calls `onChange(name)` with the generation CURRENT names whenever it differs
 *   from the last one seen (the one at start is the baseline, not reported). Calls never overlap: a change seen
 *   while `onChange` runs is reported after it, once, with the newest name.
 * - CURRENT is watched with fs.watch on the directory (it is replaced by rename, so the file itself cannot be
 *   watched) and also polled every `pollMs` (default INDEX_POLL_MS): fs.watch misses events on network and some
 *   container file systems, and may be unavailable. A change is therefore seen within `pollMs` at worst.
 * - An unreadable or missing CURRENT is skipped (an ingest in progress, or no index yet); `onChange` errors are
 *   passed to `onError` (default: ignored) and the next change is still reported.
 * - Neither the watcher nor the timer keeps the process alive; `close()` stops both (idempotent).
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Longest time before a new generation is noticed when fs.watch reports nothing. */
export const INDEX_POLL_MS = 2_000;

export interface GenerationWatch {
  close(): void;
}

export function watchGeneration(
  dir: string,
  onChange: (generation: string) => Promise<void> | void,
  o: { pollMs?: number; initial?: string | null; onError?: (error: unknown) => void; /** false: polling only (tests). */ fsWatch?: boolean } = {},
): GenerationWatch {
  const pointer = path.join(dir, 'CURRENT');
  let last: string | null | undefined = o.initial;
  let running = false;
  let again = false;
  let closed = false;

  const read = async (): Promise<string | null> => {
    try {
      const name = (await readFile(pointer, 'utf8')).trim();
      return name && !name.includes('/') && !name.includes('\\') ? name : null;
    } catch {
      return null;
    }
  };

  const check = async (): Promise<void> => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const name = await read();
        if (name === null || closed) continue;
        if (last === undefined) {
          last = name;
          continue;
        }
        if (name === last) continue;
        last = name;
        try {
          await onChange(name);
        } catch (error) {
          o.onError?.(error);
        }
      } while (again && !closed);
    } finally {
      running = false;
    }
  };

  let watcher: FSWatcher | undefined;
  if (o.fsWatch !== false) {
    try {
      watcher = watch(dir, { persistent: false }, (_event, file) => {
        if (file === null || file === 'CURRENT') void check();
      });
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined; // polling alone from now on
      });
    } catch {
      watcher = undefined; // no fs.watch here: polling alone
    }
  }
  const timer = setInterval(() => void check(), o.pollMs ?? INDEX_POLL_MS);
  timer.unref();
  if (last === undefined) void check();

  return {
    close() {
      closed = true;
      clearInterval(timer);
      watcher?.close();
    },
  };
}
