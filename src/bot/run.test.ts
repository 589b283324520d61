import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../config/config.js';
import { answer, CORPUS, telegramConfig } from '../testing/telegram-fixtures.js';
import { AppError } from '../errors.js';
import { freePort } from '../testing/telegram-emulator.js';
import { TEST_BOT_INFO, textUpdate } from '../testing/telegram.js';
import type { Answer, AnswerFn } from '../types.js';
import { WEBHOOK_MAX_BODY_BYTES } from './limits.js';
import { COMMANDS_EN, COMMANDS_VI, runBot, type BotHandle } from './run.js';
import type { BotDeps } from './types.js';

const TOKEN = '123456:RUN-test';

interface FakeApi {
  url: string;
  calls: Array<{ method: string; body: Record<string, unknown> }>;
  queue: unknown[];
  /** Methods answered with this Bot API error instead (e.g. getUpdates → 401). */
  errors: Map<string, { error_code: number; description: string }>;
  close(): Promise<void>;
}

/** A minimal Bot API server: records calls; getUpdates hands out `queue` once. */
async function fakeBotApi(port = 0): Promise<FakeApi> {
  const calls: FakeApi['calls'] = [];
  const queue: unknown[] = [];
  const errors: FakeApi['errors'] = new Map();
  let messageId = 500;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
      if (!m || m[1] !== TOKEN) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
        return;
      }
      const method = m[2]!;
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      calls.push({ method, body });
      const error = errors.get(method);
      if (error) {
        res.writeHead(error.error_code, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, ...error }));
        return;
      }
      let result: unknown = true;
      if (method === 'getMe') result = TEST_BOT_INFO;
      if (method === 'getUpdates') result = queue.splice(0);
      if (method === 'sendMessage') {
        result = { message_id: ++messageId, date: 0, chat: { id: body.chat_id, type: 'private' }, text: body.text };
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
    });
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    calls,
    queue,
    errors,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The config of a bot talking to `api`, its feedback log in `dir`. */
function configFor(api: FakeApi, dir: string, overrides: Partial<Config['telegram']> = {}): Config['telegram'] {
  return telegramConfig({ token: TOKEN, apiRoot: api.url, feedbackLog: path.join(dir, 'feedback.jsonl'), ...overrides });
}

function deps(answerFn: BotDeps['answer'] = async (q) => answer({ question: q })): BotDeps {
  return { answer: answerFn, corpusInfo: () => CORPUS, logger: pino({ level: 'silent' }) };
}

const waitFor = async (check: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

let api: FakeApi;
let dir: string;
let handle: BotHandle | undefined;
beforeEach(async () => {
  api = await fakeBotApi();
  dir = await mkdtemp(path.join(tmpdir(), 'bot-run-'));
});
afterEach(async () => {
  await handle?.stop();
  handle = undefined;
  await api.close();
  await rm(dir, { recursive: true, force: true });
});

describe('runBot', () => {
  it('refuses to start without a token', async () => {
    await expect(runBot(deps(), { ...configFor(api, dir), token: undefined })).rejects.toThrow(/TELEGRAM_BOT_TOKEN/);
  });

  it('refuses to start when REDIS_URL is set but Redis does not answer', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    await expect(runBot(deps(), { ...configFor(api, dir), redisUrl: `redis://127.0.0.1:${port}/0` }, { handleSignals: false })).rejects.toThrow(
      /Cannot reach Redis/,
    );
    expect(api.calls).toEqual([]);
  });

  it('polling: registers commands in Vietnamese and English, answers, and confirms the offset on stop', async () => {
    handle = await runBot(deps(), configFor(api, dir), { handleSignals: false });
    expect(handle.mode).toBe('polling');
    const commands = api.calls.filter((c) => c.method === 'setMyCommands').map((c) => c.body);
    expect(commands).toEqual([{ commands: COMMANDS_VI }, { commands: COMMANDS_EN, language_code: 'en' }]);
    expect(api.calls.some((c) => c.method === 'deleteWebhook')).toBe(true);

    const update = textUpdate('Ai chủ trì hội nghị lần thứ 8 Quận 8?');
    api.queue.push(update);
    await waitFor(() => api.calls.some((c) => c.method === 'sendMessage'));
    const sent = api.calls.find((c) => c.method === 'sendMessage')!.body;
    expect(sent.text).toContain('Võ Ngọc Quốc Thuận');
    expect(sent.parse_mode).toBe('HTML');

    await handle.stop();
    await handle.stopped;
    const last = api.calls.filter((c) => c.method === 'getUpdates').at(-1)!.body;
    expect(last).toMatchObject({ offset: update.update_id + 1, timeout: 0 });
  });

  describe('Telegram refusing the token, or unreachable', () => {
    it('a 401 from getMe at start is a clear AppError (the process exits non-zero)', async () => {
      api.errors.set('getMe', { error_code: 401, description: 'Unauthorized' });
      const error = await runBot(deps(), configFor(api, dir), { handleSignals: false }).catch((e: unknown) => e);
      expect(AppError.isInstance(error) && error.code).toBe('TELEGRAM_REJECTED');
      expect((error as AppError).message).toContain('401');
      expect((error as AppError).hint).toContain('TELEGRAM_BOT_TOKEN');
      expect(api.calls.map((c) => c.method)).toEqual(['getMe']);
    });

    it('a 401 from getUpdates while polling stops the bot with a fatal error (was: stopped, exit 0)', async () => {
      handle = await runBot(deps(), configFor(api, dir), { handleSignals: false });
      api.errors.set('getUpdates', { error_code: 401, description: 'Unauthorized' });
      const { fatal } = await handle.stopped;
      expect(fatal?.code).toBe('TELEGRAM_REJECTED');
      expect(fatal?.message).toContain('getUpdates');
    });

    it('unreachable at start: retries getMe with a doubling delay, logging each retry and its cause, then starts', async () => {
      const port = await freePort();
      const lines: Array<Record<string, unknown>> = [];
      const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
      const starting = runBot({ ...deps(), logger }, configFor({ ...api, url: `http://127.0.0.1:${port}` }, dir), { handleSignals: false, retryInitialMs: 50 });
      await waitFor(() => lines.filter((l) => l.msg === 'Telegram unreachable; retrying').length >= 3);
      const late = await fakeBotApi(port);
      try {
        handle = await starting;
        const retries = lines.filter((l) => l.msg === 'Telegram unreachable; retrying');
        expect(retries.slice(0, 3).map((l) => [l.method, l.attempt, l.retry_in_ms])).toEqual([
          ['getMe', 1, 50],
          ['getMe', 2, 100],
          ['getMe', 3, 200],
        ]);
        expect(String(retries[0]!.cause)).toMatch(/ECONNREFUSED/);
        expect(JSON.stringify(lines)).not.toContain(TOKEN.split(':')[1]);
        expect(lines.some((l) => l.msg === 'Telegram reachable again' && l.method === 'getMe')).toBe(true);
        expect(late.calls.some((c) => c.method === 'getMe')).toBe(true);
        await handle.stop();
      } finally {
        handle = undefined;
        await late.close();
      }
    });
  });

  it('polling: stop waits for answers in flight', async () => {
    let started = false;
    const slow: AnswerFn = async (q) => {
      started = true;
      await new Promise((r) => setTimeout(r, 300));
      return answer({ question: q });
    };
    handle = await runBot(deps(slow), configFor(api, dir), { handleSignals: false });
    api.queue.push(textUpdate('câu hỏi chậm'));
    await waitFor(() => started);
    await handle.stop();
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
  });

  describe('webhook mode', () => {
    const secret = 'webhook_secret-123';

    async function startWebhook(answerFn?: BotDeps['answer']) {
      handle = await runBot(
        deps(answerFn),
        configFor(api, dir, { webhookUrl: 'https://bot.example.vn/tg/hook', webhookSecret: secret }),
        { handleSignals: false },
      );
      expect(handle.mode).toBe('webhook');
      return `http://127.0.0.1:${handle.address!.port}`;
    }

    const post = (base: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base}/tg/hook`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    it('sets the webhook with its secret, serves /healthz, checks the secret on every update', async () => {
      const base = await startWebhook();
      expect(api.calls.find((c) => c.method === 'setWebhook')!.body).toEqual({
        url: 'https://bot.example.vn/tg/hook',
        secret_token: secret,
        allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'],
      });
      expect(api.calls.some((c) => c.method === 'setMyCommands')).toBe(true);

      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.text()).toBe('ok');
      expect((await fetch(`${base}/nope`)).status).toBe(404);

      expect((await post(base, textUpdate('không có bí mật'))).status).toBe(401);
      expect((await post(base, textUpdate('sai bí mật'), { 'X-Telegram-Bot-Api-Secret-Token': 'wrong' })).status).toBe(401);
      expect(api.calls.some((c) => c.method === 'sendMessage')).toBe(false);

      const ok = await post(base, textUpdate('Ai chủ trì hội nghị lần thứ 8 Quận 8?'), { 'X-Telegram-Bot-Api-Secret-Token': secret });
      expect(ok.status).toBe(200);
      await waitFor(() => api.calls.some((c) => c.method === 'sendMessage'));
      expect(api.calls.find((c) => c.method === 'sendMessage')!.body.text).toContain('Võ Ngọc Quốc Thuận');
    });

    it('listens on loopback unless told otherwise (BOT_WEBHOOK_HOST)', async () => {
      expect(parseConfig({}).telegram.webhookHost).toBe('127.0.0.1');
      expect(parseConfig({ BOT_WEBHOOK_HOST: '0.0.0.0' }).telegram.webhookHost).toBe('0.0.0.0');
      await startWebhook();
      expect(handle!.address!.host).toBe('127.0.0.1');
    });

    /** Posts `chunks` (chunked unless `length` is declared) and resolves to the status, or 0 if the connection dropped first. */
    function rawPost(base: string, chunks: Buffer[], headers: Record<string, string | number>): Promise<number> {
      return new Promise((resolve) => {
        const req = request(`${base}/tg/hook`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', () => resolve(0));
        void (async () => {
          for (const c of chunks) {
            if (req.destroyed) return;
            if (!req.write(c)) await Promise.race([once(req, 'drain'), once(req, 'close')]);
          }
          req.end();
        })().catch(() => undefined); // EPIPE once the server closed the connection
      });
    }

    it('refuses bodies over WEBHOOK_MAX_BODY_BYTES with 413, declared or streamed, without reading them', async () => {
      let answered = 0;
      const base = await startWebhook(async (q) => {
        answered++;
        return answer({ question: q });
      });
      const auth = { 'X-Telegram-Bot-Api-Secret-Token': secret };
      const big = Buffer.alloc(WEBHOOK_MAX_BODY_BYTES + 1, 0x20);
      expect(await rawPost(base, [big], { ...auth, 'content-length': big.length })).toBe(413);
      // Chunked, 64 MB offered: refused once the limit is passed, not after reading it all.
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const started = Date.now();
      const streamed = await rawPost(base, Array.from({ length: 64 }, () => chunk), auth);
      expect([413, 0]).toContain(streamed);
      expect(Date.now() - started).toBeLessThan(5_000);
      // Without the secret: 401 before the body is read.
      expect(await rawPost(base, [Buffer.from('{}')], {})).toBe(401);
      expect(await rawPost(base, [Buffer.from('not json')], auth)).toBe(400);
      // A normal update right after is answered.
      const ok = await post(base, textUpdate('Ai chủ trì hội nghị lần thứ 8 Quận 8?'), auth);
      expect(ok.status).toBe(200);
      await waitFor(() => answered === 1);
    });

    it('on stop: stops listening, finishes answers in flight, then resolves', async () => {
      let release!: () => void;
      let started = false;
      const base = await startWebhook(
        (q) =>
          new Promise<Answer>((resolve) => {
            started = true;
            release = () => resolve(answer({ question: q }));
          }),
      );
      const request = post(base, textUpdate('câu hỏi đang xử lý'), { 'X-Telegram-Bot-Api-Secret-Token': secret });
      await waitFor(() => started);
      let stopped = false;
      const stopping = handle!.stop().then(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect((await request).status).toBe(200);
      expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    });
  });
});
