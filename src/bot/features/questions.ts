/**
 * Questions: a text message — or the caption of a photo or document — is a question for the pipeline, answered as
 * a reply with sources and buttons. An edited question is answered again by editing the earlier answer.
 *
 * Contracts:
 * - The question is the text without the bot's @handle; an empty one gets a hint, one over MAX_QUESTION_CHARS
 *   the "too long" note, neither reaches the pipeline. Texts starting with '/' never get here: the commands
 *   feature, composed before, takes them all. A caption is a question only when it is not empty (a bare photo
 *   gets the non-text hint further down; an admin's document is an upload, composed before).
 * - `createAsk` (also used by /tomtat, with a structured request): "typing…" while the answer is prepared; the
 *   chat's previous turns (at most MAX_HISTORY) go along as context, and the answer's turn joins them. The
 *   answer is kept in the answer store (answer-store.ts, ANSWER_TTL_MS) under the id its buttons carry; answers
 *   that are not grounded are stored without citations, so they get no citation buttons, but keep 👍/👎. An
 *   answer with a continuation (Answer.more) is stored with it and gets the "Xem thêm" button (buttons.ts). The
 *   language of a typed question's answer becomes the user's interface language (language.ts); a question whose
 *   words say no language ("hi") is answered in the user's language so far.
 * - Edits (`edited_message`): the answer to the question's earlier version (session.replies, the last
 *   MAX_REPLIES questions) is edited into the new answer; when there is none, or it cannot be edited (several
 *   parts, too old), the new answer is sent as a reply.
 * - Streaming (deps.stream and `stream`, private chats only): the growing draft is previewed (stream.ts), then
 *   the final answer is delivered as usual; if the stream throws or its final answer rejects, `deps.answer`
 *   answers instead. Groups get one final message.
 */
import { Composer } from 'grammy';
import type { Logger } from 'pino';
import type { Answer, AskContext, AskRequest, Turn } from '../../types.js';
import type { AnswerStore } from '../answer-store.js';
import { botMessages } from '../../messages/bot.js';
import { formatAnswer } from '../format.js';
import { answerKeyboard, choiceKeyboard, newAnswerId } from '../keyboard.js';
import { rememberLanguage, textFor, userLanguage } from '../language.js';
import { MAX_GROUP_USERS, MAX_HISTORY, MAX_QUESTION_CHARS, MAX_REPLIES } from '../limits.js';
import { stripMention } from '../mention.js';
import { incoming, replyHtml, replyPlain, threadOf, typing } from '../reply.js';
import { describeError, editHtml } from '../send.js';
import { createPreview, type DraftSupport, type Preview } from '../stream.js';
import type { BotContext, BotDeps, StoredAnswer, StreamedAnswer } from '../types.js';

/**
 * Answers `question` (or a command's request) in the update's chat; `intent` is logged until the answer names its
 * own; `unitId` asks it for the unit a tapped choice names; `edit` replaces the answer message with that id.
 */
export type Ask = (ctx: BotContext, question: string | AskRequest, intent: string, o?: { unitId?: string; edit?: number }) => Promise<void>;

export interface AskOptions {
  deps: Pick<BotDeps, 'answer' | 'stream'>;
  answers: AnswerStore;
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

  return async (ctx, question, intent, ao = {}) => {
    const { unitId, edit } = ao;
    ctx.meta.intent = intent;
    const chatId = ctx.chat!.id;
    const threadId = threadOf(ctx);
    const replyTo = incoming(ctx)?.message_id;
    const stopTyping = typing(ctx, o.typingIntervalMs, log);
    // Sessions written before turns were structured hold strings: those are dropped.
    // A reply to one of the bot's answers follows that answer ("ông ấy là ai?" under an older answer), else the asker's turns.
    const repliedTo = incoming(ctx)?.reply_to_message?.message_id;
    const answered = repliedTo === undefined ? undefined : ctx.session.replies?.find((r) => r.answer === repliedTo)?.turn;
    const context: AskContext = {
      history: answered ? [answered] : historyOf(ctx).filter((t): t is Turn => typeof t === 'object' && t !== null),
      ...(unitId ? { unitId } : {}),
      language: userLanguage(ctx),
    };
    const preview =
      deps.stream && o.stream && ctx.chat!.type === 'private' && edit === undefined
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
    setHistory(ctx, [...context.history!, turn].slice(-MAX_HISTORY));
    const stored: StoredAnswer = {
      id: newAnswerId(),
      question: resolved,
      answer: answer.answer,
      citations: answer.grounded ? answer.citations : [],
      ...(answer.language ? { language: answer.language } : {}),
      ...(answer.grounded && answer.more ? { more: answer.more } : {}),
      ...(answer.choices && answer.choices.length > 0 ? { choices: answer.choices, ...(typeof question === 'string' ? {} : { request: question }) } : {}),
    };
    if (typeof question === 'string') rememberLanguage(ctx, answer.language);
    try {
      await o.answers.put(stored);
    } catch (error) {
      log.warn({ update_id: ctx.update.update_id, err: describeError(error) }, 'could not store the answer; its buttons will not work');
    }
    // Small talk gets its line only (no sources, no feedback buttons); a question back gets its choices.
    const moreLabel = botMessages(answer.language).moreButton;
    const keyboard = stored.choices ? choiceKeyboard(stored) : answer.intent === 'smalltalk' ? undefined : answerKeyboard(stored, { moreLabel });
    const html = formatAnswer(answer);
    let answerMessageId: number | undefined;
    if (edit !== undefined && (await editHtml(ctx.api, chatId, edit, html, keyboard))) {
      answerMessageId = edit;
      ctx.meta.outcome = 'edited';
    } else if (preview) {
      await preview.finish(html, keyboard);
    } else {
      const sent = await replyHtml(ctx, html, keyboard);
      answerMessageId = sent[0]?.message_id;
    }
    const questionId = incoming(ctx)?.message_id;
    if (questionId !== undefined && answerMessageId !== undefined) {
      const others = (ctx.session.replies ?? []).filter((r) => r.question !== questionId);
      ctx.session.replies = [...others, { question: questionId, answer: answerMessageId, turn }].slice(-MAX_REPLIES);
    }
    if (ctx.meta.outcome !== 'edited') ctx.meta.outcome = answer.grounded ? 'answered' : 'not_grounded';
  };
}

export function questions(ask: Ask): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const handle = async (ctx: BotContext, text: string, edit?: number) => {
    const question = stripMention(text, ctx.me);
    if (!question) {
      ctx.meta.intent = 'question';
      ctx.meta.outcome = 'hint';
      await replyPlain(ctx, textFor(ctx).emptyQuestion);
      return;
    }
    if (question.length > MAX_QUESTION_CHARS) {
      ctx.meta.intent = 'question';
      ctx.meta.outcome = 'too_long';
      await replyPlain(ctx, textFor(ctx).questionTooLong);
      return;
    }
    await ask(ctx, question, 'question', edit !== undefined ? { edit } : {});
  };
  composer.on('message:text', (ctx) => handle(ctx, ctx.message.text));
  // A photo (or another captioned message) whose caption asks something: the caption is the question.
  composer.on('message:caption', async (ctx, next) => {
    const caption = ctx.message.caption.trim();
    if (!caption || caption.startsWith('/')) return next();
    await handle(ctx, caption);
  });
  composer.on('edited_message', async (ctx, next) => {
    const msg = ctx.editedMessage;
    const text = msg.text ?? msg.caption;
    if (text === undefined || text.startsWith('/')) return next();
    const earlier = ctx.session.replies?.find((r) => r.question === msg.message_id);
    ctx.meta.intent = 'edited_question';
    await handle(ctx, text, earlier?.answer);
  });
  return composer;
}

/** A group's follow-ups follow their asker: each user has their own turns there; a private chat has one list. */
function historyOf(ctx: BotContext): Turn[] {
  if (ctx.chat?.type === 'private' || !ctx.from) return ctx.session.history;
  return ctx.session.userHistory?.[String(ctx.from.id)] ?? [];
}

function setHistory(ctx: BotContext, turns: Turn[]): void {
  if (ctx.chat?.type === 'private' || !ctx.from) {
    ctx.session.history = turns;
    return;
  }
  // The most recent askers first kept: at most MAX_GROUP_USERS users' turns.
  const others = Object.entries(ctx.session.userHistory ?? {}).filter(([id]) => id !== String(ctx.from!.id));
  ctx.session.userHistory = Object.fromEntries([...others.slice(-(MAX_GROUP_USERS - 1)), [String(ctx.from.id), turns]]);
}
