/**
 * Bot state shared by replicas through Redis (REDIS_URL): sessions (grammY's RedisAdapter from
 * @grammyjs/storage-redis), rate-limit counters (@grammyjs/ratelimiter's Redis store) and a per-chat
 * lock, so that any replica can take any update.
 *
 * Contracts:
 * - Every key lives under `keyPrefix` (default "dangbo:"): session:<chat id>, ratelimit:<user id>,
 *   lock:chat:<chat id>. Sessions expire `sessionTtlSeconds` (default 30 days) after their last write.
 * - `connectSharedState` resolves once Redis answers PING; otherwise it rejects with
 *   AppError('CONFIG_INVALID') naming the URL (password hidden) and how to fix it.
 * - When Redis goes away later, commands fail after `commandTimeoutMs` instead of queueing forever:
 *   the update fails (the user gets the apology), the process keeps running and reconnects.
 * - Lock: SET NX PX `lockTtlMs`, polled every 20–200 ms, renewed every `lockTtlMs`/3 while held,
 *   released only by its holder (compare-and-delete). After `lockWaitMs` without it, or when Redis
 *   fails, `acquire` resolves unlocked and logs a warning (availability over strict ordering).
 * - `close()` quits the connection (idempotent).
 */
import { randomUUID } from 'node:crypto';
import { RedisAdapter } from '@grammyjs/storage-redis';
import type { StorageAdapter } from 'grammy';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { describeError } from './send.js';
import type { ChatLock, RateLimitStore, SessionData } from './types.js';

export interface SharedStateOptions {
  keyPrefix?: string;
  sessionTtlSeconds?: number;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  lockTtlMs?: number;
  lockWaitMs?: number;
}

export interface SharedState {
  storage: StorageAdapter<SessionData>;
  rateLimitStore: RateLimitStore;
  chatLock: ChatLock;
  /** The client (tests, diagnostics). Keys passed to it get `keyPrefix` added. */
  redis: Redis;
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

export async function connectSharedState(url: string, logger: Pick<Logger, 'warn' | 'debug'>, o: SharedStateOptions = {}): Promise<SharedState> {
  const commandTimeout = o.commandTimeoutMs ?? 5_000;
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
    if (error.message !== lastError) logger.warn({ err: describeError(error) }, 'redis connection problem');
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

  const lockTtlMs = o.lockTtlMs ?? 30_000;
  const lockWaitMs = o.lockWaitMs ?? 120_000;
  const chatLock: ChatLock = {
    async acquire(name) {
      const key = `lock:${name}`;
      const token = randomUUID();
      const deadline = Date.now() + lockWaitMs;
      let pause = 20;
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
        logger.warn({ lock: key, err: describeError(error) }, 'chat lock unavailable; proceeding without it');
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
          logger.warn({ lock: key, err: describeError(error) }, 'chat lock release failed; it expires by itself');
        }
      };
    },
  };

  let closed = false;
  return {
    storage: new RedisAdapter<SessionData>({ instance: redis, ttl: o.sessionTtlSeconds ?? 30 * 24 * 3600 }),
    rateLimitStore: {
      incr: (key) => redis.incr(key),
      pexpire: (key, ms) => redis.pexpire(key, ms),
    },
    chatLock,
    redis,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}
