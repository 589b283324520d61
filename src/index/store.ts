/**
 * The on-disk index (default `vectorstore/`): generations plus an atomic pointer.
 *
 * Layout:
 *   <dir>/CURRENT                 name of the live generation (replaced by write-temp + fsync + rename)
 *   <dir>/gen-<time>-<pid>-<rnd>/ one complete, immutable generation:
 *       manifest.json             format version, embedder id/dimensions, vector kind, per-article hashes and
 *                                 labels, per-input-file fingerprints and article ids
 *       index.db                  SQLite: `articles` (StoredArticle, article-codec.ts), `article_rows` (each
 *                                 article's ArticleRow as JSON, article-rows.ts), `chunks` (each chunk's text
 *                                 by label: the rest of a Chunk — id, ordinal, header, meta — is derived from its
 *                                 article and its place among the article's labels, ingest/chunk.ts), `kw` FTS5
 *                                 keyword index + `kw_len` (+ packed: `kw_lengths`) + `kw_common` + `kw_head` /
 *                                 `kw_head_data` (the head terms and their postings; see keyword-index.ts)
 *       vec-<n>.f32, vec-<n>.labels vector segments: dimension-major float32 rows and their labels (vector-index.ts);
 *                                 none when the embedder has 0 dimensions (keyword-only, the offline default)
 *       vectors.hnsw              hnswlib graph, only when manifest.vector.kind is "hnsw"
 *   <dir>/.lock                   held while an ingest runs (proper-lockfile)
 *
 * Invariants:
 * - A generation is written completely (and fsynced) before CURRENT names it; CURRENT is replaced by rename(2),
 *   so a reader (or a crash at any point, kill -9 included) sees either the previous or the new generation.
 * - A committed generation's files are never written again. A new generation starts from a copy of the
 *   previous index.db (incremental) or an empty one (full build); files it does not change are hard links.
 * - Labels are unique non-negative integers per chunk, kept across generations for unchanged articles;
 *   new labels are larger than every earlier one (manifest.nextLabel).
 * - Only one ingest runs at a time per directory; a second (in this or another process) gets
 *   AppError('INDEX_LOCKED').
 *
 * Reading (`openIndex`): every article's row is loaded into memory (filters scan them); full articles and chunks
 * are read from index.db on demand through bounded caches (article-table.ts); exact vectors column by column as queries need them
 * (vector-index.ts), an HNSW graph at open. A reader keeps working while an ingest replaces and deletes its
 * generation (the files stay readable through its open handles).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, open, stat } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import lockfile from 'proper-lockfile';
import { AppError } from '../errors.js';
import { chunkHeader, chunkMeta } from '../ingest/chunk.js';
import type { Chunk, ChunkMeta, StoredArticle } from '../types.js';
import type { ArticleSource } from './article-rows.js';
import { ARTICLE_ROWS_SCHEMA, ArticleTable } from './article-table.js';
import { KEYWORD_SCHEMA, KeywordIndex, KeywordWriter } from './keyword-index.js';
import { rowOf } from './labels.js';
import { VectorIndex, type SegmentRef, type VectorIndexKind } from './vector-index.js';

/**
 * 5: the head terms' postings are in `kw_head_data`, not in `kw` (keyword-index.ts).
 * 4: `article_rows` holds each article's compact row (article-rows.ts), read at open instead of every article;
 *    `kw_lengths` the keyword lengths as one blob (keyword-index.ts).
 * 3: chunks store only their text, articles their shared-string JSON (article-codec.ts), the keyword index is one
 * detail=none document per chunk (views and term frequencies as marked tokens, keyword-index.ts). 2: SQLite
 * (articles, chunks, FTS5 keywords), vector segments, per-file fingerprints.
 */
export const FORMAT_VERSION = 5;

export interface EmbedderInfo {
  id: string;
  dimensions: number;
}

export interface ManifestArticle {
  hash: string;
  /** Labels of the article's chunks, in reading order. */
  labels: number[];
}

export interface ManifestFile {
  /** size:mtimeMs:ctimeMs:inode when last read; an equal fingerprint means the file was not re-read. */
  fingerprint: string;
  /** Ids of the articles read from this file, in order. */
  articles: string[];
}

export interface Manifest {
  formatVersion: number;
  embedder: EmbedderInfo;
  /**
   * segments: the vector segments, in label order; nextSegment: the next unused segment id; hnswDeleted: elements
   * markDelete'd in vectors.hnsw (rebuilt when over a quarter of the live count).
   */
  vector: { kind: VectorIndexKind; segments: SegmentRef[]; nextSegment: number; hnswDeleted?: number };
  articleCount: number;
  chunkCount: number;
  nextLabel: number;
  builtAt: string;
  generation: string;
  /** Versions of the text analyzer and the ingest code that built this index ("analyzer-2/ingest-1"). */
  pipeline: string;
  /** Absolute input paths the index was last built from (npm start refreshes from these). */
  sources: string[];
  /** Input files (absolute paths) in input order; article order = this order, then each file's order. */
  files: Record<string, ManifestFile>;
  articles: Record<string, ManifestArticle>;
  /** Chunk count when kw_common was last computed (recomputed when the count drifts by over 20%). */
  keywordCommonRows: number;
}

/** Article as stored in the index: everything but the body (the body lives in its chunks). */
export type { StoredArticle };

/** A loaded, read-only generation. */
export interface IndexSnapshot {
  dir: string;
  manifest: Manifest;
  /** Rows of every article in memory; full articles read from index.db on demand. */
  articles: ArticleSource;
  /** Chunks by label (read from index.db on demand). */
  chunks: ReadonlyMap<number, Chunk>;
  /** Labels of each article's chunks, in reading order. */
  articleLabels: Map<string, number[]>;
  keyword: KeywordIndex;
  vectors: VectorIndex;
  /** Closes index.db and the vector files (later chunk reads, keyword and vector searches may throw). Idempotent. */
  close(): void;
}

const CURRENT = 'CURRENT';
/**
 * SQLite page cache of an open index, in KB. Doclist and chunk pages are re-read from the OS page cache (a few µs
 * each); a larger private cache only grows the answering process.
 */
const READ_CACHE_KB = 8192;
/**
 * Locking of an open index: EXCLUSIVE keeps the shared lock of the first read until the connection closes (other
 * readers are unaffected; nothing writes a published generation). In the default NORMAL mode every statement
 * starts a read transaction (lock, hot-journal check, change counter, unlock): ~30–60 µs of each of a question's
 * ~60–80 doclist and passage reads (docs/tuning.md).
 */
const READ_LOCKING = 'EXCLUSIVE';
/** Rebuilt chunks an open index keeps (least recently used evicted): the passages of recent questions. */
const CHUNK_CACHE_MAX = 4_000;
export const FILES = { manifest: 'manifest.json', db: 'index.db', hnsw: 'vectors.hnsw' } as const;

/** The generation directory CURRENT names, or null when there is no index. */
export async function currentGeneration(dir: string): Promise<string | null> {
  const file = path.join(dir, CURRENT);
  if (!existsSync(file)) return null;
  const name = (await readFile(file, 'utf8')).trim();
  if (!name || name.includes('/') || name.includes('\\')) return null;
  const gen = path.join(dir, name);
  return existsSync(path.join(gen, FILES.manifest)) ? gen : null;
}

export async function readManifest(dir: string): Promise<Manifest | null> {
  return (await readCurrent(dir))?.manifest ?? null;
}

/** The live generation and its manifest, from one read of CURRENT; null when there is no index. */
export async function readCurrent(dir: string): Promise<{ gen: string; manifest: Manifest } | null> {
  const gen = await currentGeneration(dir);
  if (!gen) return null;
  return { gen, manifest: await readGenerationManifest(gen) };
}

/**
 * The manifest last read by `readCurrent`, handed to the next `openIndex` of the same generation (`npm start` checks
 * the index is up to date, then opens it: one parse instead of two). A generation's manifest never changes, and
 * neither reader modifies it; the hand-off is taken once.
 */
let lastRead: { gen: string; stamp: string; manifest: Manifest } | null = null;

/** Identity of a manifest file as read (a file rewritten in place, against the contract, is not handed over). */
async function fileStamp(file: string): Promise<string> {
  const s = await stat(file);
  return `${s.ino}:${s.size}:${s.mtimeMs}`;
}

async function readGenerationManifest(gen: string): Promise<Manifest> {
  try {
    const file = path.join(gen, FILES.manifest);
    const stamp = await fileStamp(file);
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
    lastRead = { gen, stamp, manifest };
    return manifest;
  } catch (error) {
    throw new AppError('INDEX_CORRUPT', `The index manifest in ${gen} cannot be read.`, {
      hint: 'Rebuild it with: npm run ingest',
      cause: error,
    });
  }
}

/** Live labels of a manifest, ascending. */
function manifestLabels(manifest: Manifest): Int32Array {
  const labels = new Int32Array(manifest.chunkCount);
  let i = 0;
  for (const a of Object.values(manifest.articles)) for (const l of a.labels) labels[i++] = l;
  if (i !== manifest.chunkCount) throw new Error(`the manifest lists ${i} chunks; it says ${manifest.chunkCount}`);
  return labels.sort();
}

/** Article ids in index order (input files in order, then each file's order). */
function manifestArticleOrder(manifest: Manifest): string[] {
  const out: string[] = [];
  for (const f of Object.values(manifest.files)) for (const id of f.articles) if (manifest.articles[id]) out.push(id);
  return out;
}

/** Where each live label belongs: its article and its ordinal among the article's chunks, indexed by label. */
interface LabelOwners {
  /** Per label: 1 + index into `ids` (0: not a live label), and the chunk's ordinal. */
  article: Int32Array;
  ordinal: Int32Array;
  ids: string[];
}

function labelOwners(manifest: Manifest, order: readonly string[]): LabelOwners {
  const size = Math.max(0, manifest.nextLabel);
  const owners: LabelOwners = { article: new Int32Array(size), ordinal: new Int32Array(size), ids: [] };
  for (const id of order) {
    const n = owners.ids.push(id);
    const labels = manifest.articles[id]!.labels;
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i]!;
      if (label < 0 || label >= size) throw new Error(`label ${label} is outside the manifest's ${size} labels`);
      owners.article[label] = n;
      owners.ordinal[label] = i;
    }
  }
  return owners;
}

/** A chunk from its stored text, its article and its ordinal (what chunkArticle gave it at ingest). */
function rebuildChunk(article: StoredArticle, ordinal: number, text: string, metas: WeakMap<StoredArticle, { meta: ChunkMeta; header: string }>): Chunk {
  let m = metas.get(article);
  if (!m) {
    const meta = chunkMeta(article);
    m = { meta, header: chunkHeader(meta) };
    metas.set(article, m);
  }
  return { id: `${article.id}#${ordinal}`, ordinal, text, header: m.header, meta: { ...m.meta } };
}

/** Read-only chunks of an open index.db, by label, with a bounded LRU of rebuilt chunks. */
class ChunkStore implements ReadonlyMap<number, Chunk> {
  private readonly cache = new LRUCache<number, Chunk>({ max: CHUNK_CACHE_MAX });
  private readonly metas = new WeakMap<StoredArticle, { meta: ChunkMeta; header: string }>();
  private readonly one: Database.Statement;
  private readonly all: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly labels: Int32Array,
    private readonly owners: LabelOwners,
    private readonly articles: ArticleSource,
  ) {
    this.one = db.prepare('SELECT text FROM chunks WHERE label = ?').pluck();
    this.all = db.prepare('SELECT label, text FROM chunks ORDER BY label').raw();
  }

  private build(label: number, text: string): Chunk | undefined {
    const n = label >= 0 && label < this.owners.article.length ? this.owners.article[label]! : 0;
    const article = n === 0 ? undefined : this.articles.get(this.owners.ids[n - 1]!);
    if (!article) return undefined;
    return rebuildChunk(article, this.owners.ordinal[label]!, text, this.metas);
  }

  get size(): number {
    return this.labels.length;
  }

  get [Symbol.toStringTag](): string {
    return 'ChunkStore';
  }

  has(label: number): boolean {
    return rowOf(this.labels, label) >= 0;
  }

  get(label: number): Chunk | undefined {
    const hit = this.cache.get(label);
    if (hit) return hit;
    if (!Number.isSafeInteger(label)) return undefined;
    const text = this.one.get(label) as string | undefined;
    if (text === undefined) return undefined;
    const chunk = this.build(label, text);
    if (chunk) this.cache.set(label, chunk);
    return chunk;
  }

  *entries(): MapIterator<[number, Chunk]> {
    for (const [label, text] of this.all.iterate() as Iterable<[number, string]>) {
      const chunk = this.cache.peek(label) ?? this.build(label, text);
      if (chunk) yield [label, chunk];
    }
  }

  *keys(): MapIterator<number> {
    for (const l of this.labels) yield l;
  }

  *values(): MapIterator<Chunk> {
    for (const [, c] of this.entries()) yield c;
  }

  [Symbol.iterator](): MapIterator<[number, Chunk]> {
    return this.entries();
  }

  forEach(fn: (value: Chunk, key: number, map: ReadonlyMap<number, Chunk>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}

function corrupt(gen: string, error: unknown): AppError {
  return new AppError('INDEX_CORRUPT', `The index in ${gen} cannot be read: ${(error as Error).message}`, {
    hint: 'Rebuild it with: npm run ingest',
    cause: error,
  });
}

/** Loads the live generation. Throws INDEX_MISSING when there is none, INDEX_MISMATCH for another format, INDEX_CORRUPT when unreadable. */
export async function openIndex(dir: string): Promise<IndexSnapshot> {
  // The generation CURRENT names can be removed by a concurrent ingest that just replaced it: retry once.
  for (let attempt = 0; ; attempt++) {
    const gen = await currentGeneration(dir);
    if (!gen) {
      throw new AppError('INDEX_MISSING', `No index found in ${path.resolve(dir)}.`, {
        hint: 'Build it with: npm run ingest (or npm start, which builds it when missing).',
      });
    }
    try {
      return await openGeneration(dir, gen);
    } catch (error) {
      if (attempt === 0 && !existsSync(gen)) continue;
      throw error;
    }
  }
}

async function openGeneration(dir: string, gen: string): Promise<IndexSnapshot> {
  let manifest: Manifest;
  const last = lastRead;
  lastRead = null;
  const handed = last?.gen === gen && (await fileStamp(path.join(gen, FILES.manifest)).catch(() => '')) === last.stamp ? last.manifest : null;
  try {
    manifest = handed ?? (JSON.parse(await readFile(path.join(gen, FILES.manifest), 'utf8')) as Manifest);
  } catch (error) {
    throw corrupt(gen, error);
  }
  if (manifest.formatVersion !== FORMAT_VERSION) {
    throw new AppError('INDEX_MISMATCH', `The index in ${dir} has format ${manifest.formatVersion}; this version reads ${FORMAT_VERSION}.`, {
      hint: 'Rebuild it with: npm run ingest (npm start does this automatically).',
    });
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(path.join(gen, FILES.db), { readonly: true, fileMustExist: true });
    db.pragma(`cache_size = -${READ_CACHE_KB}`);
    // A generation's index.db is never written once published: hold the shared lock for the connection's life
    // instead of taking and releasing it (and re-checking the file) around every statement (see READ_LOCKING).
    db.pragma(`locking_mode = ${READ_LOCKING}`);
    const order = manifestArticleOrder(manifest);
    if (order.length !== manifest.articleCount) throw new Error(`the manifest's files list ${order.length} articles; it says ${manifest.articleCount}`);
    const articles = new ArticleTable(db, order);
    const articleLabels = new Map<string, number[]>();
    for (const id of order) articleLabels.set(id, manifest.articles[id]!.labels);
    const labels = manifestLabels(manifest);
    const keyword = new KeywordIndex(db);
    const vectors = await VectorIndex.open(gen, manifest.vector.segments, manifest.vector.kind, manifest.embedder.dimensions, labels);
    const handle = db;
    return {
      dir: gen,
      manifest,
      articles,
      chunks: new ChunkStore(handle, labels, labelOwners(manifest, order), articles),
      articleLabels,
      keyword,
      vectors,
      close: () => {
        if (handle.open) handle.close();
        vectors.close();
      },
    };
  } catch (error) {
    db?.close();
    if (AppError.isInstance(error)) throw error;
    throw corrupt(gen, error);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing a generation

const ARTICLE_SCHEMA = `
  CREATE TABLE articles (id TEXT PRIMARY KEY, data TEXT NOT NULL);
  ${ARTICLE_ROWS_SCHEMA}
  CREATE TABLE chunks (label INTEGER PRIMARY KEY, text TEXT NOT NULL);
`;

function fsyncPath(p: string): void {
  const fd = openSync(p, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function writeFileSynced(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * One generation being written. `begin` starts from a copy of `base`'s index.db ("copy"), an empty one ("new"),
 * or none ("link": the caller hard-links the base's files, nothing is modified); the caller applies changes,
 * writes vectors into `file(...)`, then `commit`s (or `abort`s). Nothing is visible to readers before `commit`
 * moves CURRENT.
 */
export class GenerationWriter {
  readonly dir: string;
  readonly name: string;
  readonly gen: string;
  /** Null in "link" mode. */
  readonly db: Database.Database | null;
  readonly keyword: KeywordWriter | null;
  private readonly stmts: {
    putArticle: Database.Statement;
    putRow: Database.Statement;
    deleteArticle: Database.Statement;
    deleteRow: Database.Statement;
    putChunk: Database.Statement;
    deleteChunk: Database.Statement;
  } | null;
  private done = false;

  private constructor(dir: string, name: string, db: Database.Database | null) {
    this.dir = dir;
    this.name = name;
    this.gen = path.join(dir, name);
    this.db = db;
    this.keyword = db ? new KeywordWriter(db) : null;
    this.stmts = db
      ? {
          putArticle: db.prepare('INSERT OR REPLACE INTO articles(id, data) VALUES (?, ?)'),
          putRow: db.prepare('INSERT OR REPLACE INTO article_rows(id, data) VALUES (?, ?)'),
          deleteArticle: db.prepare('DELETE FROM articles WHERE id = ?'),
          deleteRow: db.prepare('DELETE FROM article_rows WHERE id = ?'),
          putChunk: db.prepare('INSERT INTO chunks(label, text) VALUES (?, ?)'),
          deleteChunk: db.prepare('DELETE FROM chunks WHERE label = ?'),
        }
      : null;
  }

  /** `base`: the previous generation directory (its files are copied or linked, never opened for writing). */
  static async begin(dir: string, base: string | null, mode: 'new' | 'copy' | 'link'): Promise<GenerationWriter> {
    if (mode !== 'new' && !base) throw new Error(`a "${mode}" generation needs a base generation`);
    await mkdir(dir, { recursive: true });
    const name = `gen-${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const gen = path.join(dir, name);
    await mkdir(gen);
    if (mode === 'link') return new GenerationWriter(dir, name, null);
    const file = path.join(gen, FILES.db);
    let db: Database.Database | null = null;
    try {
      if (mode === 'copy') await copyFile(path.join(base!, FILES.db), file);
      db = new Database(file);
      // The generation is invisible until commit and discarded on any failure, so no journal is needed.
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('temp_store = MEMORY');
      db.pragma('cache_size = -131072');
      if (mode === 'new') db.exec(ARTICLE_SCHEMA + KEYWORD_SCHEMA);
      const writer = new GenerationWriter(dir, name, db);
      if (mode === 'new') writer.keyword!.beginBulk();
      db.exec('BEGIN');
      return writer;
    } catch (error) {
      db?.close();
      await rm(gen, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
  }

  /** Path of a file inside the new generation. */
  file(name: string): string {
    return path.join(this.gen, name);
  }

  private writable() {
    if (!this.stmts) throw new Error('this generation links its index.db; it cannot change it');
    return this.stmts;
  }

  /** `data`: encodeArticle(article) of the article with this id; `row`: encodeRow(articleRow(article)). */
  putArticle(id: string, data: string, row: string): void {
    const w = this.writable();
    w.putArticle.run(id, data);
    w.putRow.run(id, row);
  }

  deleteArticle(id: string): void {
    const w = this.writable();
    w.deleteArticle.run(id);
    w.deleteRow.run(id);
  }

  /**
   * Stores a chunk's text under its label and indexes its keyword document (`keywords`: keywordParts(...).document
   * of its tokens, or its UTF-8 bytes; `counts`: its views' token counts; its head terms' postings go to
   * `keyword.insertHeadRuns`, keyword-index.ts). The manifest's article labels say whose chunk it is (their order is
   * its ordinal).
   */
  putChunk(label: number, text: string, keywords: string | Uint8Array, counts: { exact: number; folded: number }): void {
    this.writable().putChunk.run(label, text);
    this.keyword!.insertDocument(label, keywords, counts);
  }

  deleteChunk(label: number): void {
    this.writable().deleteChunk.run(label);
    this.keyword!.delete(label);
  }

  /** Hard-links an unchanged file of the base generation into this one. */
  async linkFrom(base: string, name: string): Promise<void> {
    await link(path.join(base, name), this.file(name));
  }

  /**
   * Finishes index.db, writes the manifest, fsyncs, then points CURRENT at this generation and removes older
   * generations. `beforeCommit` (tests) runs after everything is written, before CURRENT moves.
   */
  async commit(manifest: Omit<Manifest, 'generation' | 'builtAt' | 'formatVersion'>, hooks: { beforeCommit?: () => Promise<void> | void } = {}): Promise<Manifest> {
    if (this.db) {
      this.db.exec('COMMIT');
      this.db.close();
    }
    fsyncPath(this.file(FILES.db));
    const full: Manifest = { formatVersion: FORMAT_VERSION, builtAt: new Date().toISOString(), generation: this.name, ...manifest };
    await writeFileSynced(this.file(FILES.manifest), JSON.stringify(full));
    fsyncPath(this.gen);
    await hooks.beforeCommit?.();
    const tmp = path.join(this.dir, `${CURRENT}.${process.pid}.tmp`);
    await writeFileSynced(tmp, this.name + '\n');
    await rename(tmp, path.join(this.dir, CURRENT));
    fsyncPath(this.dir);
    this.done = true;
    // Older generations and stale temp files are garbage now; a failure here loses nothing.
    for (const entry of await readdir(this.dir)) {
      if ((entry.startsWith('gen-') && entry !== this.name) || entry.endsWith('.tmp')) {
        await rm(path.join(this.dir, entry), { recursive: true, force: true }).catch(() => undefined);
      }
    }
    return full;
  }

  /** Discards the generation (idempotent; a no-op after commit). */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (this.db?.open) this.db.close();
    await rm(this.gen, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** How often a waiting writer tries the ingest lock again (ms). */
const LOCK_RETRY_MS = 250;

/**
 * Runs `fn` holding the directory's ingest lock. A concurrent holder (any process) → AppError('INDEX_LOCKED') at
 * once, or, with `waitMs`, after waiting that long for it (tried every LOCK_RETRY_MS: writers queue up instead of
 * failing, e.g. two admins uploading at once).
 */
export async function withIndexLock<T>(dir: string, fn: () => Promise<T>, options: { waitMs?: number } = {}): Promise<T> {
  await mkdir(dir, { recursive: true });
  let release: (() => Promise<void>) | undefined;
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    try {
      release = await lockfile.lock(dir, { lockfilePath: path.join(dir, '.lock'), stale: 15_000, update: 5_000, retries: 0 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      if (Date.now() + LOCK_RETRY_MS <= deadline) {
        await new Promise((r) => setTimeout(r, LOCK_RETRY_MS));
        continue;
      }
      throw new AppError('INDEX_LOCKED', `Another ingest is already running on ${path.resolve(dir)}.`, {
        hint: 'Wait for it to finish (or, if none is running, retry in 15 seconds: stale locks expire).',
      });
    }
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

/** sha256 hex of a string (used for ids and fingerprints). */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
