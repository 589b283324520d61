/**
 * The on-disk index (default `vectorstore/`): generations plus an atomic pointer.
 *
 * Layout:
 *   <dir>/CURRENT                 name of the live generation (replaced by write-temp + rename)
 *   <dir>/gen-<time>-<pid>/       one complete, immutable generation:
 *       manifest.json             format version, embedder id/dimensions, per-article hashes and labels
 *       articles.jsonl            one StoredArticle per line (metadata + event card; no body)
 *       chunks.jsonl              one {label, chunk} per line, in label order of vectors.f32
 *       vectors.f32               float32 little-endian, chunkCount × dimensions, same order as chunks.jsonl
 *       vectors.hnsw              hnswlib-node index (exact or HNSW, see manifest.vector.kind)
 *       keyword.json              MiniSearch BM25 index
 *   <dir>/.lock                   held while an ingest runs (proper-lockfile)
 *
 * Invariants:
 * - A generation is written completely before CURRENT names it; CURRENT is replaced by rename(2),
 *   so a reader (or a crash at any point) sees either the previous or the new generation, never a mix.
 * - Labels are unique non-negative integers per chunk, kept across generations for unchanged articles.
 * - Only one ingest runs at a time per directory; a second gets AppError('INDEX_LOCKED').
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile, open } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import lockfile from 'proper-lockfile';
import { AppError } from '../errors.js';
import type { Article, Chunk, EventCard } from '../types.js';
import { KeywordIndex } from './keyword-index.js';
import { VectorIndex, type VectorIndexKind } from './vector-index.js';

export const FORMAT_VERSION = 1;

export interface EmbedderInfo {
  id: string;
  dimensions: number;
}

export interface ManifestArticle {
  hash: string;
  labels: number[];
}

export interface Manifest {
  formatVersion: number;
  embedder: EmbedderInfo;
  vector: { kind: VectorIndexKind };
  articleCount: number;
  chunkCount: number;
  nextLabel: number;
  builtAt: string;
  generation: string;
  /** Versions of the text analyzer and the ingest code that built this index ("analyzer-2/ingest-1"). */
  pipeline: string;
  /** Absolute input paths the index was last built from (npm start refreshes from these). */
  sources: string[];
  articles: Record<string, ManifestArticle>;
}

/** Article as stored in the index: everything but the body (the body lives in its chunks). */
export interface StoredArticle {
  id: string;
  title: string;
  url: string | null;
  publishedAt: string | null;
  card: EventCard;
  contentHash: string;
}

export interface LabeledChunk {
  label: number;
  chunk: Chunk;
}

/** A loaded, read-only generation. */
export interface IndexSnapshot {
  dir: string;
  manifest: Manifest;
  articles: Map<string, StoredArticle>;
  /** Chunks by label. */
  chunks: Map<number, Chunk>;
  /** Labels of each article's chunks, in reading order. */
  articleLabels: Map<string, number[]>;
  keyword: KeywordIndex;
  vectors: VectorIndex;
}

const CURRENT = 'CURRENT';

export function toStoredArticle(a: Article): StoredArticle {
  return { id: a.id, title: a.title, url: a.url, publishedAt: a.publishedAt, card: a.card, contentHash: a.contentHash };
}

/** The generation directory CURRENT names, or null when there is no index. */
export async function currentGeneration(dir: string): Promise<string | null> {
  const file = path.join(dir, CURRENT);
  if (!existsSync(file)) return null;
  const name = (await readFile(file, 'utf8')).trim();
  if (!name || name.includes('/') || name.includes('\\')) return null;
  const gen = path.join(dir, name);
  return existsSync(path.join(gen, 'manifest.json')) ? gen : null;
}

export async function readManifest(dir: string): Promise<Manifest | null> {
  const gen = await currentGeneration(dir);
  if (!gen) return null;
  try {
    return JSON.parse(await readFile(path.join(gen, 'manifest.json'), 'utf8')) as Manifest;
  } catch (error) {
    throw new AppError('INDEX_CORRUPT', `The index manifest in ${gen} cannot be read.`, {
      hint: 'Rebuild it with: npm run ingest',
      cause: error,
    });
  }
}

async function* readJsonLines<T>(file: string): AsyncGenerator<T> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line.length > 0) yield JSON.parse(line) as T;
}

/** Loads the live generation. Throws INDEX_MISSING when there is none, INDEX_CORRUPT when unreadable. */
export async function openIndex(dir: string): Promise<IndexSnapshot> {
  const gen = await currentGeneration(dir);
  if (!gen) {
    throw new AppError('INDEX_MISSING', `No index found in ${path.resolve(dir)}.`, {
      hint: 'Build it with: npm run ingest (or npm start, which builds it when missing).',
    });
  }
  try {
    const manifest = JSON.parse(await readFile(path.join(gen, 'manifest.json'), 'utf8')) as Manifest;
    if (manifest.formatVersion !== FORMAT_VERSION) {
      throw new AppError('INDEX_MISMATCH', `The index in ${dir} has format ${manifest.formatVersion}; this version reads ${FORMAT_VERSION}.`, {
        hint: 'Rebuild it with: npm run ingest',
      });
    }
    const articles = new Map<string, StoredArticle>();
    for await (const a of readJsonLines<StoredArticle>(path.join(gen, 'articles.jsonl'))) articles.set(a.id, a);
    const chunks = new Map<number, Chunk>();
    const articleLabels = new Map<string, number[]>();
    for await (const { label, chunk } of readJsonLines<LabeledChunk>(path.join(gen, 'chunks.jsonl'))) {
      chunks.set(label, chunk);
      const list = articleLabels.get(chunk.meta.articleId);
      if (list) list.push(label);
      else articleLabels.set(chunk.meta.articleId, [label]);
    }
    const keyword = KeywordIndex.fromJSON(await readFile(path.join(gen, 'keyword.json'), 'utf8'));
    const vectors = await VectorIndex.load(
      path.join(gen, 'vectors.hnsw'),
      { kind: manifest.vector.kind, dimensions: manifest.embedder.dimensions },
      chunks.keys(),
    );
    return { dir: gen, manifest, articles, chunks, articleLabels, keyword, vectors };
  } catch (error) {
    if (AppError.isInstance(error)) throw error;
    throw new AppError('INDEX_CORRUPT', `The index in ${gen} cannot be read: ${(error as Error).message}`, {
      hint: 'Rebuild it with: npm run ingest',
      cause: error,
    });
  }
}

/** Reads vectors.f32 of a generation: label → vector view (no copy). */
export async function readVectors(gen: string, labelsInOrder: number[], dims: number): Promise<Map<number, Float32Array>> {
  const buf = await readFile(path.join(gen, 'vectors.f32'));
  const expected = labelsInOrder.length * dims * 4;
  if (buf.byteLength !== expected) {
    throw new AppError('INDEX_CORRUPT', `vectors.f32 in ${gen} has ${buf.byteLength} bytes; expected ${expected}.`, {
      hint: 'Rebuild it with: npm run ingest',
    });
  }
  const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const out = new Map<number, Float32Array>();
  labelsInOrder.forEach((label, i) => out.set(label, all.subarray(i * dims, (i + 1) * dims)));
  return out;
}

export interface GenerationInput {
  embedder: EmbedderInfo;
  vectorKind: VectorIndexKind;
  articles: StoredArticle[];
  /** In label order of `vectors`. */
  chunks: LabeledChunk[];
  vectors: Map<number, ArrayLike<number>>;
  nextLabel: number;
  sources: string[];
  pipeline: string;
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
 * Writes a complete new generation, then points CURRENT at it atomically and removes older generations.
 * `beforeCommit` (tests) runs after the generation is written and before CURRENT moves.
 */
export async function writeGeneration(
  dir: string,
  input: GenerationInput,
  hooks: { beforeCommit?: () => Promise<void> | void } = {},
): Promise<Manifest> {
  await mkdir(dir, { recursive: true });
  const name = `gen-${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const gen = path.join(dir, name);
  await mkdir(gen);

  const dims = input.embedder.dimensions;
  const flat = new Float32Array(input.chunks.length * dims);
  input.chunks.forEach(({ label }, i) => {
    const v = input.vectors.get(label);
    if (!v || v.length !== dims) throw new Error(`Missing or wrong-sized vector for chunk label ${label}.`);
    flat.set(v, i * dims);
  });

  const manifestArticles: Record<string, ManifestArticle> = {};
  for (const a of input.articles) manifestArticles[a.id] = { hash: a.contentHash, labels: [] };
  for (const { label, chunk } of input.chunks) manifestArticles[chunk.meta.articleId]?.labels.push(label);

  const keyword = KeywordIndex.create();
  keyword.addAll(input.chunks);
  const vectors = VectorIndex.create({ kind: input.vectorKind, dimensions: dims, capacity: input.chunks.length + 16 });
  input.chunks.forEach(({ label }, i) => vectors.add(label, flat.subarray(i * dims, (i + 1) * dims)));

  await writeFileSynced(path.join(gen, 'articles.jsonl'), input.articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
  await writeFileSynced(path.join(gen, 'chunks.jsonl'), input.chunks.map((c) => JSON.stringify(c)).join('\n') + '\n');
  await writeFileSynced(path.join(gen, 'vectors.f32'), new Uint8Array(flat.buffer, flat.byteOffset, flat.byteLength));
  await writeFileSynced(path.join(gen, 'keyword.json'), keyword.toJSON());
  await vectors.save(path.join(gen, 'vectors.hnsw'));
  const manifest: Manifest = {
    formatVersion: FORMAT_VERSION,
    embedder: input.embedder,
    vector: { kind: input.vectorKind },
    articleCount: input.articles.length,
    chunkCount: input.chunks.length,
    nextLabel: input.nextLabel,
    builtAt: new Date().toISOString(),
    generation: name,
    sources: input.sources,
    pipeline: input.pipeline,
    articles: manifestArticles,
  };
  await writeFileSynced(path.join(gen, 'manifest.json'), JSON.stringify(manifest));

  await hooks.beforeCommit?.();
  const tmp = path.join(dir, `${CURRENT}.${process.pid}.tmp`);
  await writeFileSynced(tmp, name + '\n');
  await rename(tmp, path.join(dir, CURRENT));

  // Older generations and stale temp files are garbage now; a failure here loses nothing.
  for (const entry of await readdir(dir)) {
    if ((entry.startsWith('gen-') && entry !== name) || entry.endsWith('.tmp')) {
      await rm(path.join(dir, entry), { recursive: true, force: true }).catch(() => undefined);
    }
  }
  return manifest;
}

/** Runs `fn` holding the directory's ingest lock. A concurrent holder → AppError('INDEX_LOCKED'). */
export async function withIndexLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dir, { recursive: true });
  let release: (() => Promise<void>) | undefined;
  try {
    release = await lockfile.lock(dir, { lockfilePath: path.join(dir, '.lock'), stale: 15_000, update: 5_000, retries: 0 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new AppError('INDEX_LOCKED', `Another ingest is already running on ${path.resolve(dir)}.`, {
        hint: 'Wait for it to finish (or, if none is running, retry in 15 seconds: stale locks expire).',
      });
    }
    throw error;
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

/** Helper for tests and tools: write a file atomically (temp + rename). */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}
