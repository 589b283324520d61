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
 * - Content already indexed (the same sha256 as an indexed article: `findHash`) is not stored again: 'duplicate',
 *   with the upload record when it was an upload. A file whose event card has no unit, no meeting (event 'other')
 *   and no meeting date is not a meeting report: 'not_article', nothing stored.
 * - Each stored upload is recorded (title, unit, date, who, when, hash) in UPLOADS_RECORD next to the uploads (a
 *   dot-file: the ingest never reads it); `listUploads` lists the records of files still there, newest first;
 *   `removeUpload` deletes an upload's file and record and refreshes the index (`reload`), so every process
 *   following the index drops the article.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { UploadRecord, UploadResult } from '../bot/types.js';
import { AppError } from '../errors.js';
import { toArticle } from '../ingest/article.js';
import type { IngestSummary } from '../ingest/ingest.js';
import { loadDocuments, type IngestProblem, type RawDocument } from '../ingest/load.js';
import type { EventCard } from '../types.js';

/** The record of uploads, in the uploads folder. */
export const UPLOADS_RECORD = '.uploads.json';

export interface UploadOptions {
  uploadsDir: string;
  fileName: string;
  bytes: Uint8Array;
  /** Ingests the inputs plus `extra` and makes the new index current. */
  reload: (extra: string[]) => Promise<IngestSummary>;
  /** The card of the article read from the file at this absolute path in the current index, or null. */
  cardOf: (absFile: string) => EventCard | null;
  /** The title of an indexed article whose content has this sha256, or null (no duplicate check when absent). */
  findHash?: (sha256: string) => string | null;
  uploader?: { id: number; name: string };
  /** Default: now. */
  now?: Date;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** No unit, no meeting, no meeting date: not a report of a meeting. */
export function isMeetingReport(card: EventCard): boolean {
  return card.unit !== null || card.event.value !== 'other' || card.meetingDate !== null;
}

async function readRecords(dir: string): Promise<UploadRecord[]> {
  try {
    const parsed = JSON.parse(await readFile(path.join(dir, UPLOADS_RECORD), 'utf8')) as { uploads?: UploadRecord[] };
    return Array.isArray(parsed.uploads) ? parsed.uploads : [];
  } catch {
    return [];
  }
}

async function writeRecords(dir: string, records: UploadRecord[]): Promise<void> {
  const file = path.join(dir, UPLOADS_RECORD);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ uploads: records }, null, 1)}\n`);
  await rename(tmp, file);
}

/** The uploads whose file is still in `uploadsDir`, newest first. */
export async function listUploads(uploadsDir: string): Promise<UploadRecord[]> {
  const dir = path.resolve(uploadsDir);
  const records = await readRecords(dir);
  const present = await Promise.all(records.map((r) => exists(path.join(dir, r.file))));
  return records.filter((_, i) => present[i]).sort((a, b) => (a.uploadedAt < b.uploadedAt ? 1 : a.uploadedAt > b.uploadedAt ? -1 : 0));
}

/** Removes the upload `id` (its file and record), then refreshes the index; null when no upload has that id. */
export async function removeUpload(o: { uploadsDir: string; id: string; reload: (extra: string[]) => Promise<IngestSummary> }): Promise<UploadRecord | null> {
  const dir = path.resolve(o.uploadsDir);
  const records = await readRecords(dir);
  const found = records.find((r) => r.id === o.id.toLowerCase());
  if (!found) return null;
  await rm(path.join(dir, found.file), { force: true });
  await writeRecords(dir, records.filter((r) => r !== found));
  await o.reload([dir]);
  return found;
}

export const safeUploadName = (fileName: string) => path.basename(fileName).replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '_');

const exists = (p: string) => stat(p).then(() => true, () => false);

export async function ingestUpload(o: UploadOptions): Promise<UploadResult> {
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
    const docs: RawDocument[] = [];
    try {
      for await (const doc of loadDocuments([staged], { onProblem: (p) => problems.push(p) })) if (doc) docs.push(doc);
    } catch (error) {
      // The admin sees the file's name, not the server's paths.
      if (AppError.isInstance(error)) throw new AppError(error.code, error.message.split(staged).join(safe), { hint: error.hint });
      throw error;
    }
    if (docs.length === 0) {
      const why = problems[0]?.message.split(staged).join(safe) ?? `${safe} holds no article`;
      throw new AppError('INPUT_UNREADABLE', why, { hint: 'Send a UTF-8 .txt, .md or .html article.' });
    }
    const hash = sha256(o.bytes);
    const duplicate = o.findHash?.(hash) ?? null;
    if (duplicate !== null) {
      const record = (await readRecords(dir)).find((r) => r.sha256 === hash) ?? null;
      return { kind: 'duplicate', title: duplicate, record };
    }
    if (!docs.some((d) => isMeetingReport(toArticle(d).card))) return { kind: 'not_article' };
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
    const record: UploadRecord = {
      id: hash.slice(0, 8),
      file: safe,
      title: card.title.value,
      unit: card.unit?.value.label ?? null,
      date: card.meetingDate?.value ?? card.publishedAt?.value ?? null,
      uploadedBy: o.uploader ?? null,
      uploadedAt: (o.now ?? new Date()).toISOString(),
      sha256: hash,
    };
    // One record per file: a replaced upload's record goes.
    const others = (await readRecords(dir)).filter((r) => r.file !== safe && r.id !== record.id);
    await writeRecords(dir, [...others, record]);
    return { kind: 'ingested', card, record };
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
