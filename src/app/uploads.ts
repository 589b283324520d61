/**
 * Admin uploads on disk: an uploaded article is checked as the ingest would read it, stored in the uploads folder
 * (always an input of the index, see src/cli/start.ts) and ingested; the reply is the card of the article read from
 * that very file.
 *
 * Contracts:
 * - The file name is reduced to letters, digits, ".", "_", "-" (no path); an upload with the name of an earlier
 *   upload replaces it. An article elsewhere with the same name keeps its id; the upload gets a distinct one
 *   (loadDocuments), and its own card is returned (found through the manifest's record of the file, not by name).
 * - Before anything is stored, the bytes are read as the ingest reads them (decoding, HTML/Markdown extraction,
 *   limits) from a staging file in a dot-folder the ingest never reads; a file that would be skipped is refused with
 *   the reason, and leaves nothing behind.
 * - Whenever the upload fails (refused, ingest error, no article from the file), the uploads folder is left as it
 *   was: the new file removed, a replaced upload restored (and the index refreshed again when it had been changed).
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import type { IngestSummary } from '../ingest/ingest.js';
import { loadDocuments, type IngestProblem } from '../ingest/load.js';
import type { EventCard } from '../types.js';

export interface UploadOptions {
  uploadsDir: string;
  fileName: string;
  bytes: Uint8Array;
  /** Ingests the inputs plus `extra` and makes the new index current. */
  reload: (extra: string[]) => Promise<IngestSummary>;
  /** The card of the article read from the file at this absolute path in the current index, or null. */
  cardOf: (absFile: string) => EventCard | null;
}

export const safeUploadName = (fileName: string) => path.basename(fileName).replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '_');

const exists = (p: string) => stat(p).then(() => true, () => false);

export async function ingestUpload(o: UploadOptions): Promise<EventCard> {
  const safe = safeUploadName(o.fileName);
  const dir = path.resolve(o.uploadsDir);
  const staging = path.join(dir, '.staging');
  const staged = path.join(staging, safe);
  const target = path.join(dir, safe);
  const backup = path.join(dir, `.previous-${safe}`);
  await mkdir(staging, { recursive: true });
  await writeFile(staged, o.bytes);
  let stored = false;
  let replaced = false;
  try {
    // Read it as the ingest will: refused now rather than stored and skipped (or stuck) later.
    const problems: IngestProblem[] = [];
    let read = 0;
    try {
      for await (const doc of loadDocuments([staged], { onProblem: (p) => problems.push(p) })) if (doc) read++;
    } catch (error) {
      // The admin sees the file's name, not the server's paths.
      if (AppError.isInstance(error)) throw new AppError(error.code, error.message.split(staged).join(safe), { hint: error.hint });
      throw error;
    }
    if (read === 0) {
      const why = problems[0]?.message.split(staged).join(safe) ?? `${safe} holds no article`;
      throw new AppError('INPUT_UNREADABLE', why, { hint: 'Send a UTF-8 .txt, .md or .html article.' });
    }
    replaced = await exists(target);
    if (replaced) await rename(target, backup);
    await rename(staged, target);
    stored = true;
    const summary = await o.reload([dir]);
    const card = o.cardOf(target);
    if (!card) {
      const problem = summary.problems.find((p) => path.resolve(p.path) === target);
      throw new AppError('INPUT_UNREADABLE', problem ? problem.message.split(target).join(safe) : `The file ${safe} could not be ingested.`, {
        hint: 'Send a UTF-8 .txt, .md or .html article.',
      });
    }
    if (replaced) await rm(backup, { force: true });
    return card;
  } catch (error) {
    if (stored) {
      await rm(target, { force: true });
      if (replaced) {
        await rename(backup, target);
        // The index may have dropped the replaced upload's article: read it again (best effort).
        await o.reload([dir]).catch(() => undefined);
      }
    }
    throw error;
  } finally {
    await rm(staged, { force: true });
  }
}
