/**
 * The outermost middleware, and the bot's error handler.
 *
 * Contracts:
 * - `createInFlight`: one per bot. Counts the updates being handled, remembers the highest update_id started,
 *   and `whenIdle` resolves once none is being handled (at once when idle).
 * - `guard` counts every update in flight while it runs, starts ctx.meta as intent 'none', outcome 'ignored',
 *   logs the update's text at debug level, and when it is done one line: update_id, chat_id, intent, latency_ms,
 *   outcome (debug level for ignored updates, info for all others). An error thrown below it sets outcome
 *   'error' and goes to `reportError`; it never propagates.
 * - `reportError` (also the bot's `catch`) logs the error without the user's text and, when the update has a
 *   chat, apologises: an alert for a button press, else a reply. A failed apology is logged, not thrown.
 */
import { BotError, type MiddlewareFn } from 'grammy';
import type { Logger } from 'pino';
import { textFor } from '../language.js';
import { answerCallback, replyPlain } from '../reply.js';
import { describeError } from '../send.js';
import type { BotContext } from '../types.js';

export interface InFlight {
  /** Highest update_id started (0 before the first). */
  readonly lastUpdateId: number;
  start(updateId: number): void;
  finish(): void;
  whenIdle(): Promise<void>;
}

export function createInFlight(): InFlight {
  let active = 0;
  let lastUpdateId = 0;
  const idle: Array<() => void> = [];
  return {
    get lastUpdateId() {
      return lastUpdateId;
    },
    start(updateId) {
      active++;
      lastUpdateId = Math.max(lastUpdateId, updateId);
    },
    finish() {
      active--;
      if (active === 0) for (const resolve of idle.splice(0)) resolve();
    },
    whenIdle() {
      return active === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve));
    },
  };
}

export function reportError(log: Logger): (error: BotError<BotContext>) => Promise<void> {
  return async (error) => {
    const ctx = error.ctx;
    log.error({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id, err: describeError(error.error) }, 'update failed');
    if (!ctx.chat) return;
    try {
      const TEXT = textFor(ctx);
      if (ctx.callbackQuery) await answerCallback(ctx, log, TEXT.apology, true);
      else await replyPlain(ctx, TEXT.apology);
    } catch (sendError) {
      log.warn({ update_id: ctx.update.update_id, err: describeError(sendError) }, 'could not send apology');
    }
  };
}

export function guard(inFlight: InFlight, log: Logger, report: (error: BotError<BotContext>) => Promise<void>): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const started = performance.now();
    const updateId = ctx.update.update_id;
    ctx.meta = { intent: 'none', outcome: 'ignored' };
    inFlight.start(updateId);
    const msg = ctx.message ?? ctx.editedMessage;
    const text = msg?.text ?? msg?.caption ?? ctx.callbackQuery?.data;
    if (text !== undefined) log.debug({ update_id: updateId, chat_id: ctx.chat?.id, text }, 'update text');
    try {
      await next();
    } catch (error) {
      ctx.meta.outcome = 'error';
      await report(error instanceof BotError ? (error as BotError<BotContext>) : new BotError<BotContext>(error, ctx));
    } finally {
      const line = {
        update_id: updateId,
        chat_id: ctx.chat?.id,
        intent: ctx.meta.intent,
        latency_ms: Math.round(performance.now() - started),
        outcome: ctx.meta.outcome,
      };
      if (ctx.meta.outcome === 'ignored') log.debug(line, 'update');
      else log.info(line, 'update');
      inFlight.finish();
    }
  };
}
