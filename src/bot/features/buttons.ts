/**
 * The buttons under an answer (keyboard.ts): citations, 👍/👎 and the reasons of a 👎, a question back's unit
 * choices, and (admins) the remove buttons of /baiviet.
 *
 * Contracts:
 * - Every callback query is answered, exactly once, whatever happens (a toast, an alert, or silently).
 * - Buttons resolve their own answer through the answer store (answer-store.ts) by the id in their data, so they
 *   work after any number of newer answers, after restarts and on any replica, for ANSWER_TTL_MS. Sessions written
 *   before the store are still read.
 * - A citation button: in a private chat a new message, a reply to the answer, with the quoted passage and the
 *   article's details; in a group an alert (ALERT_MAX_CHARS) to the one who tapped, nothing posted to the group.
 * - A unit choice asks the stored question again for that unit (a new answer in the chat), as if typed.
 * - "Xem thêm" (an answer with a continuation, Answer.more) sends the continuation as a reply to the answer, with
 *   its own sources block and citation buttons, in private chats and groups alike (the answer was posted there),
 *   and takes the button away from the answer; from the store, so it works after restarts and on any replica.
 * - 👍/👎 always append one record to the feedback log (feedback.ts) — from the stored answer, else from the text of
 *   the message tapped; the same user tapping the same rating again gets "already noted" instead of a second
 *   record, while changing the rating records the new one. A 👎 then offers the reasons (wrong, incomplete,
 *   outdated, other) as a row of buttons under the answer; a reason tap appends a record with `reason` and takes
 *   the row away.
 * - A citation, choice or "more" of an answer no longer stored (or unreadable data) gets the "expired" alert.
 */
import { Composer } from 'grammy';
import type { Logger } from 'pino';
import type { AnswerStore } from '../answer-store.js';
import { createFeedbackLog } from '../feedback.js';
import { continuation } from '../../answer/pages.js';
import { formatAnswer, formatCitationAlert, formatCitationDetail } from '../format.js';
import { answerKeyboard, parseCallbackData, withoutMoreButton, withoutReasonRow, withReasonRow } from '../keyboard.js';
import { textFor } from '../language.js';
import { answerCallback, threadOf } from '../reply.js';
import { describeError, sendHtml } from '../send.js';
import type { BotContext, StoredAnswer } from '../types.js';
import type { Ask } from './questions.js';

export function buttons(o: { feedbackLog: string; log: Logger; ask: Ask; answers: AnswerStore }): Composer<BotContext> {
  const { log } = o;
  const saveFeedback = createFeedbackLog(o.feedbackLog);
  const composer = new Composer<BotContext>();

  const lookup = async (ctx: BotContext, id: string): Promise<StoredAnswer | undefined> => {
    try {
      const found = await o.answers.get(id);
      if (found) return found;
    } catch (error) {
      log.warn({ update_id: ctx.update.update_id, err: describeError(error) }, 'answer store unavailable');
    }
    return ctx.session.answers?.find((a) => a.id === id);
  };
  const save = async (ctx: BotContext, stored: StoredAnswer) => {
    try {
      await o.answers.put(stored);
    } catch (error) {
      log.warn({ update_id: ctx.update.update_id, err: describeError(error) }, 'could not update the stored answer');
    }
  };

  composer.on('callback_query:data', async (ctx) => {
    const T = textFor(ctx);
    const action = parseCallbackData(ctx.callbackQuery.data);
    ctx.meta.intent = action ? action.kind : 'callback';
    const expired = async () => {
      ctx.meta.outcome = 'expired';
      await answerCallback(ctx, log, T.expired, true);
    };
    if (!action) return expired();
    // Remove buttons are taken by the admin feature, composed before; anyone else's tap ends here.
    if (action.kind === 'remove') return void (await answerCallback(ctx, log, T.adminOnlyCommand, true));
    const stored = await lookup(ctx, action.answerId);

    if (action.kind === 'choice') {
      const choice = stored?.choices?.[action.index];
      if (!stored || !choice) return expired();
      await answerCallback(ctx, log);
      if (stored.request) await o.ask(ctx, { ...stored.request, unit: choice.label }, 'choice');
      else await o.ask(ctx, stored.question, 'choice', { unitId: choice.unitId });
      return;
    }

    if (action.kind === 'more') {
      if (!stored?.more || !ctx.chat) return expired();
      await answerCallback(ctx, log);
      const message = ctx.callbackQuery.message;
      const threadId = threadOf(ctx);
      const page = continuation({
        question: stored.question,
        answer: stored.answer,
        more: stored.more,
        citations: stored.citations,
        grounded: true,
        intent: 'summary',
        mode: 'extractive',
        ...(stored.language ? { language: stored.language } : {}),
      })!;
      const keyboard = answerKeyboard(stored, { page: 'more' });
      await sendHtml(ctx.api, ctx.chat.id, formatAnswer(page), {
        ...(message?.message_id ? { replyTo: message.message_id } : {}),
        ...(threadId !== undefined ? { threadId } : {}),
        ...(keyboard.inline_keyboard.length > 0 ? { keyboard } : {}),
      });
      if (message) {
        const markup = 'reply_markup' in message ? message.reply_markup : undefined;
        await ctx.api
          .editMessageReplyMarkup(message.chat.id, message.message_id, { reply_markup: withoutMoreButton(markup) })
          .catch((error: unknown) => log.debug({ err: describeError(error) }, 'could not remove the more button'));
      }
      ctx.meta.outcome = 'more_shown';
      return;
    }

    if (action.kind === 'citation') {
      const citation = stored?.citations.find((c) => c.n === action.n);
      if (!stored || !citation) return expired();
      if (ctx.chat?.type !== 'private') {
        // Groups: the passage for the one who tapped, nothing posted to everyone.
        await answerCallback(ctx, log, formatCitationAlert(citation), true);
        ctx.meta.outcome = 'citation_alert';
        return;
      }
      await answerCallback(ctx, log);
      const message = ctx.callbackQuery.message;
      const threadId = threadOf(ctx);
      await sendHtml(ctx.api, ctx.chat.id, formatCitationDetail(citation, stored.language), {
        ...(message?.message_id ? { replyTo: message.message_id } : {}),
        ...(threadId !== undefined ? { threadId } : {}),
      });
      ctx.meta.outcome = 'citation_shown';
      return;
    }

    // Feedback: always recorded, from the stored answer or else from the message tapped.
    const userKey = String(ctx.from.id);
    const message = ctx.callbackQuery.message;
    const messageText = message && 'text' in message ? (message.text ?? '') : '';
    const record = {
      time: new Date().toISOString(),
      chatId: ctx.chat?.id ?? ctx.from.id,
      userId: ctx.from.id,
      answerId: action.answerId,
      question: stored?.question ?? null,
      answer: stored?.answer ?? messageText,
      citations: stored?.citations ?? [],
    };
    const markup = message && 'reply_markup' in message ? message.reply_markup : undefined;

    if (action.kind === 'reason') {
      await saveFeedback({ ...record, rating: 'down', reason: action.reason });
      ctx.meta.outcome = `feedback_reason_${action.reason}`;
      await answerCallback(ctx, log, T.feedbackReasonThanks);
      if (message) {
        await ctx.api
          .editMessageReplyMarkup(message.chat.id, message.message_id, { reply_markup: withoutReasonRow(markup) })
          .catch((error: unknown) => log.debug({ err: describeError(error) }, 'could not remove the reasons row'));
      }
      return;
    }

    const ratings = stored ? (stored.ratings ??= {}) : undefined;
    if (ratings && ratings[userKey] === action.rating) {
      ctx.meta.outcome = 'feedback_duplicate';
      await answerCallback(ctx, log, T.feedbackAlready);
      return;
    }
    await saveFeedback({ ...record, rating: action.rating });
    if (stored && ratings) {
      ratings[userKey] = action.rating;
      await save(ctx, stored);
    }
    ctx.meta.outcome = `feedback_${action.rating}`;
    if (action.rating === 'up') {
      await answerCallback(ctx, log, T.feedbackThanks);
      return;
    }
    await answerCallback(ctx, log, T.feedbackAskReason);
    if (message) {
      await ctx.api
        .editMessageReplyMarkup(message.chat.id, message.message_id, { reply_markup: withReasonRow(markup, action.answerId, T.feedbackReasons) })
        .catch((error: unknown) => log.debug({ err: describeError(error) }, 'could not offer the reasons'));
    }
  });

  composer.on('callback_query', async (ctx) => {
    ctx.meta.intent = 'callback';
    await answerCallback(ctx, log);
  });

  return composer;
}
