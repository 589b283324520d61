/**
 * Benchmark inputs: article corpora and question sets (gzipped or plain JSON Lines).
 *
 * Contracts:
 * - A file is a question set when src/eval/inputs.ts `isQuestionSet` says so (its first record has a string
 *   "question" and no "text": ViQuAD dev, eval/questions.jsonl, `{question, context?}` per line); any other
 *   .jsonl(.gz) file is an article corpus. Files are read with that module's `jsonlLines` (gzip by name).
 * - Directories are scanned (not recursively) for .jsonl / .jsonl.gz files, sorted by name.
 * - A missing path → AppError INPUT_UNREADABLE saying where the corpora were looked for and how to pass them.
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { isQuestionSet, jsonlLines } from '../eval/inputs.js';

export interface BenchQuestion {
  question: string;
  /** Earlier questions of the conversation (follow-ups), oldest first. */
  context?: string[];
  source: string;
}

export interface BenchInputs {
  corpora: string[];
  questionSets: string[];
}

/** Classifies the .jsonl(.gz) files of `paths` (files or directories) into corpora and question sets. */
export async function discoverInputs(paths: string[]): Promise<BenchInputs> {
  const files: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    if (!s) {
      throw new AppError('INPUT_UNREADABLE', `Benchmark input not found: ${path.resolve(p)}.`, {
        hint: 'The corpora live in ../shared/corpus beside the project checkout; pass others with --corpus PATH (repeatable).',
      });
    }
    if (s.isDirectory()) {
      const names = (await readdir(p)).filter((n) => /\.jsonl(\.gz)?$/i.test(n)).sort();
      files.push(...names.map((n) => path.join(p, n)));
    } else {
      files.push(p);
    }
  }
  const out: BenchInputs = { corpora: [], questionSets: [] };
  for (const f of files) (await isQuestionSet(f) ? out.questionSets : out.corpora).push(f);
  if (out.corpora.length === 0) {
    throw new AppError('INPUT_EMPTY', `No article corpus among ${paths.join(', ')}.`, {
      hint: 'Pass JSON Lines corpora ({id, title, date, url, text} per line) with --corpus PATH.',
    });
  }
  return out;
}

/** Questions of the given sets, in file order. */
export async function loadQuestions(files: string[]): Promise<BenchQuestion[]> {
  const out: BenchQuestion[] = [];
  for (const f of files) {
    if (!existsSync(f)) continue;
    for await (const line of jsonlLines(f)) {
      try {
        const r = JSON.parse(line) as { question?: unknown; context?: unknown };
        if (typeof r.question !== 'string') continue;
        const context = Array.isArray(r.context) ? r.context.filter((c): c is string => typeof c === 'string') : undefined;
        out.push({ question: r.question, ...(context?.length ? { context } : {}), source: path.basename(f) });
      } catch {
        // A bad line is not a question.
      }
    }
  }
  return out;
}
