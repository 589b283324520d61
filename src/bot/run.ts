/**
 * Runs the bot against Telegram: long polling (@grammyjs/runner) by default, webhook mode when
 * `telegram.webhookUrl` is set.
 *
 * Contracts:
 * - Resolves once the bot receives updates (getMe done, webhook registered or polling started);
 *   rejects when the token is missing, getMe fails, the webhook cannot be set or the port is taken.
 * - Commands are registered in Vietnamese (default) and English (language_code 'en'); a failure
 *   there (e.g. an emulator without setMyCommands) is logged, not fatal.
 * - Outgoing calls honour 429 retry_after and retry 5xx a few times (auto-retry).
 * - `stop()` (also run on SIGINT/SIGTERM): stops taking updates, waits for the updates in flight
 *   (at most `shutdownTimeoutMs`), confirms the polled offset, closes the server; idempotent.
 *   `stopped` resolves when that is done. Signal handlers are removed on stop.
 * - Webhook mode: the HTTP server of webhook.ts (loopback by default, secret checked, bodies capped,
 *   /healthz). The webhook is left registered on stop (other instances may serve it).
 * - With `telegram.redisUrl`, sessions, rate limits and a per-chat lock live in Redis (shared-state.ts),
 *   so several replicas can serve one bot; Redis must answer at start (else AppError). The connection
 *   is closed after the updates in flight on stop. Without it, state is in memory.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot, Transformer } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import { en, vi, type BotMessages } from '../messages/bot.js';
import { createBot, lastUpdateId, whenIdle, type TrackedBot } from './create-bot.js';
import { describeError } from './send.js';
import { connectSharedState, type SharedState } from './shared-state.js';
import type { BotContext, BotDeps } from './types.js';
import { ALLOWED_UPDATES, startWebhook } from './webhook.js';

/** The commands in the client's menu, in this order. */
const MENU = ['start', 'help', 'quan', 'tomtat'] as const;
const commandMenu = (messages: BotMessages): BotCommand[] => MENU.map((command) => ({ command, description: messages.commands[command] }));

export const COMMANDS_VI: BotCommand[] = commandMenu(vi);
export const COMMANDS_EN: BotCommand[] = commandMenu(en);

export interface BotHandle {
  stop(): Promise<void>;
  /** Resolves when the bot has stopped (by stop() or a signal). */
  readonly stopped: Promise<void>;
  readonly mode: 'polling' | 'webhook';
  /** Webhook mode: where the HTTP server listens. */
  readonly address?: { host: string; port: number };
}

export interface RunOptions {
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
    ...(shared ? { storage: shared.storage, rateLimitStore: shared.rateLimitStore, chatLock: shared.chatLock } : {}),
  });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));

  try {
    await bot.init();
  } catch (error) {
    await shared?.close();
    throw error;
  }
  const state = shared ? 'redis' : 'memory';
  log.info({ username: bot.botInfo.username, mode: telegram.webhookUrl ? 'webhook' : 'polling', state }, 'bot starting');
  await registerCommands(bot, log);

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
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
          resolveStopped();
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
      log.error({ err: describeError(error) }, 'polling stopped with an error');
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
          resolveStopped();
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
