/**
 * Bot state shared by replicas through Redis (REDIS_URL): sessions (grammY's RedisAdapter from
 * @grammyjs/storage-redis), rate-limit counters (middleware/rate-limit.ts, in Redis) and a per-chat
 * lock, so that any replica can take any update.
 *
 * Contracts:
 * - Every key lives under `keyPrefix` (default "dangbo:"): session:<chat id>, ratelimit:<user id>:<window>,
 *   lock:chat:<chat id>, answer:<answer id> (the answers behind buttons, answer-store.ts). Sessions expire
 *   `sessionTtlSeconds` (default 30 days) after their last write, answers ANSWER_TTL_MS (8 weeks) after theirs.
 * - `connectSharedState` resolves once Redis answers PING; otherwise it rejects with
 *   AppError('CONFIG_INVALID') naming the URL (password hidden) and how to fix it.
 * - When Redis goes away later (killed, unreachable, or frozen: a command unanswered after `commandTimeoutMs`,
 *   default 1 s), the bot degrades instead of failing: sessions, rate-limit counters and chat order fall back to
 *   this process's memory (the chat lock is skipped; one process still keeps a chat in order), questions are
 *   answered, and one warning says so. Redis is probed with PING every `probeIntervalMs` (default 1 s); once it
 *   answers, state is shared again (one info line). Session changes made during the outage stay in the process
 *   that made them; nothing is written back.
 * - Lock: SET NX PX `lockTtlMs`, polled every 20–200 ms, renewed every `lockTtlMs`/3 while held,
 *   released only by its holder (compare-and-delete). After `lockWaitMs` without it, or when Redis
 *   fails, `acquire` resolves unlocked and logs a warning (availability over strict ordering).
 * - `close()` quits the connection (idempotent).
 */
import { randomUUID } from 'node:crypto';
import { RedisAdapter } from '@grammyjs/storage-redis';
import type { StorageAdapter } from 'grammy';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { storageAnswerStore, type AnswerStore } from './answer-store.js';
import { ANSWER_TTL_MS } from './limits.js';
import { describeError } from './send.js';
import type { ChatLock, RateLimitStore, SessionData, StoredAnswer } from './types.js';

export interface SharedStateOptions {
  keyPrefix?: string;
  sessionTtlSeconds?: number;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  lockTtlMs?: number;
  lockWaitMs?: number;
  /** While Redis is away, how often it is probed with PING (default 1 s). */
  probeIntervalMs?: number;
}

export interface SharedState {
  storage: StorageAdapter<SessionData>;
  rateLimitStore: RateLimitStore;
  chatLock: ChatLock;
  answerStore: AnswerStore;
  /** The client (tests, diagnostics). Keys passed to it get `keyPrefix` added. */
  redis: Redis;
  /** False while Redis is away and state is per process. */
  readonly shared: boolean;
  close(): Promise<void>;
}

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/** The URL with any password replaced by "***". */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Fallback state while Redis is away: at most this many chats' sessions and users' counters per process. */
const FALLBACK_MAX_ENTRIES = 10_000;

export async function connectSharedState(url: string, logger: Pick<Logger, 'warn' | 'info' | 'debug'>, o: SharedStateOptions = {}): Promise<SharedState> {
  const commandTimeout = o.commandTimeoutMs ?? 1_000;
  const redis = new Redis(url, {
    keyPrefix: o.keyPrefix ?? 'dangbo:',
    lazyConnect: true,
    connectTimeout: o.connectTimeoutMs ?? 3_000,
    commandTimeout,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(100 * times, 2_000),
  });
  // ioredis reports connection problems as 'error' events; they surface through failed commands.
  let lastError = '';
  redis.on('error', (error: Error) => {
    if (error.message !== lastError) logger.debug({ err: describeError(error) }, 'redis connection problem');
    lastError = error.message;
  });
  redis.on('ready', () => (lastError = ''));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new AppError('CONFIG_INVALID', `Cannot reach Redis at REDIS_URL=${redactRedisUrl(url)}: ${(error as Error).message}`, {
      hint: 'Start redis-server (apt-get install redis-server) or fix REDIS_URL; leave it empty to keep bot state in memory.',
      cause: error,
    });
  }

  // Health: one warning when Redis goes away, PING probes while it is away, one info line when it is back.
  let up = true;
  let closed = false;
  let probe: NodeJS.Timeout | undefined;
  const probeIntervalMs = o.probeIntervalMs ?? 1_000;
  const markDown = (error: unknown) => {
    if (!up || closed) return;
    up = false;
    logger.warn(
      { err: describeError(error), retry_every_ms: probeIntervalMs },
      'redis unavailable: sessions, rate limits and chat order are per process until it answers again',
    );
    let probing = false;
    probe = setInterval(() => {
      if (probing || closed) return;
      probing = true;
      redis
        .ping()
        .then(() => {
          if (closed || up) return;
          up = true;
          clearInterval(probe);
          logger.info('redis answers again: state is shared again');
        })
        .catch(() => undefined)
        .finally(() => (probing = false));
    }, probeIntervalMs);
    probe.unref();
  };
  /** `op` against Redis while it is up; `fallback` (this process's state) while it is away or when `op` fails. */
  const guarded = async <T>(op: () => Promise<T>, fallback: () => T | Promise<T>): Promise<T> => {
    if (!up) return fallback();
    try {
      return await op();
    } catch (error) {
      markDown(error);
      return fallback();
    }
  };

  const sessionStore = new RedisAdapter<SessionData>({ instance: redis, ttl: o.sessionTtlSeconds ?? 30 * 24 * 3600 });
  const localSessions = new LRUCache<string, SessionData>({ max: FALLBACK_MAX_ENTRIES });
  const storage: StorageAdapter<SessionData> = {
    read: (key) =>
      guarded(
        () => sessionStore.read(key),
        () => localSessions.get(key),
      ),
    write: (key, value) =>
      guarded(
        async () => {
          await sessionStore.write(key, value);
          localSessions.delete(key);
        },
        () => void localSessions.set(key, value),
      ),
    delete: (key) =>
      guarded(
        async () => {
          await sessionStore.delete(key);
          localSessions.delete(key);
        },
        () => void localSessions.delete(key),
      ),
  };
  const answerAdapter = new RedisAdapter<StoredAnswer>({ instance: redis, ttl: Math.round(ANSWER_TTL_MS / 1000) });
  const localAnswers = new LRUCache<string, StoredAnswer>({ max: FALLBACK_MAX_ENTRIES });
  const answerStore = storageAnswerStore({
    read: (key) =>
      guarded(
        async () => (await answerAdapter.read(key)) ?? localAnswers.get(key),
        () => localAnswers.get(key),
      ),
    write: (key, value) =>
      guarded(
        () => answerAdapter.write(key, value),
        () => void localAnswers.set(key, value),
      ),
    delete: (key) =>
      guarded(
        () => answerAdapter.delete(key),
        () => void localAnswers.delete(key),
      ),
  });
  const localCounts = new LRUCache<string, { count: number; until: number }>({ max: FALLBACK_MAX_ENTRIES });
  const rateLimitStore: RateLimitStore = {
    incr: (key) =>
      guarded(
        () => redis.incr(key),
        () => {
          const now = Date.now();
          const entry = localCounts.get(key);
          const next = entry && entry.until > now ? { count: entry.count + 1, until: entry.until } : { count: 1, until: Number.MAX_SAFE_INTEGER };
          localCounts.set(key, next);
          return next.count;
        },
      ),
    pexpire: (key, ms) =>
      guarded(
        () => redis.pexpire(key, ms),
        () => {
          const entry = localCounts.get(key);
          if (!entry) return 0;
          entry.until = Date.now() + ms;
          return 1;
        },
      ),
  };

  const lockTtlMs = o.lockTtlMs ?? 30_000;
  const lockWaitMs = o.lockWaitMs ?? 120_000;
  const chatLock: ChatLock = {
    async acquire(name) {
      const key = `lock:${name}`;
      const token = randomUUID();
      const deadline = Date.now() + lockWaitMs;
      let pause = 20;
      // Redis away: no cross-process lock (sequentialize still orders the chat in this process).
      if (!up) return async () => undefined;
      try {
        while ((await redis.set(key, token, 'PX', lockTtlMs, 'NX')) !== 'OK') {
          if (Date.now() >= deadline) {
            logger.warn({ lock: key, waited_ms: lockWaitMs }, 'chat lock not acquired in time; proceeding without it');
            return async () => undefined;
          }
          await new Promise((resolve) => setTimeout(resolve, pause));
          pause = Math.min(pause * 2, 200);
        }
      } catch (error) {
        markDown(error);
        return async () => undefined;
      }
      const renew = setInterval(() => {
        redis.eval(RENEW, 1, key, token, lockTtlMs).catch((error: unknown) => logger.debug({ lock: key, err: describeError(error) }, 'lock renewal failed'));
      }, Math.max(Math.floor(lockTtlMs / 3), 10));
      renew.unref();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        clearInterval(renew);
        try {
          await redis.eval(RELEASE, 1, key, token);
        } catch (error) {
          markDown(error); // the lock expires by itself
        }
      };
    },
  };

  return {
    storage,
    rateLimitStore,
    chatLock,
    answerStore,
    redis,
    get shared() {
      return up;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(probe);
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}
