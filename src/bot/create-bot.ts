/**
 * The bot: a grammY Bot wired to injected dependencies. No globals, no network at construction
 * (with `botInfo` given), no pipeline imports.
 *
 * Middleware order (each stage may end the update):
 *  1. guard: in-flight tracking (whenIdle), one structured log line per update, errors → apology
 *  2. sequentialize per chat (a chat's updates run in order; chats run in parallel), then, with
 *     `options.chatLock` (replicas sharing Redis), the chat's lock across processes
 *  3. session (per chat: history of resolved questions, recent answers for buttons); key "session:<chat id>"
 *  4. group gating: in groups only commands for this bot, mentions and replies to the bot pass
 *  5. allowlist: other chats get one refusal line, once, then silence
 *  6. per-user rate limit: one polite note per window, then silence
 *  7. handlers: commands, callback buttons, admin uploads, questions, non-text hints
 *
 * Decisions:
 * - A citation button sends a new message (a reply to the answer) with the quoted passage and the
 *   article details: callback alerts hold only 200 characters, and editing would hide the answer.
 * - Answers that are not grounded get no sources and no citation buttons, but keep 👍/👎.
 * - Updates the bot ignores (group chatter) are logged at debug level, all others at info.
 * - Streaming (deps.stream and options.stream, private chats only): the growing draft is previewed
 *   (stream.ts), then the final answer is delivered as usual; if the stream throws or its final
 *   answer rejects, `deps.answer` answers instead. Groups get one final message.
 */
import { limit } from '@grammyjs/ratelimiter';
import { sequentialize } from '@grammyjs/runner';
import { Bot, BotError, MemorySessionStorage, session } from 'grammy';
import type { Message, UserFromGetMe } from 'grammy/types';
import { AppError, formatError } from '../errors.js';
import { vi as TEXT } from '../messages/bot.js';
import { fold } from '../text/normalize.js';
import type { Answer, AskContext, CorpusInfo } from '../types.js';
import { createFeedbackLog } from './feedback.js';
import {
  formatAnswer,
  formatCitationDetail,
  formatDistricts,
  formatEventCard,
  formatHelp,
  formatStart,
  formatSummaryUsage,
} from './format.js';
import { answerKeyboard, newAnswerId, parseCallbackData } from './keyboard.js';
import { describeError, sendHtml, startTyping, type SendOptions } from './send.js';
import { createPreview, type DraftSupport, type Preview } from './stream.js';
import type { BotContext, BotDeps, BotOptions, SessionData, StoredAnswer, StreamedAnswer } from './types.js';
import { checkUploadBytes, checkUploadMeta, createFileDownloader } from './upload.js';

/** Resolved questions kept per chat for follow-ups. */
export const MAX_HISTORY = 5;
/** Answers per chat whose buttons keep working; older ones get the "expired" note. */
export const MAX_STORED_ANSWERS = 10;
export const MAX_QUESTION_CHARS = 1000;

/** Message kinds that get the one-line "text only" hint (service messages are ignored). */
const NON_TEXT_KINDS = [
  'sticker',
  'photo',
  'voice',
  'video',
  'video_note',
  'audio',
  'animation',
  'location',
  'venue',
  'contact',
  'poll',
  'dice',
  'game',
  'story',
  'paid_media',
] as const;

interface Tracker {
  active: number;
  lastUpdateId: number;
  idle: Array<() => void>;
}

const trackers = new WeakMap<object, Tracker>();

function trackerOf(bot: object): Tracker {
  const t = trackers.get(bot);
  if (!t) throw new Error('not a bot made by createBot');
  return t;
}

/** Resolves once no update is being handled by `bot` (at once when idle). */
export function whenIdle(bot: Bot<BotContext>): Promise<void> {
  const t = trackerOf(bot);
  if (t.active === 0) return Promise.resolve();
  return new Promise((resolve) => t.idle.push(resolve));
}

/** Highest update_id the bot has started handling (0 before the first). */
export function lastUpdateId(bot: Bot<BotContext>): number {
  return trackerOf(bot).lastUpdateId;
}

export function isAdmin(ctx: BotContext, admins: ReadonlySet<number>): boolean {
  return ctx.from !== undefined && admins.has(ctx.from.id);
}

function mentionsBot(text: string, entities: Message['entities'], me: UserFromGetMe): boolean {
  const handle = `@${me.username}`.toLowerCase();
  for (const e of entities ?? []) {
    if (e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === handle) return true;
    if (e.type === 'text_mention' && e.user.id === me.id) return true;
  }
  // Clients (and emulators) that send no entities: match the handle as a word.
  return new RegExp(`(^|[^\\w@])@${me.username}(?![\\w])`, 'i').test(text);
}

/**
 * In groups and supergroups: true for commands without a bot suffix or with ours, replies to
 * the bot's messages, and messages mentioning the bot (text or caption). Private chats: true.
 */
export function isAddressedToBot(msg: Message, me: UserFromGetMe): boolean {
  if (msg.chat.type === 'private') return true;
  if (msg.chat.type === 'channel' || msg.from?.is_bot) return false;
  const text = msg.text ?? msg.caption ?? '';
  const entities = msg.entities ?? msg.caption_entities;
  const command = /^\/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?(?:\s|$)/.exec(text);
  if (command) return command[1] === undefined || command[1].toLowerCase() === me.username.toLowerCase();
  if (msg.reply_to_message?.from?.id === me.id) return true;
  return mentionsBot(text, entities, me);
}

/** The question text with the bot's @handle removed. */
export function stripMention(text: string, me: UserFromGetMe): string {
  return text
    .replace(new RegExp(`(^|[^\\w@])@${me.username}(?![\\w])[,:]?`, 'gi'), '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

const DISTRICT_PREFIX = /^(quan|huyen|thanh pho|tp\.?|thi xa|q\.?)\s*/;

/** Canonical district name for a /tomtat argument ("quan 8", "Q.8", "binh tan"), or null. */
export function resolveDistrict(arg: string, info: CorpusInfo): string | null {
  const key = fold(arg).trim().replace(/\s+/g, ' ');
  const bare = key.replace(DISTRICT_PREFIX, '');
  for (const d of info.districts) {
    const name = fold(d.name);
    if (name === key || name.replace(DISTRICT_PREFIX, '') === bare || d.id === key.replace(/\s+/g, '-')) return d.name;
  }
  return null;
}

function threadOf(ctx: BotContext): number | undefined {
  const msg = ctx.msg;
  return msg && 'is_topic_message' in msg && msg.is_topic_message ? msg.message_thread_id : undefined;
}

export function createBot(deps: BotDeps, options: BotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(options.apiRoot ? { client: { apiRoot: options.apiRoot } } : {}),
  });
  const log = deps.logger.child({ component: 'bot' });
  const tracker: Tracker = { active: 0, lastUpdateId: 0, idle: [] };
  trackers.set(bot, tracker);
  const admins = new Set(options.adminIds);
  const allowed = new Set(options.allowedChatIds);
  const saveFeedback = createFeedbackLog(options.feedbackLog);
  const download = options.downloadFile ?? createFileDownloader(options.token, options.apiRoot);
  const typingIntervalMs = options.typingIntervalMs ?? 4000;
  const streamIntervalMs = options.streamIntervalMs ?? 1000;
  const draftSupport: DraftSupport = { drafts: true };
  let reindexing = false;

  const replyPlain = (ctx: BotContext, text: string) => {
    const threadId = threadOf(ctx);
    const replyTo = ctx.message?.message_id;
    return ctx.reply(text, {
      ...(threadId !== undefined ? { message_thread_id: threadId } : {}),
      ...(replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
    });
  };

  const replyHtml = (ctx: BotContext, html: string, keyboard?: SendOptions['keyboard']) => {
    const threadId = threadOf(ctx);
    const replyTo = ctx.message?.message_id;
    return sendHtml(ctx.api, ctx.chat!.id, html, {
      ...(replyTo !== undefined ? { replyTo } : {}),
      ...(threadId !== undefined ? { threadId } : {}),
      ...(keyboard ? { keyboard } : {}),
    });
  };

  /** Answers callback queries best-effort: a stale query must not fail the update. */
  const ack = async (ctx: BotContext, text?: string, alert = false) => {
    try {
      await ctx.answerCallbackQuery(text ? { text, show_alert: alert } : undefined);
    } catch (error) {
      log.debug({ update_id: ctx.update.update_id, err: describeError(error) }, 'answerCallbackQuery failed');
    }
  };

  const handleError = async (error: BotError<BotContext>) => {
    const ctx = error.ctx;
    log.error({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id, err: describeError(error.error) }, 'update failed');
    if (!ctx.chat) return;
    try {
      if (ctx.callbackQuery) await ack(ctx, TEXT.apology, true);
      else await replyPlain(ctx, TEXT.apology);
    } catch (sendError) {
      log.warn({ update_id: ctx.update.update_id, err: describeError(sendError) }, 'could not send apology');
    }
  };
  bot.catch(handleError);

  // 1. guard
  bot.use(async (ctx, next) => {
    const started = performance.now();
    const updateId = ctx.update.update_id;
    ctx.meta = { intent: 'none', outcome: 'ignored' };
    tracker.active++;
    tracker.lastUpdateId = Math.max(tracker.lastUpdateId, updateId);
    const text = ctx.message?.text ?? ctx.message?.caption ?? ctx.callbackQuery?.data;
    if (text !== undefined) log.debug({ update_id: updateId, chat_id: ctx.chat?.id, text }, 'update text');
    try {
      await next();
    } catch (error) {
      ctx.meta.outcome = 'error';
      await handleError(error instanceof BotError ? (error as BotError<BotContext>) : new BotError<BotContext>(error, ctx));
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
      tracker.active--;
      if (tracker.active === 0) for (const resolve of tracker.idle.splice(0)) resolve();
    }
  });

  // 2. per-chat order
  bot.use(sequentialize<BotContext>((ctx) => ctx.chat?.id.toString()));
  const chatLock = options.chatLock;
  if (chatLock) {
    bot.use(async (ctx, next) => {
      if (!ctx.chat) return next();
      const release = await chatLock.acquire(`chat:${ctx.chat.id}`);
      try {
        await next();
      } finally {
        await release();
      }
    });
  }

  // 3. session
  bot.use(
    session<SessionData, BotContext>({
      initial: () => ({ history: [], answers: [] }),
      prefix: 'session:',
      storage: options.storage ?? new MemorySessionStorage<SessionData>(),
    }),
  );

  // 4. group gating (and anything that is not a message or a button press on our message)
  bot.use(async (ctx, next) => {
    if (!ctx.chat) return;
    if (ctx.callbackQuery) return next();
    if (!ctx.message) return;
    if (!isAddressedToBot(ctx.message, ctx.me)) return;
    return next();
  });

  // 5. allowlist
  bot.use(async (ctx, next) => {
    if (allowed.size === 0 || allowed.has(ctx.chat!.id)) return next();
    ctx.meta.intent = 'not_allowed';
    ctx.meta.outcome = 'refused_silently';
    if (ctx.callbackQuery) {
      await ack(ctx);
      return;
    }
    if (ctx.session.refused) return;
    ctx.session.refused = true;
    ctx.meta.outcome = 'refused';
    await replyPlain(ctx, TEXT.notAllowed);
  });

  // 6. per-user rate limit
  bot.use(async (ctx, next) => {
    ctx.meta.outcome = 'rate_limited';
    await next();
  });
  bot.use(
    limit({
      timeFrame: 60_000,
      limit: options.rateLimitPerMinute,
      storageClient: options.rateLimitStore ?? 'MEMORY_STORE',
      keyPrefix: 'ratelimit:',
      keyGenerator: (ctx) => ctx.from?.id.toString(),
      onLimitExceeded: async (ctx) => {
        ctx.meta.outcome = 'rate_limited_notified';
        if (ctx.callbackQuery) await ack(ctx, TEXT.rateLimited);
        else await replyPlain(ctx, TEXT.rateLimited);
      },
    }),
  );
  bot.use(async (ctx, next) => {
    ctx.meta.outcome = 'ignored';
    await next();
  });

  // 7. handlers
  /** The streamed answer, previewed as it grows; `deps.answer` when streaming fails. */
  const streamAnswer = async (ctx: BotContext, question: string, context: AskContext, preview: Preview): Promise<Answer> => {
    const fields = { update_id: ctx.update.update_id, chat_id: ctx.chat?.id };
    let streamed: StreamedAnswer;
    try {
      streamed = deps.stream!(question, context);
    } catch (error) {
      log.warn({ ...fields, err: describeError(error) }, 'stream failed to start; answering without it');
      return deps.answer(question, context);
    }
    void (async () => {
      let text = '';
      for await (const delta of streamed.deltas) {
        text += delta;
        preview.update(text);
      }
    })().catch((error: unknown) => log.warn({ ...fields, err: describeError(error) }, 'stream failed midway'));
    try {
      return await streamed.final;
    } catch (error) {
      log.warn({ ...fields, err: describeError(error) }, 'streamed answer failed; answering without it');
      return deps.answer(question, context);
    }
  };

  const ask = async (ctx: BotContext, question: string, intent: string) => {
    ctx.meta.intent = intent;
    const chatId = ctx.chat!.id;
    const threadId = threadOf(ctx);
    const replyTo = ctx.message?.message_id;
    const stopTyping = startTyping(ctx.api, chatId, {
      intervalMs: typingIntervalMs,
      logger: log,
      ...(threadId !== undefined ? { threadId } : {}),
    });
    const context: AskContext = { history: [...ctx.session.history] };
    const preview =
      deps.stream && options.stream && ctx.chat!.type === 'private'
        ? createPreview(ctx.api, {
            chatId,
            draftId: ctx.update.update_id % 2_147_483_647 || 1,
            ...(threadId !== undefined ? { threadId } : {}),
            ...(replyTo !== undefined ? { replyTo } : {}),
            intervalMs: streamIntervalMs,
            support: draftSupport,
            logger: log,
            onShown: stopTyping,
          })
        : undefined;
    let answer: Answer;
    try {
      answer = preview ? await streamAnswer(ctx, question, context, preview) : await deps.answer(question, context);
    } finally {
      stopTyping();
    }
    ctx.meta.intent = answer.intent;
    const resolved = (answer.resolvedQuestion ?? question).trim();
    ctx.session.history = [...ctx.session.history, resolved].slice(-MAX_HISTORY);
    const stored: StoredAnswer = {
      id: newAnswerId(),
      question: resolved,
      answer: answer.answer,
      citations: answer.grounded ? answer.citations : [],
      ...(answer.language ? { language: answer.language } : {}),
    };
    ctx.session.answers = [...ctx.session.answers, stored].slice(-MAX_STORED_ANSWERS);
    if (preview) await preview.finish(formatAnswer(answer), answerKeyboard(stored));
    else await replyHtml(ctx, formatAnswer(answer), answerKeyboard(stored));
    ctx.meta.outcome = answer.grounded ? 'answered' : 'not_grounded';
  };

  bot.command('start', async (ctx) => {
    ctx.meta.intent = 'start';
    await replyHtml(ctx, formatStart(deps.corpusInfo(), ctx.from?.first_name));
    ctx.meta.outcome = 'replied';
  });

  bot.command('help', async (ctx) => {
    ctx.meta.intent = 'help';
    await replyHtml(ctx, formatHelp(deps.corpusInfo(), isAdmin(ctx, admins)));
    ctx.meta.outcome = 'replied';
  });

  bot.command('quan', async (ctx) => {
    ctx.meta.intent = 'districts';
    await replyHtml(ctx, formatDistricts(deps.corpusInfo()));
    ctx.meta.outcome = 'replied';
  });

  bot.command('tomtat', async (ctx) => {
    const arg = stripMention(ctx.match, ctx.me);
    if (!arg) {
      ctx.meta.intent = 'summary';
      await replyHtml(ctx, formatSummaryUsage(deps.corpusInfo()));
      ctx.meta.outcome = 'usage';
      return;
    }
    const district = resolveDistrict(arg, deps.corpusInfo()) ?? arg;
    await ask(ctx, TEXT.summaryQuestion(district), 'summary');
  });

  bot.command('reindex', async (ctx) => {
    ctx.meta.intent = 'reindex';
    ctx.meta.outcome = 'refused';
    if (!isAdmin(ctx, admins)) return void (await replyPlain(ctx, TEXT.adminOnlyCommand));
    if (!deps.reindex) return void (await replyPlain(ctx, TEXT.reindexDisabled));
    if (reindexing) return void (await replyPlain(ctx, TEXT.reindexBusy));
    reindexing = true;
    try {
      await replyPlain(ctx, TEXT.reindexStarted);
      let summary: string;
      try {
        summary = await deps.reindex();
      } catch (error) {
        log.error({ update_id: ctx.update.update_id, err: describeError(error) }, 'reindex failed');
        ctx.meta.outcome = 'failed';
        await replyPlain(ctx, TEXT.reindexFailed(formatError(error)));
        return;
      }
      await replyPlain(ctx, TEXT.reindexDone(summary));
      ctx.meta.outcome = 'reindexed';
    } finally {
      reindexing = false;
    }
  });

  bot.on('callback_query:data', async (ctx) => {
    const action = parseCallbackData(ctx.callbackQuery.data);
    ctx.meta.intent = action ? action.kind : 'callback';
    const stored = action ? ctx.session.answers.find((a) => a.id === action.answerId) : undefined;
    if (!action || !stored) {
      ctx.meta.outcome = 'expired';
      await ack(ctx, TEXT.expired, true);
      return;
    }
    if (action.kind === 'citation') {
      const citation = stored.citations.find((c) => c.n === action.n);
      if (!citation) {
        ctx.meta.outcome = 'expired';
        await ack(ctx, TEXT.expired, true);
        return;
      }
      await ack(ctx);
      const message = ctx.callbackQuery.message;
      const threadId = threadOf(ctx);
      await sendHtml(ctx.api, ctx.chat!.id, formatCitationDetail(citation, stored.language), {
        ...(message?.message_id ? { replyTo: message.message_id } : {}),
        ...(threadId !== undefined ? { threadId } : {}),
      });
      ctx.meta.outcome = 'citation_shown';
      return;
    }
    const userKey = String(ctx.from.id);
    const ratings = (stored.ratings ??= {});
    if (ratings[userKey] === action.rating) {
      ctx.meta.outcome = 'feedback_duplicate';
      await ack(ctx, TEXT.feedbackAlready);
      return;
    }
    ratings[userKey] = action.rating;
    await saveFeedback({
      time: new Date().toISOString(),
      chatId: ctx.chat!.id,
      userId: ctx.from.id,
      question: stored.question,
      answer: stored.answer,
      citations: stored.citations,
      rating: action.rating,
    });
    ctx.meta.outcome = `feedback_${action.rating}`;
    await ack(ctx, TEXT.feedbackThanks);
  });

  bot.on('callback_query', async (ctx) => {
    ctx.meta.intent = 'callback';
    await ack(ctx);
  });

  bot.on('message:document', async (ctx) => {
    ctx.meta.intent = 'upload';
    ctx.meta.outcome = 'rejected';
    if (!isAdmin(ctx, admins)) return void (await replyPlain(ctx, TEXT.adminOnlyUpload));
    if (!deps.ingestDocument) return void (await replyPlain(ctx, TEXT.ingestDisabled));
    const doc = ctx.message.document;
    const max = options.maxUploadBytes;
    const metaProblem = checkUploadMeta(doc.file_name, doc.file_size, max);
    if (metaProblem) return void (await replyPlain(ctx, metaProblem));
    const fileName = doc.file_name!;
    const threadId = threadOf(ctx);
    const stopTyping = startTyping(ctx.api, ctx.chat.id, {
      intervalMs: typingIntervalMs,
      logger: log,
      ...(threadId !== undefined ? { threadId } : {}),
    });
    try {
      const file = await ctx.api.getFile(doc.file_id);
      if (!file.file_path) throw new Error('getFile returned no file_path');
      let bytes: Uint8Array;
      try {
        bytes = await download(file.file_path, max);
      } catch (error) {
        if (AppError.isInstance(error) && error.code === 'INPUT_TOO_LARGE') return void (await replyPlain(ctx, TEXT.uploadTooLarge(undefined, max)));
        throw error;
      }
      const bytesProblem = checkUploadBytes(bytes, max);
      if (bytesProblem) return void (await replyPlain(ctx, bytesProblem));
      let card;
      try {
        card = await deps.ingestDocument({ fileName, bytes });
      } catch (error) {
        if (!AppError.isInstance(error)) throw error;
        ctx.meta.outcome = 'ingest_failed';
        return void (await replyPlain(ctx, TEXT.ingestFailed(fileName, formatError(error))));
      }
      stopTyping();
      await replyHtml(ctx, formatEventCard(card, fileName));
      ctx.meta.outcome = 'ingested';
    } finally {
      stopTyping();
    }
  });

  bot.on('message:text', async (ctx) => {
    const text = ctx.message.text;
    if (text.startsWith('/')) {
      ctx.meta.intent = 'unknown_command';
      if (ctx.chat.type === 'private' || text.toLowerCase().includes(`@${ctx.me.username.toLowerCase()}`)) {
        await replyPlain(ctx, TEXT.unknownCommand);
        ctx.meta.outcome = 'replied';
      }
      return;
    }
    const question = stripMention(text, ctx.me);
    if (!question) {
      ctx.meta.intent = 'question';
      ctx.meta.outcome = 'hint';
      await replyPlain(ctx, TEXT.emptyQuestion);
      return;
    }
    if (question.length > MAX_QUESTION_CHARS) {
      ctx.meta.intent = 'question';
      ctx.meta.outcome = 'too_long';
      await replyPlain(ctx, TEXT.questionTooLong);
      return;
    }
    await ask(ctx, question, 'question');
  });

  bot.on('message', async (ctx) => {
    const msg = ctx.message as unknown as Record<string, unknown>;
    if (!NON_TEXT_KINDS.some((kind) => msg[kind] !== undefined)) return;
    ctx.meta.intent = 'non_text';
    ctx.meta.outcome = 'hint';
    await replyPlain(ctx, TEXT.nonText);
  });

  return bot;
}

