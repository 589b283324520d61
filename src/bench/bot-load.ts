/**
 * Bot load harness: many private chats asking at once through the Bot API emulator
 * (telegram-test-api on loopback), the bot run by `runBot` exactly as in production (long polling
 * through @grammyjs/runner, or webhook mode behind the emulator's relay).
 *
 * Contracts of `runBotLoad`:
 * - `chats` private chats each send `questionsPerChat` questions (from `questions`, in turn).
 *   pattern 'burst': each chat sends all its questions back to back without waiting (the order
 *   check); 'closed': each chat waits for the answer before its next question (throughput with
 *   `chats` concurrent users).
 * - An answer is a bot message replying (reply_parameters) to the question; continuation parts of a
 *   split answer are not counted. Per chat the replies must be exactly the questions, once each, in
 *   the order asked: `answered`, `missing`, `duplicates` and `outOfOrderChats` report it.
 * - `seconds` runs from the first question to the last answer; questionsPerSecond = answered / seconds;
 *   latencies (closed pattern only) from sending a question to seeing its answer (5 ms resolution).
 * - The rate limit is lifted so it does not interfere. Never throws for a slow or broken bot: after
 *   `timeoutMs` it reports what arrived. Everything it starts is stopped before it resolves.
 * - Dev tooling: imports telegram-test-api (a devDependency); nothing in the bot imports this module.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { runBot } from '../bot/run.js';
import { freePort, relayWebhooks, startEmulator, type WebhookRelay } from '../testing/telegram-emulator.js';
import { telegramConfig } from '../testing/telegram-fixtures.js';
import type { AnswerFn, CorpusInfo } from '../types.js';

export const LOAD_QUESTIONS = [
  'Ai chủ trì hội nghị lần thứ 8 Quận 8?',
  'Những ai dự hội nghị Ban Chấp hành Đảng bộ Quận 12?',
  'Quận 11 tổ chức hội nghị lần thứ mấy?',
  'Hội nghị của Bình Tân diễn ra ngày nào?',
  'còn quận 8 thì sao?',
];

export interface BotLoadOptions {
  answer: AnswerFn;
  corpusInfo?: () => CorpusInfo;
  chats?: number;
  questionsPerChat?: number;
  questions?: string[];
  pattern?: 'burst' | 'closed';
  mode?: 'polling' | 'webhook';
  /** Keep bot state in this Redis (as replicas do) instead of memory. */
  redisUrl?: string;
  timeoutMs?: number;
  logger?: Logger;
}

export interface BotLoadResult {
  mode: 'polling' | 'webhook';
  pattern: 'burst' | 'closed';
  chats: number;
  questions: number;
  answered: number;
  missing: number;
  duplicates: number;
  outOfOrderChats: number;
  seconds: number;
  questionsPerSecond: number;
  latencyMs: { p50: number; p95: number; max: number } | null;
}

const EMPTY_CORPUS: CorpusInfo = { articleCount: 0, firstDate: null, lastDate: null, units: [] };
const TOKEN = '424242:LOAD-harness';
const FIRST_CHAT = 9_000_001;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function runBotLoad(o: BotLoadOptions): Promise<BotLoadResult> {
  const chats = o.chats ?? 50;
  const perChat = o.questionsPerChat ?? 4;
  const questions = o.questions?.length ? o.questions : LOAD_QUESTIONS;
  const pattern = o.pattern ?? 'burst';
  const mode = o.mode ?? 'polling';
  const timeoutMs = o.timeoutMs ?? 120_000;
  const logger = o.logger ?? pino({ level: 'silent' });

  const emulator = await startEmulator();
  let relay: WebhookRelay | undefined;
  let handle: Awaited<ReturnType<typeof runBot>> | undefined;
  let ticker: NodeJS.Timeout | undefined;
  try {
    const telegram = telegramConfig({
      token: TOKEN,
      apiRoot: emulator.apiRoot,
      rateLimitPerMinute: 1_000_000,
      feedbackLog: path.join(tmpdir(), 'dangbo-load-feedback.jsonl'),
      redisUrl: o.redisUrl,
    });
    if (mode === 'webhook') {
      relay = await relayWebhooks(emulator.server);
      const port = await freePort();
      Object.assign(telegram, { webhookUrl: `http://127.0.0.1:${port}/hook`, webhookSecret: 'load-secret', webhookPort: port });
    }
    handle = await runBot({ answer: o.answer, corpusInfo: o.corpusInfo ?? (() => EMPTY_CORPUS), logger }, telegram, {
      handleSignals: false,
      shutdownTimeoutMs: 10_000,
    });

    // Replies seen per chat, fed by one scanner over the emulator's message list.
    const replies = new Map<number, number[]>();
    const waiters = new Map<number, { count: number; resolve: () => void }>();
    let cursor = 0;
    let lastAnswerAt = 0;
    const scan = () => {
      const all = emulator.allBotMessages();
      for (; cursor < all.length; cursor++) {
        const m = all[cursor]!;
        const replyTo = m.message.reply_parameters?.message_id;
        if (replyTo === undefined) continue;
        const chat = Number(m.message.chat_id);
        const list = replies.get(chat) ?? [];
        list.push(replyTo);
        replies.set(chat, list);
        lastAnswerAt = performance.now();
        const w = waiters.get(chat);
        if (w && list.length >= w.count) {
          waiters.delete(chat);
          w.resolve();
        }
      }
    };
    ticker = setInterval(scan, 5);
    const repliesReach = (chat: number, count: number) =>
      new Promise<void>((resolve) => {
        if ((replies.get(chat)?.length ?? 0) >= count) return resolve();
        waiters.set(chat, { count, resolve });
      });

    const chatIds = Array.from({ length: chats }, (_, i) => FIRST_CHAT + i);
    const latencies: number[] = [];
    const started = performance.now();
    const deadline = started + timeoutMs;
    const timedOut = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());

    await Promise.all(
      chatIds.map(async (chat, c) => {
        const client = emulator.server.getClient(TOKEN, { userId: chat, chatId: chat, firstName: `U${c}`, userName: `u${c}`, type: 'private' });
        for (let q = 0; q < perChat; q++) {
          if (performance.now() > deadline) return;
          const text = questions[(c + q) % questions.length]!;
          const sentAt = performance.now();
          await client.sendMessage(client.makeMessage(text));
          if (pattern === 'closed') {
            await Promise.race([repliesReach(chat, q + 1), timedOut]);
            latencies.push(performance.now() - sentAt);
          }
        }
        if (pattern === 'burst') await Promise.race([repliesReach(chat, perChat), timedOut]);
      }),
    );
    scan();

    // The questions each chat asked, in arrival order, with their message ids.
    const asked = new Map<number, number[]>();
    const record = (chat: number | undefined, messageId: number | undefined) => {
      if (chat === undefined || messageId === undefined) return;
      asked.set(chat, [...(asked.get(chat) ?? []), messageId]);
    };
    if (relay) for (const d of relay.deliveries) record(d.chat_id, d.message_id);
    else for (const u of emulator.server.storage.userMessages as unknown as Array<{ messageId: number; message?: { chat?: { id: number } } }>) record(u.message?.chat?.id, u.messageId);

    let answered = 0;
    let duplicates = 0;
    let missing = 0;
    let outOfOrderChats = 0;
    for (const chat of chatIds) {
      const want = asked.get(chat) ?? [];
      const got = replies.get(chat) ?? [];
      const unique = new Set(got);
      duplicates += got.length - unique.size;
      const hit = want.filter((id) => unique.has(id)).length;
      answered += hit;
      missing += perChat - hit;
      if (want.length !== got.length || want.some((id, i) => got[i] !== id)) outOfOrderChats++;
    }
    const seconds = Math.max((lastAnswerAt || performance.now()) - started, 1) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      mode,
      pattern,
      chats,
      questions: chats * perChat,
      answered,
      missing,
      duplicates,
      outOfOrderChats,
      seconds,
      questionsPerSecond: answered / seconds,
      latencyMs: pattern === 'closed' ? { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0 } : null,
    };
  } finally {
    if (ticker) clearInterval(ticker);
    await handle?.stop();
    await relay?.close();
    await emulator.stop();
  }
}

/** Questions per second through the bot with `chats` (default 50) concurrent users, each asking in turn. */
export function measureBotThroughput(answer: AnswerFn, o: Omit<BotLoadOptions, 'answer' | 'pattern'> = {}): Promise<BotLoadResult> {
  return runBotLoad({ questionsPerChat: 10, ...o, answer, pattern: 'closed' });
}
