/**
 * Commands: /start, /help, /quan, /tomtat <district> and (admins) /reindex, and a hint for unknown ones.
 *
 * Contracts:
 * - /start, /help, /quan reply in HTML with what the corpus holds now (deps.corpusInfo on every use).
 * - /tomtat <unit> asks for the unit's term summary with a structured request (the pipeline resolves the unit);
 *   without an argument it explains its use.
 * - /reindex: admins only, when deps.reindex is given; one rebuild at a time per bot (others are told to wait).
 * - Every other text starting with '/' ends here: in private chats, or addressed to this bot by @handle, it
 *   gets the unknown-command hint; in groups otherwise nothing.
 */
import { Composer } from 'grammy';
import type { Logger } from 'pino';
import { formatError } from '../../errors.js';
import { vi as TEXT } from '../../messages/bot.js';
import { formatDistricts, formatHelp, formatStart, formatSummaryUsage } from '../format.js';
import { stripMention } from '../mention.js';
import { isAdmin } from '../middleware/access.js';
import { replyHtml, replyPlain } from '../reply.js';
import { describeError } from '../send.js';
import type { BotContext, BotDeps } from '../types.js';
import type { Ask } from './questions.js';

export function commands(o: { deps: Pick<BotDeps, 'corpusInfo' | 'reindex'>; admins: ReadonlySet<number>; log: Logger; ask: Ask }): Composer<BotContext> {
  const { deps, admins, log, ask } = o;
  let reindexing = false;
  const composer = new Composer<BotContext>();

  composer.command('start', async (ctx) => {
    ctx.meta.intent = 'start';
    await replyHtml(ctx, formatStart(deps.corpusInfo(), ctx.from?.first_name));
    ctx.meta.outcome = 'replied';
  });

  composer.command('help', async (ctx) => {
    ctx.meta.intent = 'help';
    await replyHtml(ctx, formatHelp(deps.corpusInfo(), isAdmin(ctx, admins)));
    ctx.meta.outcome = 'replied';
  });

  composer.command('quan', async (ctx) => {
    ctx.meta.intent = 'districts';
    await replyHtml(ctx, formatDistricts(deps.corpusInfo()));
    ctx.meta.outcome = 'replied';
  });

  composer.command('tomtat', async (ctx) => {
    const arg = stripMention(ctx.match, ctx.me);
    if (!arg) {
      ctx.meta.intent = 'summary';
      await replyHtml(ctx, formatSummaryUsage(deps.corpusInfo()));
      ctx.meta.outcome = 'usage';
      return;
    }
    // The unit as typed: the pipeline resolves it (and offers close names when it does not know it).
    await ask(ctx, { intent: 'summary', unit: arg, text: TEXT.summaryQuestion(arg) }, 'summary');
  });

  composer.command('reindex', async (ctx) => {
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

  composer.on('message:text', async (ctx, next) => {
    const text = ctx.message.text;
    if (!text.startsWith('/')) return next();
    ctx.meta.intent = 'unknown_command';
    if (ctx.chat.type === 'private' || text.toLowerCase().includes(`@${ctx.me.username.toLowerCase()}`)) {
      await replyPlain(ctx, TEXT.unknownCommand);
      ctx.meta.outcome = 'replied';
    }
  });

  return composer;
}
