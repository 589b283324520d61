/**
 * The composition root: build/refresh the index, open it, build the retriever and the answer functions the
 * configuration asks for. Only the entry points (src/cli/*) and the benchmark import this module.
 *
 * Contracts:
 * - `openPipeline` refuses an index built by another embedder than the configured one (INDEX_MISMATCH).
 * - `LivePipeline` swaps in a new pipeline after an upload or /reindex: answers started before the swap finish on
 *   the pipeline they started on, which is closed (its SQLite handle, vectors and caches released) once the last
 *   of them has finished. `refresh` opens the index again and swaps only when its generation changed; refreshes
 *   run one at a time.
 * - `followIndex` keeps a LivePipeline on the generation CURRENT names, whoever wrote it (another replica's upload,
 *   `npm run ingest`): within INDEX_POLL_MS (index/watch.ts), one info line per generation taken up; a generation
 *   that cannot be opened is logged and the current one kept.
 */
import type { Logger } from 'pino';
import { createExtractiveAnswerer, prepare, type AnswererDeps } from '../answer/answerer.js';
import type { LlmAnswererDeps, StreamAnswerFn } from '../answer/llm.js';
import { LLM_CHECKS } from '../answer/tuning.js';
import type { Config } from '../config/config.js';
import { ingest, type IngestSummary } from '../ingest/ingest.js';
import { openIndex, type IndexSnapshot } from '../index/store.js';
import { watchGeneration, type GenerationWatch } from '../index/watch.js';
import type { IngestProblem } from '../ingest/index.js';
import type { Providers } from '../providers/index.js';
import { createRetriever, type Retriever } from '../retrieve/retriever.js';
import type { Answer, AnswerFn, CorpusInfo } from '../types.js';
import { withArticleDetails } from '../answer/citations.js';
import { rowDate } from '../index/article-rows.js';

export interface RunIngestOptions {
  paths: string[];
  /** Earlier inputs to drop with their articles (see ingest). */
  forget?: string[];
  indexDir: string;
  providers: Providers;
  config: Config;
  logger: Logger;
  /** Show a progress bar (stderr must be a terminal). */
  progress: boolean;
  /** See IngestOptions.lockWaitMs. */
  lockWaitMs?: number;
}

export async function runIngest(o: RunIngestOptions): Promise<IngestSummary> {
  // cli-progress only when a bar is shown (its import costs start-up time).
  const { Presets, SingleBar } = o.progress ? await import('cli-progress') : ({} as typeof import('cli-progress'));
  const bar = o.progress
    ? new SingleBar(
        { format: ' {phase} [{bar}] {value}{total}', hideCursor: true, clearOnComplete: true, stream: process.stderr },
        Presets.shades_classic,
      )
    : null;
  let started = false;
  const summary = await ingest({
    paths: o.paths,
    ...(o.forget?.length ? { forget: o.forget } : {}),
    indexDir: o.indexDir,
    embedder: o.providers.embedder,
    vectorExactMax: o.config.retrieval.vectorExactMax,
    ...(o.lockWaitMs ? { lockWaitMs: o.lockWaitMs } : {}),
    onProgress: (e) => {
      if (!bar) return;
      const total = e.total ?? 0;
      const payload = { phase: e.phase.padEnd(5), total: total ? `/${total}` : e.phase === 'embed' ? ' passages' : ' articles' };
      if (!started) {
        bar.start(total || 1, e.done, payload);
        started = true;
      }
      bar.setTotal(Math.max(total || e.done || 1, 1));
      bar.update(e.done, payload);
    },
    onProblem: (p: IngestProblem) => o.logger.warn({ path: p.path, line: p.line }, p.message),
  }).finally(() => bar?.stop());
  if (summary.rebuiltReason) o.logger.warn(`Rebuilt the whole index because ${summary.rebuiltReason}.`);
  for (const i of summary.instructions) {
    o.logger.warn({ article: i.articleId, text: i.text.slice(0, 300) }, 'instruction-like text aimed at an AI assistant left out of the article');
  }
  return summary;
}

export function describeIngest(s: IngestSummary, indexDir: string): string {
  const change =
    s.added + s.updated + s.removed > 0
      ? `${s.added} added, ${s.updated} updated, ${s.removed} removed, ${s.unchanged} unchanged`
      : `no changes (${s.unchanged} unchanged)`;
  const incomplete = s.incomplete.length ? `, ${s.incomplete.length} not read to the end (previous articles kept)` : '';
  const problems = s.problems.length - s.incomplete.length > 0 ? `, ${s.problems.length - s.incomplete.length} skipped with problems` : '';
  const n = s.instructions.length;
  const flagged = n ? `, ${n} instruction-like sentence${n === 1 ? '' : 's'} aimed at an AI assistant left out` : '';
  const rebuilt = s.rebuiltReason ? `Rebuilt the whole index because ${s.rebuiltReason}. ` : '';
  return `${rebuilt}Indexed ${s.articles} articles (${s.chunks} passages, ${s.vectors ? `${s.vectorKind} vectors` : 'keywords only'}) in ${indexDir}: ${change}${problems}${incomplete}${flagged}; ${(s.ms / 1000).toFixed(1)} s.`;
}

export function corpusInfo(snapshot: IndexSnapshot): CorpusInfo {
  const dates: string[] = [];
  const byUnit = new Map<string, { id: string; label: string; province: string | null; articleCount: number; dates: string[] }>();
  for (const r of snapshot.articles.rows) {
    const date = rowDate(r);
    if (date) dates.push(date);
    const u = r.unit;
    if (!u) continue;
    const entry = byUnit.get(u.id) ?? { id: u.id, label: u.label, province: u.province, articleCount: 0, dates: [] };
    entry.articleCount++;
    entry.province ??= u.province;
    if (date) entry.dates.push(date);
    byUnit.set(u.id, entry);
  }
  const range = (ds: string[]) => {
    const sorted = [...ds].sort();
    return { firstDate: sorted[0] ?? null, lastDate: sorted.at(-1) ?? null };
  };
  return {
    articleCount: snapshot.articles.size,
    ...range(dates),
    units: [...byUnit.values()]
      .map((u) => ({ id: u.id, label: u.label, province: u.province, articleCount: u.articleCount, ...range(u.dates) }))
      .sort((a, b) => a.label.localeCompare(b.label, 'vi', { numeric: true })),
  };
}

export interface Pipeline {
  snapshot: IndexSnapshot;
  retriever: Retriever;
  answer: AnswerFn;
  /** LLM mode only: draft deltas while the model writes, then the verified answer. */
  stream?: StreamAnswerFn;
  corpusInfo: () => CorpusInfo;
}

export async function openPipeline(indexDir: string, providers: Providers, config: Config, logger?: Logger): Promise<Pipeline> {
  const snapshot = await openIndex(indexDir);
  if (snapshot.manifest.embedder.id !== providers.embedder.id) {
    const { AppError } = await import('../errors.js');
    throw new AppError(
      'INDEX_MISMATCH',
      `The index in ${indexDir} was built with ${snapshot.manifest.embedder.id}; the configuration uses ${providers.embedder.id}.`,
      {
        hint:
          'Rebuild it with: npm run ingest (npm start does this automatically)' +
          (snapshot.manifest.embedder.id.startsWith('local-') ? ', or set LLM_EMBEDDINGS=off to keep the offline index.' : '.'),
      },
    );
  }
  const embedder = providers.embedder;
  const retriever = createRetriever(snapshot, { embedQuery: (text) => embedder.embedQuery(text) });
  const deps: AnswererDeps = { retriever, topK: config.retrieval.topK };
  // Every answer's citations carry their article's outlet and publication date (the sources block shows them).
  const details = (a: Answer) => withArticleDetails(a, (id) => snapshot.articles.get(id));
  const detailed = (fn: AnswerFn): AnswerFn => async (question, context) => details(await fn(question, context));
  const extractive = createExtractiveAnswerer(deps);
  // Computed on first use (/start, /quan, the chat's greeting), not before the first answer.
  let info: CorpusInfo | null = null;
  const corpusInfoOnce = () => (info ??= corpusInfo(snapshot));
  if (!providers.chat) return { snapshot, retriever, answer: detailed(extractive), corpusInfo: corpusInfoOnce };

  // LLM mode: same retrieval (prepare), the extractive answer as the fallback of every question. Its modules load only
  // here (start-up time offline).
  const [{ createLlmAnswerer, createLlmStreamer }, { loadPrompts }] = await Promise.all([import('../answer/llm.js'), import('../answer/prompts.js')]);
  const llm: LlmAnswererDeps = {
    prepare: (question, context) => prepare(deps, question, context),
    chat: providers.chat,
    prompts: await loadPrompts(),
    timeoutMs: config.openai.timeoutMs,
    maxReplyChars: config.openai.maxTokens * LLM_CHECKS.replyCharsPerToken,
    articleChunks: (articleId) => retriever.chunksOf(articleId),
    cards: retriever,
    ...(logger ? { logger } : {}),
  };
  const streamer = createLlmStreamer(llm);
  const stream: StreamAnswerFn = (question, context) => {
    const streamed = streamer(question, context);
    return { ...streamed, final: streamed.final.then(details) };
  };
  return { snapshot, retriever, answer: detailed(createLlmAnswerer(llm)), stream, corpusInfo: corpusInfoOnce };
}

/** A pipeline that can be swapped after an admin upload or /reindex (see the module contract). */
export class LivePipeline {
  private current: Pipeline;
  private readonly inFlight = new Map<Pipeline, number>();
  private readonly retired = new Set<Pipeline>();

  constructor(initial: Pipeline) {
    this.current = initial;
  }

  get pipeline(): Pipeline {
    return this.current;
  }

  /** Makes `next` current; the previous pipeline closes when its answers in flight are done. */
  swap(next: Pipeline): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    this.retired.add(previous);
    this.closeIfIdle(previous);
  }

  private closeIfIdle(p: Pipeline): void {
    if (!this.retired.has(p) || (this.inFlight.get(p) ?? 0) > 0) return;
    this.retired.delete(p);
    this.inFlight.delete(p);
    p.snapshot.close();
  }

  /** Runs `fn` on the current pipeline, holding it open until the returned promise settles. */
  private use<T>(fn: (p: Pipeline) => Promise<T>): Promise<T> {
    const p = this.current;
    this.inFlight.set(p, (this.inFlight.get(p) ?? 0) + 1);
    const release = () => {
      this.inFlight.set(p, (this.inFlight.get(p) ?? 1) - 1);
      this.closeIfIdle(p);
    };
    let result: Promise<T>;
    try {
      result = fn(p);
    } catch (error) {
      release();
      throw error;
    }
    return result.finally(release);
  }

  answer: AnswerFn = (q, ctx) => this.use((p) => p.answer(q, ctx));

  /** The current pipeline's streaming answer; its plain answer when it has none (offline). */
  stream: StreamAnswerFn = (q, ctx) => {
    let deltas: ReadableStream<string> = new ReadableStream({ start: (c) => c.close() });
    const final = this.use((p) => {
      if (!p.stream) return p.answer(q, ctx);
      const streamed = p.stream(q, ctx);
      deltas = streamed.deltas;
      return streamed.final;
    });
    return { deltas, final };
  };

  private refreshing: Promise<unknown> = Promise.resolve();

  /** Opens a pipeline with `open` and swaps it in when its generation is not the live one (else closes it). */
  refresh(open: () => Promise<Pipeline>): Promise<boolean> {
    const run = this.refreshing.then(async () => {
      const next = await open();
      if (next.snapshot.manifest.generation === this.current.snapshot.manifest.generation) {
        next.snapshot.close();
        return false;
      }
      this.swap(next);
      return true;
    });
    this.refreshing = run.catch(() => undefined);
    return run;
  }

  /** Closes the current pipeline (at shutdown, after the answers in flight). */
  close(): void {
    this.retired.add(this.current);
    this.closeIfIdle(this.current);
  }
}

/** Keeps `live` on the index generation CURRENT names (see the module contract). */
export function followIndex(live: LivePipeline, indexDir: string, open: () => Promise<Pipeline>, logger: Logger, o: { pollMs?: number } = {}): GenerationWatch {
  return watchGeneration(
    indexDir,
    async (generation) => {
      if (await live.refresh(open)) {
        logger.info({ generation, articles: live.pipeline.snapshot.articles.size }, 'answering from a new index generation');
      }
    },
    {
      initial: live.pipeline.snapshot.manifest.generation,
      ...(o.pollMs ? { pollMs: o.pollMs } : {}),
      onError: (error) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not open the new index generation; keeping the current one'),
    },
  );
}
