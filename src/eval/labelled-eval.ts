/**
 * Evaluates one labelled dataset against a built index: scores the event cards of its gold articles and asks
 * every question (no conversation context) through the caller's answer function.
 *
 * Contracts:
 * - Reads the dataset's gold.jsonl and questions.jsonl (AppError INPUT_UNREADABLE when either is not JSON Lines).
 * - `ask` is the evaluation's own answer function (src/cli/eval.ts), so these answers are produced exactly as the
 *   own questions' are; questions are asked one at a time, in file order.
 */
import { AppError } from '../errors.js';
import type { Answer } from '../types.js';
import { scoreCards, type ScorableArticle } from './card-scoring.js';
import { readJsonl } from './inputs.js';
import type { DatasetQuestion, GoldArticle, LabelledDataset } from './labelled-dataset.js';
import { labelledQuestionsPart, type LabelledDatasetReport } from './labelled-report.js';
import { goldLookup, sameEventCompanions, scoreLabelledRow, type LabelledRow } from './labelled-questions.js';

export type LabelledAsk = (question: string) => Promise<{ answer: Answer; ranked: string[]; ms: number }>;

async function readRows<T>(file: string, what: string): Promise<T[]> {
  try {
    return await readJsonl<T>(file);
  } catch (error) {
    throw new AppError('INPUT_UNREADABLE', `Cannot read the ${what} ${file}: ${(error as Error).message}`, {
      hint: 'A labelled dataset holds gold.jsonl and questions.jsonl with one JSON object per line.',
    });
  }
}

export async function evaluateLabelled(
  ds: LabelledDataset,
  articles: ReadonlyMap<string, ScorableArticle>,
  ask: LabelledAsk,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<LabelledDatasetReport> {
  const gold = await readRows<GoldArticle>(ds.gold, 'gold file');
  const questions = await readRows<DatasetQuestion>(ds.questions, 'question file');
  const lookup = goldLookup(gold);
  const rows: LabelledRow[] = [];
  for (const [i, q] of questions.entries()) {
    const r = await ask(q.q);
    rows.push(scoreLabelledRow(q, r.answer, r.ranked, r.ms, lookup));
    onProgress(i + 1, questions.length);
  }
  return {
    name: ds.name,
    dir: ds.dir,
    sameEvent: sameEventCompanions(gold),
    cards: scoreCards(gold, articles),
    questions: labelledQuestionsPart(rows),
  };
}
