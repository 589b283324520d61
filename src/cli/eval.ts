/**
 * `npm run eval -- [--with CORPUS]... [--index DIR] [--questions FILE]`
 * Ingests the bundled articles (plus any corpora given) into an evaluation index, asks every question
 * of eval/questions.jsonl in-process, prints a table (overall, by category, by intent, by diacritics,
 * by language) and writes the full JSON report to eval/reports/ (git-ignored).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { prepare } from '../answer/answerer.js';
import { loadConfig } from '../config/config.js';
import { AppError } from '../errors.js';
import { sha256 } from '../index/store.js';
import { formatTable, groupBy, scoreRow, summarize, type EvalQuestion, type EvalRow } from '../eval/metrics.js';
import { createProviders } from '../providers/index.js';
import { createLogger } from './logger.js';
import { describeIngest, openPipeline, runIngest } from './pipeline.js';
import { runMain } from './run-main.js';

runMain(async () => {
  const program = new Command('eval')
    .option('--with <corpus>', 'extra corpus to ingest as distractors (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--index <dir>', 'evaluation index directory (default: eval/reports/index-<inputs hash>)')
    .option('--questions <file>', 'question set', 'eval/questions.jsonl')
    .option('--debug', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.parse(process.argv);
  const opts = program.opts<{ with: string[]; index?: string; questions: string }>();
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const providers = createProviders(config);
  const paths = [...config.dataPaths, ...opts.with];
  const indexDir = opts.index ?? path.join('eval', 'reports', `index-${sha256(paths.map((p) => path.resolve(p)).join('|') + providers.embedder.id).slice(0, 12)}`);
  const summary = await runIngest({ paths, indexDir, providers, config, logger, progress: Boolean(process.stderr.isTTY) });
  process.stderr.write(`${describeIngest(summary, indexDir)}\n`);

  let questions: EvalQuestion[];
  try {
    questions = (await readFile(opts.questions, 'utf8'))
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as EvalQuestion);
  } catch (error) {
    throw new AppError('INPUT_UNREADABLE', `Cannot read the question set ${opts.questions}: ${(error as Error).message}`, {
      hint: 'Pass --questions FILE with one JSON object per line.',
    });
  }
  const pipeline = await openPipeline(indexDir, providers, config);
  const deps = { index: pipeline.snapshot, embedQuery: (t: string) => providers.embedder.embedQuery(t), topK: config.retrieval.topK };
  const rows: EvalRow[] = [];
  for (const q of questions) {
    const t0 = performance.now();
    const prepared = await prepare(deps, q.question, { history: q.context ?? [] });
    const answer = await pipeline.answer(q.question, { history: q.context ?? [] });
    const ms = performance.now() - t0;
    const ranked: string[] = [];
    for (const h of [...prepared.hits, ...prepared.retrieval.hits]) {
      if (!ranked.includes(h.chunk.meta.articleId)) ranked.push(h.chunk.meta.articleId);
    }
    rows.push(scoreRow(q, answer, ranked, ms));
  }

  const all = summarize(rows);
  const sections: Array<[string, Array<[string, EvalRow[]]>]> = [
    ['overall', [['all', rows]]],
    ['by category', [...groupBy(rows, (r) => r.category)]],
    ['by intent', [...groupBy(rows, (r) => r.intent)]],
    ['by diacritics', [...groupBy(rows, (r) => (r.lang === 'en' ? 'english' : r.diacritics ? 'with diacritics' : 'without diacritics'))]],
  ];
  for (const [title, groups] of sections) process.stdout.write(`\n${title}\n${formatTable(groups)}\n`);
  process.stdout.write(
    `\nhit@1 ${all.hit1.toFixed(3)}  hit@5 ${all.hit5.toFixed(3)}  MRR ${all.mrr.toFixed(3)}  fact accuracy ${all.factAccuracy.toFixed(3)}  ` +
      `abstention accuracy ${all.abstentionAccuracy.toFixed(3)} (precision ${all.abstentionPrecision.toFixed(3)}, recall ${all.abstentionRecall.toFixed(3)})\n`,
  );
  const failures = rows.filter((r) => (r.expect === null ? r.grounded : r.rank !== 1 || r.factsMissing.length > 0 || !r.grounded));
  if (failures.length) {
    process.stdout.write(`\n${failures.length} questions with a miss (see the report for answers):\n`);
    for (const r of failures.slice(0, 40)) {
      process.stdout.write(`  ${r.id} [${r.category}] rank=${r.rank ?? '-'} grounded=${r.grounded} missing=${JSON.stringify(r.factsMissing)}\n`);
    }
  }
  const reportDir = path.join('eval', 'reports');
  await mkdir(reportDir, { recursive: true });
  const file = path.join(reportDir, `eval-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify({ inputs: paths, indexDir, embedder: providers.embedder.id, summary: all, rows }, null, 2));
  process.stdout.write(`\nReport: ${file}\n`);
  return 0;
});
