/**
 * Commands: /start, /help, /quan, /tomtat <unit>; for admins /reindex, /baiviet and /xoa <id> (and the remove
 * buttons of /baiviet); a hint for unknown ones.
 *
 * Contracts:
 * - Commands are read in any case (/Tomtat, /HELP, /START@Bot — phone keyboards capitalise), with or without a
 *   bot_command entity; "/cmd@other_bot" is not ours (the access gate already drops it in groups).
 * - Every reply is in the user's language (language.ts): /start and /help of an English client are English.
 * - /start, /help, /quan reply in HTML with what the corpus holds now (deps.corpusInfo on every use).
 * - /tomtat <unit> asks for the unit's term summary with a structured request (the pipeline resolves the unit);
 *   without an argument it explains its use.
 * - /reindex: admins only, when deps.reindex is given; one rebuild at a time per bot (others are told to wait);
 *   the reply counts what changed, never a server path.
 * - /baiviet: admins only; the newest uploads (deps.listUploads: title, unit, date, who added it, when), each with
 *   a remove button. /xoa <id> or a button tap removes one (deps.removeUpload: the file goes, the index is
 *   refreshed, and every replica following the index sees it).
 * - Every other text starting with '/' ends here: in private chats, or addressed to this bot by @handle, it
 *   gets the unknown-command hint; in groups otherwise nothing.
 */
import { Composer, InlineKeyboard } from 'grammy';
import type { Logger } from 'pino';
import { formatError } from '../../errors.js';
import { formatArticles, formatDistricts, formatHelp, formatStart, formatSummaryUsage } from '../format.js';
import { removeData } from '../keyboard.js';
import { textFor, userLanguage } from '../language.js';
import { stripMention } from '../mention.js';
import { parseCommand } from '../parse-command.js';
import { isAdmin } from '../middleware/access.js';
import { answerCallback, replyHtml, replyPlain } from '../reply.js';
import { describeError } from '../send.js';
import type { BotContext, BotDeps } from '../types.js';
import type { Ask } from './questions.js';

/** Uploads listed by /baiviet (each with a remove button). */
export const LISTED_UPLOADS = 10;


type Handler = (ctx: BotContext, arg: string) => Promise<void>;

export function commands(o: {
  deps: Pick<BotDeps, 'corpusInfo' | 'reindex' | 'listUploads' | 'removeUpload'>;
  admins: ReadonlySet<number>;
  log: Logger;
  ask: Ask;
}): Composer<BotContext> {
  const { deps, admins, log, ask } = o;
  let reindexing = false;
  const composer = new Composer<BotContext>();

  /** Admin-only and enabled: else one line, and false. */
  const allowed = async (ctx: BotContext, enabled: boolean, disabled: string): Promise<boolean> => {
    ctx.meta.outcome = 'refused';
    if (!isAdmin(ctx, admins)) return void (await replyPlain(ctx, textFor(ctx).adminOnlyCommand)), false;
    if (!enabled) return void (await replyPlain(ctx, disabled)), false;
    return true;
  };

  const remove = async (ctx: BotContext, id: string): Promise<string> => {
    const T = textFor(ctx);
    try {
      const removed = await deps.removeUpload!(id);
      ctx.meta.outcome = removed ? 'removed' : 'not_found';
      return removed ? T.removed(removed.title) : T.removeNotFound(id);
    } catch (error) {
      log.error({ update_id: ctx.update.update_id, err: describeError(error) }, 'removing an upload failed');
      ctx.meta.outcome = 'failed';
      return T.removeFailed(formatError(error));
    }
  };

  const handlers: Record<string, Handler> = {
    start: async (ctx) => {
      ctx.meta.intent = 'start';
      await replyHtml(ctx, formatStart(deps.corpusInfo(), ctx.from?.first_name, userLanguage(ctx)));
      ctx.meta.outcome = 'replied';
    },
    help: async (ctx) => {
      ctx.meta.intent = 'help';
      await replyHtml(ctx, formatHelp(deps.corpusInfo(), isAdmin(ctx, admins), userLanguage(ctx)));
      ctx.meta.outcome = 'replied';
    },
    quan: async (ctx) => {
      ctx.meta.intent = 'districts';
      await replyHtml(ctx, formatDistricts(deps.corpusInfo(), userLanguage(ctx)));
      ctx.meta.outcome = 'replied';
    },
    tomtat: async (ctx, raw) => {
      const arg = stripMention(raw, ctx.me);
      const language = userLanguage(ctx);
      if (!arg) {
        ctx.meta.intent = 'summary';
        await replyHtml(ctx, formatSummaryUsage(deps.corpusInfo(), language));
        ctx.meta.outcome = 'usage';
        return;
      }
      // The unit as typed: the pipeline resolves it (and offers close names when it does not know it).
      await ask(ctx, { intent: 'summary', unit: arg, text: textFor(ctx).summaryQuestion(arg), ...(language === 'en' ? { language } : {}) }, 'summary');
    },
    reindex: async (ctx) => {
      ctx.meta.intent = 'reindex';
      const T = textFor(ctx);
      if (!(await allowed(ctx, Boolean(deps.reindex), T.reindexDisabled))) return;
      if (reindexing) return void (await replyPlain(ctx, T.reindexBusy));
      reindexing = true;
      try {
        await replyPlain(ctx, T.reindexStarted);
        try {
          const result = await deps.reindex!();
          await replyPlain(ctx, T.reindexDone(result));
          ctx.meta.outcome = 'reindexed';
        } catch (error) {
          log.error({ update_id: ctx.update.update_id, err: describeError(error) }, 'reindex failed');
          ctx.meta.outcome = 'failed';
          await replyPlain(ctx, T.reindexFailed(formatError(error)));
        }
      } finally {
        reindexing = false;
      }
    },
    baiviet: async (ctx) => {
      ctx.meta.intent = 'articles';
      const T = textFor(ctx);
      if (!(await allowed(ctx, Boolean(deps.listUploads), T.articlesDisabled))) return;
      const records = await deps.listUploads!();
      const kb = new InlineKeyboard();
      if (deps.removeUpload) {
        records.slice(0, LISTED_UPLOADS).forEach((r, i) => {
          if (i > 0 && i % 2 === 0) kb.row();
          kb.text(T.removeButton(r.id), removeData(r.id));
        });
      }
      await replyHtml(ctx, formatArticles(records, userLanguage(ctx), LISTED_UPLOADS), records.length && deps.removeUpload ? kb : undefined);
      ctx.meta.outcome = 'replied';
    },
    xoa: async (ctx, arg) => {
      ctx.meta.intent = 'remove';
      const T = textFor(ctx);
      if (!(await allowed(ctx, Boolean(deps.removeUpload), T.articlesDisabled))) return;
      const id = stripMention(arg, ctx.me).toLowerCase();
      if (!/^[a-f0-9]{4,16}$/.test(id)) return void (await replyPlain(ctx, T.removeUsage));
      await replyPlain(ctx, await remove(ctx, id));
    },
  };

  composer.on(['message:text', 'message:caption'], async (ctx, next) => {
    const text = ctx.message.text ?? ctx.message.caption ?? '';
    if (!text.startsWith('/')) return next();
    const command = parseCommand(text);
    const ours = command && (command.target === undefined || command.target === ctx.me.username.toLowerCase());
    const handler = ours ? handlers[command.name] : undefined;
    // An admin's document with a caption command is still an upload.
    if (ctx.message.document && !handler) return next();
    if (handler) return handler(ctx, command!.arg);
    ctx.meta.intent = 'unknown_command';
    if (ctx.chat.type === 'private' || command?.target === ctx.me.username.toLowerCase()) {
      await replyPlain(ctx, textFor(ctx).unknownCommand);
      ctx.meta.outcome = 'replied';
    }
  });

  // Remove buttons under /baiviet.
  composer.callbackQuery(/^x:([a-f0-9]{4,16})$/, async (ctx) => {
    ctx.meta.intent = 'remove';
    const T = textFor(ctx);
    if (!isAdmin(ctx, admins) || !deps.removeUpload) {
      ctx.meta.outcome = 'refused';
      return void (await answerCallback(ctx, log, T.adminOnlyCommand, true));
    }
    await answerCallback(ctx, log);
    await replyPlain(ctx, await remove(ctx, ctx.match[1]!));
  });

  return composer;
}
