/**
 * Shared wiring for the entry points: build/refresh the index, open it, and make the answer function.
 * Only src/cli/* imports this module.
 */
import { Presets, SingleBar } from 'cli-progress';
import type { Logger } from 'pino';
import { createExtractiveAnswerer, prepare, type AnswererDeps } from '../answer/answerer.js';
import { createLlmAnswerer, createLlmStreamer, type LlmAnswererDeps, type StreamAnswerFn } from '../answer/llm.js';
import { loadPrompts } from '../answer/prompts.js';
import type { Config } from '../config/config.js';
import { ingest, type IngestSummary } from '../ingest/ingest.js';
import { openIndex, type IndexSnapshot } from '../index/store.js';
import type { IngestProblem } from '../ingest/index.js';
import type { Providers } from '../providers/index.js';
import type { AnswerFn, Chunk, CorpusInfo } from '../types.js';

export interface RunIngestOptions {
  paths: string[];
  indexDir: string;
  providers: Providers;
  config: Config;
  logger: Logger;
  /** Show a progress bar (stderr must be a terminal). */
  progress: boolean;
}

export async function runIngest(o: RunIngestOptions): Promise<IngestSummary> {
  const bar = o.progress
    ? new SingleBar(
        { format: ' {phase} [{bar}] {value}{total}', hideCursor: true, clearOnComplete: true, stream: process.stderr },
        Presets.shades_classic,
      )
    : null;
  let started = false;
  const summary = await ingest({
    paths: o.paths,
    indexDir: o.indexDir,
    embedder: o.providers.embedder,
    vectorExactMax: o.config.retrieval.vectorExactMax,
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
  return summary;
}

export function describeIngest(s: IngestSummary, indexDir: string): string {
  const change =
    s.added + s.updated + s.removed > 0
      ? `${s.added} added, ${s.updated} updated, ${s.removed} removed, ${s.unchanged} unchanged`
      : `no changes (${s.unchanged} unchanged)`;
  const problems = s.problems.length ? `, ${s.problems.length} skipped with problems` : '';
  const rebuilt = s.rebuiltReason ? `Rebuilt the whole index because ${s.rebuiltReason}. ` : '';
  return `${rebuilt}Indexed ${s.articles} articles (${s.chunks} passages, ${s.vectorKind} vectors) in ${indexDir}: ${change}${problems}; ${(s.ms / 1000).toFixed(1)} s.`;
}

export function corpusInfo(snapshot: IndexSnapshot): CorpusInfo {
  const dates: string[] = [];
  const byDistrict = new Map<string, { id: string; name: string; articleCount: number; dates: string[] }>();
  for (const a of snapshot.articles.values()) {
    const date = a.card.meetingDate?.value ?? a.publishedAt;
    if (date) dates.push(date);
    const d = a.card.district?.value;
    if (!d) continue;
    const entry = byDistrict.get(d.id) ?? { id: d.id, name: d.name, articleCount: 0, dates: [] };
    entry.articleCount++;
    if (date) entry.dates.push(date);
    byDistrict.set(d.id, entry);
  }
  const range = (ds: string[]) => {
    const sorted = [...ds].sort();
    return { firstDate: sorted[0] ?? null, lastDate: sorted.at(-1) ?? null };
  };
  return {
    articleCount: snapshot.articles.size,
    ...range(dates),
    districts: [...byDistrict.values()]
      .map((d) => ({ id: d.id, name: d.name, articleCount: d.articleCount, ...range(d.dates) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true })),
  };
}

export interface Pipeline {
  snapshot: IndexSnapshot;
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
  const deps: AnswererDeps = {
    index: snapshot,
    embedQuery: (text) => embedder.embedQuery(text),
    topK: config.retrieval.topK,
  };
  const extractive = createExtractiveAnswerer(deps);
  const info = corpusInfo(snapshot);
  if (!providers.chat) return { snapshot, answer: extractive, corpusInfo: () => info };

  // LLM mode: same retrieval (prepare), the extractive answer as the fallback of every question.
  const llm: LlmAnswererDeps = {
    prepare: (question, context) => prepare(deps, question, context),
    chat: providers.chat,
    prompts: await loadPrompts(),
    timeoutMs: config.openai.timeoutMs,
    articleChunks: (articleId) =>
      (snapshot.articleLabels.get(articleId) ?? []).map((label) => snapshot.chunks.get(label)).filter((c): c is Chunk => c !== undefined),
    ...(logger ? { logger } : {}),
  };
  return { snapshot, answer: createLlmAnswerer(llm), stream: createLlmStreamer(llm), corpusInfo: () => info };
}
