/**
 * Ingest: inputs → articles → chunks → vectors + keyword index → a new index generation.
 *
 * Contracts:
 * - The index afterwards holds exactly the articles of `paths` (articles no longer present are removed).
 * - Unchanged articles (same id and content hash, same embedder) keep their chunks, labels and vectors;
 *   when nothing changed, nothing is written (`written: false`).
 * - A different embedder (id or dimensions) or format version → every vector is rebuilt, and
 *   `rebuiltReason` says why.
 * - Holds the directory lock for the whole run (see store.ts); the previous generation stays
 *   readable until the new one is complete.
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { chunkArticle, loadDocuments, toArticle, type IngestProblem } from '../ingest/index.js';
import type { Chunk } from '../types.js';
import {
  currentGeneration,
  FORMAT_VERSION,
  readManifest,
  readVectors,
  toStoredArticle,
  withIndexLock,
  writeGeneration,
  type EmbedderInfo,
  type LabeledChunk,
  type Manifest,
  type StoredArticle,
} from './store.js';
import { AppError } from '../errors.js';
import { INGEST_VERSION } from '../ingest/version.js';
import { ANALYZER_VERSION } from '../text/tokenize.js';

/** Identifies the code that turns inputs into chunks and keywords; a change forces a full rebuild. */
export const PIPELINE_VERSION = `analyzer-${ANALYZER_VERSION}/ingest-${INGEST_VERSION}`;
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** An embedder the index can use: LangChain's interface plus an identity. */
export interface IndexEmbedder extends EmbeddingsInterface {
  readonly id: string;
  readonly dimensions: number;
}

export interface IngestOptions {
  paths: string[];
  indexDir: string;
  embedder: IndexEmbedder;
  /** At or below this many chunks the vector index is exact; above it, HNSW. */
  vectorExactMax: number;
  /** Texts per embedDocuments call. */
  batchSize?: number;
  onProgress?: (event: { phase: 'read' | 'embed' | 'write'; done: number; total?: number }) => void;
  onProblem?: (problem: IngestProblem) => void;
  /** Tests: runs after the new generation is written, before it becomes current. */
  beforeCommit?: () => Promise<void> | void;
}

export interface IngestSummary {
  articles: number;
  chunks: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  problems: IngestProblem[];
  written: boolean;
  rebuiltReason: string | null;
  vectorKind: 'exact' | 'hnsw';
  ms: number;
}

/** Text that is embedded for a chunk: header (title — district — date) then the passage. */
export function embeddingText(chunk: Chunk): string {
  return `${chunk.header}\n${chunk.text}`;
}

function embedderInfo(e: IndexEmbedder): EmbedderInfo {
  return { id: e.id, dimensions: e.dimensions };
}

async function* jsonLines<T>(file: string): AsyncGenerator<T> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line.length > 0) yield JSON.parse(line) as T;
}

interface Previous {
  manifest: Manifest;
  articles: Map<string, StoredArticle>;
  chunksByArticle: Map<string, LabeledChunk[]>;
  vectors: Map<number, Float32Array>;
}

async function loadPrevious(indexDir: string, embedder: EmbedderInfo): Promise<{ prev: Previous | null; reason: string | null }> {
  let manifest: Manifest | null;
  try {
    manifest = await readManifest(indexDir);
  } catch {
    return { prev: null, reason: 'the previous index could not be read' };
  }
  if (!manifest) return { prev: null, reason: null };
  if (manifest.formatVersion !== FORMAT_VERSION) {
    return { prev: null, reason: `the index format changed (${manifest.formatVersion} → ${FORMAT_VERSION})` };
  }
  if (manifest.pipeline !== PIPELINE_VERSION) {
    return { prev: null, reason: `the text pipeline changed (${manifest.pipeline ?? 'unknown'} → ${PIPELINE_VERSION})` };
  }
  if (manifest.embedder.id !== embedder.id || manifest.embedder.dimensions !== embedder.dimensions) {
    return {
      prev: null,
      reason: `the embedder changed (${manifest.embedder.id}/${manifest.embedder.dimensions} → ${embedder.id}/${embedder.dimensions})`,
    };
  }
  const gen = (await currentGeneration(indexDir))!;
  try {
    const articles = new Map<string, StoredArticle>();
    for await (const a of jsonLines<StoredArticle>(path.join(gen, 'articles.jsonl'))) articles.set(a.id, a);
    const chunksByArticle = new Map<string, LabeledChunk[]>();
    const order: number[] = [];
    for await (const lc of jsonLines<LabeledChunk>(path.join(gen, 'chunks.jsonl'))) {
      order.push(lc.label);
      const list = chunksByArticle.get(lc.chunk.meta.articleId);
      if (list) list.push(lc);
      else chunksByArticle.set(lc.chunk.meta.articleId, [lc]);
    }
    const vectors = await readVectors(gen, order, embedder.dimensions);
    return { prev: { manifest, articles, chunksByArticle, vectors }, reason: null };
  } catch {
    return { prev: null, reason: 'the previous index could not be read' };
  }
}

export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  return withIndexLock(options.indexDir, async () => {
    const info = embedderInfo(options.embedder);
    const { prev, reason } = await loadPrevious(options.indexDir, info);
    const problems: IngestProblem[] = [];
    const onProblem = (p: IngestProblem) => {
      problems.push(p);
      options.onProblem?.(p);
    };

    const articles = new Map<string, StoredArticle>();
    const chunks = new Map<string, LabeledChunk[]>();
    const vectors = new Map<number, ArrayLike<number>>();
    const pending: LabeledChunk[] = [];
    let nextLabel = prev?.manifest.nextLabel ?? 0;
    const status = new Map<string, 'added' | 'updated' | 'unchanged'>();
    let read = 0;

    for await (const raw of loadDocuments(options.paths, { onProblem })) {
      read++;
      if (read % 200 === 0) options.onProgress?.({ phase: 'read', done: read });
      if (articles.has(raw.id)) {
        onProblem({ code: 'INPUT_UNREADABLE', path: raw.path, message: `duplicate article id "${raw.id}": the later copy replaces the earlier one` });
        const dropped = new Set((chunks.get(raw.id) ?? []).map((lc) => lc.label));
        for (const l of dropped) vectors.delete(l);
        for (let i = pending.length - 1; i >= 0; i--) if (dropped.has(pending[i]!.label)) pending.splice(i, 1);
      }
      const before = prev?.articles.get(raw.id);
      const prevChunks = prev?.chunksByArticle.get(raw.id);
      if (prev && before && before.contentHash === raw.contentHash && prevChunks) {
        articles.set(raw.id, before);
        chunks.set(raw.id, prevChunks);
        for (const lc of prevChunks) vectors.set(lc.label, prev.vectors.get(lc.label)!);
        status.set(raw.id, 'unchanged');
        continue;
      }
      const article = toArticle(raw);
      const labeled = chunkArticle(article).map((chunk) => ({ label: nextLabel++, chunk }));
      articles.set(article.id, toStoredArticle(article));
      chunks.set(article.id, labeled);
      pending.push(...labeled);
      status.set(raw.id, before ? 'updated' : 'added');
    }
    const count = (s: string) => [...status.values()].filter((v) => v === s).length;
    const added = count('added');
    const updated = count('updated');
    const unchanged = count('unchanged');
    options.onProgress?.({ phase: 'read', done: read });

    const removed = prev ? [...prev.articles.keys()].filter((id) => !articles.has(id)).length : 0;
    const allChunks = [...chunks.values()].flat();
    const vectorKind = allChunks.length <= options.vectorExactMax ? 'exact' : 'hnsw';
    const summaryBase = {
      articles: articles.size,
      chunks: allChunks.length,
      added,
      updated,
      removed,
      unchanged,
      problems,
      rebuiltReason: reason,
      vectorKind,
    } as const;

    if (articles.size === 0) {
      throw new AppError('INPUT_EMPTY', `No articles found in ${options.paths.join(', ')}.`, {
        hint: 'Give files or folders with .txt, .md, .html or .jsonl(.gz) articles (--data PATH).',
      });
    }
    const sameSources =
      JSON.stringify(prev?.manifest.sources ?? []) === JSON.stringify(options.paths.map((p) => path.resolve(p)));
    if (prev && sameSources && added === 0 && updated === 0 && removed === 0 && prev.manifest.vector.kind === vectorKind) {
      return { ...summaryBase, written: false, ms: performance.now() - started };
    }

    const batch = options.batchSize ?? 128;
    for (let i = 0; i < pending.length; i += batch) {
      const slice = pending.slice(i, i + batch);
      let embedded: number[][];
      try {
        embedded = await options.embedder.embedDocuments(slice.map((p) => embeddingText(p.chunk)));
      } catch (error) {
        throw new AppError('PROVIDER_FAILED', `Embedding failed (${options.embedder.id}): ${(error as Error).message}`, {
          hint: 'Check OPENAI_API_KEY / OPENAI_BASE_URL, or set LLM_EMBEDDINGS=off to use the local embedder.',
          cause: error,
        });
      }
      slice.forEach((p, j) => vectors.set(p.label, embedded[j]!));
      options.onProgress?.({ phase: 'embed', done: Math.min(i + batch, pending.length), total: pending.length });
    }

    options.onProgress?.({ phase: 'write', done: 0 });
    await writeGeneration(
      options.indexDir,
      {
        embedder: info,
        vectorKind,
        articles: [...articles.values()],
        chunks: allChunks,
        vectors,
        nextLabel,
        sources: options.paths.map((p) => path.resolve(p)),
        pipeline: PIPELINE_VERSION,
      },
      options.beforeCommit ? { beforeCommit: options.beforeCommit } : {},
    );
    return { ...summaryBase, written: true, ms: performance.now() - started };
  });
}
