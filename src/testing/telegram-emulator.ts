/**
 * The telegram-test-api Bot API emulator for tests and the bot load harness: start/stop on a free
 * loopback port, read what the bot sent, and deliver webhooks the way Telegram does.
 *
 * Emulator facts (telegram-test-api 4.2) these helpers rely on or work around:
 * - Methods: getMe, getUpdates (hands out every unread update; ignores offset/timeout), sendMessage,
 *   editMessageText/ReplyMarkup, answerCallbackQuery, deleteMessage, setWebhook, deleteWebhook.
 *   Anything else (sendChatAction, sendMessageDraft, setMyCommands…) answers HTTP 500.
 * - With a webhook set it POSTs each update to it, but without the X-Telegram-Bot-Api-Secret-Token
 *   header, assigning update_id/message_id only after the POST returns (concurrent deliveries share
 *   ids), and a non-2xx answer becomes an unhandled rejection in the emulator. `relayWebhooks` fixes
 *   all three: the emulator posts to a relay, which renumbers the update (unique, increasing ids, as
 *   Telegram does), adds the secret given to setWebhook, forwards it to the registered URL, retries
 *   failures (Telegram re-delivers too) and always answers the emulator 200.
 * - Updates: only message and callback_query. `injectUpdate` hands out any other kind (edited_message,
 *   my_chat_member) in the emulator's own sequence; photos, captions and documents are messages its client sends.
 * - `recordingProxy` sits between the bot and the emulator: it records every call with its parameters and answers
 *   the methods the emulator lacks (sendChatAction, setMyCommands, getFile and the file downloads).
 */
import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import telegramTestApi from 'telegram-test-api';
import type { TelegramServer as Emulator } from 'telegram-test-api/lib/telegramServer.js';

export type { Emulator };

// The package sets module.exports to the class; its typings describe an ES default export.
export const TelegramServer = ((telegramTestApi as unknown as { default?: typeof Emulator }).default ??
  (telegramTestApi as unknown as typeof Emulator)) as typeof Emulator;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A message the bot sent, as the emulator stores it (edits are merged into it). */
export interface BotMessage {
  messageId: number;
  message: {
    chat_id: number | string;
    text: string;
    parse_mode?: string;
    reply_parameters?: { message_id: number };
    reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> };
  };
}

export interface RunningEmulator {
  server: Emulator;
  /** Bot API root for TELEGRAM_API_ROOT / apiRoot. */
  apiRoot: string;
  /** Messages the bot sent to `chatId`, in order. */
  botMessages(chatId: number): BotMessage[];
  /** Every message the bot sent, in order. */
  allBotMessages(): BotMessage[];
  /**
   * Waits until the bot sent `count` messages to `chatId`; `alive` is checked while waiting and may
   * throw (e.g. "the bot process exited").
   */
  waitForMessages(chatId: number, count: number, o?: { timeoutMs?: number; alive?: () => void; describe?: () => string }): Promise<BotMessage[]>;
  stop(): Promise<void>;
}

export async function startEmulator(o: { storeTimeoutSeconds?: number } = {}): Promise<RunningEmulator> {
  const port = await freePort();
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: o.storeTimeoutSeconds ?? 3600 });
  await server.start();
  const all = () => server.storage.botMessages as unknown as BotMessage[];
  const of = (chatId: number) => all().filter((m) => String(m.message.chat_id) === String(chatId));
  return {
    server,
    apiRoot: `http://127.0.0.1:${port}`,
    botMessages: of,
    allBotMessages: all,
    async waitForMessages(chatId, count, w = {}) {
      const deadline = Date.now() + (w.timeoutMs ?? 30_000);
      for (;;) {
        const messages = of(chatId);
        if (messages.length >= count) return messages;
        w.alive?.();
        if (Date.now() > deadline) {
          throw new Error(`chat ${chatId}: ${messages.length}/${count} bot messages after ${w.timeoutMs ?? 30_000} ms. ${w.describe?.() ?? ''}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    stop: async () => {
      await server.stop();
    },
  };
}

export interface Delivery {
  update_id: number;
  chat_id: number | undefined;
  message_id: number | undefined;
  text: string | undefined;
  /** HTTP status of the last attempt (0: connection failed). */
  status: number;
  attempts: number;
}

export interface WebhookRelay {
  /** Every update the relay delivered (or gave up on), in arrival order. */
  deliveries: Delivery[];
  /** Waits (at most 10 s) for deliveries in progress, so the emulator sees no reset connection. */
  close(): Promise<void>;
}

/**
 * Makes `server` deliver webhooks like Telegram (see the module comment). Install before the bot
 * calls setWebhook.
 */
export async function relayWebhooks(server: Emulator, o: { attempts?: number; retryDelayMs?: number } = {}): Promise<WebhookRelay> {
  const registered = new Map<string, { url: string; secret?: string }>();
  const deliveries: Delivery[] = [];
  const attempts = o.attempts ?? 5;
  const retryDelayMs = o.retryDelayMs ?? 200;
  let updateId = 0;
  let messageId = 1_000_000;
  const pending = new Set<Promise<void>>();

  const relay: Server = createHttpServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const work = (async () => {
        const token = decodeURIComponent((req.url ?? '/').slice(1));
        const target = registered.get(token);
        const update = JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as Record<string, any>;
        update.update_id = ++updateId;
        if (update.message) update.message.message_id = ++messageId;
        const delivery: Delivery = {
          update_id: update.update_id,
          chat_id: update.message?.chat?.id ?? update.callback_query?.message?.chat?.id,
          message_id: update.message?.message_id,
          text: update.message?.text,
          status: 0,
          attempts: 0,
        };
        deliveries.push(delivery);
        while (target && delivery.attempts < attempts) {
          delivery.attempts++;
          try {
            const response = await fetch(target.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...(target.secret ? { 'x-telegram-bot-api-secret-token': target.secret } : {}) },
              body: JSON.stringify(update),
            });
            await response.arrayBuffer();
            delivery.status = response.status;
            if (response.ok) break;
          } catch {
            delivery.status = 0;
          }
          await new Promise((r) => setTimeout(r, retryDelayMs));
        }
        await new Promise<void>((resolve) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}', resolve));
      })().finally(() => pending.delete(work));
      pending.add(work);
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port } = relay.address() as AddressInfo;

  const target = server as unknown as { setWebhook(webhook: { url: string; secret_token?: string }, token: string): void };
  const original = target.setWebhook.bind(server);
  target.setWebhook = (webhook, token) => {
    registered.set(token, { url: webhook.url, ...(webhook.secret_token ? { secret: webhook.secret_token } : {}) });
    original({ url: `http://127.0.0.1:${port}/${encodeURIComponent(token)}` }, token);
  };

  return {
    deliveries,
    close: async () => {
      target.setWebhook = original;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...pending]), new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
      clearTimeout(timer);
      await new Promise<void>((resolve) => {
        relay.close(() => resolve());
        relay.closeIdleConnections();
        setTimeout(() => relay.closeAllConnections(), 1_000).unref();
      });
    },
  };
}

export interface FileProxy {
  /** Bot API root for the bot: the emulator's, plus getFile and file downloads. */
  apiRoot: string;
  /** Makes `bytes` downloadable as `fileId`. */
  addFile(fileId: string, bytes: Uint8Array): void;
  close(): Promise<void>;
}

/** One Bot API call the bot made through a `recordingProxy`, with its parameters (JSON, form or query). */
export interface RecordedCall {
  method: string;
  payload: Record<string, any>;
  /** Date.now() when the proxy received it. */
  at: number;
}

export interface RecordingProxy extends FileProxy {
  /** Every Bot API call, in arrival order (file downloads are not calls). */
  calls: RecordedCall[];
  /** The payloads of one method's calls, in order. */
  of(method: string): Array<Record<string, any>>;
}

/**
 * Methods telegram-test-api 4.2 lacks, answered by the proxy as Telegram would for a bot that may use them: "typing…",
 * the command menu, the chat menu button.
 */
const ANSWERED_BY_PROXY: Record<string, unknown> = {
  sendChatAction: true,
  setMyCommands: true,
  deleteMyCommands: true,
  setChatMenuButton: true,
  setMyDescription: true,
  setMyShortDescription: true,
};

function parseParams(url: string, body: Buffer, contentType: string | undefined): Record<string, any> {
  const params: Record<string, any> = Object.fromEntries(new URL(url, 'http://x').searchParams);
  if (!body.length) return params;
  const text = body.toString('utf8');
  if ((contentType ?? '').includes('application/x-www-form-urlencoded')) return { ...params, ...Object.fromEntries(new URLSearchParams(text)) };
  try {
    return { ...params, ...(JSON.parse(text) as Record<string, any>) };
  } catch {
    return params;
  }
}

/**
 * A proxy in front of the emulator for the bot: records every Bot API call (method and parameters — the emulator
 * keeps neither answerCallbackQuery's text nor the chat actions), answers the methods the emulator lacks
 * (ANSWERED_BY_PROXY, getFile for the files added, GET /file/bot<token>/documents/<id>), and forwards every other
 * request unchanged.
 */
export async function recordingProxy(emulatorRoot: string): Promise<RecordingProxy> {
  const files = new Map<string, Uint8Array>();
  const calls: RecordedCall[] = [];
  const json = (res: ServerResponse, status: number, value: unknown) =>
    void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  const proxy: Server = createHttpServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      void (async () => {
        const url = req.url ?? '/';
        const body = Buffer.concat(parts);
        const download = /^\/file\/bot[^/]+\/documents\/(.+)$/.exec(url);
        if (download) {
          const bytes = files.get(decodeURIComponent(download[1]!));
          if (!bytes) return void res.writeHead(404).end();
          return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from(bytes));
        }
        const method = /^\/bot[^/]+\/([A-Za-z]+)$/.exec(url.split('?')[0]!)?.[1];
        if (method) {
          const payload = parseParams(url, body, req.headers['content-type']);
          calls.push({ method, payload, at: Date.now() });
          if (method in ANSWERED_BY_PROXY) return json(res, 200, { ok: true, result: ANSWERED_BY_PROXY[method] });
          if (method === 'getFile') {
            const fileId = String(payload.file_id ?? '');
            const bytes = files.get(fileId);
            return bytes
              ? json(res, 200, { ok: true, result: { file_id: fileId, file_unique_id: fileId, file_size: bytes.length, file_path: `documents/${encodeURIComponent(fileId)}` } })
              : json(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
          }
        }
        const forwarded = await fetch(`${emulatorRoot}${url}`, {
          method: req.method ?? 'GET',
          headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
          ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
        });
        res.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await forwarded.arrayBuffer()));
      })().catch(() => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    of: (method) => calls.filter((c) => c.method === method).map((c) => c.payload),
    addFile: (fileId, bytes) => void files.set(fileId, bytes),
    close: () =>
      new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        proxy.closeAllConnections();
      }),
  };
}

/**
 * The emulator has no getFile and serves no files: this proxy in front of it answers getFile and
 * GET /file/bot<token>/<path> for the files added, and forwards every other request unchanged
 * (a `recordingProxy`, whose records the caller may ignore).
 */
export function serveFiles(emulatorRoot: string): Promise<FileProxy> {
  return recordingProxy(emulatorRoot);
}

/** An update the emulator cannot make (edited_message, my_chat_member…): everything but its update_id. */
export type RawUpdate = Record<string, unknown>;

/** The emulator's own record of an update it holds for the bot (what its getUpdates hands out). */
export interface StoredUpdate {
  updateId: number;
  messageId: number;
  botToken: string;
  time: number;
  isRead: boolean;
  message?: Record<string, any>;
  callbackQuery?: Record<string, any>;
  callbackId?: number;
  raw?: RawUpdate;
}

let formatPatched = false;

/**
 * Makes the emulator hand out `update` (with the next update_id of its own sequence) on the bot's next getUpdates,
 * like the updates its client sends. telegram-test-api 4.2 only knows message and callback_query updates; the
 * emulator's update formatter is extended (once per process) to pass raw ones through. Polling only (the
 * emulator's webhook delivery is not extended). Returns the update_id given.
 */
export function injectUpdate(server: Emulator, botToken: string, update: RawUpdate): number {
  const cls = TelegramServer as unknown as { formatUpdate(u: StoredUpdate): unknown };
  if (!formatPatched) {
    const original = cls.formatUpdate.bind(cls);
    cls.formatUpdate = (u: StoredUpdate) => (u.raw ? { update_id: u.updateId, ...u.raw } : original(u));
    formatPatched = true;
  }
  const internals = server as unknown as { updateId: number; storage: { userMessages: StoredUpdate[] } };
  const updateId = internals.updateId++;
  internals.storage.userMessages.push({ updateId, messageId: 0, botToken, time: Date.now(), isRead: false, raw: update });
  return updateId;
}

/** The emulator's next message_id (user and bot messages share one sequence), taken for a message made outside it. */
export function takeMessageId(server: Emulator): number {
  const internals = server as unknown as { messageId: number };
  return internals.messageId++;
}
