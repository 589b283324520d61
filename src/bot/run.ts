/**
 * Runs the bot against Telegram: long polling (@grammyjs/runner) by default, webhook mode when
 * `telegram.webhookUrl` is set.
 *
 * Contracts:
 * - Resolves once the bot receives updates (getMe done, webhook registered or polling started);
 *   rejects when the token is missing, Telegram refuses the token (AppError TELEGRAM_REJECTED: 401/404),
 *   the webhook cannot be set or the port is taken.
 * - Telegram unreachable (network errors, 5xx) while starting (getMe, setWebhook, deleteWebhook) or polling:
 *   retried with a doubling delay (`retryInitialMs`, default 1 s, at most 60 s), each retry logged at warn
 *   with its attempt, delay and cause; the first success after failures is logged at info. Waits are cut
 *   short by stop().
 * - A fatal API error while polling (401/404: the token was revoked; 409: another process polls or a
 *   webhook is set) stops the bot: `stopped` resolves with `{ fatal }` (an AppError), so the entry point
 *   exits non-zero and a process manager restarts or reports it.
 * - Commands are registered in Vietnamese (default) and English (language_code 'en'); a failure
 *   there (e.g. an emulator without setMyCommands) is logged, not fatal.
 * - Outgoing calls honour 429 retry_after and retry 5xx a few times (auto-retry).
 * - `stop()` (also run on SIGINT/SIGTERM): stops taking updates, waits for the updates in flight
 *   (at most `shutdownTimeoutMs`), confirms the polled offset, closes the server; idempotent.
 *   `stopped` resolves when that is done. Signal handlers are removed on stop.
 * - Webhook mode: the HTTP server of webhook.ts (loopback by default, secret checked, bodies capped,
 *   /healthz). The webhook is left registered on stop (other instances may serve it).
 * - With `telegram.redisUrl`, sessions, rate limits, the answers behind buttons and a per-chat lock live in Redis
 *   (shared-state.ts), so several replicas can serve one bot; Redis must answer at start (else AppError). The
 *   connection is closed after the updates in flight on stop. Without it, state is in memory, except the answers
 *   behind buttons: files in `telegram.stateDir`/answers, so buttons survive restarts.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { GrammyError, HttpError, type Bot, type Transformer } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import { en, vi, type BotMessages } from '../messages/bot.js';
import path from 'node:path';
import { fileAnswerStore } from './answer-store.js';
import { createBot, lastUpdateId, whenIdle, type TrackedBot } from './create-bot.js';
import { describeError } from './send.js';
import { connectSharedState, type SharedState } from './shared-state.js';
import type { BotContext, BotDeps } from './types.js';
import { ALLOWED_UPDATES, startWebhook } from './webhook.js';

/** Default of telegram.stateDir (BOT_STATE_DIR). */
const DEFAULT_STATE_DIR = 'data/bot-state';

/** The commands in the client's menu, in this order. */
const MENU = ['start', 'help', 'quan', 'tomtat'] as const;
const commandMenu = (messages: BotMessages): BotCommand[] => MENU.map((command) => ({ command, description: messages.commands[command] }));

export const COMMANDS_VI: BotCommand[] = commandMenu(vi);
export const COMMANDS_EN: BotCommand[] = commandMenu(en);

export interface BotHandle {
  stop(): Promise<void>;
  /** Resolves when the bot has stopped (by stop() or a signal); `fatal` when an API error stopped it. */
  readonly stopped: Promise<BotStopped>;
  readonly mode: 'polling' | 'webhook';
  /** Webhook mode: where the HTTP server listens. */
  readonly address?: { host: string; port: number };
}

export interface BotStopped {
  /** Why the bot stopped by itself (TELEGRAM_REJECTED); absent after stop() or a signal. */
  fatal?: AppError;
}

export interface RunOptions {
  /** First delay before retrying Telegram after a network error (default 1 s; doubles up to 60 s). */
  retryInitialMs?: number;
  /** Longest wait for answers in flight on shutdown (default 30 s). */
  shutdownTimeoutMs?: number;
  /** Install SIGINT/SIGTERM handlers (default true). */
  handleSignals?: boolean;
}

/**
 * Minimum time between two polls that return nothing. Telegram holds empty long polls for
 * `timeout` seconds; API servers that answer at once (emulators) would otherwise be hammered.
 */
const MIN_EMPTY_POLL_MS = 250;
/** Wait between failed polls (Telegram unreachable). */
const POLL_RETRY_MS = 2_000;

function paceEmptyPolls(): Transformer {
  return async (prev, method, payload, signal) => {
    const started = Date.now();
    const result = await prev(method, payload, signal);
    if (method === 'getUpdates' && result.ok && Array.isArray(result.result) && result.result.length === 0) {
      const wait = MIN_EMPTY_POLL_MS - (Date.now() - started);
      if (wait > 0 && !signal?.aborted) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    }
    return result;
  };
}

/** First and longest delay between retries of an unreachable Telegram (start and polling). */
const RETRY_INITIAL_MS = 1_000;
const RETRY_MAX_MS = 60_000;
/** Methods retried while Telegram is unreachable; answers (sendMessage…) are not: auto-retry and the apology cover them. */
const RETRIED_METHODS = new Set(['getMe', 'getUpdates', 'setWebhook', 'deleteWebhook']);

/** 401 (token revoked or wrong), 404 (no such bot) and 409 (another poller, or a webhook set) end the bot. */
export function fatalApiError(error: unknown): AppError | null {
  if (!(error instanceof GrammyError) || ![401, 404, 409].includes(error.error_code)) return null;
  const why =
    error.error_code === 409
      ? 'another process is polling this bot, or a webhook is set'
      : 'Telegram does not accept TELEGRAM_BOT_TOKEN';
  return new AppError('TELEGRAM_REJECTED', `Telegram refused ${error.method} (${error.error_code} ${error.description}): ${why}.`, {
    hint:
      error.error_code === 409
        ? 'Run one polling process per token (replicas use webhook mode), or delete the webhook.'
        : 'Check TELEGRAM_BOT_TOKEN (from @BotFather; /revoke makes a new one) and TELEGRAM_API_ROOT.',
    cause: error,
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}

/** The system error code of a failed request ("ECONNREFUSED"), or its reason with any /bot<token>/ hidden. */
function networkCause(error: unknown): string {
  for (let e = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
  }
  const message = error instanceof Error ? error.message : String(error ?? '');
  return message.replace(/\/bot[^/\s]+/g, '/bot***').replace(/^.*reason:\s*/, '');
}

/**
 * Retries RETRIED_METHODS while Telegram cannot be reached (network errors, 5xx answers), with a doubling delay,
 * logging every retry (attempt, delay, cause) and the recovery. An aborted call (stop) returns at once.
 */
function retryUnreachable(log: BotDeps['logger'], initialMs: number): Transformer {
  return async (prev, method, payload, signal) => {
    if (!RETRIED_METHODS.has(method)) return prev(method, payload, signal);
    let delay = initialMs;
    for (let attempt = 1; ; attempt++) {
      let cause: string;
      try {
        const result = await prev(method, payload, signal);
        if (result.ok || result.error_code < 500) {
          if (attempt > 1) log.info({ method, attempts: attempt }, 'Telegram reachable again');
          return result;
        }
        cause = `${result.error_code} ${result.description}`;
      } catch (error) {
        if (!(error instanceof HttpError) || signal?.aborted) throw error;
        cause = `${error.message} ${networkCause(error.error)}`.trim();
      }
      log.warn({ method, attempt, retry_in_ms: delay, cause }, 'Telegram unreachable; retrying');
      await sleep(delay, signal as AbortSignal | undefined);
      if (signal?.aborted) return prev(method, payload, signal);
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  };
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function runBot(deps: BotDeps, telegram: Config['telegram'], runOptions: RunOptions = {}): Promise<BotHandle> {
  const token = telegram.token;
  if (!token) {
    throw new AppError('CONFIG_INVALID', 'TELEGRAM_BOT_TOKEN is not set.', {
      hint: 'Set TELEGRAM_BOT_TOKEN to the token @BotFather gave you.',
    });
  }
  const log = deps.logger.child({ component: 'bot' });
  const shutdownTimeoutMs = runOptions.shutdownTimeoutMs ?? 30_000;
  const shared: SharedState | undefined = telegram.redisUrl ? await connectSharedState(telegram.redisUrl, log) : undefined;
  const bot = createBot(deps, {
    ...telegram,
    token,
    ...(shared
      ? { storage: shared.storage, rateLimitStore: shared.rateLimitStore, chatLock: shared.chatLock, answerStore: shared.answerStore }
      : { answerStore: fileAnswerStore(path.resolve(telegram.stateDir ?? DEFAULT_STATE_DIR, 'answers')) }),
  });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));
  bot.api.config.use(retryUnreachable(log, runOptions.retryInitialMs ?? RETRY_INITIAL_MS));

  try {
    // getMe here, not grammY's init(): that one retries network errors forever without a word.
    if (!bot.isInited()) bot.botInfo = await bot.api.getMe();
  } catch (error) {
    await shared?.close();
    throw fatalApiError(error) ?? error;
  }
  const state = shared ? 'redis' : 'memory';
  log.info({ username: bot.botInfo.username, mode: telegram.webhookUrl ? 'webhook' : 'polling', state }, 'bot starting');
  await registerCommands(bot, log);

  let fatal: AppError | undefined;
  let resolveStopped!: (value: BotStopped) => void;
  const stopped = new Promise<BotStopped>((resolve) => (resolveStopped = resolve));
  let stopping: Promise<void> | undefined;
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'shutting down');
    void handle.stop();
  };

  const drain = async () => {
    const finished = await withTimeout(whenIdle(bot), shutdownTimeoutMs);
    if (!finished) log.warn({ timeout_ms: shutdownTimeoutMs }, 'gave up waiting for updates in flight');
    await shared?.close();
  };

  let handle: BotHandle;
  if (telegram.webhookUrl) {
    const { server, address } = await startWebhook(bot, telegram, log, () => stopping !== undefined).catch(async (error: unknown) => {
      await shared?.close();
      throw error;
    });
    handle = {
      mode: 'webhook',
      address,
      stopped,
      stop: () =>
        (stopping ??= (async () => {
          for (const s of signals) process.off(s, onSignal);
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeIdleConnections();
          await drain();
          // Let finished webhook responses flush; keep-alive sockets close as they go idle.
          const sweeper = setInterval(() => server.closeIdleConnections(), 50);
          const closedInTime = await withTimeout(closed, 5_000);
          clearInterval(sweeper);
          if (!closedInTime) {
            server.closeAllConnections();
            await closed;
          }
          log.info('bot stopped');
          resolveStopped(fatal ? { fatal } : {});
        })()),
    };
  } else {
    bot.api.config.use(paceEmptyPolls());
    try {
      await bot.api.deleteWebhook();
    } catch (error) {
      log.warn({ err: describeError(error) }, 'deleteWebhook failed; polling anyway');
    }
    const runner: RunnerHandle = run(bot, {
      // A constant retry interval keeps stop() prompt even after a long outage (the runner's
      // backoff sleep cannot be interrupted).
      runner: { fetch: { allowed_updates: ALLOWED_UPDATES }, silent: true, retryInterval: POLL_RETRY_MS },
    });
    const task = runner.task();
    task?.catch((error: unknown) => {
      fatal = fatalApiError(error) ?? new AppError('TELEGRAM_REJECTED', `Polling stopped: ${(error as Error).message}`, { cause: error });
      log.error({ err: describeError(error) }, 'polling stopped with an error; exiting');
      void handle.stop();
    });
    handle = {
      mode: 'polling',
      stopped,
      stop: () =>
        (stopping ??= (async () => {
          for (const s of signals) process.off(s, onSignal);
          if (runner.isRunning()) {
            const halted = await withTimeout(
              runner.stop().catch(() => undefined),
              POLL_RETRY_MS + 1_000,
            );
            if (!halted) log.warn('polling did not stop in time; continuing shutdown');
          }
          await drain();
          await confirmOffset(bot, log);
          log.info('bot stopped');
          resolveStopped(fatal ? { fatal } : {});
        })()),
    };
  }
  if (runOptions.handleSignals ?? true) for (const s of signals) process.once(s, onSignal);
  log.info({ mode: handle.mode }, 'bot running');
  return handle;
}

async function registerCommands(bot: Bot<BotContext>, log: BotDeps['logger']): Promise<void> {
  try {
    await bot.api.setMyCommands(COMMANDS_VI);
    await bot.api.setMyCommands(COMMANDS_EN, { language_code: 'en' });
  } catch (error) {
    log.warn({ err: describeError(error) }, 'setMyCommands failed; commands menu not updated');
  }
}

/** Tells Telegram the updates handled so far are done, so a restart does not replay them. */
async function confirmOffset(bot: TrackedBot, log: BotDeps['logger']): Promise<void> {
  const last = lastUpdateId(bot);
  if (last === 0) return;
  try {
    await bot.api.getUpdates({ offset: last + 1, limit: 1, timeout: 0 }, AbortSignal.timeout(5_000) as unknown as Parameters<typeof bot.api.getUpdates>[1]);
  } catch (error) {
    log.debug({ err: describeError(error) }, 'could not confirm the update offset');
  }
}
