/**
 * Per-user rate limit (@grammyjs/ratelimiter): at most `perMinute` updates per user in each
 * RATE_LIMIT_WINDOW_MS window, counted in `store` (Redis, shared by replicas) or in memory. The first update
 * over the limit gets one polite note (a toast for a button press), outcome 'rate_limited_notified'; the rest
 * of the window ends silently, outcome 'rate_limited'. Counters are keyed by user id (prefix "ratelimit:").
 */
import { limit } from '@grammyjs/ratelimiter';
import { Composer } from 'grammy';
import type { Logger } from 'pino';
import { vi as TEXT } from '../../messages/bot.js';
import { RATE_LIMIT_WINDOW_MS } from '../limits.js';
import { answerCallback, replyPlain } from '../reply.js';
import type { BotContext, RateLimitStore } from '../types.js';

export function rateLimit(o: { perMinute: number; store: RateLimitStore | undefined }, log: Logger): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  // Updates the limiter drops never reach the reset below.
  composer.use(async (ctx, next) => {
    ctx.meta.outcome = 'rate_limited';
    await next();
  });
  composer.use(
    limit({
      timeFrame: RATE_LIMIT_WINDOW_MS,
      limit: o.perMinute,
      storageClient: o.store ?? 'MEMORY_STORE',
      keyPrefix: 'ratelimit:',
      keyGenerator: (ctx) => ctx.from?.id.toString(),
      onLimitExceeded: async (ctx) => {
        ctx.meta.outcome = 'rate_limited_notified';
        if (ctx.callbackQuery) await answerCallback(ctx, log, TEXT.rateLimited);
        else await replyPlain(ctx, TEXT.rateLimited);
      },
    }),
  );
  composer.use(async (ctx, next) => {
    ctx.meta.outcome = 'ignored';
    await next();
  });
  return composer;
}
