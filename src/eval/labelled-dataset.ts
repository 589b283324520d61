/**
 * Labelled datasets: a folder holding `gold.jsonl` (one row of gold event-card facts per article),
 * `questions.jsonl` (questions with must-contain answer groups) and `articles/` (the article files), such as
 * ../shared/corpus/real-dev. See eval/README.md ("Labelled datasets").
 *
 * Contracts:
 * - `labelledDatasetAt(dir)` recognises a dataset by those three entries only (both files regular files,
 *   `articles` a directory); anything else in the folder (raw/, scripts, READMEs) is no part of it.
 * - Only `articles/` is ingested; the gold and question files are read by the evaluation, never ingested.
 * - An article's id in the index is its file name ("000_54234bcd.txt"), the gold row's `file`.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';

export const DATASET_ENTRIES = { gold: 'gold.jsonl', questions: 'questions.jsonl', articles: 'articles' } as const;

export interface LabelledDataset {
  /** The folder's base name ("real-dev"): the dataset's name in reports. */
  name: string;
  dir: string;
  /** The folder that is ingested. */
  articles: string;
  gold: string;
  questions: string;
}

/** One gold row: the facts a perfect parser extracts from one article (see the dataset's README). */
export interface GoldArticle {
  file: string;
  url?: string;
  level: 'district' | 'ward' | 'city';
  province: string;
  /** The unit with its kind: "huyện Cần Giờ", "Quận 3", "xã Bình Hưng". */
  district: string;
  event: 'conference' | 'congress' | 'other';
  meeting: number | null;
  /** The khóa, Roman ("XII"). */
  congress_term: string | null;
  /** The nhiệm kỳ, "YYYY-YYYY". */
  term: string | null;
  published: string | null;
  meeting_date: string | null;
  chairs: string[];
  /** Senior guests who attended and/or directed, in printed order. */
  directing: string[];
  figures?: string[];
  notes?: string;
}

export type QuestionKind = 'chair' | 'attendee' | 'fact' | 'meeting' | 'negative';

export interface DatasetQuestion {
  id: string;
  kind: QuestionKind;
  /** The 8-hex part of the answering article's file name; null for questions nothing answers. */
  doc: string | null;
  q: string;
  /** An answer is right when it contains one alternative of every group. */
  must: string[][];
}

async function isFile(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null))?.isFile() ?? false;
}

async function isDirectory(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null))?.isDirectory() ?? false;
}

/** The labelled dataset in `dir`, or null when `dir` lacks one of gold.jsonl, questions.jsonl, articles/. */
export async function labelledDatasetAt(dir: string): Promise<LabelledDataset | null> {
  const gold = path.join(dir, DATASET_ENTRIES.gold);
  const questions = path.join(dir, DATASET_ENTRIES.questions);
  const articles = path.join(dir, DATASET_ENTRIES.articles);
  if (!(await isFile(gold)) || !(await isFile(questions)) || !(await isDirectory(articles))) return null;
  return { name: path.basename(path.resolve(dir)), dir, articles, gold, questions };
}
