/**
 * `npm run bench -- [--corpus PATH]... [--questions FILE]... [--baseline-questions N] [--start-runs N] [--keep] [--out DIR]`
 * Benchmarks ingest, answers, start-up and memory against the targets of issue 6, with the LangChain tutorial
 * baseline on the same data (see src/bench/run.ts). Default corpora: ../shared/corpus beside the checkout.
 * A script, not a test: it takes minutes and its numbers depend on the machine.
 */
import { Command } from 'commander';
import path from 'node:path';
import { DEFAULT_CORPUS_DIR, runBench } from '../bench/run.js';
import { runMain } from './run-main.js';

const repeat = (v: string, acc: string[]) => [...acc, v];

runMain(async () => {
  const program = new Command('bench')
    .description('Benchmark ingest, answer latency, start-up and memory (and the LangChain baseline) on large corpora.')
    .option('--corpus <path>', `corpus file or folder (repeatable; default ${path.relative(process.cwd(), DEFAULT_CORPUS_DIR)})`, repeat, [] as string[])
    .option('--questions <file>', 'extra question set, JSON Lines with "question" (repeatable)', repeat, [] as string[])
    .option('--baseline-questions <n>', 'questions for the (slow) stock LangChain baseline; 0 skips it', '25')
    .option('--start-runs <n>', 'runs of start → first answer', '3')
    .option('--out <dir>', 'report folder', 'bench/reports')
    .option('--keep', 'keep the temporary index')
    .option('--debug', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.parse(process.argv);
  const o = program.opts<{ corpus: string[]; questions: string[]; baselineQuestions: string; startRuns: string; out: string; keep?: boolean }>();
  await runBench({
    corpora: o.corpus.length > 0 ? o.corpus : [DEFAULT_CORPUS_DIR],
    questionFiles: o.questions,
    baselineQuestions: Math.max(0, Number.parseInt(o.baselineQuestions, 10) || 0),
    startRuns: Math.max(1, Number.parseInt(o.startRuns, 10) || 1),
    keep: Boolean(o.keep),
    outDir: o.out,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  return 0;
});
