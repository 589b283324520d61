/**
 * The webhook HTTP server (webhook mode of run.ts).
 *
 * Contracts:
 * - Listens on `telegram.webhookHost` (default 127.0.0.1: a reverse proxy in front terminates TLS; set
 *   BOT_WEBHOOK_HOST=0.0.0.0 only to be reached directly) and `telegram.webhookPort`.
 * - POST <webhook path>: a Content-Length over WEBHOOK_MAX_BODY_BYTES gets 413 at once; then the
 *   X-Telegram-Bot-Api-Secret-Token header is checked (401 without it, before any byte of the body is read); a
 *   body that grows past the limit (chunked) gets 413 when it does, a body that is not JSON 400; the connection
 *   is closed after a 413 or 400 (the rest is never read).
 *   Otherwise grammY's webhookCallback handles the update (200 once done, or after 8 s while it goes on).
 * - GET /healthz → 200 "ok" (503 while stopping); anything else → 404.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookCallback, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Config } from '../config/config.js';
import { WEBHOOK_MAX_BODY_BYTES } from './limits.js';
import { describeError } from './send.js';
import type { BotContext, BotDeps } from './types.js';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** The update types the bot asks Telegram for (polling and webhook). */
/** Updates requested from Telegram: messages and their edits, button presses, and the bot's own membership (greeting). */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

class WebhookBodyError extends Error {
  constructor(readonly status: 400 | 413, message: string) {
    super(message);
  }
}

/** Reads a JSON body of at most `max` bytes; rejects with WebhookBodyError (413 over the limit, 400 not JSON). */
function readJsonBody(req: IncomingMessage, max: number): Promise<Update> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        req.pause();
        reject(new WebhookBodyError(413, `webhook body over ${max} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      if (size > max) return;
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Update);
      } catch {
        reject(new WebhookBodyError(400, 'webhook body is not JSON'));
      }
    });
    req.once('error', reject);
  });
}

/** grammY's `http` adapter with a bounded body. */
function boundedHttp(req: IncomingMessage, res: ServerResponse) {
  const header = req.headers[SECRET_HEADER];
  return {
    get update() {
      return readJsonBody(req, WEBHOOK_MAX_BODY_BYTES);
    },
    header: Array.isArray(header) ? header[0] : header,
    end: () => res.end(),
    respond: (json: string) => res.writeHead(200, { 'content-type': 'application/json' }).end(json),
    unauthorized: () => res.writeHead(401).end('secret token is wrong'),
  };
}

function refuse(res: ServerResponse, status: number): void {
  // Close the connection: the rest of the body is never read.
  if (!res.headersSent) res.writeHead(status, { connection: 'close' });
  res.end();
}

export async function startWebhook(
  bot: Bot<BotContext>,
  telegram: Config['telegram'],
  log: BotDeps['logger'],
  isStopping: () => boolean,
): Promise<{ server: Server; address: { host: string; port: number } }> {
  const url = new URL(telegram.webhookUrl!);
  const path = url.pathname || '/';
  const callback = webhookCallback(bot, boundedHttp, {
    secretToken: telegram.webhookSecret,
    // Telegram re-sends an update whose request outlives its timeout; answer 200 and keep working.
    onTimeout: 'return',
    timeoutMilliseconds: 8_000,
  });
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(isStopping() ? 503 : 200, { 'content-type': 'text/plain' }).end(isStopping() ? 'stopping' : 'ok');
      return;
    }
    if (pathname === path && req.method === 'POST') {
      if (isStopping()) {
        res.writeHead(503).end();
        return;
      }
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > WEBHOOK_MAX_BODY_BYTES) {
        log.warn({ bytes: declared, max: WEBHOOK_MAX_BODY_BYTES }, 'webhook body too large; refused');
        refuse(res, 413);
        return;
      }
      Promise.resolve(callback(req, res)).catch((error: unknown) => {
        if (error instanceof WebhookBodyError) {
          log.warn({ status: error.status, max: WEBHOOK_MAX_BODY_BYTES }, error.message);
          refuse(res, error.status);
          return;
        }
        log.error({ err: describeError(error) }, 'webhook request failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(telegram.webhookPort, telegram.webhookHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  try {
    await bot.api.setWebhook(telegram.webhookUrl!, {
      ...(telegram.webhookSecret ? { secret_token: telegram.webhookSecret } : {}),
      allowed_updates: [...ALLOWED_UPDATES],
    });
  } catch (error) {
    server.close();
    throw error;
  }
  log.info({ host: address.address, port: address.port, path }, 'webhook listening');
  return { server, address: { host: address.address, port: address.port } };
}
