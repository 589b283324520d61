/**
 * Evaluation inputs: JSON Lines reading (plain or gzip) and sorting `--with` paths into corpora (ingested)
 * and question sets (asked, never ingested).
 *
 * Contracts:
 * - A JSON Lines file whose first record has a string "question" and no "text" is a question set
 *   (e.g. viquad-dev.jsonl.gz); any other input is a corpus.
 * - A directory that is a labelled dataset (gold.jsonl + questions.jsonl + articles/, see labelled-dataset.ts),
 *   named or found inside a named directory, contributes only its articles/ folder as a corpus and is
 *   listed in `datasets`; nothing else under it is ingested or searched for question sets.
 * - Any other directory is passed to ingest unchanged unless it holds question sets or labelled datasets;
 *   then its files are listed (recursively, sorted): question sets are set aside, files ingest can read
 *   (formatOf) are corpora, each dataset's articles/ folder is a corpus in its place, so ingest never sees
 *   the questions.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { formatOf } from '../ingest/load.js';
import { labelledDatasetAt, type LabelledDataset } from './labelled-dataset.js';

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

/** A directory's files (recursively, sorted), with each labelled dataset below it listed in its place instead of its files. */
async function listFiles(dir: string): Promise<Array<string | LabelledDataset>> {
  const out: Array<string | LabelledDataset> = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      const dataset = await labelledDatasetAt(p);
      if (dataset) out.push(dataset);
      else out.push(...(await listFiles(p)));
    } else if (e.isFile()) out.push(p);
  }
  return out;
}

export interface EvalInputs {
  corpora: string[];
  questionSets: string[];
  datasets: LabelledDataset[];
}

export async function sortInputs(paths: readonly string[]): Promise<EvalInputs> {
  const corpora: string[] = [];
  const questionSets: string[] = [];
  const datasets: LabelledDataset[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    const named = s?.isDirectory() ? await labelledDatasetAt(p) : null;
    if (named) {
      datasets.push(named);
      corpora.push(named.articles);
    } else if (s?.isDirectory()) {
      const entries = await listFiles(p);
      const questions: string[] = [];
      for (const f of entries) if (typeof f === 'string' && (await isQuestionSet(f))) questions.push(f);
      if (questions.length === 0 && entries.every((f) => typeof f === 'string')) corpora.push(p);
      else {
        questionSets.push(...questions);
        for (const f of entries) {
          if (typeof f !== 'string') {
            datasets.push(f);
            corpora.push(f.articles);
          } else if (!questions.includes(f) && formatOf(f) !== null) corpora.push(f);
        }
      }
    } else if (s?.isFile() && (await isQuestionSet(p))) questionSets.push(p);
    else corpora.push(p); // missing paths go to ingest, which reports them
  }
  return { corpora, questionSets, datasets };
}
