/**
 * `npm run eval -- [--with CORPUS]... [--index DIR] [--questions FILE] [--compare REPORT.json] [--skip PART]... [--reports DIR]`
 *
 * Ingests the bundled articles plus every corpus given (files or folders) into an evaluation index
 * (<reports>/index-<hash of inputs + embedder>; <reports> = eval/reports by default), then:
 * - asks every question of eval/questions.jsonl in-process (follow-ups with their context) and scores it; the
 *   ranking hit@k is computed on = the articles the answer cites, then those of its retrieved chunks, then
 *   those of a 50-chunk retrieval (the answerer only sees RETRIEVE_TOP_K chunks);
 * - when a question set is among the inputs (a JSON Lines file of {id, question, answers, passage_id}, e.g.
 *   viquad-dev.jsonl.gz, found by content) and its passages were ingested, asks those too (passage hit@k,
 *   answer contains a gold answer);
 * - for every labelled dataset among the inputs (a folder with gold.jsonl + questions.jsonl + articles/, e.g.
 *   ../shared/corpus/real-dev, named or inside a named folder; only its articles/ are ingested): scores the
 *   event cards of its gold articles and asks its questions without context (src/eval/labelled-eval.ts);
 * - runs the LangChain tutorial baseline (src/eval/baseline.ts) on the same articles and questions
 *   (its results are cached in eval/reports/baseline-<hash>.json: it scans the whole corpus per question);
 * - runs the retrieval ablation (src/eval/ablation.ts);
 * - prints the tables, writes the JSON report to eval/reports/eval-<time>.json (git-ignored) and, with
 *   --compare, the deltas against an earlier report.
 * `--skip baseline|ablation|viquad|datasets` leaves a part out (repeatable). Progress goes to stderr, tables to stdout.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { prepare, type AnswererDeps } from '../answer/answerer.js';
import { loadConfig } from '../config/config.js';
import { AppError } from '../errors.js';
import { sha256 } from '../index/store.js';
import { ABLATIONS, ablationRanking } from '../eval/ablation.js';
import { BASELINE_SETTINGS, createBaseline, type Baseline } from '../eval/baseline.js';
import { readJsonl, sortInputs } from '../eval/inputs.js';
import { evaluateLabelled } from '../eval/labelled-eval.js';
import type { LabelledDatasetReport } from '../eval/labelled-report.js';
import {
  containsGold,
  normalizeForMatch,
  rankOf,
  rankSummary,
  scoreRow,
  scoreViquadRow,
  summarize,
  summarizeViquad,
  type EvalQuestion,
  type EvalRow,
  type ViquadQuestion,
  type ViquadRow,
} from '../eval/metrics.js';
import {
  formatComparison,
  formatReport,
  ownGroups,
  REPORT_VERSION,
  upgradeReport,
  type AblationRow,
  type BaselineReport,
  type EvalReport,
} from '../eval/report.js';
import { createProviders } from '../providers/index.js';
import type { QueryPlan } from '../retrieve/query/plan.js';
import type { Retriever } from '../retrieve/retriever.js';
import type { Answer, Turn } from '../types.js';
import { createLogger } from './logger.js';
import { describeIngest, openPipeline, runIngest } from '../app/pipeline.js';
import { runMain } from './run-main.js';

const PARTS = ['baseline', 'ablation', 'viquad', 'datasets'] as const;
type Part = (typeof PARTS)[number];

/** Progress on stderr: a live counter on a terminal, one line per 100 items otherwise (long runs go to files). */
function progress(label: string, done: number, total: number): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${label} ${done}/${total}${done === total ? '\n' : ''}`);
  else if (done % 100 === 0 || done === total) process.stderr.write(`${label} ${done}/${total}\n`);
}

async function readQuestions<T>(file: string, what: string): Promise<T[]> {
  try {
    return await readJsonl<T>(file);
  } catch (error) {
    throw new AppError('INPUT_UNREADABLE', `Cannot read the ${what} ${file}: ${(error as Error).message}`, {
      hint: 'Pass a file with one JSON object per line.',
    });
  }
}

/** Baseline documents: each article's title and its chunks' texts in reading order (= the cleaned body). */
function* baselineDocs(retriever: Retriever) {
  for (const a of retriever.articles.values()) {
    const chunks = retriever.chunksOf(a.id).sort((x, y) => x.ordinal - y.ordinal);
    yield { id: a.id, title: a.title, text: chunks.map((c) => c.text).join('\n\n') };
  }
}

interface BaselineCacheEntry {
  rankedArticles: string[];
  top: string | null;
}

runMain(async () => {
  const program = new Command('eval')
    .option('--with <corpus>', 'extra corpus file or folder to ingest (repeatable); question sets among them are asked, not ingested', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--index <dir>', 'evaluation index directory (default: eval/reports/index-<inputs hash>)')
    .option('--questions <file>', 'question set', 'eval/questions.jsonl')
    .option('--compare <report>', 'an earlier eval/reports/eval-*.json to print deltas against')
    .option('--skip <part>', `leave out a part: ${PARTS.join(', ')} (repeatable)`, (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--reports <dir>', 'where reports, the evaluation index and the baseline cache go', path.join('eval', 'reports'))
    .option('--debug', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.parse(process.argv);
  const opts = program.opts<{ with: string[]; index?: string; questions: string; compare?: string; skip: string[]; reports: string }>();
  const reportDir = opts.reports;
  for (const s of opts.skip) {
    if (!(PARTS as readonly string[]).includes(s)) {
      throw new AppError('USAGE', `Unknown --skip part "${s}".`, { hint: `Use one of: ${PARTS.join(', ')}.` });
    }
  }
  const skip = new Set(opts.skip as Part[]);
  let before: EvalReport | null = null;
  if (opts.compare) {
    try {
      before = upgradeReport(JSON.parse(await readFile(opts.compare, 'utf8')));
    } catch (error) {
      throw new AppError('INPUT_UNREADABLE', `Cannot read the report ${opts.compare}: ${(error as Error).message}`, {
        hint: 'Pass a JSON report written by an earlier npm run eval (eval/reports/eval-*.json).',
      });
    }
  }

  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const providers = createProviders(config);
  const { corpora, questionSets, datasets } = await sortInputs(opts.with);
  const paths = [...config.dataPaths, ...corpora];
  const indexDir = opts.index ?? path.join(reportDir, `index-${sha256(paths.map((p) => path.resolve(p)).join('|') + providers.embedder.id).slice(0, 12)}`);
  const ingestSummary = await runIngest({ paths, indexDir, providers, config, logger, progress: Boolean(process.stderr.isTTY) });
  process.stderr.write(`${describeIngest(ingestSummary, indexDir)}\n`);

  const questions = await readQuestions<EvalQuestion>(opts.questions, 'question set');
  const pipeline = await openPipeline(indexDir, providers, config);
  const index = pipeline.snapshot;
  const retriever = pipeline.retriever;
  const deps: AnswererDeps = { retriever, topK: config.retrieval.topK };
  const mode = providers.chat ? 'llm' : 'extractive';
  /** Query vectors by plan text (null when the embedder fails), shared by the deeper ranking and the ablation. */
  const vectors = new Map<string, ArrayLike<number> | null>();
  const queryVector = async (plan: QueryPlan) => {
    if (!vectors.has(plan.text)) vectors.set(plan.text, await providers.embedder.embedQuery(plan.text).catch(() => null));
    return vectors.get(plan.text)!;
  };
  /** The answer under test: the extractive one offline; the configured pipeline's otherwise. */
  const ask = async (question: string, history: Turn[]) => {
    const t0 = performance.now();
    const prepared = await prepare(deps, question, { history });
    const answer: Answer = providers.chat ? await pipeline.answer(question, { history }) : prepared.extractive;
    const ranked: string[] = [];
    const add = (hits: Array<{ chunk: { meta: { articleId: string } } }>) => {
      for (const h of hits) if (!ranked.includes(h.chunk.meta.articleId)) ranked.push(h.chunk.meta.articleId);
    };
    add([...prepared.hits, ...prepared.retrieval.hits]);
    // The answerer sees topK chunks (often fewer than 5 articles): continue the ranking with a deeper retrieval.
    if (ranked.length < 10 && prepared.plan.intent !== 'summary' && !prepared.retrieval.emptyReason && prepared.retrieval.hits.length > 0) {
      const vector = retriever.wantsVector() ? await queryVector(prepared.plan) : null;
      add(retriever.retrieveWith(prepared.plan, vector, { k: 50 }).hits);
    }
    return { answer, ranked, plan: prepared.plan, ms: performance.now() - t0 };
  };
  /** The turns a conversation holds after asking `context` in order (follow-up questions' earlier questions). */
  const turnsOf = async (context: readonly string[]): Promise<Turn[]> => {
    const turns: Turn[] = [];
    for (const c of context) {
      const a = (await prepare(deps, c, { history: turns })).extractive;
      if (a.turn) turns.push(a.turn);
    }
    return turns;
  };

  // Own questions.
  const rows: EvalRow[] = [];
  const plans = new Map<string, QueryPlan>();
  for (const [i, q] of questions.entries()) {
    const r = await ask(q.question, await turnsOf(q.context ?? []));
    plans.set(q.id, r.plan);
    rows.push(scoreRow(q, r.answer, r.ranked, r.ms));
    progress('own questions', i + 1, questions.length);
  }

  // ViQuAD-style question sets whose passages are in the index.
  const viquadQuestions: ViquadQuestion[] = [];
  let notIngested = 0;
  if (!skip.has('viquad')) {
    for (const file of questionSets) {
      const all = await readQuestions<ViquadQuestion>(file, 'question set');
      const present = all.filter((q) => index.articles.has(q.passage_id));
      notIngested += all.length - present.length;
      viquadQuestions.push(...present);
    }
  }
  const viquadRows: ViquadRow[] = [];
  for (const [i, q] of viquadQuestions.entries()) {
    const r = await ask(q.question, []);
    plans.set(q.id, r.plan);
    viquadRows.push(scoreViquadRow(q, r.answer, r.ranked, r.ms));
    progress('ViQuAD questions', i + 1, viquadQuestions.length);
  }

  // Labelled datasets (e.g. real-dev): event cards against the gold, questions with must-groups.
  const datasetReports: LabelledDatasetReport[] = [];
  if (!skip.has('datasets')) {
    for (const ds of datasets) {
      datasetReports.push(
        await evaluateLabelled(ds, index.articles, (q) => ask(q, []), (done, total) => progress(`${ds.name} questions`, done, total)),
      );
    }
  }

  // LangChain tutorial baseline (cached per corpus).
  let baseline: BaselineReport | null = null;
  if (!skip.has('baseline')) {
    const corpusKey = sha256(
      [...index.articles.values()]
        .map((a) => `${a.id}\t${a.contentHash}`)
        .sort()
        .join('\n') + JSON.stringify(BASELINE_SETTINGS) + 'baseline-v1',
    ).slice(0, 12);
    const cacheFile = path.join(reportDir, `baseline-${corpusKey}.json`);
    const cache: Record<string, BaselineCacheEntry> = existsSync(cacheFile) ? JSON.parse(await readFile(cacheFile, 'utf8')) : {};
    let engine: Baseline | null = null;
    let passages = Number((cache as Record<string, unknown>)['#passages'] ?? 0);
    const search = async (text: string): Promise<BaselineCacheEntry> => {
      const hit = cache[text];
      if (hit) return hit;
      if (!engine) {
        process.stderr.write('Building the LangChain baseline (RecursiveCharacterTextSplitter + BM25Retriever)…\n');
        engine = await createBaseline(baselineDocs(retriever));
        passages = engine.passages;
      }
      const r = await engine.search(text);
      const entry = { rankedArticles: r.rankedArticles, top: r.passages[0]?.text ?? null };
      cache[text] = entry;
      return entry;
    };
    const answerable = questions.filter((q) => q.expect !== null);
    const ownRanks: Array<number | null> = [];
    let factsInTop = 0;
    for (const [i, q] of answerable.entries()) {
      const r = await search([...(q.context ?? []), q.question].join(' '));
      ownRanks.push(rankOf(r.rankedArticles, q.expect!));
      const top = normalizeForMatch(r.top ?? '');
      if (r.top && q.facts.every((f) => top.includes(normalizeForMatch(f)))) factsInTop++;
      progress('baseline, own questions', i + 1, answerable.length);
    }
    const vqRanks: Array<number | null> = [];
    let goldInTop = 0;
    for (const [i, q] of viquadQuestions.entries()) {
      const r = await search(q.question);
      vqRanks.push(rankOf(r.rankedArticles, q.passage_id));
      if (r.top && containsGold(r.top, q.answers)) goldInTop++;
      progress('baseline, ViQuAD questions', i + 1, viquadQuestions.length);
    }
    (cache as Record<string, unknown>)['#passages'] = passages;
    await mkdir(path.dirname(cacheFile), { recursive: true });
    await writeFile(cacheFile, JSON.stringify(cache));
    baseline = {
      settings: { ...BASELINE_SETTINGS },
      passages,
      own: { ...rankSummary(ownRanks), factsInTopPassage: answerable.length ? factsInTop / answerable.length : 0 },
      viquad: viquadQuestions.length
        ? { ...rankSummary(vqRanks), topPassageContainsGold: goldInTop / viquadQuestions.length }
        : null,
    };
  }

  // Ablation: retrieval only, views / filters switched off.
  let ablation: AblationRow[] | null = null;
  if (!skip.has('ablation')) {
    ablation = [];
    const answerable = questions.filter((q) => q.expect !== null);
    // Rows that need vectors are left out of an index without them (the offline default): LOCAL_VECTORS=true builds them.
    const vectorless = providers.embedder.dimensions === 0;
    const usable = ABLATIONS.filter((c) => !(vectorless && (c.weights?.vector ?? 0) > 0));
    if (usable.length < ABLATIONS.length) {
      process.stderr.write(`ablation: ${ABLATIONS.length - usable.length} vector rows left out (the index has no vectors; set LOCAL_VECTORS=true to build the local hashed vectors)\n`);
    }
    for (const [ci, config_] of usable.entries()) {
      const own: Array<number | null> = [];
      for (const q of answerable) {
        const plan = plans.get(q.id)!;
        own.push(rankOf(ablationRanking(retriever, plan, await queryVector(plan), config_), q.expect!));
      }
      const vq: Array<number | null> = [];
      for (const q of viquadQuestions) {
        const plan = plans.get(q.id)!;
        vq.push(rankOf(ablationRanking(retriever, plan, await queryVector(plan), config_), q.passage_id));
      }
      ablation.push({ name: config_.name, own: rankSummary(own), viquad: viquadQuestions.length ? rankSummary(vq) : null });
      progress('ablation', ci + 1, usable.length);
    }
  }

  const report: EvalReport = {
    version: REPORT_VERSION,
    createdAt: new Date().toISOString(),
    inputs: paths,
    questionSets,
    indexDir,
    embedder: providers.embedder.id,
    mode,
    own: { summary: summarize(rows), groups: ownGroups(rows), rows },
    viquad: viquadRows.length ? { summary: summarizeViquad(viquadRows), rows: viquadRows, notIngested } : null,
    baseline,
    ablation,
    datasets: datasetReports,
  };
  process.stdout.write(`${formatReport(report)}\n`);
  if (questionSets.length > 0 && viquadRows.length === 0 && !skip.has('viquad')) {
    process.stdout.write(`\nViQuAD: none of the ${notIngested} questions has its passage in the index; ingest the passages too.\n`);
  }
  if (before && opts.compare) process.stdout.write(`${formatComparison(before, report, opts.compare)}\n`);
  await mkdir(reportDir, { recursive: true });
  const file = path.join(reportDir, `eval-${report.createdAt.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify(report, null, 2));
  process.stdout.write(`\nReport: ${file}\n`);
  return 0;
});
