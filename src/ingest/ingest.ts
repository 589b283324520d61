/**
 * Ingest: input files → articles → chunks → keyword rows + vectors → a new index generation.
 *
 * Contracts:
 * - Inputs are sticky: the index's sources are the previous ingest's sources (in their order) plus the `paths`
 *   named now; an input that is simply not named again is still read (incrementally), never dropped. Only `forget`
 *   removes an input and its articles. A previous input missing on disk keeps its articles, with a problem naming
 *   it and how to forget it (a full rebuild cannot keep them, and says so).
 * - The index afterwards holds the articles of those inputs (files deleted inside an input are removed).
 * - A file that cannot be read to its end (IngestProblem.incomplete: I/O error, truncated .gz, a record cut off at
 *   the end, the decompressed-size cap) keeps its previous articles that were not read, and is read again next time;
 *   `summary.incomplete` lists such problems (the CLI exits non-zero). Other bad files are skipped with a problem.
 * - Input files whose fingerprint (size, mtime, ctime, inode) equals the one recorded in the manifest are not
 *   read again: their articles (ids, hashes, chunks, vectors) are kept as they are. Other files are read;
 *   their articles with an unchanged content hash are kept too. When nothing changed, nothing is written
 *   (`written: false`) — an unchanged re-ingest costs one stat per input file.
 * - What is kept, read, prepared and removed is decided by the pure plan (plan.ts); this module is the I/O shell:
 *   it stats and reads the inputs, prepares documents, embeds them and hands them to the writers (write.ts), which
 *   apply the changes to a copy of the previous generation's index.db (deletes and inserts in one SQLite
 *   transaction), hard-link the vector segments and add one for the new rows (vector-index.ts), and update the
 *   HNSW graph, if any, with markDelete/addPoint. Nothing is rebuilt from scratch. A generation whose content did
 *   not change (only file dates did) links every file and writes a new manifest.
 * - Ids: documents of unchanged files keep their ids; documents read now never take one of those (see
 *   loadDocuments `reservedIds`).
 * - A different embedder (id or dimensions), index format or text pipeline → every article is rebuilt, and
 *   `rebuiltReason` says why.
 * - The keyword index's head terms (keyword-index.ts) are the previous generation's; a full build learns them from
 *   its first HEAD_SAMPLE_DOCS documents (head-terms.ts), which wait until then to be prepared.
 * - Large inputs are prepared (cleaned, chunked, tokenised, embedded when the embedder is portable) by a pool of
 *   worker threads (`workers`; default: automatic above WORKER_MIN_BYTES of input to read, one worker fewer than
 *   the cores, and the main thread, which writes, also prepares a batch whenever it would otherwise wait: see
 *   `preparerFor`).
 * - Holds the directory lock for the whole run (see src/index/store.ts); the previous generation stays readable until
 *   the new one is complete, and a failure or kill at any point leaves it current.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { AppError } from '../errors.js';
import { chunkKeywordText } from '../index/keyword-index.js';
import { FORMAT_VERSION, readCurrent, withIndexLock, type EmbedderInfo, type Manifest } from '../index/store.js';
import { chooseVectorKind, type VectorIndexKind } from '../index/vector-index.js';
import { ANALYZER_VERSION } from '../text/tokenize.js';
import type { Chunk } from '../types.js';
import { listInputFiles, loadDocuments, type FileEntry, type IngestProblem, type RawDocument } from './load.js';
import { planIngest, rebuildReason, type InputFile } from './plan.js';
import { PreparePool, prepareBatch, type PortableEmbedder, type PreparedBatch, type PreparedDocument, type TokenEmbedder } from './prepare.js';
import { HEAD_SAMPLE_DOCS, learnHeadTerms } from './head-terms.js';
import { headTerms, type HeadTerms } from './keyword-document.js';
import { INGEST_VERSION } from './version.js';
import { IngestWriter } from './write.js';

/** Identifies the code that turns inputs into chunks and keywords; a change forces a full rebuild. */
export const PIPELINE_VERSION = `analyzer-${ANALYZER_VERSION}/ingest-${INGEST_VERSION}`;

/** Worker threads are used when at least this many bytes of input files must be read. */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;
/** Documents are handed to the preparers in batches of at most this many documents or characters of text. */
const BATCH_DOCUMENTS = 64;
const BATCH_CHARS = 256 * 1024;
/** Batches prepared in worker threads and not yet written, at most (bounds memory; keeps the workers busy). */
const MAX_INFLIGHT = 8;
/**
 * Documents of more text than this are prepared on the main thread, alone, and written at once: sent to a worker,
 * a 19 MB page's prepared passages existed twice (worker and main thread) during the copy back, 1.45 GB at peak.
 */
const INLINE_PREPARE_CHARS = 1_000_000;
/** Texts per embedDocuments call (main-thread embedders), unless `batchSize` says otherwise. */
const EMBED_BATCH = 128;
/** A read progress event every this many documents. */
const READ_PROGRESS_EVERY = 200;

/** A batch handed to a preparer: its prepared documents, and whether they are ready. */
interface Inflight {
  settled: boolean;
  result: Promise<PreparedBatch>;
}

function track(result: Promise<PreparedBatch>): Inflight {
  const batch: Inflight = { settled: false, result };
  result.then(
    () => (batch.settled = true),
    () => (batch.settled = true),
  );
  return batch;
}

/**
 * Who prepares the next batch when there is a worker pool: a worker, or this thread ('here'). This thread, which also
 * writes, prepares whenever it would otherwise only wait: when `max` batches are queued and the oldest is still being
 * prepared (the pool is behind, or still starting: its queue fills first, so it has work the moment it starts). A
 * caller that asked for workers (`asked`) gets every batch prepared by them.
 */
export function preparerFor(state: { asked: boolean; queued: number; max: number; oldestSettled: boolean }): 'worker' | 'here' {
  if (state.asked) return 'worker';
  return state.queued >= state.max && !state.oldestSettled ? 'here' : 'worker';
}

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
  /** Inputs named now (added to the previous ingest's inputs, see the module contract). */
  paths: string[];
  /** Inputs to drop, with their articles (must not also be in `paths`). */
  forget?: string[];
  indexDir: string;
  embedder: IndexEmbedder;
  /** Exact vector search while passages × the embedder's query density stay at or below this; HNSW above. */
  vectorExactMax: number;
  /** Texts per embedDocuments call (main-thread embedders). */
  batchSize?: number;
  /** Worker threads preparing documents: 0 = none, n = n threads doing all of it; default automatic (see WORKER_MIN_BYTES). */
  workers?: number;
  onProgress?: (event: { phase: 'read' | 'embed' | 'write'; done: number; total?: number }) => void;
  onProblem?: (problem: IngestProblem) => void;
  /** Tests: runs after the new generation is written, before it becomes current. */
  beforeCommit?: () => Promise<void> | void;
  /** How long to wait for another ingest's lock before failing with INDEX_LOCKED (ms; default 0: fail at once). */
  lockWaitMs?: number;
}

export interface IngestSummary {
  articles: number;
  chunks: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  problems: IngestProblem[];
  /** The problems of files not read to their end (their previous articles were kept): the run did not fully succeed. */
  incomplete: IngestProblem[];
  /** The inputs of the index afterwards (absolute). */
  sources: string[];
  /**
   * Instruction-like text aimed at an AI assistant, moved out of the articles read by this run (ingest/clean.ts),
   * one entry per flagged sentence: never quoted, never sent to a model; the caller reports them.
   */
  instructions: Array<{ articleId: string; text: string }>;
  written: boolean;
  rebuiltReason: string | null;
  vectorKind: VectorIndexKind;
  /** Passages have vectors (false for the offline keyword-only index). */
  vectors: boolean;
  ms: number;
}

/**
 * Text that is embedded for a chunk: header (title — district — date) then the passage — the text the keyword index
 * holds for it, which is what lets prepare.ts embed a passage from its keyword tokens.
 */
export function embeddingText(chunk: Chunk): string {
  return chunkKeywordText(chunk);
}

/** The vector index kind for `rows` passages; "exact" (and empty) for an embedder without dimensions. */
function vectorKindFor(embedder: IndexEmbedder, rows: number, exactMax: number): VectorIndexKind {
  return embedder.dimensions === 0 ? 'exact' : chooseVectorKind(rows, exactMax, embedder.queryDensity);
}

interface Previous {
  gen: string;
  manifest: Manifest;
}

async function loadPrevious(
  indexDir: string,
  embedder: EmbedderInfo,
): Promise<{ prev: Previous | null; reason: string | null; previousSources: string[] }> {
  let current: Awaited<ReturnType<typeof readCurrent>>;
  try {
    current = await readCurrent(indexDir);
  } catch {
    return { prev: null, reason: 'the previous index could not be read', previousSources: [] };
  }
  if (!current) return { prev: null, reason: null, previousSources: [] };
  // The inputs are remembered even when the index must be rebuilt.
  const previousSources = Array.isArray(current.manifest.sources) ? current.manifest.sources : [];
  const reason = rebuildReason(current.manifest, { formatVersion: FORMAT_VERSION, pipeline: PIPELINE_VERSION, embedder });
  return reason ? { prev: null, reason, previousSources } : { prev: current, reason: null, previousSources };
}

/** An input of this ingest: as named (or the absolute recorded path), absolute, and whether it is missing on disk. */
interface Source {
  given: string;
  abs: string;
  missing: boolean;
}

const inside = (file: string, dir: string) => file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/**
 * The inputs of this ingest (see the module contract): the previous sources in their order, minus `forget`, then the
 * named paths not among them. Throws USAGE when a path is both named and forgotten.
 */
async function resolveSources(named: string[], forget: string[], previous: string[], onProblem: (p: IngestProblem) => void): Promise<Source[]> {
  const namedAbs = new Map(named.map((p) => [path.resolve(p), p]));
  const forgetAbs = new Set(forget.map((p) => path.resolve(p)));
  for (const f of forgetAbs) {
    if (namedAbs.has(f)) throw new AppError('USAGE', `"${f}" is both named and forgotten.`, { hint: 'Give an input either with --data or with --forget, not both.' });
    if (!previous.includes(f)) {
      onProblem({ code: 'INPUT_UNREADABLE', path: f, message: `"${f}" is not an input of this index (${previous.join(', ') || 'none'}); nothing forgotten` });
    }
  }
  const sources: Source[] = [];
  for (const abs of previous) {
    if (forgetAbs.has(abs) || sources.some((s) => s.abs === abs)) continue;
    const given = namedAbs.get(abs) ?? abs;
    const missing = !namedAbs.has(abs) && !(await stat(abs).then(() => true, () => false));
    sources.push({ given, abs, missing });
  }
  for (const [abs, given] of namedAbs) if (!sources.some((s) => s.abs === abs)) sources.push({ given, abs, missing: false });
  return sources;
}

/**
 * The input files (`listInputFiles` entries, each file once) and their fingerprints. A missing source's files are
 * carried from the previous manifest with their recorded fingerprints (so the plan keeps their articles); they have
 * no entry (nothing is read).
 */
async function fingerprintFiles(
  sources: Source[],
  previous: Manifest | null,
  onProblem: (p: IngestProblem) => void,
): Promise<{ entries: FileEntry[]; inputs: InputFile[] }> {
  const entries: FileEntry[] = [];
  const inputs: InputFile[] = [];
  const listed = new Set<string>();
  for (const source of sources) {
    if (source.missing) {
      const carried = Object.entries(previous?.files ?? {}).filter(([abs]) => inside(abs, source.abs) && !listed.has(abs));
      const count = carried.reduce((n, [, f]) => n + f.articles.length, 0);
      onProblem({
        code: 'INPUT_UNREADABLE',
        path: source.abs,
        message: previous
          ? `Input "${source.abs}" is missing: its ${count} articles are kept as they were; to remove them, run npm run ingest -- --forget "${source.abs}"`
          : `Input "${source.abs}" is missing and the index is rebuilt, so its articles could not be kept`,
      });
      for (const [abs, f] of carried) {
        listed.add(abs);
        inputs.push({ abs, size: 0, fingerprint: f.fingerprint });
      }
      continue;
    }
    for (const entry of await listInputFiles([source.given])) {
      const abs = path.resolve(entry.file);
      if (listed.has(abs)) continue;
      listed.add(abs);
      entries.push(entry);
      const s = await stat(entry.file).catch(() => null);
      // An unreadable file gets no fingerprint, so it is always read (and its problem reported).
      inputs.push({ abs, size: s?.size ?? 0, fingerprint: s ? `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}` : '' });
    }
  }
  return { entries, inputs };
}

/** Embeds, on the main thread, the chunks of the documents prepared without vectors (network embedders). */
async function embedMissing(
  docs: PreparedDocument[],
  embedder: IndexEmbedder,
  batchSize: number,
  onEmbedded: (count: number) => void,
): Promise<number[][]> {
  const needText = docs.filter((d) => !d.vectors).flatMap((d) => d.chunks ?? []);
  let remote: number[][] = [];
  for (let i = 0; i < needText.length; i += batchSize) {
    const slice = needText.slice(i, i + batchSize);
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
    onEmbedded(slice.length);
  }
  return remote;
}

export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  return withIndexLock(options.indexDir, async () => {
    const embedder = options.embedder;
    const info: EmbedderInfo = { id: embedder.id, dimensions: embedder.dimensions };
    const { prev, reason, previousSources } = await loadPrevious(options.indexDir, info);
    const problems: IngestProblem[] = [];
    // Set once the plan exists: a file not read to its end keeps its previous articles.
    let keepUnread: ((abs: string) => number) | null = null;
    const onProblem = (p: IngestProblem) => {
      if (p.incomplete && keepUnread) {
        const kept = keepUnread(path.resolve(p.path));
        if (kept > 0 && !p.message.includes('previous articles are kept')) p = { ...p, message: `${p.message}; its ${kept} previous articles are kept` };
      }
      problems.push(p);
      options.onProblem?.(p);
    };
    const resolved = await resolveSources(options.paths, options.forget ?? [], previousSources, onProblem);
    const sources = resolved.map((s) => s.abs);
    const { entries, inputs } = await fingerprintFiles(resolved, prev?.manifest ?? null, onProblem);
    const plan = planIngest(prev?.manifest ?? null, sources, inputs);
    keepUnread = (abs) => plan.keepUnread(abs);
    const incomplete = () => problems.filter((p) => p.incomplete);

    // Fast path: the input files are those last read, each as it was then, so the index is up to date.
    if (prev && plan.upToDate) {
      const m = prev.manifest;
      const kind = vectorKindFor(embedder, m.chunkCount, options.vectorExactMax);
      if (kind === m.vector.kind) {
        return {
          articles: m.articleCount,
          chunks: m.chunkCount,
          added: 0,
          updated: 0,
          removed: 0,
          unchanged: m.articleCount,
          problems,
          incomplete: incomplete(),
          sources,
          instructions: [],
          written: false,
          rebuiltReason: null,
          vectorKind: kind,
          vectors: embedder.dimensions > 0,
          ms: performance.now() - started,
        };
      }
    }

    const writer = new IngestWriter(options.indexDir, prev, embedder.dimensions);
    const workers = options.workers ?? (plan.bytesToRead >= WORKER_MIN_BYTES ? PreparePool.defaultSize() : 0);
    const pool =
      workers > 0
        ? new PreparePool(workers, embedder.portable && embedder.embedFoldedTokens ? { spec: embedder.portable, id: embedder.id } : null)
        : null;
    const inline = typeof embedder.embedFoldedTokens === 'function' ? (embedder as TokenEmbedder) : null;

    try {
      let embedded = 0;
      const instructions: IngestSummary['instructions'] = [];
      const commitPrepared = async ({ docs, heads }: PreparedBatch) => {
        for (const d of docs) for (const text of d.article.instructions ?? []) instructions.push({ articleId: d.article.id, text });
        const remote = await embedMissing(docs, embedder, options.batchSize ?? EMBED_BATCH, (n) => {
          embedded += n;
          options.onProgress?.({ phase: 'embed', done: embedded });
        });
        await writer.add(docs, remote, heads);
      };

      // Read the files that changed; hand new or changed documents to the preparers, in order.
      const inflight: Inflight[] = [];
      const maxInflight = pool ? MAX_INFLIGHT : 0;
      const drain = async (max: number) => {
        while (inflight.length > max) await commitPrepared(await inflight.shift()!.result);
      };
      // The head terms documents are prepared with: the previous generation's, or learned from the first documents.
      let head: HeadTerms | null = null;
      let sample: RawDocument[] | null = [];
      const useHead = (tokens: readonly string[]) => {
        head = headTerms(tokens);
        pool?.setHead(tokens);
        sample = null;
      };
      if (prev) useHead(writer.headTerms(() => []));
      const inlineBatch = (docs: RawDocument[]): Inflight => {
        return { settled: true, result: Promise.resolve(prepareBatch(docs, inline, head)) };
      };
      let batch: RawDocument[] = [];
      let batchBytes = 0;
      const dispatch = async () => {
        if (batch.length === 0) return;
        const docs = batch;
        batch = [];
        batchBytes = 0;
        const where = pool
          ? preparerFor({ asked: options.workers !== undefined, queued: inflight.length, max: maxInflight, oldestSettled: inflight[0]?.settled ?? true })
          : 'here';
        inflight.push(where === 'worker' ? track(pool!.run(docs)) : inlineBatch(docs));
        await drain(maxInflight);
      };
      const prepare = async (raw: RawDocument) => {
        if (pool && raw.text.length > INLINE_PREPARE_CHARS) {
          await dispatch();
          await drain(0);
          const prepared = prepareBatch([raw], inline, head);
          await commitPrepared({ docs: prepared.docs.map((d) => (d.vectors ? { ...d, chunks: null } : d)), heads: prepared.heads });
          return;
        }
        batch.push(raw);
        batchBytes += raw.text.length;
        if (batch.length >= BATCH_DOCUMENTS || batchBytes >= BATCH_CHARS) await dispatch();
      };
      /** Ends the sampling of a full build: learns its head terms, then prepares the sampled documents. */
      const learnHead = async () => {
        const sampled = sample ?? [];
        useHead(writer.headTerms(() => learnHeadTerms(sampled.map((d) => `${d.title ?? ''}\n${d.text}`))));
        for (const raw of sampled) await prepare(raw);
      };
      let read = 0;
      for await (const raw of loadDocuments([], {
        entries,
        onProblem,
        skipFile: (file) => plan.unchangedFiles.has(path.resolve(file)),
        reservedIds: plan.reservedIds,
      })) {
        read++;
        if (read % READ_PROGRESS_EVERY === 0) options.onProgress?.({ phase: 'read', done: read });
        const admission = plan.admit({ id: raw.id, abs: path.resolve(raw.path), contentHash: raw.contentHash });
        if (admission === 'duplicate') {
          onProblem({ code: 'INPUT_UNREADABLE', path: raw.path, message: `duplicate article id "${raw.id}": skipped` });
          continue;
        }
        if (admission === 'unchanged') continue;
        if (sample) {
          sample.push(raw);
          if (sample.length >= HEAD_SAMPLE_DOCS) await learnHead();
          continue;
        }
        await prepare(raw);
      }
      if (sample) await learnHead();
      await dispatch();
      await drain(0);
      options.onProgress?.({ phase: 'read', done: read });

      const changes = plan.settle(writer.fresh);
      const vectorKind = vectorKindFor(embedder, changes.chunkCount, options.vectorExactMax);
      const summaryBase = {
        articles: changes.articleCount,
        chunks: changes.chunkCount,
        added: changes.added,
        updated: changes.updated,
        removed: changes.removed.length,
        unchanged: changes.unchanged,
        problems,
        incomplete: incomplete(),
        sources,
        instructions,
        rebuiltReason: reason,
        vectorKind,
        vectors: embedder.dimensions > 0,
      };
      if (changes.articleCount === 0) {
        throw new AppError('INPUT_EMPTY', `No articles found in ${resolved.map((r) => r.given).join(', ') || 'no inputs'}.`, {
          hint: 'Give files or folders with .txt, .md, .html or .jsonl(.gz) articles (--data PATH).',
        });
      }
      if (prev && !changes.contentChanged && vectorKind === prev.manifest.vector.kind && changes.sameFiles) {
        return { ...summaryBase, written: false, ms: performance.now() - started };
      }

      options.onProgress?.({ phase: 'write', done: 0 });
      await writer.write(changes, {
        embedder: info,
        vectorKind,
        pipeline: PIPELINE_VERSION,
        sources,
        ...(options.beforeCommit ? { beforeCommit: options.beforeCommit } : {}),
      });
      return { ...summaryBase, written: true, ms: performance.now() - started };
    } finally {
      await writer.abort();
      await pool?.close();
    }
  }, { waitMs: options.lockWaitMs ?? 0 });
}
