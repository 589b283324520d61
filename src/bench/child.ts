/**
 * One benchmark phase in its own process (so its time and peak RSS are its own), spawned by run.ts:
 *   node --import tsx src/bench/child.ts <job.json>
 * Prints exactly one line `{"bench": …result}` on stdout at the end; logs go to stderr.
 *
 * Jobs:
 * - ingest:   ingest(paths → indexDir) with the configured (offline) embedder.
 * - answer:   open the pipeline, warm up, then answer every question once: per-question wall ms of the whole answer
 *             function, and of retrieval alone (plan + query vector + hybrid retrieve), for the same questions.
 * - bot:      open the pipeline, then run the Telegram bot against the Bot API emulator (telegram-test-api, loopback)
 *             with `chats` concurrent private chats, each asking `perChat` questions in turn (src/bench/bot-load.ts).
 * - baseline: the LangChain.js tutorial pipeline over the same documents, with eval's settings and passage text
 *             (src/eval/baseline.ts BASELINE_SETTINGS 1000/200, k 5; baselineText): RecursiveCharacterTextSplitter
 *             + the stock @langchain/community BM25Retriever, questions answered by retrieval only.
 */
import { readFile } from 'node:fs/promises';
import type { Document } from '@langchain/core/documents';
import { loadConfig } from '../config/config.js';
import { createProviders } from '../providers/index.js';
import type { Turn } from '../types.js';
import type { BenchQuestion } from './inputs.js';
// Each job imports only what it runs (dynamic imports below), so a phase's peak RSS is that of a process doing just
// that: the answer job holds what an answering process holds, not the baseline's LangChain modules or the emulator.

export type BenchJob =
  | { kind: 'ingest'; paths: string[]; indexDir: string }
  | { kind: 'answer'; indexDir: string; questions: BenchQuestion[]; warmup: number }
  | { kind: 'bot'; indexDir: string; questions: string[]; chats: number; perChat: number }
  | { kind: 'baseline'; paths: string[]; questions: BenchQuestion[] };

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
/** Peak resident set size of this process so far, in MB (resourceUsage reports kilobytes). */
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

async function runIngest(job: Extract<BenchJob, { kind: 'ingest' }>) {
  const { ingest } = await import('../ingest/ingest.js');
  const config = loadConfig();
  const providers = createProviders(config);
  const cpu = process.cpuUsage();
  const summary = await ingest({
    paths: job.paths,
    indexDir: job.indexDir,
    embedder: providers.embedder,
    vectorExactMax: config.retrieval.vectorExactMax,
  });
  return { summary: { ...summary, problems: summary.problems.length }, ms: summary.ms, cpuMs: cpuMs(process.cpuUsage(cpu)), peakRssMb: peakRssMb() };
}

async function runAnswer(job: Extract<BenchJob, { kind: 'answer' }>) {
  const { openPipeline } = await import('../app/pipeline.js');
  const { planQuery } = await import('../retrieve/query/plan.js');
  const config = loadConfig();
  const providers = createProviders(config);
  let t = performance.now();
  const pipeline = await openPipeline(job.indexDir, providers, config);
  const openMs = performance.now() - t;
  // Follow-ups: the turns of their earlier questions, asked once before anything is timed.
  const histories = new Map<BenchQuestion, Turn[]>();
  const turnsOf = async (q: BenchQuestion): Promise<Turn[]> => {
    const turns: Turn[] = [];
    for (const c of q.context ?? []) {
      const a = await pipeline.answer(c, { history: turns });
      if (a.turn) turns.push(a.turn);
    }
    return turns;
  };
  const ask = (q: BenchQuestion) => pipeline.answer(q.question, { history: histories.get(q) ?? [] });
  t = performance.now();
  await ask(job.questions[0]!);
  const firstAnswerMs = performance.now() - t;
  for (const q of job.questions) if (q.context?.length) histories.set(q, await turnsOf(q));
  for (let i = 0; i < Math.min(job.warmup, job.questions.length); i++) await ask(job.questions[i]!);
  const answerMs: number[] = [];
  let grounded = 0;
  const cpu = process.cpuUsage();
  for (const q of job.questions) {
    const t0 = performance.now();
    const a = await ask(q);
    answerMs.push(performance.now() - t0);
    if (a.grounded) grounded++;
  }
  const answerCpuMs = cpuMs(process.cpuUsage(cpu)) / job.questions.length;
  // Retrieval alone (what the index serves): plan, query vector, hybrid retrieval.
  const retrievalMs: number[] = [];
  for (const q of job.questions) {
    const t0 = performance.now();
    const plan = planQuery(q.question);
    const vector = await providers.embedder.embedQuery(plan.text);
    pipeline.retriever.retrieveWith(plan, vector, { k: config.retrieval.topK });
    retrievalMs.push(performance.now() - t0);
  }
  return {
    openMs,
    firstAnswerMs,
    answerMs,
    retrievalMs,
    answerCpuMs,
    grounded,
    chunks: pipeline.snapshot.manifest.chunkCount,
    rssMb: process.memoryUsage().rss / 1024 / 1024,
    peakRssMb: peakRssMb(),
  };
}

async function runBot(job: Extract<BenchJob, { kind: 'bot' }>) {
  const { openPipeline } = await import('../app/pipeline.js');
  const { measureBotThroughput } = await import('./bot-load.js');
  const config = loadConfig();
  const providers = createProviders(config);
  const pipeline = await openPipeline(job.indexDir, providers, config);
  const cpu = process.cpuUsage();
  const result = await measureBotThroughput(pipeline.answer, {
    chats: job.chats,
    questionsPerChat: job.perChat,
    questions: job.questions,
    timeoutMs: 300_000,
  });
  return { ...result, cpuMs: cpuMs(process.cpuUsage(cpu)), peakRssMb: peakRssMb() };
}

async function runBaseline(job: Extract<BenchJob, { kind: 'baseline' }>) {
  const { BM25Retriever } = await import('@langchain/community/retrievers/bm25');
  const { RecursiveCharacterTextSplitter } = await import('@langchain/textsplitters');
  const { BASELINE_SETTINGS, baselineText } = await import('../eval/baseline.js');
  const { loadDocuments } = await import('../ingest/index.js');
  const cpu = process.cpuUsage();
  let t = performance.now();
  const docs: Array<{ id: string; text: string }> = [];
  for await (const d of loadDocuments(job.paths)) docs.push({ id: d.id, text: baselineText({ id: d.id, title: d.title ?? '', text: d.text }) });
  const loadMs = performance.now() - t;
  t = performance.now();
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: BASELINE_SETTINGS.chunkSize, chunkOverlap: BASELINE_SETTINGS.chunkOverlap });
  const passages: Document[] = [];
  for (const d of docs) passages.push(...(await splitter.createDocuments([d.text], [{ articleId: d.id }])));
  const splitMs = performance.now() - t;
  t = performance.now();
  // The stock retriever, as the tutorial uses it (eval's IndexedBM25Retriever gives the same ranking faster).
  const retriever = BM25Retriever.fromDocuments(passages, { k: BASELINE_SETTINGS.k });
  const buildMs = performance.now() - t;
  const buildCpuMs = cpuMs(process.cpuUsage(cpu));
  const answerMs: number[] = [];
  for (const q of job.questions) {
    const t0 = performance.now();
    await retriever.invoke(q.question);
    answerMs.push(performance.now() - t0);
  }
  return { articles: docs.length, passages: passages.length, loadMs, splitMs, buildMs, buildCpuMs, answerMs, peakRssMb: peakRssMb() };
}

async function main(): Promise<void> {
  const job = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as BenchJob;
  const result =
    job.kind === 'ingest'
      ? await runIngest(job)
      : job.kind === 'answer'
        ? await runAnswer(job)
        : job.kind === 'bot'
          ? await runBot(job)
          : await runBaseline(job);
  process.stdout.write(`${JSON.stringify({ bench: result })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
