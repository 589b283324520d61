/**
 * Per-user rate limit on questions: at most `perMinute` messages (new or edited) per user in each
 * RATE_LIMIT_WINDOW_MS window, counted in `store` (Redis, shared by replicas) or in memory. Button presses and
 * other updates are never counted nor limited (a button press is always answered by the features below).
 *
 * A message over the limit is never dropped without a word: each one is told, in the user's language, in how
 * many seconds the window reopens so it can be sent again (outcome 'rate_limited', with `retry_after_s`).
 * Counters: key "ratelimit:<user id>:<window number>", expiring after two windows.
 */
import { Composer } from 'grammy';
import type { Logger } from 'pino';
import { textFor } from '../language.js';
import { RATE_LIMIT_WINDOW_MS } from '../limits.js';
import { replyPlain } from '../reply.js';
import type { BotContext, RateLimitStore } from '../types.js';

/** Fixed-window counters in this process (the default store). */
export function memoryRateLimitStore(): RateLimitStore {
  const counts = new Map<string, { count: number; until: number }>();
  return {
    async incr(key) {
      const now = Date.now();
      for (const [k, v] of counts) if (v.until <= now) counts.delete(k);
      const entry = counts.get(key);
      const next = entry && entry.until > now ? { count: entry.count + 1, until: entry.until } : { count: 1, until: now + 2 * RATE_LIMIT_WINDOW_MS };
      counts.set(key, next);
      return next.count;
    },
    async pexpire(key, ms) {
      const entry = counts.get(key);
      if (!entry) return 0;
      entry.until = Date.now() + ms;
      return 1;
    },
  };
}

export function rateLimit(o: { perMinute: number; store: RateLimitStore | undefined; windowMs?: number }, log: Logger): Composer<BotContext> {
  const store = o.store ?? memoryRateLimitStore();
  const windowMs = o.windowMs ?? RATE_LIMIT_WINDOW_MS;
  const composer = new Composer<BotContext>();
  composer.use(async (ctx, next) => {
    const counted = (ctx.message ?? ctx.editedMessage) !== undefined && ctx.from !== undefined;
    if (!counted) return next();
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    const key = `ratelimit:${ctx.from!.id}:${window}`;
    let count: number;
    try {
      count = await store.incr(key);
      if (count === 1) await store.pexpire(key, 2 * windowMs);
    } catch (error) {
      // A counter that cannot be read never blocks a question.
      log.debug({ update_id: ctx.update.update_id, err: String(error) }, 'rate limit counter unavailable');
      return next();
    }
    if (count <= o.perMinute) return next();
    const seconds = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
    ctx.meta.intent = 'question';
    ctx.meta.outcome = 'rate_limited';
    log.info({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id, retry_after_s: seconds }, 'rate limited');
    await replyPlain(ctx, textFor(ctx).rateLimited(seconds));
  });
  return composer;
}
