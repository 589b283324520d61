import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../config/config.js';
import { AppError } from '../errors.js';
import { vi as TEXT } from '../messages/bot.js';
import { freePort } from '../testing/telegram-emulator.js';
import { answer, CORPUS, telegramConfig } from '../testing/telegram-fixtures.js';
import { findBinary, startRedis, type Service } from '../testing/telegram-services.js';
import { callbackUpdate, recordApi, TEST_BOT_INFO, textUpdate } from '../testing/telegram.js';
import type { AnswerFn } from '../types.js';
import { createBot } from './create-bot.js';
import { connectSharedState, redactRedisUrl, type SharedState } from './shared-state.js';

const REDIS = findBinary('redis-server');
const silent = pino({ level: 'silent' });

describe('REDIS_URL', () => {
  it('is optional, and must be a redis:// URL', () => {
    expect(parseConfig({}).telegram.redisUrl).toBeUndefined();
    expect(parseConfig({ REDIS_URL: 'redis://127.0.0.1:6379/0' }).telegram.redisUrl).toBe('redis://127.0.0.1:6379/0');
    expect(() => parseConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL/);
  });

  it('is never printed with its password', () => {
    expect(redactRedisUrl('redis://user:s3cret@db:6379/1')).toBe('redis://user:***@db:6379/1');
  });

  it('an unreachable Redis is a clear error at start', async () => {
    const port = await freePort();
    const error = await connectSharedState(`redis://:pw@127.0.0.1:${port}/0`, silent, { connectTimeoutMs: 500 }).catch((e: unknown) => e);
    expect(AppError.isInstance(error) && error.code).toBe('CONFIG_INVALID');
    expect((error as AppError).message).toContain(`redis://:***@127.0.0.1:${port}/0`);
    expect((error as AppError).message).not.toContain('pw');
    expect((error as AppError).hint).toMatch(/redis-server|REDIS_URL/);
  });
});

describe.skipIf(!REDIS)(`shared state in Redis${REDIS ? '' : ' [skipped: redis-server not installed]'}`, () => {
  let dir: string;
  let redis: Service & { url: string };
  const states: SharedState[] = [];
  const connect = async (o: Parameters<typeof connectSharedState>[2] = {}) => {
    const s = await connectSharedState(redis.url, silent, { keyPrefix: `t${states.length}-${Date.now()}:`, ...o });
    states.push(s);
    return s;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bot-redis-'));
    redis = await startRedis(REDIS!, dir, await freePort());
  });
  afterAll(async () => {
    for (const s of states) await s.close();
    await redis?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** Two bots ("replicas") over one Redis namespace. */
  async function replicas(rateLimitPerMinute = 100) {
    const prefix = `r${Date.now()}${Math.random()}:`;
    const answerFn = vi.fn<AnswerFn>(async (question) => answer({ question, resolvedQuestion: `${question}!` }));
    const bots = [];
    for (let i = 0; i < 2; i++) {
      const state = await connect({ keyPrefix: prefix });
      const bot = createBot(
        { answer: answerFn, corpusInfo: () => CORPUS, logger: silent },
        {
          ...telegramConfig({ rateLimitPerMinute, feedbackLog: path.join(dir, 'feedback.jsonl'), maxUploadBytes: 1000 }),
          token: '123456:REDIS-test',
          botInfo: TEST_BOT_INFO,
          storage: state.storage,
          rateLimitStore: state.rateLimitStore,
          chatLock: state.chatLock,
          answerStore: state.answerStore,
        },
      );
      bots.push({ bot, api: recordApi(bot), state });
    }
    return { bots, answerFn };
  }

  it('a button of an answer one replica sent works on the other (the answer is kept 8 weeks)', async () => {
    const { bots } = await replicas();
    await bots[0]!.bot.handleUpdate(textUpdate('Ai chủ trì hội nghị Quận 8?', { userId: 5005 }));
    const markup = bots[0]!.api.of('sendMessage')[0]!.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
    const cite = markup.inline_keyboard.flat().find((b) => b.text === '[1]')!.callback_data;
    await bots[1]!.bot.handleUpdate(callbackUpdate(cite, { userId: 5005, messageId: 10_001 }));
    expect(bots[1]!.api.texts()[0]).toContain('<blockquote>');
    const keys = await bots[0]!.state.redis.keys('*answer:*');
    expect(keys).toHaveLength(1);
    const ttl = await bots[0]!.state.redis.ttl(keys[0]!.slice(bots[0]!.state.redis.options.keyPrefix!.length));
    expect(ttl).toBeGreaterThan(7 * 7 * 24 * 3600);
  });

  it('a follow-up handled by the other replica gets the first one\'s history', async () => {
    const { bots, answerFn } = await replicas();
    await bots[0]!.bot.handleUpdate(textUpdate('Ai chủ trì hội nghị Quận 12?', { userId: 5001 }));
    await bots[1]!.bot.handleUpdate(textUpdate('còn quận 11 thì sao?', { userId: 5001 }));
    expect(answerFn.mock.calls.map((c) => c[1])).toMatchObject([
      { history: [] },
      { history: [{ question: 'Ai chủ trì hội nghị Quận 12?!', intent: 'chair', articleIds: ['002_38b2f8d630866424.txt'] }] },
    ]);
    const keys = await bots[0]!.state.redis.keys('*session:5001');
    expect(keys).toHaveLength(1);
    expect(await bots[0]!.state.redis.ttl(keys[0]!.slice(bots[0]!.state.redis.options.keyPrefix!.length))).toBeGreaterThan(24 * 3600);
  });

  it('rate limits count across replicas', async () => {
    const { bots } = await replicas(2);
    await bots[0]!.bot.handleUpdate(textUpdate('Câu một?', { userId: 5002 }));
    await bots[1]!.bot.handleUpdate(textUpdate('Câu hai?', { userId: 5002 }));
    await bots[0]!.bot.handleUpdate(textUpdate('Câu ba?', { userId: 5002 }));
    expect(bots[0]!.api.texts().at(-1)).toMatch(/^Bạn đang hỏi hơi nhanh/);
    expect(bots[1]!.api.texts()).toHaveLength(1);
  });

  it('one chat\'s updates on two replicas run one at a time (no lost session writes)', async () => {
    let running = 0;
    let overlap = false;
    const { bots, answerFn } = await replicas();
    answerFn.mockImplementation(async (question) => {
      overlap ||= ++running > 1;
      await new Promise((r) => setTimeout(r, 60));
      running--;
      return answer({ question });
    });
    await Promise.all([
      bots[0]!.bot.handleUpdate(textUpdate('Câu một?', { userId: 5003 })),
      bots[1]!.bot.handleUpdate(textUpdate('Câu hai?', { userId: 5003 })),
    ]);
    expect(overlap).toBe(false);
    await bots[0]!.bot.handleUpdate(textUpdate('Câu ba?', { userId: 5003 }));
    expect(answerFn.mock.calls[2]![1]!.history).toHaveLength(2);
  });

  it('the lock is renewed while held and released only by its holder', async () => {
    // TTL 300 ms, renewed every 100 ms, held for 1 s (a shorter TTL expired on a loaded 2-core machine).
    const a = await connect({ lockTtlMs: 300 });
    const b = await connect({ keyPrefix: a.redis.options.keyPrefix!, lockTtlMs: 300 });
    const release = await a.chatLock.acquire('chat:1');
    let got = false;
    const second = b.chatLock.acquire('chat:1').then((r) => {
      got = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(got).toBe(false);
    await release();
    const releaseB = await second;
    expect(got).toBe(true);
    await release(); // a second release by the old holder must not free B's lock
    expect(await a.redis.exists('lock:chat:1')).toBe(1);
    await releaseB();
    expect(await a.redis.exists('lock:chat:1')).toBe(0);
  });

  it('gives up waiting for a lock after lockWaitMs and proceeds', async () => {
    const a = await connect({ lockTtlMs: 5_000 });
    const b = await connect({ keyPrefix: a.redis.options.keyPrefix!, lockWaitMs: 100 });
    await a.chatLock.acquire('chat:2');
    const started = Date.now();
    const release = await b.chatLock.acquire('chat:2');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    await release();
    expect(await a.redis.exists('lock:chat:2')).toBe(1);
  });
});

describe.skipIf(!REDIS)(`Redis going away${REDIS ? '' : ' [skipped: redis-server not installed]'}`, () => {
  let dir: string;
  let port: number;
  let redis: (Service & { url: string }) | undefined;
  const states: SharedState[] = [];
  const logs: Array<{ level: number; msg: string }> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as { level: number; msg: string }) });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bot-redis-away-'));
  });
  afterAll(async () => {
    for (const s of states) await s.close();
    if (redis) {
      process.kill(redis.pid, 'SIGCONT');
      await redis.stop();
    }
    await rm(dir, { recursive: true, force: true });
  });

  /** Two replicas on one Redis with a short command timeout, as in the probe that found the apology. */
  async function replicas() {
    const answerFn = vi.fn<AnswerFn>(async (question) => answer({ question, resolvedQuestion: `${question}!` }));
    const bots = [];
    for (let i = 0; i < 2; i++) {
      const state = await connectSharedState(redis!.url, logger, { keyPrefix: 'away:', commandTimeoutMs: 300, probeIntervalMs: 100 });
      states.push(state);
      const bot = createBot(
        { answer: answerFn, corpusInfo: () => CORPUS, logger: silent },
        {
          ...telegramConfig({ rateLimitPerMinute: 3, feedbackLog: path.join(dir, 'feedback.jsonl') }),
          token: '123456:REDIS-test',
          botInfo: TEST_BOT_INFO,
          storage: state.storage,
          rateLimitStore: state.rateLimitStore,
          chatLock: state.chatLock,
        },
      );
      bots.push({ bot, api: recordApi(bot), state });
    }
    return { bots, answerFn };
  }

  const until = async (check: () => boolean, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const warnings = () => logs.filter((l) => l.msg.startsWith('redis unavailable')).length;

  it('killed: questions are still answered from per-process state, one warning; restarted: shared again', async () => {
    port = await freePort();
    redis = await startRedis(REDIS!, dir, port);
    const { bots, answerFn } = await replicas();
    await bots[0]!.bot.handleUpdate(textUpdate('Ai chủ trì hội nghị Quận 12?', { userId: 6001 }));

    await redis.stop();
    const before = warnings();
    for (const [i, q] of ['Câu một?', 'Câu hai?'].entries()) {
      const started = Date.now();
      await bots[i]!.bot.handleUpdate(textUpdate(q, { userId: 6002 }));
      expect(Date.now() - started).toBeLessThan(3_000);
    }
    // Each replica answered (no apology), and said once that state is per process.
    for (const b of bots) expect(b.api.texts().some((t) => t === TEXT.apology)).toBe(false);
    expect(answerFn.mock.calls.map((c) => c[0])).toEqual(['Ai chủ trì hội nghị Quận 12?', 'Câu một?', 'Câu hai?']);
    expect(warnings() - before).toBe(2);
    expect(bots.every((b) => !b.state.shared)).toBe(true);
    // Rate limits still hold, per process.
    for (let i = 0; i < 4; i++) await bots[0]!.bot.handleUpdate(textUpdate(`Nữa ${i}?`, { userId: 6003 }));
    expect(bots[0]!.api.texts().at(-1)).toMatch(/^Bạn đang hỏi hơi nhanh/);

    redis = await startRedis(REDIS!, dir, port);
    await until(() => bots.every((b) => b.state.shared));
    expect(logs.filter((l) => l.msg.startsWith('redis answers again'))).toHaveLength(2);
    answerFn.mockClear();
    await bots[0]!.bot.handleUpdate(textUpdate('Ai chủ trì hội nghị Quận 8?', { userId: 6004 }));
    await bots[1]!.bot.handleUpdate(textUpdate('còn quận 11 thì sao?', { userId: 6004 }));
    expect(answerFn.mock.calls[1]![1]!.history).toHaveLength(1);
  }, 60_000);

  it('frozen (SIGSTOP): answered after one command timeout, then at once; thawed: shared again', async () => {
    await redis?.stop();
    port = await freePort();
    redis = await startRedis(REDIS!, dir, port);
    const { bots, answerFn } = await replicas();
    process.kill(redis.pid, 'SIGSTOP');
    try {
      let started = Date.now();
      await bots[0]!.bot.handleUpdate(textUpdate('Câu một?', { userId: 6101 }));
      expect(Date.now() - started).toBeLessThan(3_000); // was: the apology after 10 s
      started = Date.now();
      await bots[0]!.bot.handleUpdate(textUpdate('Câu hai?', { userId: 6101 }));
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(bots[0]!.api.texts().filter((t) => t === TEXT.apology)).toEqual([]);
      expect(answerFn).toHaveBeenCalledTimes(2);
      expect(bots[0]!.state.shared).toBe(false);
    } finally {
      process.kill(redis.pid, 'SIGCONT');
    }
    await until(() => bots[0]!.state.shared);
    await bots[0]!.bot.handleUpdate(textUpdate('Ai chủ trì hội nghị Quận 8?', { userId: 6102 }));
    await bots[1]!.bot.handleUpdate(textUpdate('còn quận 11 thì sao?', { userId: 6102 }));
    expect(answerFn.mock.calls.at(-1)![1]!.history).toHaveLength(1);
  }, 60_000);
});
