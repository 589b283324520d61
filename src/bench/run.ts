/**
 * `npm run bench`: ingest, re-ingest, one new article, warm answer latency, questions per second through the bot
 * (50 concurrent chats against the Bot API emulator), bot start → first answer, peak RSS, and the LangChain tutorial
 * baseline on the same corpus and questions, against the targets of issue 6.
 *
 * Contracts:
 * - Every phase runs in its own child process (child.ts, from its build in dist/ as `npm start` runs the bot: no
 *   TypeScript loader in the measured process), so times include nothing of the other phases and each peak RSS is
 *   that phase's own; the index lives in a temp directory removed at the end (unless `keep`).
 * - Inputs: the bundled articles (data/articles) + every corpus found (default ../shared/corpus); questions:
 *   eval/questions.jsonl + every question set found (ViQuAD dev). The baseline answers a deterministic sample
 *   of `baselineQuestions` of them (the stock BM25Retriever scans every passage per question).
 * - `index`: an already built index is used as is instead of ingesting (the ingest phases are skipped, and
 *   start → first answer runs with INDEX_READ_ONLY=true so that index is never written).
 * - `skip`: phases left out (their rows print "–", their verdicts are absent); `cpuProfDir`: every child
 *   process writes a V8 CPU profile there (node --cpu-prof).
 * - Writes the full result as JSON under bench/reports/ and returns it; prints a table.
 * - Failure modes: missing inputs → AppError INPUT_UNREADABLE with a hint; a failed phase → AppError naming it.
 */
import { spawn } from 'node:child_process';
import { ensureBuilt } from '../../scripts/build.mjs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors.js';
import { renderTable } from '../eval/metrics.js';
import type { BotLoadResult } from './bot-load.js';
import type { BenchJob } from './child.js';
import { discoverInputs, loadQuestions, type BenchQuestion } from './inputs.js';
import { runScale, type ScaleRow } from './scale.js';
import { fmt, median, percentiles, type Percentiles } from './stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_CORPUS_DIR = path.join(ROOT, '..', 'shared', 'corpus');

export const TARGETS = {
  coldIngestS: 60,
  unchangedReingestS: 5,
  oneArticleS: 2,
  p50Ms: 10,
  p95Ms: 50,
  startToAnswerS: 1.5,
  peakRssMb: 1536,
  baselineRatio: 20,
} as const;

export const BENCH_PHASES = ['ingest', 'answers', 'bot', 'start', 'baseline'] as const;
/** Concurrent chats and questions per chat of the bot phase. */
export const BOT_CHATS = 50;
export const BOT_QUESTIONS_PER_CHAT = 10;
export type BenchPhase = (typeof BENCH_PHASES)[number];

export interface BenchOptions {
  corpora: string[];
  /** A built index to measure instead of ingesting into a temporary one (never written). */
  index?: string;
  skip?: BenchPhase[];
  /** Folder for V8 CPU profiles of the child processes. */
  cpuProfDir?: string;
  questionFiles: string[];
  /** Questions the (slow) stock baseline answers; 0 skips the baseline. */
  baselineQuestions: number;
  startRuns: number;
  keep: boolean;
  outDir: string;
  log: (line: string) => void;
}

const baseEnv = { ...process.env, LOG_LEVEL: 'warn', OPENAI_API_KEY: '', LLM_CHAT: 'off', LLM_EMBEDDINGS: 'off', TELEGRAM_BOT_TOKEN: '', DATA_PATHS: '' };

/**
 * V8 flags of the answering process, as `npm start` (package.json), the systemd unit and deploy/start-replicas.sh
 * run it: a young generation of 8 MB semi-spaces instead of 16, and the old generation grown by 20% after each major
 * collection instead of V8's dynamic factor (peak RSS answering the bench's questions −50 and −40 MB, each at the same
 * CPU per answer; docs/tuning.md). The answer and bot phases run with them; ingest as `npm run ingest` does.
 */
export const ANSWERING_NODE_FLAGS = ['--max-semi-space-size=8', '--heap-growing-percent=20'] as const;

/** Runs one child job; resolves with its result and wall time (process start to exit). */
async function child<T>(job: BenchJob, work: string, name: string, cpuProfDir?: string): Promise<T & { wallMs: number }> {
  const jobFile = path.join(work, `${name}.json`);
  await writeFile(jobFile, JSON.stringify(job));
  const started = performance.now();
  const prof = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', path.join(path.resolve(cpuProfDir), name)] : [];
  const entry = path.join(await ensureBuilt(ROOT), 'bench', 'child.js');
  return new Promise((resolve, reject) => {
    const flags = job.kind === 'answer' || job.kind === 'bot' ? ANSWERING_NODE_FLAGS : [];
    const p = spawn(process.execPath, [...prof, ...flags, entry, jobFile], {
      cwd: ROOT,
      env: baseEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) => {
      const wallMs = performance.now() - started;
      const line = out.split('\n').find((l) => l.startsWith('{"bench":'));
      if (code !== 0 || !line) {
        reject(new AppError('INDEX_CORRUPT', `Benchmark phase "${name}" failed (exit ${code}): ${err.trim().split('\n').slice(-3).join(' ')}`, { hint: 'Run it again with LOG_LEVEL=debug.' }));
        return;
      }
      resolve({ ...(JSON.parse(line) as { bench: T }).bench, wallMs });
    });
  });
}

/**
 * `npm start` as a user runs it (terminal chat, one piped question): ms from spawn to the first byte of the answer,
 * and to exit. npm's own start-up is part of it.
 */
async function startToFirstAnswer(indexDir: string, question: string, readOnly: boolean): Promise<{ firstAnswerMs: number; exitMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const env = { ...baseEnv, INDEX_DIR: indexDir, ...(readOnly ? { INDEX_READ_ONLY: 'true' } : {}) };
    const p = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['start', '--silent'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let first = NaN;
    let err = '';
    p.stdout.on('data', () => {
      if (Number.isNaN(first)) first = performance.now() - started;
    });
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) => {
      if (code !== 0 || Number.isNaN(first)) reject(new AppError('INDEX_CORRUPT', `npm start failed (exit ${code}): ${err.trim().slice(-300)}`, { hint: 'Run it by hand with the printed INDEX_DIR.' }));
      else resolve({ firstAnswerMs: first, exitMs: performance.now() - started });
    });
    p.stdin.end(`${question}\n`);
  });
}

interface IngestResult {
  summary: { articles: number; chunks: number; added: number; updated: number; removed: number; unchanged: number; written: boolean; vectorKind: string; problems: number };
  ms: number;
  cpuMs: number;
  peakRssMb: number;
  wallMs: number;
}
interface AnswerResult {
  openMs: number;
  firstAnswerMs: number;
  answerMs: number[];
  retrievalMs: number[];
  answerCpuMs: number;
  grounded: number;
  chunks: number;
  rssMb: number;
  peakRssMb: number;
  wallMs: number;
}
interface BaselineResult {
  articles: number;
  passages: number;
  loadMs: number;
  splitMs: number;
  buildMs: number;
  buildCpuMs: number;
  answerMs: number[];
  peakRssMb: number;
  wallMs: number;
}

export interface BotResult extends BotLoadResult {
  cpuMs: number;
  peakRssMb: number;
  wallMs: number;
}

export interface BenchReport {
  startedAt: string;
  machine: { cpus: number; loadAverageAtStart: number[]; loadAverageAtEnd: number[]; node: string };
  inputs: { corpora: string[]; questionSets: string[]; questions: number; index?: string };
  /** Phases not run (their fields are null, their verdicts absent). */
  skipped: BenchPhase[];
  ingest: { cold: IngestResult; unchanged: IngestResult; oneArticle: IngestResult } | null;
  answers: (Omit<AnswerResult, 'answerMs' | 'retrievalMs'> & { latency: Percentiles; retrieval: Percentiles }) | null;
  /** The bot phase (src/bench/bot-load.ts BotLoadResult + CPU and peak RSS of its process). */
  bot: BotResult | null;
  start: { runs: Array<{ firstAnswerMs: number; exitMs: number }>; medianFirstAnswerMs: number } | null;
  baseline: (Omit<BaselineResult, 'answerMs'> & { latency: Percentiles; questions: number }) | null;
  /**
   * Per question: baseline latency / ours. Bot: our questions per second through the bot / the baseline's best
   * possible rate through any bot (1000 / its mean ms per question: it answers one question at a time on one core),
   * an estimate, not a run (the stock retriever takes seconds per question).
   */
  ratios: { perQuestionP50: number | null; perQuestionMean: number | null; botThroughput: number | null } | null;
  peakRssMb: number;
  targets: typeof TARGETS;
  verdicts: Record<string, boolean>;
}

/**
 * The scale curve (scale.ts): the bench's corpora and questions at each of `factors` sizes, cold-ingested and
 * answered in child processes.
 */
export async function runScaleBench(o: Pick<BenchOptions, 'corpora' | 'questionFiles' | 'outDir' | 'log' | 'cpuProfDir'> & { factors: number[] }): Promise<ScaleRow[]> {
  const inputs = await discoverInputs(o.corpora);
  const questions = await loadQuestions([path.join(ROOT, 'eval', 'questions.jsonl'), ...o.questionFiles, ...inputs.questionSets]);
  const work = await mkdtemp(path.join(tmpdir(), 'dangbo-bench-'));
  try {
    o.log(`Scale curve ${o.factors.map((f) => `${f}×`).join(', ')} of ${inputs.corpora.map((c) => path.basename(c)).join(', ')} + data/articles; ${questions.length} questions`);
    return await runScale({
      sources: [path.join(ROOT, 'data', 'articles'), ...inputs.corpora],
      factors: o.factors,
      questions,
      outDir: o.outDir,
      log: o.log,
      run: (job, name) => child(job, work, name, o.cpuProfDir),
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Every `step`-th question so that `n` of them are taken, spread over all sets. */
function sample<T>(items: T[], n: number): T[] {
  if (n >= items.length) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]!);
}

export async function runBench(o: BenchOptions): Promise<BenchReport> {
  const skip = new Set<BenchPhase>(o.skip ?? []);
  if (o.baselineQuestions <= 0) skip.add('baseline');
  if (o.index) {
    skip.add('ingest');
    if (!(await stat(o.index).catch(() => null))?.isDirectory()) {
      throw new AppError('INPUT_UNREADABLE', `No index folder at ${path.resolve(o.index)}.`, { hint: 'Pass a folder built by npm run ingest or npm run eval -- --index DIR.' });
    }
  }
  const inputs = await discoverInputs(o.corpora);
  const questions: BenchQuestion[] = await loadQuestions([path.join(ROOT, 'eval', 'questions.jsonl'), ...o.questionFiles, ...inputs.questionSets]);
  if (questions.length < 500) o.log(`Note: only ${questions.length} questions found (the target is measured over at least 500).`);
  const work = await mkdtemp(path.join(tmpdir(), 'dangbo-bench-'));
  const indexDir = o.index ? path.resolve(o.index) : path.join(work, 'index');
  const extraDir = path.join(work, 'new-articles');
  await mkdir(extraDir);
  const paths = [path.join(ROOT, 'data', 'articles'), ...inputs.corpora, extraDir];
  const startedAt = new Date().toISOString();
  const loadStart = loadavg();
  const run = <T>(job: BenchJob, name: string) => child<T>(job, work, name, o.cpuProfDir);
  try {
    o.log(`Corpora: ${inputs.corpora.map((c) => path.basename(c)).join(', ')}; ${questions.length} questions; work dir ${work}${o.index ? `; index ${indexDir} (as is)` : ''}`);
    let ingest: BenchReport['ingest'] = null;
    if (!skip.has('ingest')) {
      o.log('1/7 cold ingest …');
      const cold = await run<IngestResult>({ kind: 'ingest', paths, indexDir }, 'ingest-cold');
      o.log(`    ${cold.summary.articles} articles, ${cold.summary.chunks} passages in ${fmt(cold.ms / 1000)} s`);
      o.log('2/7 unchanged re-ingest …');
      const unchanged = await run<IngestResult>({ kind: 'ingest', paths, indexDir }, 'ingest-unchanged');
      o.log('3/7 one new article …');
      await writeFile(
        path.join(extraDir, 'hoi-nghi-moi.txt'),
        'Thứ Hai, ngày 6 tháng 5 năm 2024\n\nHội nghị Ban Chấp hành Đảng bộ Quận 3 lần thứ 21\n\n' +
          'Chiều 6/5, Quận ủy Quận 3 tổ chức Hội nghị Ban Chấp hành Đảng bộ quận lần thứ 21. Đồng chí Nguyễn Thanh Xuân, ' +
          'Bí thư Quận ủy chủ trì hội nghị. Trong quý I, quận kết nạp 87 đảng viên, thu ngân sách đạt 31,5% dự toán.\n',
      );
      const oneArticle = await run<IngestResult>({ kind: 'ingest', paths, indexDir }, 'ingest-one');
      ingest = { cold, unchanged, oneArticle };
    } else {
      o.log('1–3/7 ingest skipped');
    }
    let answers: AnswerResult | null = null;
    if (!skip.has('answers')) {
      o.log(`4/7 warm answers (${questions.length} questions) …`);
      answers = await run<AnswerResult>({ kind: 'answer', indexDir, questions, warmup: 50 }, 'answers');
    } else {
      o.log('4/7 answers skipped');
    }
    let bot: BotResult | null = null;
    if (!skip.has('bot')) {
      o.log(`5/7 bot throughput (${BOT_CHATS} chats × ${BOT_QUESTIONS_PER_CHAT} questions, Bot API emulator) …`);
      const asked = questions.filter((q) => !q.context?.length).map((q) => q.question);
      bot = await run<BotResult>({ kind: 'bot', indexDir, questions: asked, chats: BOT_CHATS, perChat: BOT_QUESTIONS_PER_CHAT }, 'bot');
    } else {
      o.log('5/7 bot skipped');
    }
    const runs: Array<{ firstAnswerMs: number; exitMs: number }> = [];
    if (!skip.has('start')) {
      o.log(`6/7 start → first answer (${o.startRuns} runs) …`);
      for (let i = 0; i < o.startRuns; i++) runs.push(await startToFirstAnswer(indexDir, 'Ai chủ trì Hội nghị lần thứ 8 Quận 8?', Boolean(o.index)));
    } else {
      o.log('6/7 start skipped');
    }
    let baseline: BenchReport['baseline'] = null;
    let baselineAnswers: number[] = [];
    if (!skip.has('baseline')) {
      const asked = sample(questions, o.baselineQuestions);
      o.log(`7/7 LangChain tutorial baseline (${asked.length} questions) …`);
      const b = await run<BaselineResult>({ kind: 'baseline', paths, questions: asked }, 'baseline');
      baselineAnswers = b.answerMs;
      const { answerMs: _answerMs, ...rest } = b;
      baseline = { ...rest, latency: percentiles(b.answerMs), questions: asked.length };
    } else {
      o.log('7/7 baseline skipped');
    }
    let answersReport: BenchReport['answers'] = null;
    if (answers) {
      const { answerMs, retrievalMs, ...answerRest } = answers;
      answersReport = { ...answerRest, latency: percentiles(answerMs), retrieval: percentiles(retrievalMs) };
    }
    const latency = answersReport?.latency ?? null;
    const peaks = [ingest?.cold.peakRssMb, ingest?.unchanged.peakRssMb, ingest?.oneArticle.peakRssMb, answers?.peakRssMb, bot?.peakRssMb].filter((x): x is number => x !== undefined);
    const peakRssMb = peaks.length ? Math.max(...peaks) : NaN;
    const base = baseline?.latency.n ? baseline.latency : null;
    const ratios =
      base && (latency || bot)
        ? {
            perQuestionP50: latency ? base.p50 / latency.p50 : null,
            perQuestionMean: latency ? base.mean / latency.mean : null,
            botThroughput: bot ? bot.questionsPerSecond / (1000 / base.mean) : null,
          }
        : null;
    const medianStart = runs.length ? median(runs.map((r) => r.firstAnswerMs)) : NaN;
    const verdicts: Record<string, boolean> = {};
    if (ingest) {
      verdicts.coldIngest = ingest.cold.ms / 1000 <= TARGETS.coldIngestS;
      verdicts.unchangedReingest = ingest.unchanged.ms / 1000 <= TARGETS.unchangedReingestS;
      verdicts.oneArticle = ingest.oneArticle.ms / 1000 <= TARGETS.oneArticleS;
    }
    if (latency) {
      verdicts.p50 = latency.p50 <= TARGETS.p50Ms;
      verdicts.p95 = latency.p95 <= TARGETS.p95Ms;
    }
    if (runs.length) verdicts.startToAnswer = medianStart / 1000 <= TARGETS.startToAnswerS;
    if (peaks.length) verdicts.peakRss = peakRssMb <= TARGETS.peakRssMb;
    if (ratios?.perQuestionP50 != null) verdicts.baselineRatio = ratios.perQuestionP50 >= TARGETS.baselineRatio;
    if (bot) verdicts.botAllAnswered = bot.answered === bot.questions && bot.duplicates === 0 && bot.outOfOrderChats === 0;
    const report: BenchReport = {
      startedAt,
      machine: { cpus: availableParallelism(), loadAverageAtStart: loadStart, loadAverageAtEnd: loadavg(), node: process.version },
      inputs: { corpora: inputs.corpora, questionSets: inputs.questionSets, questions: questions.length, ...(o.index ? { index: indexDir } : {}) },
      skipped: [...skip],
      ingest,
      answers: answersReport,
      bot,
      start: runs.length ? { runs, medianFirstAnswerMs: medianStart } : null,
      baseline,
      ratios,
      peakRssMb,
      targets: TARGETS,
      verdicts,
    };
    await mkdir(o.outDir, { recursive: true });
    const file = path.join(o.outDir, `bench-${startedAt.replace(/[:.]/g, '-')}.json`);
    await writeFile(file, JSON.stringify({ ...report, raw: { answerMs: answers?.answerMs ?? [], retrievalMs: answers?.retrievalMs ?? [], baselineMs: baselineAnswers } }, null, 2));
    o.log(formatReport(report));
    o.log(`\nReport: ${path.relative(process.cwd(), file)}${o.keep && !o.index ? `\nIndex kept in ${indexDir}` : ''}`);
    return report;
  } finally {
    if (!o.keep) await rm(work, { recursive: true, force: true });
  }
}

export function formatReport(r: BenchReport): string {
  const ok = (v: boolean | undefined) => (v === undefined ? '' : v ? 'ok' : 'MISS');
  const s = (ms: number) => `${fmt(ms / 1000, 2)} s`;
  const ing = (x: IngestResult | undefined) => (x ? `${s(x.ms)} (process ${s(x.wallMs)}, CPU ${s(x.cpuMs)})` : '–');
  const a = r.answers;
  const rows: string[][] = [
    [`cold ingest (${r.ingest ? `${r.ingest.cold.summary.articles} articles, ${r.ingest.cold.summary.chunks} passages` : 'skipped'})`, ing(r.ingest?.cold), `≤ ${TARGETS.coldIngestS} s`, ok(r.verdicts.coldIngest)],
    ['re-ingest, nothing changed', ing(r.ingest?.unchanged), `≤ ${TARGETS.unchangedReingestS} s`, ok(r.verdicts.unchangedReingest)],
    ['re-ingest, one new article', ing(r.ingest?.oneArticle), `≤ ${TARGETS.oneArticleS} s`, ok(r.verdicts.oneArticle)],
    [
      `answer latency, warm (${a ? a.latency.n : 0} questions)`,
      a ? `p50 ${fmt(a.latency.p50)} · p95 ${fmt(a.latency.p95)} · p99 ${fmt(a.latency.p99)} ms` : '–',
      `p50 ≤ ${TARGETS.p50Ms}, p95 ≤ ${TARGETS.p95Ms} ms`,
      a ? ok(r.verdicts.p50 && r.verdicts.p95) : '',
    ],
    ['  of which retrieval (plan + vector + hybrid)', a ? `p50 ${fmt(a.retrieval.p50)} · p95 ${fmt(a.retrieval.p95)} · p99 ${fmt(a.retrieval.p99)} ms` : '–', '', ''],
    ['  answer CPU per question', a ? `${fmt(a.answerCpuMs)} ms` : '–', '', ''],
    ['open index (in process) / first answer', a ? `${fmt(a.openMs, 0)} ms / ${fmt(a.firstAnswerMs, 0)} ms` : '–', '', ''],
    [
      `bot: ${r.bot ? `${r.bot.chats} chats × ${r.bot.questions / r.bot.chats} questions` : 'skipped'} (emulator)`,
      r.bot
        ? `${fmt(r.bot.questionsPerSecond)} q/s · p50 ${fmt(r.bot.latencyMs?.p50, 0)} ms · ${r.bot.answered}/${r.bot.questions} answered once, in order`
        : '–',
      'all answered once, in order',
      ok(r.verdicts.botAllAnswered),
    ],
    [
      `start → first answer (npm start, median of ${r.start?.runs.length ?? 0})`,
      r.start ? s(r.start.medianFirstAnswerMs) : '–',
      `≤ ${TARGETS.startToAnswerS} s`,
      ok(r.verdicts.startToAnswer),
    ],
    [
      'peak RSS (cold ingest / answers / bot)',
      `${fmt(r.ingest?.cold.peakRssMb, 0)} / ${fmt(a?.peakRssMb, 0)} / ${fmt(r.bot?.peakRssMb, 0)} MB`,
      `≤ ${TARGETS.peakRssMb} MB`,
      ok(r.verdicts.peakRss),
    ],
  ];
  if (r.baseline && r.ratios) {
    rows.push(
      [`LangChain baseline: build (${r.baseline.passages} passages)`, `${s(r.baseline.loadMs + r.baseline.splitMs + r.baseline.buildMs)} (process ${s(r.baseline.wallMs)})`, '', ''],
      [`LangChain baseline: per question (${r.baseline.questions} questions)`, `p50 ${fmt(r.baseline.latency.p50, 0)} · p95 ${fmt(r.baseline.latency.p95, 0)} ms`, '', ''],
      ['LangChain baseline: peak RSS', `${fmt(r.baseline.peakRssMb, 0)} MB`, '', ''],
      ['faster per question than the baseline (p50 / mean)', `${fmt(r.ratios.perQuestionP50, 0)}× / ${fmt(r.ratios.perQuestionMean, 0)}×`, `≥ ${TARGETS.baselineRatio}×`, ok(r.verdicts.baselineRatio)],
    );
    if (r.ratios.botThroughput != null) {
      rows.push(['bot q/s vs the baseline’s best (1000 / its mean ms, estimated)', `${fmt(r.ratios.botThroughput, 0)}×`, '', '']);
    }
  }
  const skipped = r.skipped?.length ? `; skipped: ${r.skipped.join(', ')}` : '';
  const load = `load average ${r.machine.loadAverageAtStart.map((x) => x.toFixed(1)).join(' ')} → ${r.machine.loadAverageAtEnd.map((x) => x.toFixed(1)).join(' ')} on ${r.machine.cpus} CPUs`;
  return `\n${renderTable(['measure', 'value', 'target', ''], rows)}\n(${load}${skipped}; wall times include waiting for the CPU when the machine is shared)`;
}
