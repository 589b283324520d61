/**
 * The bot: a grammY Bot wired to injected dependencies, composed of middleware and feature composers (one
 * file each, as grammY's guide scales a bot). No globals, no network at construction (with `botInfo` given),
 * no pipeline imports.
 *
 * Middleware order (each stage may end the update):
 *  1. guard: in-flight tracking (whenIdle), one structured log line per update, errors → apology
 *  2. chat order: a chat's updates run in order (chats in parallel), across replicas with `options.chatLock`
 *  3. session (per chat: history of resolved questions (per user in groups), languages, question → answer messages); key "session:<chat id>"
 *  4. access gate: in groups only commands for this bot, mentions and replies to the bot pass (and the bot's own
 *     membership changes); the allowlist gives other chats one refusal line, once, then silence
 *  5. per-user rate limit on messages: each message over the limit is told when to send it again; button
 *     presses are never limited
 *  6. features: group greeting, commands, buttons (citations, feedback; answers from the answer store), admin
 *     uploads, questions (text, captions, edits), non-text hints
 *
 * Updates the bot ignores (group chatter) are logged at debug level, all others at info.
 */
import { Bot } from 'grammy';
import { memoryAnswerStore } from './answer-store.js';
import { adminUploads } from './features/admin-uploads.js';
import { groupGreeting } from './features/greeting.js';
import { buttons } from './features/buttons.js';
import { commands } from './features/commands.js';
import { nonTextHints } from './features/non-text.js';
import { createAsk, questions } from './features/questions.js';
import { STREAM_INTERVAL_MS, TYPING_INTERVAL_MS } from './limits.js';
import { accessGate } from './middleware/access.js';
import { chatOrder } from './middleware/chat-order.js';
import { createInFlight, guard, reportError, type InFlight } from './middleware/guard.js';
import { rateLimit } from './middleware/rate-limit.js';
import { chatSession } from './middleware/session.js';
import type { BotContext, BotDeps, BotOptions } from './types.js';
import { createFileDownloader } from './upload.js';

/** A bot made by createBot: a grammY Bot that also tracks the updates it is handling. */
export type TrackedBot = Bot<BotContext> & { readonly inFlight: InFlight };

/** Resolves once no update is being handled by `bot` (at once when idle). */
export function whenIdle(bot: TrackedBot): Promise<void> {
  return bot.inFlight.whenIdle();
}

/** Highest update_id the bot has started handling (0 before the first). */
export function lastUpdateId(bot: TrackedBot): number {
  return bot.inFlight.lastUpdateId;
}

export function createBot(deps: BotDeps, options: BotOptions): TrackedBot {
  const bot = new Bot<BotContext>(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(options.apiRoot ? { client: { apiRoot: options.apiRoot } } : {}),
  });
  const inFlight = createInFlight();
  const log = deps.logger.child({ component: 'bot' });
  const admins = new Set(options.adminIds);
  const typingIntervalMs = options.typingIntervalMs ?? TYPING_INTERVAL_MS;
  const report = reportError(log);
  bot.catch(report);

  bot.use(guard(inFlight, log, report));
  bot.use(chatOrder(options.chatLock));
  bot.use(chatSession(options.storage));
  bot.use(accessGate(options.allowedChatIds, log));
  bot.use(rateLimit({ perMinute: options.rateLimitPerMinute, store: options.rateLimitStore }, log));

  const answers = options.answerStore ?? memoryAnswerStore();
  const ask = createAsk({ deps, answers, log, stream: options.stream, typingIntervalMs, streamIntervalMs: options.streamIntervalMs ?? STREAM_INTERVAL_MS });
  bot.use(groupGreeting(deps));
  bot.use(commands({ deps, admins, log, ask }));
  bot.use(buttons({ feedbackLog: options.feedbackLog, log, ask, answers }));
  bot.use(
    adminUploads({
      deps,
      admins,
      maxUploadBytes: options.maxUploadBytes,
      download: options.downloadFile ?? createFileDownloader(options.token, options.apiRoot),
      typingIntervalMs,
      log,
    }),
  );
  bot.use(questions(ask));
  bot.use(nonTextHints());

  return Object.assign(bot, { inFlight });
}
