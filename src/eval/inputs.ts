/**
 * Evaluation inputs: JSON Lines reading (plain or gzip) and sorting `--with` paths into corpora (ingested)
 * and question sets (asked, never ingested).
 *
 * Contracts:
 * - A JSON Lines file whose first record has a string "question" and no "text" is a question set
 *   (e.g. viquad-dev.jsonl.gz); any other input is a corpus.
 * - A directory is passed to ingest unchanged unless it holds question sets; then its files are listed
 *   (recursively, sorted): question sets are set aside, files ingest can read (formatOf) are corpora,
 *   so ingest never sees the questions.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { formatOf } from '../ingest/load.js';

const JSONL = /\.jsonl(\.gz)?$/i;

/**
 * The non-blank lines of a JSON Lines file, gunzipped when its name ends in ".gz" (any case), streamed. Leaving
 * the loop early closes the file. Read errors reject the iteration.
 */
export async function* jsonlLines(file: string): AsyncGenerator<string> {
  const raw = createReadStream(file);
  const input = file.toLowerCase().endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (e) => input.destroy(e));
  const rl = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of rl) if (line.trim()) yield line;
  } finally {
    rl.close();
  }
}

/** All records of a JSON Lines file (blank lines skipped); throws on invalid JSON. */
export async function readJsonl<T>(file: string): Promise<T[]> {
  const out: T[] = [];
  for await (const line of jsonlLines(file)) out.push(JSON.parse(line) as T);
  return out;
}

/** True when `record` looks like a question (has a string "question", no "text"). */
export function isQuestionRecord(record: unknown): boolean {
  if (typeof record !== 'object' || record === null) return false;
  const r = record as Record<string, unknown>;
  return typeof r.question === 'string' && !('text' in r);
}

/** True when the first record of a JSON Lines file is a question. */
export async function isQuestionSet(file: string): Promise<boolean> {
  if (!JSONL.test(file)) return false;
  for await (const line of jsonlLines(file)) {
    try {
      return isQuestionRecord(JSON.parse(line));
    } catch {
      return false;
    }
  }
  return false;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

export interface EvalInputs {
  corpora: string[];
  questionSets: string[];
}

export async function sortInputs(paths: readonly string[]): Promise<EvalInputs> {
  const corpora: string[] = [];
  const questionSets: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    if (s?.isDirectory()) {
      const files = await listFiles(p);
      const questions: string[] = [];
      for (const f of files) if (await isQuestionSet(f)) questions.push(f);
      if (questions.length === 0) corpora.push(p);
      else {
        questionSets.push(...questions);
        corpora.push(...files.filter((f) => !questions.includes(f) && formatOf(f) !== null));
      }
    } else if (s?.isFile() && (await isQuestionSet(p))) questionSets.push(p);
    else corpora.push(p); // missing paths go to ingest, which reports them
  }
  return { corpora, questionSets };
}
