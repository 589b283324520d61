/**
 * Questions: a text message is a question for the pipeline, answered as a reply with sources and buttons.
 *
 * Contracts:
 * - The question is the text without the bot's @handle; an empty one gets a hint, one over MAX_QUESTION_CHARS
 *   the "too long" note, neither reaches the pipeline. Texts starting with '/' never get here: the commands
 *   feature, composed before, takes them all.
 * - `createAsk` (also used by /tomtat, with a structured request): "typing…" while the answer is prepared; the
 *   chat's previous turns (at most MAX_HISTORY) go along as context, and the answer's turn joins them. The
 *   answer is stored in the session (the last MAX_STORED_ANSWERS) for its buttons; answers that are not grounded
 *   are stored without citations, so they get no citation buttons, but keep 👍/👎.
 * - Streaming (deps.stream and `stream`, private chats only): the growing draft is previewed (stream.ts), then
 *   the final answer is delivered as usual; if the stream throws or its final answer rejects, `deps.answer`
 *   answers instead. Groups get one final message.
 */
import { Composer } from 'grammy';
import type { Logger } from 'pino';
import { vi as TEXT } from '../../messages/bot.js';
import type { Answer, AskContext, AskRequest, Turn } from '../../types.js';
import { formatAnswer } from '../format.js';
import { answerKeyboard, choiceKeyboard, newAnswerId } from '../keyboard.js';
import { MAX_HISTORY, MAX_QUESTION_CHARS, MAX_STORED_ANSWERS } from '../limits.js';
import { stripMention } from '../mention.js';
import { replyHtml, replyPlain, threadOf, typing } from '../reply.js';
import { describeError } from '../send.js';
import { createPreview, type DraftSupport, type Preview } from '../stream.js';
import type { BotContext, BotDeps, StoredAnswer, StreamedAnswer } from '../types.js';

/**
 * Answers `question` (or a command's request) in the update's chat; `intent` is logged until the answer names its
 * own; `unitId` asks it for the unit a tapped choice names.
 */
export type Ask = (ctx: BotContext, question: string | AskRequest, intent: string, unitId?: string) => Promise<void>;

export interface AskOptions {
  deps: Pick<BotDeps, 'answer' | 'stream'>;
  log: Logger;
  /** BotOptions.stream: preview streamed answers. */
  stream: boolean;
  typingIntervalMs: number;
  streamIntervalMs: number;
}

export function createAsk(o: AskOptions): Ask {
  const { deps, log } = o;
  // Shared by this bot's previews: once Telegram refuses a draft, later answers go straight to edits.
  const draftSupport: DraftSupport = { drafts: true };

  /** The streamed answer, previewed as it grows; `deps.answer` when streaming fails. */
  const streamAnswer = async (ctx: BotContext, question: string | AskRequest, context: AskContext, preview: Preview): Promise<Answer> => {
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

  return async (ctx, question, intent, unitId) => {
    ctx.meta.intent = intent;
    const chatId = ctx.chat!.id;
    const threadId = threadOf(ctx);
    const replyTo = ctx.message?.message_id;
    const stopTyping = typing(ctx, o.typingIntervalMs, log);
    // Sessions written before turns were structured hold strings: those are dropped.
    const context: AskContext = {
      history: ctx.session.history.filter((t): t is Turn => typeof t === 'object' && t !== null),
      ...(unitId ? { unitId } : {}),
    };
    const preview =
      deps.stream && o.stream && ctx.chat!.type === 'private'
        ? createPreview(ctx.api, {
            chatId,
            draftId: ctx.update.update_id % 2_147_483_647 || 1,
            ...(threadId !== undefined ? { threadId } : {}),
            ...(replyTo !== undefined ? { replyTo } : {}),
            intervalMs: o.streamIntervalMs,
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
    const resolved = (answer.resolvedQuestion ?? answer.question).trim();
    const turn: Turn = answer.turn ?? {
      question: resolved,
      intent: answer.intent,
      units: [],
      meeting: null,
      articleIds: [...new Set(answer.citations.map((c) => c.source))],
      people: [],
    };
    ctx.session.history = [...context.history!, turn].slice(-MAX_HISTORY);
    const stored: StoredAnswer = {
      id: newAnswerId(),
      question: resolved,
      answer: answer.answer,
      citations: answer.grounded ? answer.citations : [],
      ...(answer.language ? { language: answer.language } : {}),
      ...(answer.choices && answer.choices.length > 0 ? { choices: answer.choices, ...(typeof question === 'string' ? {} : { request: question }) } : {}),
    };
    ctx.session.answers = [...ctx.session.answers, stored].slice(-MAX_STORED_ANSWERS);
    // Small talk gets its line only (no sources, no feedback buttons); a question back gets its choices.
    const keyboard = stored.choices ? choiceKeyboard(stored) : answer.intent === 'smalltalk' ? undefined : answerKeyboard(stored);
    if (preview) await preview.finish(formatAnswer(answer), keyboard);
    else await replyHtml(ctx, formatAnswer(answer), keyboard);
    ctx.meta.outcome = answer.grounded ? 'answered' : 'not_grounded';
  };
}

export function questions(ask: Ask): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('message:text', async (ctx) => {
    const question = stripMention(ctx.message.text, ctx.me);
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
  return composer;
}
