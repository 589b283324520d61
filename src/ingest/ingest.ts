/**
 * Ingest: input files → articles → chunks → keyword rows + vectors → a new index generation.
 *
 * Contracts:
 * - The index afterwards holds exactly the articles of `paths` (articles no longer present are removed).
 * - Input files whose fingerprint (size, mtime, ctime, inode) equals the one recorded in the manifest are not
 *   read again: their articles (ids, hashes, chunks, vectors) are kept as they are. Other files are read;
 *   their articles with an unchanged content hash are kept too. When nothing changed, nothing is written
 *   (`written: false`) — an unchanged re-ingest costs one stat per input file.
 * - Changes are applied to a copy of the previous generation's index.db (deletes and inserts in one SQLite
 *   transaction); vector segments are hard-linked and one added for the new rows (vector-index.ts); the HNSW
 *   graph, if any, is updated with markDelete/addPoint. Nothing is rebuilt from scratch. A generation whose
 *   content did not change (only file dates did) links every file and writes a new manifest.
 * - Ids: documents of unchanged files keep their ids; documents read now never take one of those (see
 *   loadDocuments `reservedIds`).
 * - A different embedder (id or dimensions), index format or text pipeline → every article is rebuilt, and
 *   `rebuiltReason` says why.
 * - Large inputs are prepared (cleaned, chunked, tokenised, embedded when the embedder is portable) by a pool of
 *   worker threads (`workers`; default: automatic above WORKER_MIN_BYTES of input to read).
 * - Holds the directory lock for the whole run (see store.ts); the previous generation stays readable until
 *   the new one is complete, and a failure or kill at any point leaves it current.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { AppError } from '../errors.js';
import { ANALYZER_VERSION } from '../text/tokenize.js';
import type { Chunk } from '../types.js';
import { chunkKeywordText } from '../index/keyword-index.js';
import {
  FILES,
  FORMAT_VERSION,
  GenerationWriter,
  readCurrent,
  withIndexLock,
  type EmbedderInfo,
  type Manifest,
  type ManifestArticle,
  type ManifestFile,
} from '../index/store.js';
import { chooseVectorKind, readSegmentRows, RowBuffer, writeHnswFile, writeSegments, type VectorIndexKind } from '../index/vector-index.js';
import { listInputFiles, loadDocuments, type FileEntry, type IngestProblem, type RawDocument } from './load.js';
import { PreparePool, prepareDocument, type PortableEmbedder, type PreparedDocument, type TokenEmbedder } from './prepare.js';
import { INGEST_VERSION } from './version.js';

/** Identifies the code that turns inputs into chunks and keywords; a change forces a full rebuild. */
export const PIPELINE_VERSION = `analyzer-${ANALYZER_VERSION}/ingest-${INGEST_VERSION}`;

/** Worker threads are used when at least this many bytes of input files must be read. */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;

/** An embedder the index can use: LangChain's interface plus an identity. */
export interface IndexEmbedder extends EmbeddingsInterface {
  readonly id: string;
  readonly dimensions: number;
  /** Expected fraction of non-zero dimensions in a query vector (default 1 = dense); see chooseVectorKind. */
  readonly queryDensity?: number;
  /** How to construct the same embedder in a worker thread (local embedders only). */
  readonly portable?: PortableEmbedder;
  /** Embedding of a text from its folded keyword tokens (lets the index tokenise each passage once). */
  embedFoldedTokens?(tokens: readonly string[]): Float32Array;
}

export interface IngestOptions {
  paths: string[];
  indexDir: string;
  embedder: IndexEmbedder;
  /** Exact vector search while passages × the embedder's query density stay at or below this; HNSW above. */
  vectorExactMax: number;
  /** Texts per embedDocuments call (main-thread embedders). */
  batchSize?: number;
  /** Worker threads preparing documents: 0 = none; default automatic (see WORKER_MIN_BYTES). */
  workers?: number;
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
  vectorKind: VectorIndexKind;
  ms: number;
}

/**
 * Text that is embedded for a chunk: header (title — district — date) then the passage — the text the keyword index
 * holds for it, which is what lets prepare.ts embed a passage from its keyword tokens.
 */
export function embeddingText(chunk: Chunk): string {
  return chunkKeywordText(chunk);
}

interface Previous {
  gen: string;
  manifest: Manifest;
}

async function loadPrevious(indexDir: string, embedder: EmbedderInfo): Promise<{ prev: Previous | null; reason: string | null }> {
  let current: Awaited<ReturnType<typeof readCurrent>>;
  try {
    current = await readCurrent(indexDir);
  } catch {
    return { prev: null, reason: 'the previous index could not be read' };
  }
  if (!current) return { prev: null, reason: null };
  const { gen, manifest } = current;
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
  if (!manifest.files || !manifest.articles) return { prev: null, reason: 'the previous index could not be read' };
  return { prev: { gen, manifest }, reason: null };
}

interface InputFile {
  /** As listed (relative or absolute), which is what RawDocument.path holds. */
  file: string;
  abs: string;
  size: number;
  fingerprint: string;
}

/** The input files (`listInputFiles` entries) and their fingerprints, same order. */
async function fingerprintFiles(paths: string[]): Promise<{ entries: FileEntry[]; inputs: InputFile[] }> {
  const entries = await listInputFiles(paths);
  const inputs = await Promise.all(
    entries.map(async ({ file }) => {
      const s = await stat(file).catch(() => null);
      // An unreadable file gets no fingerprint, so it is always read (and its problem reported).
      const fingerprint = s ? `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}` : '';
      return { file, abs: path.resolve(file), size: s?.size ?? 0, fingerprint };
    }),
  );
  return { entries, inputs };
}

export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  return withIndexLock(options.indexDir, async () => {
    const embedder = options.embedder;
    const info: EmbedderInfo = { id: embedder.id, dimensions: embedder.dimensions };
    const { prev, reason } = await loadPrevious(options.indexDir, info);
    const problems: IngestProblem[] = [];
    const onProblem = (p: IngestProblem) => {
      problems.push(p);
      options.onProblem?.(p);
    };
    const sources = options.paths.map((p) => path.resolve(p));
    const { entries, inputs } = await fingerprintFiles(options.paths);
    const prevFiles = prev?.manifest.files ?? {};
    const unchangedFiles = new Set(inputs.filter((f) => f.fingerprint !== '' && prevFiles[f.abs]?.fingerprint === f.fingerprint).map((f) => f.abs));
    const sameSources = prev !== null && JSON.stringify(prev.manifest.sources) === JSON.stringify(sources);

    // Fast path: the input files are those last read, each as it was then, so the index is up to date.
    if (prev && sameSources && unchangedFiles.size === inputs.length && inputs.length === Object.keys(prevFiles).length) {
      const m = prev.manifest;
      const kind = chooseVectorKind(m.chunkCount, options.vectorExactMax, embedder.queryDensity);
      if (kind === m.vector.kind) {
        return {
          articles: m.articleCount,
          chunks: m.chunkCount,
          added: 0,
          updated: 0,
          removed: 0,
          unchanged: m.articleCount,
          problems,
          written: false,
          rebuiltReason: null,
          vectorKind: kind,
          ms: performance.now() - started,
        };
      }
    }

    // Articles of unchanged files are carried over without reading them.
    const prevArticles = prev?.manifest.articles ?? {};
    const kept = new Map<string, ManifestArticle>();
    const files = new Map<string, ManifestFile>();
    for (const f of inputs) {
      const before = prevFiles[f.abs];
      if (unchangedFiles.has(f.abs) && before) {
        files.set(f.abs, before);
        for (const id of before.articles) if (prevArticles[id]) kept.set(id, prevArticles[id]);
      } else {
        files.set(f.abs, { fingerprint: f.fingerprint, articles: [] });
      }
    }

    let writer: GenerationWriter | null = null;
    // Content changes go to a copy of the previous index.db; a generation without them links it.
    const openWriter = async (mode: 'copy' | 'link' = 'copy') =>
      (writer ??= await GenerationWriter.begin(options.indexDir, prev?.gen ?? null, prev ? mode : 'new'));
    const toRead = inputs.filter((f) => !unchangedFiles.has(f.abs)).reduce((n, f) => n + f.size, 0);
    const workers = options.workers ?? (toRead >= WORKER_MIN_BYTES ? PreparePool.defaultSize() : 0);
    const pool =
      workers > 0
        ? new PreparePool(workers, embedder.portable && embedder.embedFoldedTokens ? { spec: embedder.portable, id: embedder.id } : null)
        : null;
    const inline = typeof embedder.embedFoldedTokens === 'function' ? (embedder as TokenEmbedder) : null;

    try {
      const fresh = new Map<string, ManifestArticle>();
      let added = 0;
      let updated = 0;
      let nextLabel = prev?.manifest.nextLabel ?? 0;
      const rows = new RowBuffer(embedder.dimensions);
      const freshVectors: Array<{ label: number; row: number }> = [];
      /** Labels of the previous chunks of updated articles. */
      const replacedLabels: number[] = [];
      let embedded = 0;

      const commitPrepared = async (docs: PreparedDocument[]) => {
        const w = await openWriter();
        const needText = docs.filter((d) => !d.vectors).flatMap((d) => d.chunks ?? []);
        let remote: number[][] = [];
        const batch = options.batchSize ?? 128;
        for (let i = 0; i < needText.length; i += batch) {
          const slice = needText.slice(i, i + batch);
          let vs: number[][];
          try {
            vs = await embedder.embedDocuments(slice.map(embeddingText));
          } catch (error) {
            throw new AppError('PROVIDER_FAILED', `Embedding failed (${embedder.id}): ${(error as Error).message}`, {
              hint: 'Check OPENAI_API_KEY / OPENAI_BASE_URL, or set LLM_EMBEDDINGS=off to use the local embedder.',
              cause: error,
            });
          }
          remote = remote.concat(vs);
          embedded += slice.length;
          options.onProgress?.({ phase: 'embed', done: embedded });
        }
        let r = 0;
        for (const d of docs) {
          const id = d.article.id;
          const before = prevArticles[id];
          if (before) {
            for (const l of before.labels) w.deleteChunk(l);
            replacedLabels.push(...before.labels);
            updated++;
          } else {
            added++;
          }
          w.putArticle(d.article, d.articleJson);
          const labels: number[] = [];
          d.chunkJson.forEach((json, i) => {
            const label = nextLabel++;
            labels.push(label);
            w.putChunk(label, id, d.exact[i]!, d.folded[i]!, json, { exact: d.exactCount[i]!, folded: d.foldedCount[i]! });
            const v = d.vectors ? d.vectors.subarray(i * embedder.dimensions, (i + 1) * embedder.dimensions) : remote[r++]!;
            freshVectors.push({ label, row: rows.push(v) });
          });
          fresh.set(id, { hash: d.article.contentHash, labels });
        }
      };

      // Read the files that changed; hand new or changed documents to the preparers, in order.
      const inflight: Array<Promise<PreparedDocument[]>> = [];
      const maxInflight = pool ? 8 : 0;
      const drain = async (max: number) => {
        while (inflight.length > max) await commitPrepared(await inflight.shift()!);
      };
      let batch: RawDocument[] = [];
      let batchBytes = 0;
      const dispatch = async () => {
        if (batch.length === 0) return;
        const docs = batch;
        batch = [];
        batchBytes = 0;
        inflight.push(pool ? pool.run(docs) : Promise.resolve(docs.map((d) => prepareDocument(d, inline))));
        await drain(maxInflight);
      };
      let read = 0;
      const seen = new Set<string>();
      for await (const raw of loadDocuments(options.paths, {
        entries,
        onProblem,
        skipFile: (file) => unchangedFiles.has(path.resolve(file)),
        reservedIds: kept.keys(),
      })) {
        read++;
        if (read % 200 === 0) options.onProgress?.({ phase: 'read', done: read });
        if (seen.has(raw.id) || kept.has(raw.id)) {
          onProblem({ code: 'INPUT_UNREADABLE', path: raw.path, message: `duplicate article id "${raw.id}": skipped` });
          continue;
        }
        seen.add(raw.id);
        files.get(path.resolve(raw.path))?.articles.push(raw.id);
        const before = prevArticles[raw.id];
        if (before && before.hash === raw.contentHash) {
          kept.set(raw.id, before);
          continue;
        }
        batch.push(raw);
        batchBytes += raw.text.length;
        if (batch.length >= 64 || batchBytes >= 256 * 1024) await dispatch();
      }
      await dispatch();
      await drain(0);
      options.onProgress?.({ phase: 'read', done: read });

      // The final article set, in input order.
      const articles: Record<string, ManifestArticle> = {};
      for (const f of files.values()) {
        for (const id of f.articles) {
          const a = fresh.get(id) ?? kept.get(id);
          if (a) articles[id] = a;
        }
      }
      const removedIds = Object.keys(prevArticles).filter((id) => !(id in articles));
      const articleCount = Object.keys(articles).length;
      const chunkCount = Object.values(articles).reduce((n, a) => n + a.labels.length, 0);
      const vectorKind = chooseVectorKind(chunkCount, options.vectorExactMax, embedder.queryDensity);
      const summaryBase = {
        articles: articleCount,
        chunks: chunkCount,
        added,
        updated,
        removed: removedIds.length,
        unchanged: kept.size,
        problems,
        rebuiltReason: reason,
        vectorKind,
      };
      if (articleCount === 0) {
        throw new AppError('INPUT_EMPTY', `No articles found in ${options.paths.join(', ')}.`, {
          hint: 'Give files or folders with .txt, .md, .html or .jsonl(.gz) articles (--data PATH).',
        });
      }
      const contentChanged = added + updated + removedIds.length > 0;
      const manifestFiles = Object.fromEntries(
        [...files].map(([abs, f]) => [abs, { fingerprint: f.fingerprint, articles: f.articles.filter((id) => id in articles) }]),
      );
      const sameManifest = sameSources && JSON.stringify(manifestFiles) === JSON.stringify(prev?.manifest.files);
      if (prev && !contentChanged && vectorKind === prev.manifest.vector.kind && sameManifest) {
        return { ...summaryBase, written: false, ms: performance.now() - started };
      }

      options.onProgress?.({ phase: 'write', done: 0 });
      const w = await openWriter(contentChanged ? 'copy' : 'link');
      const prevM = prev?.manifest ?? null;
      const removedLabels: number[] = [];
      for (const id of removedIds) {
        for (const l of prevArticles[id]!.labels) {
          w.deleteChunk(l);
          removedLabels.push(l);
        }
        w.deleteArticle(id);
      }
      if (!contentChanged && prev) await w.linkFrom(prev.gen, FILES.db);
      for (const l of replacedLabels) removedLabels.push(l);

      // Keyword index upkeep: a full build is merged into one segment, and so is any big change; the common-term
      // table is recomputed when the chunk count drifts by over 20% from when it was computed.
      let keywordCommonRows = prevM?.keywordCommonRows ?? 0;
      if (contentChanged) {
        const changedChunks = freshVectors.length + removedLabels.length;
        if (!prevM || changedChunks > chunkCount / 10) w.keyword!.optimize();
        if (!prevM || Math.abs(chunkCount - keywordCommonRows) > keywordCommonRows / 5) {
          w.keyword!.recomputeCommon(chunkCount);
          keywordCommonRows = chunkCount;
        }
      }

      // Vectors: the previous segments (linked) and one for the new rows (larger labels), or one compacted segment.
      const liveSet = new Set<number>();
      for (const a of Object.values(articles)) for (const l of a.labels) liveSet.add(l);
      const vectorsChanged = freshVectors.length > 0 || removedLabels.length > 0;
      const segments = writeSegments(w.gen, embedder.dimensions, {
        previous: prev ? { dir: prev.gen, segments: prev.manifest.vector.segments } : null,
        isLive: (l) => liveSet.has(l),
        liveCount: chunkCount,
        addedLabels: freshVectors.map((f) => f.label),
        added: rows,
        nextId: prevM?.vector.nextSegment ?? 0,
      });
      const nextSegment = Math.max(prevM?.vector.nextSegment ?? 0, ...segments.map((x) => x.id + 1));
      let hnswDeleted = 0;
      if (vectorKind === 'hnsw') {
        const reuse = prev && prevM?.vector.kind === 'hnsw';
        if (reuse && !vectorsChanged) {
          await w.linkFrom(prev.gen, FILES.hnsw);
          hnswDeleted = prevM.vector.hnswDeleted ?? 0;
        } else {
          hnswDeleted = await writeHnswFile(w.file(FILES.hnsw), {
            dimensions: embedder.dimensions,
            previous: reuse ? { file: path.join(prev.gen, FILES.hnsw), deletedBefore: prevM.vector.hnswDeleted ?? 0 } : null,
            removed: reuse ? removedLabels : [],
            added: freshVectors.map((f) => ({ label: f.label, vector: rows.row(f.row) })),
            all: () => readSegmentRows(w.gen, segments, embedder.dimensions, (l) => liveSet.has(l)),
            liveCount: chunkCount,
          });
        }
      }

      await w.commit(
        {
          embedder: info,
          vector: { kind: vectorKind, segments, nextSegment, ...(vectorKind === 'hnsw' ? { hnswDeleted } : {}) },
          articleCount,
          chunkCount,
          nextLabel,
          pipeline: PIPELINE_VERSION,
          sources,
          files: manifestFiles,
          articles,
          keywordCommonRows,
        },
        options.beforeCommit ? { beforeCommit: options.beforeCommit } : {},
      );
      return { ...summaryBase, written: true, ms: performance.now() - started };
    } finally {
      await (writer as GenerationWriter | null)?.abort();
      await pool?.close();
    }
  });
}
