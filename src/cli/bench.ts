/**
 * `npm run bench -- [--corpus PATH]... [--questions FILE]... [--baseline-questions N] [--start-runs N] [--keep] [--out DIR]
 *                  [--index DIR] [--skip PHASE]... [--cpu-prof DIR] [--scale [FACTORS]]`
 * Benchmarks ingest, answers, start-up and memory against the targets of issue 6, with the LangChain tutorial
 * baseline on the same data (see src/bench/run.ts). Default corpora: ../shared/corpus beside the checkout.
 * `--scale` runs the scale curve instead (src/bench/scale.ts): the corpus at 1×, 2×, 5×, 10× (or the given
 * comma-separated factors), each cold-ingested and answered.
 * A script, not a test: it takes minutes and its numbers depend on the machine.
 */
import { Command } from 'commander';
import path from 'node:path';
import { BENCH_PHASES, DEFAULT_CORPUS_DIR, runBench, runScaleBench, type BenchPhase } from '../bench/run.js';
import { DEFAULT_SCALE_FACTORS } from '../bench/scale.js';
import { AppError } from '../errors.js';
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
    .option('--index <dir>', 'measure this built index as is (never written) instead of ingesting: skips the ingest phases')
    .option('--skip <phase>', `leave a phase out: ${BENCH_PHASES.join(', ')} (repeatable)`, repeat, [] as string[])
    .option('--cpu-prof <dir>', 'write a V8 CPU profile of every phase process into this folder')
    .option('--scale [factors]', `the scale curve instead: corpus sizes as comma-separated factors (default ${DEFAULT_SCALE_FACTORS.join(',')})`)
    .option('--debug', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.parse(process.argv);
  const o = program.opts<{
    corpus: string[];
    questions: string[];
    baselineQuestions: string;
    startRuns: string;
    out: string;
    keep?: boolean;
    index?: string;
    skip: string[];
    cpuProf?: string;
    scale?: string | boolean;
  }>();
  const corpora = o.corpus.length > 0 ? o.corpus : [DEFAULT_CORPUS_DIR];
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (o.scale !== undefined) {
    const factors = typeof o.scale === 'string' ? o.scale.split(',').map((x) => Number.parseInt(x.trim(), 10)) : [...DEFAULT_SCALE_FACTORS];
    if (factors.some((f) => !Number.isInteger(f) || f < 1)) throw new AppError('USAGE', `Bad --scale factors: ${String(o.scale)}.`, { hint: 'Give positive integers, e.g. --scale 1,2,5,10.' });
    await runScaleBench({ corpora, questionFiles: o.questions, outDir: o.out, log, factors, ...(o.cpuProf ? { cpuProfDir: o.cpuProf } : {}) });
    return 0;
  }
  const skip = o.skip.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
  const unknown = skip.filter((x) => !(BENCH_PHASES as readonly string[]).includes(x));
  if (unknown.length) throw new AppError('USAGE', `Unknown phase for --skip: ${unknown.join(', ')}.`, { hint: `Phases: ${BENCH_PHASES.join(', ')}.` });
  await runBench({
    ...(o.index ? { index: o.index } : {}),
    skip: skip as BenchPhase[],
    ...(o.cpuProf ? { cpuProfDir: o.cpuProf } : {}),
    corpora,
    questionFiles: o.questions,
    baselineQuestions: Math.max(0, Number.parseInt(o.baselineQuestions, 10) || 0),
    startRuns: Math.max(1, Number.parseInt(o.startRuns, 10) || 1),
    keep: Boolean(o.keep),
    outDir: o.out,
    log,
  });
  return 0;
});
