/**
 * Admin uploads: a document from an admin is checked (upload.ts: type, size, UTF-8 text), ingested through
 * deps.ingestDocument, and answered with the event card extracted from it.
 *
 * Contracts:
 * - Non-admins, and every admin while deps.ingestDocument is absent, get one line and nothing is downloaded —
 *   unless the document carries a caption, which is then a question (questions.ts).
 * - A file that reads as text but reports no meeting is refused with why; content already indexed is recognised
 *   ("đã có", with who added it) and not added again. The uploader is recorded for /baiviet.
 * - Name and declared size are checked before the download, the bytes after; each problem is one line.
 * - Instruction-like text aimed at an AI assistant that ingest left out of the article is counted after the card,
 *   with the first sentences (escaped), so the admin sees what was planted.
 * - An ingest AppError is reported to the admin in one line (outcome 'ingest_failed'); other errors propagate
 *   (apology). "typing…" runs until the reply.
 */
import { Composer } from 'grammy';
import type { Logger } from 'pino';
import { AppError, formatError } from '../../errors.js';
import { formatDate, formatEventCard } from '../format.js';
import { escapeHtml } from '../html.js';
import { textFor, userLanguage } from '../language.js';
import { isAdmin } from '../middleware/access.js';
import { replyHtml, replyPlain, typing } from '../reply.js';
import type { BotContext, BotDeps, BotOptions, UploadResult } from '../types.js';
import { checkUploadBytes, checkUploadMeta } from '../upload.js';

export interface AdminUploadOptions {
  deps: Pick<BotDeps, 'ingestDocument'>;
  admins: ReadonlySet<number>;
  maxUploadBytes: number;
  download: NonNullable<BotOptions['downloadFile']>;
  typingIntervalMs: number;
  log: Logger;
}

export function adminUploads(o: AdminUploadOptions): Composer<BotContext> {
  const { deps, admins, download, log } = o;
  const composer = new Composer<BotContext>();

  composer.on('message:document', async (ctx, next) => {
    const TEXT = textFor(ctx);
    if (!isAdmin(ctx, admins) && ctx.message.caption?.trim()) return next();
    ctx.meta.intent = 'upload';
    ctx.meta.outcome = 'rejected';
    if (!isAdmin(ctx, admins)) return void (await replyPlain(ctx, TEXT.adminOnlyUpload));
    if (!deps.ingestDocument) return void (await replyPlain(ctx, TEXT.ingestDisabled));
    const doc = ctx.message.document;
    const max = o.maxUploadBytes;
    const metaProblem = checkUploadMeta(doc.file_name, doc.file_size, max, TEXT);
    if (metaProblem) return void (await replyPlain(ctx, metaProblem));
    const fileName = doc.file_name!;
    const stopTyping = typing(ctx, o.typingIntervalMs, log);
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
      const bytesProblem = checkUploadBytes(bytes, max, TEXT);
      if (bytesProblem) return void (await replyPlain(ctx, bytesProblem));
      let result: UploadResult;
      const from = ctx.from!;
      const name = [from.first_name, from.last_name].filter(Boolean).join(' ') + (from.username ? ` (@${from.username})` : '');
      try {
        result = await deps.ingestDocument({ fileName, bytes, uploader: { id: from.id, name } });
      } catch (error) {
        if (!AppError.isInstance(error)) throw error;
        ctx.meta.outcome = 'ingest_failed';
        return void (await replyPlain(ctx, TEXT.ingestFailed(fileName, formatError(error))));
      }
      stopTyping();
      if (result.kind === 'not_article') {
        ctx.meta.outcome = 'not_article';
        return void (await replyPlain(ctx, TEXT.uploadNotArticle(fileName)));
      }
      if (result.kind === 'duplicate') {
        ctx.meta.outcome = 'duplicate';
        const r = result.record;
        return void (await replyPlain(ctx, TEXT.uploadDuplicate(fileName, result.title, r?.uploadedBy?.name ?? null, r ? formatDate(r.uploadedAt.slice(0, 10)) : null)));
      }
      const flagged = result.instructions ?? [];
      const warning = flagged.length > 0 ? `\n\n${TEXT.instructionsLeftOut(flagged.length, flagged.slice(0, 3).map((t) => escapeHtml(t.slice(0, 200))))}` : '';
      await replyHtml(ctx, `${formatEventCard(result.card, fileName, userLanguage(ctx))}${warning}`);
      ctx.meta.outcome = 'ingested';
    } finally {
      stopTyping();
    }
  });

  return composer;
}
