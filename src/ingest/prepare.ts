/**
 * RawDocument → everything the index stores for it: the stored article, its chunks, their keyword token strings
 * and, when the embedder can run off the main thread, their vectors. Pure CPU work (cleaning, event cards,
 * chunking, tokenising, hashing embeddings): it runs inline for small ingests and in a pool of worker threads
 * (worker.ts) for large ones, where it is most of the ingest time.
 *
 * Contracts:
 * - `prepareDocument` is deterministic: the same RawDocument (and embedder) gives the same result, in a worker
 *   or not.
 * - `keywords[i]` is the UTF-8 of keywordParts(t.exact, t.folded, head).document of t =
 *   keywordTokens(chunkKeywordText(chunks[i])), for the index's head terms `head` (what the keyword index stores;
 *   built by keyword-document.ts), `exactCount[i]` / `foldedCount[i]` those token counts; a PreparedBatch's `heads`
 *   are the head postings of its documents' chunks in order (keyword-index.ts HeadRuns, chunk i of the batch being
 *   its i-th chunk); `chunkText[i]` is chunks[i].text, `articleData` encodeArticle(article) and `rowData`
 *   encodeRow(articleRow(article)) (what index.db stores). The keyword documents of one batch share blocks, which a
 *   worker transfers (no copy) with its reply.
 * - `chunks` (the objects) is null in results from a worker when `vectors` is set, and `article` holds only the
 *   fields the writer reads (PreparedArticle; the whole card is in `articleData`): the caller stores the serialised
 *   forms, and not cloning the objects back saves the main thread (the ingest's bottleneck) that work.
 * - `vectors` (chunks.length × dimensions floats, row-major) is set only with a TokenEmbedder; otherwise the
 *   caller embeds embeddingText(chunk) on the main thread (network embedders).
 * - PreparePool returns prepared batches in the order they were submitted; a worker error rejects that batch's promise
 *   with the worker's message; `close` terminates the workers.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { encodeArticle } from '../index/article-codec.js';
import { articleRow } from '../index/article-rows.js';
import { encodeRow } from '../index/article-table.js';
import { chunkKeywordText, type HeadRuns } from '../index/keyword-index.js';
import type { StoredArticle } from '../index/store.js';
import { keywordTokens } from '../text/tokenize.js';
import type { Chunk } from '../types.js';
import { toArticle } from './article.js';
import { chunkArticle } from './chunk.js';
import { headTerms, KeywordDocuments, type HeadTerms } from './keyword-document.js';
import type { RawDocument } from './load.js';

/** How to construct an identical embedder in another thread: `new (await import(module))[name](options)`. */
export interface PortableEmbedder {
  module: string;
  name: string;
  options: Record<string, unknown>;
}

/** An embedder that can embed a passage from its folded keyword tokens (same vector as embedding its text). */
export interface TokenEmbedder {
  readonly id: string;
  readonly dimensions: number;
  embedFoldedTokens(tokens: readonly string[]): Float32Array;
}

/** What the writer reads of a prepared article (the rest is in its `articleData`). */
export type PreparedArticle = Pick<StoredArticle, 'id' | 'contentHash' | 'instructions'>;

export interface PreparedDocument {
  article: PreparedArticle;
  /** encodeArticle(article) and each chunk's text (serialised here, off the main thread). */
  articleData: string;
  /** The article's row (index/article-table.ts encodeRow), also serialised here. */
  rowData: string;
  chunkText: string[];
  /** Null when not needed (see the module contract). */
  chunks: Chunk[] | null;
  /** UTF-8 keyword documents (see the module contract). */
  keywords: Uint8Array[];
  /** Token counts of the exact / folded views (kw_len), counted here rather than on the main thread. */
  exactCount: number[];
  foldedCount: number[];
  vectors: Float32Array | null;
}

/** Keyword-document blocks of a document prepared alone (no batch to share them with). */
const SINGLE_DOCUMENT_BLOCK_BYTES = 64 * 1024;

/** `keywordDocuments`: where the keyword documents are written (one per batch; default: this document's own). */
export function prepareDocument(
  raw: RawDocument,
  embedder: TokenEmbedder | null,
  keywordDocuments = new KeywordDocuments(SINGLE_DOCUMENT_BLOCK_BYTES),
): PreparedDocument & { article: StoredArticle } {
  const article = toArticle(raw);
  const chunks = chunkArticle(article);
  const keywords: Uint8Array[] = [];
  const exactCount: number[] = [];
  const foldedCount: number[] = [];
  const vectors = embedder ? new Float32Array(chunks.length * embedder.dimensions) : null;
  chunks.forEach((chunk, i) => {
    const text = chunkKeywordText(chunk);
    const k = keywordDocuments.add(text);
    keywords.push(k.document);
    exactCount.push(k.exact);
    foldedCount.push(k.folded);
    // An embedder of 0 dimensions (keyword-only) needs no tokens.
    if (embedder && vectors && embedder.dimensions > 0) vectors.set(embedder.embedFoldedTokens(keywordTokens(text).folded), i * embedder.dimensions);
  });
  // The article without its body (the body lives in its chunks).
  const stored: StoredArticle = {
    id: article.id,
    title: article.title,
    url: article.url,
    publishedAt: article.publishedAt,
    card: article.card,
    contentHash: article.contentHash,
    ...(article.instructions ? { instructions: article.instructions } : {}),
  };
  return {
    article: stored,
    articleData: encodeArticle(stored),
    rowData: encodeRow(articleRow(stored)),
    chunkText: chunks.map((c) => c.text),
    chunks,
    keywords,
    exactCount,
    foldedCount,
    vectors,
  };
}

/** Documents prepared together, and their chunks' head postings (see the module contract). */
export interface PreparedBatch {
  docs: PreparedDocument[];
  heads: HeadRuns | null;
}

/**
 * `prepareDocument` of each document with the index's head terms, their keyword documents sharing blocks (`blocks`,
 * what a worker transfers).
 */
export function prepareBatch(
  raws: RawDocument[],
  embedder: TokenEmbedder | null,
  head: HeadTerms | null,
): { docs: Array<PreparedDocument & { article: StoredArticle }>; heads: HeadRuns | null; blocks: Uint8Array[] } {
  const keywordDocuments = new KeywordDocuments(raws.length === 1 ? SINGLE_DOCUMENT_BLOCK_BYTES : undefined, head);
  const docs = raws.map((d) => prepareDocument(d, embedder, keywordDocuments));
  return { docs, heads: keywordDocuments.headRuns(), blocks: keywordDocuments.blocks() };
}

/** Constructs a portable embedder and checks it is the same one (by id). */
async function loadPortableEmbedder(spec: PortableEmbedder, expectedId: string): Promise<TokenEmbedder> {
  const mod = (await import(spec.module)) as Record<string, new (options: Record<string, unknown>) => TokenEmbedder>;
  const Ctor = mod[spec.name];
  if (typeof Ctor !== 'function') throw new Error(`${spec.module} has no export ${spec.name}`);
  const e = new Ctor(spec.options);
  if (e.id !== expectedId || typeof e.embedFoldedTokens !== 'function') {
    throw new Error(`the worker's embedder is ${e.id}, not ${expectedId}`);
  }
  return e;
}

/** URL of tsx's ESM API (`tsx/esm/api`, import condition), read from its package.json exports. */
function tsxApiUrl(from: string): string {
  const pkgFile = createRequire(from).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import?: { default?: string } } | string> };
  const api = pkg.exports['./esm/api'];
  const rel = typeof api === 'object' ? api.import?.default : undefined;
  if (!rel) throw new Error('tsx has no ESM API export (tsx/esm/api)');
  return pathToFileURL(path.join(path.dirname(pkgFile), rel)).href;
}

interface WorkerReply {
  seq: number;
  results?: PreparedBatch;
  error?: string;
}

/** Worker threads running prepareBatch (see worker.ts). */
export class PreparePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (r: PreparedBatch) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private failed: Error | null = null;

  /** `size` workers; `embedder`: construct it in each worker (null: vectors are left to the caller). */
  constructor(size: number, embedder: { spec: PortableEmbedder; id: string } | null) {
    const self = import.meta.url;
    const ts = self.endsWith('.ts');
    const entry = new URL(`./worker.${ts ? 'ts' : 'js'}`, self).href;
    // Run from the sources (the development scripts and tests, through tsx), the worker needs the TypeScript loader
    // too: a small bootstrap registers tsx's ESM loader, then imports the entry. From dist/ (`npm start`) it does not.
    const bootstrap = `const { workerData } = require('node:worker_threads');
      (async () => {
        if (workerData.tsx) (await import(workerData.tsx)).register();
        await import(workerData.entry);
      })().catch((error) => { console.error(error); process.exit(1); });`;
    const tsx = ts ? tsxApiUrl(self) : null;
    for (let i = 0; i < size; i++) {
      const w = new Worker(bootstrap, { eval: true, workerData: { embedder, entry, tsx } });
      w.on('message', (m: WorkerReply) => {
        const p = this.pending.get(m.seq);
        if (!p) return;
        this.pending.delete(m.seq);
        if (m.error !== undefined || !m.results) p.reject(new Error(m.error ?? 'worker returned nothing'));
        else p.resolve(m.results);
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`an ingest worker exited with code ${code}`));
      });
      this.workers.push(w);
    }
  }

  /**
   * Default pool size: one worker per core but one (the main thread writes, and prepares whenever it would wait),
   * at least 1, at most 4. On 2 cores, 1 worker: with 2, three busy threads shared two cores and FTS5's inserts on
   * the main thread slowed by a third (cache misses; docs/tuning.md).
   */
  static defaultSize(): number {
    return Math.max(1, Math.min(4, availableParallelism() - 1));
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  /** The index's head terms for the batches run from now on (each worker gets them before its next batch). */
  setHead(head: readonly string[]): void {
    for (const w of this.workers) w.postMessage({ head });
  }

  run(docs: RawDocument[]): Promise<PreparedBatch> {
    if (this.failed) return Promise.reject(this.failed);
    const seq = this.seq++;
    const worker = this.workers[seq % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      worker.postMessage({ seq, docs });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Worker side: answers {seq, docs} messages with {seq, results} (vectors transferred) or {seq, error}; a {head}
 * message sets the head terms of the batches after it.
 */
export async function serveWorker(
  port: {
    on(event: 'message', fn: (m: { seq: number; docs: RawDocument[] } | { head: string[] }) => void): void;
    postMessage(m: WorkerReply, transfer?: ArrayBuffer[]): void;
  },
  data: { embedder: { spec: PortableEmbedder; id: string } | null },
): Promise<void> {
  const embedder = data.embedder ? await loadPortableEmbedder(data.embedder.spec, data.embedder.id) : null;
  let head: HeadTerms | null = null;
  port.on('message', (m) => {
    if ('head' in m) {
      head = headTerms(m.head);
      return;
    }
    const { seq, docs } = m;
    try {
      const batch = prepareBatch(docs, embedder, head);
      const results: PreparedBatch = {
        docs: batch.docs.map((r): PreparedDocument => {
          const article: PreparedArticle = { id: r.article.id, contentHash: r.article.contentHash };
          if (r.article.instructions) article.instructions = r.article.instructions;
          return { ...r, article, chunks: r.vectors ? null : r.chunks };
        }),
        heads: batch.heads,
      };
      const transfer = batch.blocks.map((b) => b.buffer as ArrayBuffer);
      if (batch.heads) transfer.push(batch.heads.table.buffer as ArrayBuffer, batch.heads.bytes.buffer as ArrayBuffer);
      for (const r of results.docs) if (r.vectors) transfer.push(r.vectors.buffer as ArrayBuffer);
      port.postMessage({ seq, results }, transfer);
    } catch (error) {
      port.postMessage({ seq, error: (error as Error).stack ?? String(error) });
    }
  });
}
