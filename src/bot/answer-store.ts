/**
 * Where the answers behind buttons live: every answer the bot sends is stored under its short id (the one in its
 * buttons' callback data) for ANSWER_TTL_MS, so a citation, a unit choice or 👍/👎 resolves its own reference —
 * after any number of newer answers, after a restart, and on any replica.
 *
 * Contracts:
 * - `get(id)` returns the stored answer, or undefined once it expired (or was never stored); `put` stores or
 *   replaces one and restarts its lifetime. Neither throws for a store that is away: `get` then finds nothing
 *   and `put` is logged by the caller's error handling only if it throws (the Redis store degrades on its own).
 * - `storageAnswerStore(adapter)`: any grammY StorageAdapter, keyed "answer:<id>" — the Redis adapter of
 *   shared-state.ts (expiry by the key's TTL) or `MemorySessionStorage` (expiry checked on read).
 * - `fileAnswerStore(dir)`: one small JSON file per answer in `dir` (single-process deployments without Redis:
 *   buttons survive restarts). Files older than the lifetime are ignored on read and swept at start.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MemorySessionStorage, type StorageAdapter } from 'grammy';
import { ANSWER_TTL_MS } from './limits.js';
import type { StoredAnswer } from './types.js';

export interface AnswerStore {
  get(id: string): Promise<StoredAnswer | undefined>;
  put(answer: StoredAnswer): Promise<void>;
}

/** A stored answer with the time it was stored (for stores that do not expire keys themselves). */
type Dated = StoredAnswer & { storedAt?: number };

const KEY = (id: string) => `answer:${id}`;
const SAFE_ID = /^[A-Za-z0-9_-]{1,32}$/;

export function storageAnswerStore(adapter: StorageAdapter<StoredAnswer>, ttlMs = ANSWER_TTL_MS): AnswerStore {
  return {
    async get(id) {
      if (!SAFE_ID.test(id)) return undefined;
      const found = (await adapter.read(KEY(id))) as Dated | undefined;
      if (!found) return undefined;
      if (found.storedAt !== undefined && Date.now() - found.storedAt > ttlMs) return undefined;
      return found;
    },
    async put(answer) {
      await adapter.write(KEY(answer.id), { ...answer, storedAt: Date.now() } as Dated);
    },
  };
}

/** In this process only (tests, and the default of createBot). */
export function memoryAnswerStore(ttlMs = ANSWER_TTL_MS): AnswerStore {
  return storageAnswerStore(new MemorySessionStorage<StoredAnswer>(ttlMs), ttlMs);
}

export function fileAnswerStore(dir: string, ttlMs = ANSWER_TTL_MS): AnswerStore {
  const ready = mkdir(dir, { recursive: true }).then(() => undefined);
  // Sweep expired answers once, in the background.
  void ready
    .then(async () => {
      const now = Date.now();
      for (const name of await readdir(dir)) {
        if (!name.endsWith('.json')) continue;
        const file = path.join(dir, name);
        const info = await stat(file).catch(() => null);
        if (info && now - info.mtimeMs > ttlMs) await rm(file, { force: true }).catch(() => undefined);
      }
    })
    .catch(() => undefined);
  const adapter: StorageAdapter<StoredAnswer> = {
    async read(key) {
      try {
        return JSON.parse(await readFile(path.join(dir, `${key.slice('answer:'.length)}.json`), 'utf8')) as StoredAnswer;
      } catch {
        return undefined;
      }
    },
    async write(key, value) {
      await ready;
      const file = path.join(dir, `${key.slice('answer:'.length)}.json`);
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(value));
      await rename(tmp, file);
    },
    async delete(key) {
      await rm(path.join(dir, `${key.slice('answer:'.length)}.json`), { force: true });
    },
  };
  return storageAnswerStore(adapter, ttlMs);
}
