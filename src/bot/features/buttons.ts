/**
 * The buttons under an answer (keyboard.ts): citations, 👍/👎, and a question back's unit choices.
 *
 * Contracts:
 * - A citation button sends a new message, a reply to the answer, with the quoted passage and the article's
 *   details (callback alerts hold only 200 characters, and editing would hide the answer).
 * - A unit choice asks the stored question again for that unit (a new answer in the chat), as if typed.
 * - 👍/👎 append one record to the feedback log (feedback.ts); the same user tapping the same rating again gets
 *   "already noted" instead of a second record, while changing the rating records the new one.
 * - A button of an answer no longer in the session (or unreadable data) gets the "expired" alert; any other
 *   callback query is acknowledged silently. Callback queries are always answered, best effort.
 */
import { Composer } from 'grammy';
import type { Logger } from 'pino';
import { vi as TEXT } from '../../messages/bot.js';
import { createFeedbackLog } from '../feedback.js';
import { formatCitationDetail } from '../format.js';
import { parseCallbackData } from '../keyboard.js';
import { answerCallback, threadOf } from '../reply.js';
import { sendHtml } from '../send.js';
import type { BotContext } from '../types.js';
import type { Ask } from './questions.js';

export function buttons(o: { feedbackLog: string; log: Logger; ask: Ask }): Composer<BotContext> {
  const { log } = o;
  const saveFeedback = createFeedbackLog(o.feedbackLog);
  const composer = new Composer<BotContext>();

  composer.on('callback_query:data', async (ctx) => {
    const action = parseCallbackData(ctx.callbackQuery.data);
    ctx.meta.intent = action ? action.kind : 'callback';
    const stored = action ? ctx.session.answers.find((a) => a.id === action.answerId) : undefined;
    if (!action || !stored) {
      ctx.meta.outcome = 'expired';
      await answerCallback(ctx, log, TEXT.expired, true);
      return;
    }
    if (action.kind === 'choice') {
      const choice = stored.choices?.[action.index];
      if (!choice) {
        ctx.meta.outcome = 'expired';
        await answerCallback(ctx, log, TEXT.expired, true);
        return;
      }
      await answerCallback(ctx, log);
      if (stored.request) await o.ask(ctx, { ...stored.request, unit: choice.label }, 'choice');
      else await o.ask(ctx, stored.question, 'choice', choice.unitId);
      return;
    }
    if (action.kind === 'citation') {
      const citation = stored.citations.find((c) => c.n === action.n);
      if (!citation) {
        ctx.meta.outcome = 'expired';
        await answerCallback(ctx, log, TEXT.expired, true);
        return;
      }
      await answerCallback(ctx, log);
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
      await answerCallback(ctx, log, TEXT.feedbackAlready);
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
    await answerCallback(ctx, log, TEXT.feedbackThanks);
  });

  composer.on('callback_query', async (ctx) => {
    ctx.meta.intent = 'callback';
    await answerCallback(ctx, log);
  });

  return composer;
}
