/**
 * Vector index over chunk labels (non-negative integers): an exact scan (see exact-scan.ts) or hnswlib-node HNSW.
 *
 * On disk (one generation), the vectors are the source of truth for both kinds, as segments:
 * - vec-<id>.f32: float32 little-endian, dimension-major — `dimensions` columns of `rows` floats, column d holding
 *   the d-th component of every row; rows L2-normalised (all-zero stays all-zero).
 * - vec-<id>.labels: the rows' labels, int32 little-endian, ascending; a later segment's labels are all larger.
 *   A row whose label is no longer live (its article was changed or removed) is dead: skipped, never returned.
 * A generation lists its segments in its manifest. An update hard-links the previous segments and adds one
 * segment for the new rows; when over a quarter of the rows are dead or there are more than MAX_SEGMENTS, the
 * live rows are compacted into a single segment instead.
 * - vectors.hnsw (kind "hnsw" only): hnswlib HierarchicalNSW (cosine, M=16, efConstruction=200). Updated, not
 *   rebuilt: removed labels are markDelete'd, new ones added; rebuilt when over a quarter of its elements are
 *   deleted.
 *
 * Contracts:
 * - `search` returns at most k live matches, best first, similarity = cosine (higher = better); ties by label.
 *   kind "exact" is exact; kind "hnsw" is approximate (ef = max(k, efSearch)) except for filters of at most
 *   EXACT_FILTER_MAX labels, which are scored exactly.
 * - A filter restricts results to the labels it accepts before ranking (a Set is the fast path; a function is
 *   called for candidates). A zero query vector matches nothing.
 * - Which kind: exact when rows × queryDensity ≤ exactMax (see `chooseVectorKind`), HNSW above.
 * - Opening checks the segment files' sizes; an exact index reads a dimension's column (of every segment) the first
 *   time a query has a non-zero component there (so a process whose retrieval never uses the vector view never holds
 *   the matrix, and the first question reads ~25 of 384 columns, not all). Scores are the same as with every column
 *   read: a scan only touches the query's non-zero dimensions.
 * - An exact index keeps its segment files open from `open` until `close` (or until it is garbage-collected), so
 *   it keeps working after a concurrent ingest deletes its generation.
 */
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type hnswlibModule from 'hnswlib-node';
import { ExactScanner } from './exact-scan.js';
import { accepts, rowOf, TopK, type LabelFilter } from './labels.js';

type Hnswlib = typeof hnswlibModule;
let hnswlibLoaded: Hnswlib | undefined;
/** hnswlib-node, loaded on first use: only indexes above the exact-scan limit need it (start-up time). */
function hnswlib(): Hnswlib {
  return (hnswlibLoaded ??= createRequire(import.meta.url)('hnswlib-node') as Hnswlib);
}
type HierarchicalNSW = InstanceType<Hnswlib['HierarchicalNSW']>;

export type VectorIndexKind = 'exact' | 'hnsw';

export interface VectorMatch {
  label: number;
  similarity: number;
}

const HNSW_PARAMS = { m: 16, efConstruction: 200, efSearch: 200 } as const;
/** More segments than this are compacted into one. */
export const MAX_SEGMENTS = 8;

/** A segment of a generation's vectors: files vec-<id>.f32 and vec-<id>.labels, `rows` rows. */
export interface SegmentRef {
  id: number;
  rows: number;
}

export const segmentFiles = (dir: string, id: number) => ({ f32: path.join(dir, `vec-${id}.f32`), labels: path.join(dir, `vec-${id}.labels`) });
/** Filters with at most this many labels are scored exactly, whatever the kind. */
const EXACT_FILTER_MAX = 2000;

/**
 * Exact search costs rows × (non-zero query dimensions); `queryDensity` is the embedder's expected fraction of
 * non-zero query dimensions (1 for dense embedders). Exact while that cost is within `exactMax` dense rows.
 */
export function chooseVectorKind(rows: number, exactMax: number, queryDensity = 1): VectorIndexKind {
  return rows * Math.min(1, Math.max(queryDensity, 1e-3)) <= exactMax ? 'exact' : 'hnsw';
}

/**
 * Writes the first `dims` numbers of `vector` (missing ones as 0), L2-normalised, into out[at … at + dims). A zero or
 * non-finite norm writes all zeros and returns false.
 */
function normalizeInto(vector: ArrayLike<number>, dims: number, out: Float32Array, at: number): boolean {
  let norm = 0;
  for (let i = 0; i < dims; i++) {
    const x = Number(vector[i] ?? 0);
    out[at + i] = x;
    norm += x * x;
  }
  if (!(norm > 0) || !Number.isFinite(norm)) {
    out.fill(0, at, at + dims);
    return false;
  }
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < dims; i++) out[at + i] = out[at + i]! * inv;
  return true;
}

/** `vector` L2-normalised, or null for a zero (or non-finite) vector. */
function normalized(vector: ArrayLike<number>, dims: number): Float32Array | null {
  const v = new Float32Array(dims);
  return normalizeInto(vector, dims, v, 0) ? v : null;
}

export class VectorIndex {
  readonly kind: VectorIndexKind;
  readonly dimensions: number;
  /** Live labels, ascending. */
  private readonly live: Int32Array;
  /** Every row's label (segments in order; ascending), dead rows included, and whether the row is live. */
  private readonly rowLabels: Int32Array;
  private readonly alive: Uint8Array;
  private readonly segments: Array<SegmentRef & { f32: string; offset: number }>;
  /** Kind "exact": the open segment files (same order as `segments`), closed by `close` or on garbage collection. */
  private readonly files: { fds: number[] } | null;
  private loaded: ExactScanner | null = null;
  /** Per dimension: 1 when its column has been read into `loaded`. */
  private loadedDims: Uint8Array | null = null;
  private readonly hnsw: HierarchicalNSW | null;

  private constructor(
    kind: VectorIndexKind,
    dimensions: number,
    live: Int32Array,
    rowLabels: Int32Array,
    alive: Uint8Array,
    segments: Array<SegmentRef & { f32: string; offset: number }>,
    hnsw: HierarchicalNSW | null,
    files: { fds: number[] } | null,
  ) {
    this.kind = kind;
    this.dimensions = dimensions;
    this.live = live;
    this.rowLabels = rowLabels;
    this.alive = alive;
    this.segments = segments;
    this.hnsw = hnsw;
    this.files = files;
    if (files) fileCloser.register(this, files, this);
  }

  /** Closes the segment files (later searches that need an unread column throw). Idempotent. */
  close(): void {
    if (!this.files) return;
    fileCloser.unregister(this);
    closeAll(this.files);
  }

  /** The exact scanner (kind "exact") with the columns of `q`'s non-zero dimensions read. */
  private scannerFor(q: ArrayLike<number>): ExactScanner | null {
    if (this.kind !== 'exact' || !this.files) return null;
    const scanner = (this.loaded ??= ExactScanner.create(this.rowLabels.length, this.dimensions));
    const loaded = (this.loadedDims ??= new Uint8Array(this.dimensions));
    for (let d = 0; d < this.dimensions; d++) {
      if (loaded[d] || (q[d] ?? 0) === 0) continue;
      const bytes = scanner.columnBytes(d);
      this.segments.forEach((seg, i) => {
        readColumn(this.files!.fds[i]!, seg.f32, seg.rows, d, bytes.subarray(seg.offset * 4, (seg.offset + seg.rows) * 4));
      });
      loaded[d] = 1;
    }
    return scanner;
  }

  /**
   * Opens a generation's vectors: `segments` from its manifest (files in `dir`), `live` the live labels,
   * ascending. Throws when a segment's files have the wrong size or a live label has no row. `dimensions` 0 (an index
   * without vectors, no segments): an empty index whose searches match nothing.
   */
  static async open(dir: string, segments: SegmentRef[], kind: VectorIndexKind, dimensions: number, live: Int32Array): Promise<VectorIndex> {
    if (dimensions === 0) {
      if (segments.length > 0) throw new Error('an index without vector dimensions lists vector segments');
      return new VectorIndex('exact', 0, new Int32Array(0), new Int32Array(0), new Uint8Array(0), [], null, { fds: [] });
    }
    const total = segments.reduce((n, s) => n + s.rows, 0);
    const rowLabels = new Int32Array(total);
    const refs: Array<SegmentRef & { f32: string; offset: number }> = [];
    let offset = 0;
    for (const seg of segments) {
      const files = segmentFiles(dir, seg.id);
      const size = statSync(files.f32).size;
      if (size !== seg.rows * dimensions * 4) throw new Error(`vec-${seg.id}.f32 has ${size} bytes; ${seg.rows} rows × ${dimensions} dimensions need ${seg.rows * dimensions * 4}`);
      const bytes = readFileSync(files.labels);
      if (bytes.byteLength !== seg.rows * 4) throw new Error(`vec-${seg.id}.labels has ${bytes.byteLength} bytes; ${seg.rows} rows need ${seg.rows * 4}`);
      for (let r = 0; r < seg.rows; r++) rowLabels[offset + r] = bytes.readInt32LE(r * 4);
      refs.push({ ...seg, f32: files.f32, offset });
      offset += seg.rows;
    }
    for (let r = 1; r < total; r++) if (rowLabels[r]! <= rowLabels[r - 1]!) throw new Error('vector segment labels are not ascending');
    const alive = new Uint8Array(total);
    let found = 0;
    for (let r = 0; r < total; r++) if (rowOf(live, rowLabels[r]!) >= 0) (alive[r] = 1), found++;
    if (found !== live.length) throw new Error(`${live.length - found} live chunks have no vector`);
    let hnsw: HierarchicalNSW | null = null;
    if (kind === 'hnsw') {
      hnsw = new (hnswlib().HierarchicalNSW)('cosine', dimensions);
      await hnsw.readIndex(path.join(dir, 'vectors.hnsw'));
    }
    let files: { fds: number[] } | null = null;
    if (kind === 'exact') {
      files = { fds: [] };
      try {
        for (const seg of refs) files.fds.push(openSync(seg.f32, 'r'));
      } catch (error) {
        closeAll(files);
        throw error;
      }
    }
    return new VectorIndex(kind, dimensions, live, rowLabels, alive, refs, hnsw, files);
  }

  get size(): number {
    return this.live.length;
  }

  has(label: number): boolean {
    return rowOf(this.live, label) >= 0;
  }

  search(vector: ArrayLike<number>, k: number, filter?: LabelFilter): VectorMatch[] {
    if (this.live.length === 0 || k <= 0) return [];
    const q = normalized(vector, this.dimensions);
    if (!q) return [];
    if (filter instanceof Set && filter.size <= EXACT_FILTER_MAX) return this.searchFew(q, k, filter as ReadonlySet<number>);
    const scanner = this.scannerFor(q);
    if (scanner) {
      const scores = scanner.scores(q);
      const top = new TopK(Math.min(k, this.live.length));
      for (let r = 0; r < scores.length; r++) {
        const s = scores[r]!;
        if (s < top.minScore() || !this.alive[r]) continue;
        const label = this.rowLabels[r]!;
        if (accepts(filter, label)) top.push(s, label);
      }
      return top.sorted().map(([label, similarity]) => ({ label, similarity }));
    }
    const h = this.hnsw!;
    const n = Math.min(k, this.live.length);
    h.setEf(Math.max(n, HNSW_PARAMS.efSearch));
    const result = filter
      ? h.searchKnn(Array.from(q), n, (l: number) => accepts(filter, l))
      : h.searchKnn(Array.from(q), n);
    return result.neighbors
      .map((label, i) => ({ label, similarity: 1 - (result.distances[i] ?? 1) }))
      .sort((a, b) => b.similarity - a.similarity || a.label - b.label);
  }

  /** Exact scores of a small set of labels. */
  private searchFew(q: Float32Array, k: number, allowed: ReadonlySet<number>): VectorMatch[] {
    const top = new TopK(Math.min(k, Math.max(1, allowed.size)));
    const scanner = this.scannerFor(q);
    for (const label of allowed) {
      if (!this.has(label)) continue;
      let s: number;
      if (scanner) {
        s = scanner.dotRow(rowOf(this.rowLabels, label), q);
      } else {
        const p = normalized(this.hnsw!.getPoint(label), this.dimensions);
        s = 0;
        if (p) for (let d = 0; d < this.dimensions; d++) s += p[d]! * q[d]!;
      }
      top.push(s, label);
    }
    return top.sorted().map(([label, similarity]) => ({ label, similarity }));
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

/** New row vectors in label order, appended as they are embedded (normalised on the way in). */
export class RowBuffer {
  readonly dimensions: number;
  private buffer: Float32Array;
  rows = 0;
  constructor(dimensions: number, capacity = 1024) {
    this.dimensions = dimensions;
    this.buffer = new Float32Array(Math.max(1, capacity) * dimensions);
  }
  /** Appends one vector (must have `dimensions` numbers); returns its row. Non-finite or zero → all-zero row. */
  push(vector: ArrayLike<number>): number {
    const dims = this.dimensions;
    if (vector.length !== dims) throw new Error(`Vector has ${vector.length} dimensions; this index holds ${dims}.`);
    if ((this.rows + 1) * dims > this.buffer.length) {
      const grown = new Float32Array(Math.max(this.buffer.length * 2, (this.rows + 1) * dims));
      grown.set(this.buffer);
      this.buffer = grown;
    }
    normalizeInto(vector, dims, this.buffer, this.rows * dims);
    return this.rows++;
  }
  /** Row r (a view). */
  row(r: number): Float32Array {
    return this.buffer.subarray(r * this.dimensions, (r + 1) * this.dimensions);
  }
  /** All rows, row-major (a view of rows × dimensions floats). */
  get data(): Float32Array {
    return this.buffer.subarray(0, this.rows * this.dimensions);
  }
}

/** Reads column `d` (`rows` floats) of the dimension-major segment file open as `fd` into `buf`. */
function readColumn(fd: number, file: string, rows: number, d: number, buf: Uint8Array): void {
  let done = 0;
  while (done < buf.byteLength) {
    const n = readSync(fd, buf, done, buf.byteLength - done, d * rows * 4 + done);
    if (n === 0) throw new Error(`${file} is shorter than ${rows} rows × ${d + 1} dimensions.`);
    done += n;
  }
}

function closeAll(files: { fds: number[] }): void {
  for (const fd of files.fds.splice(0)) {
    try {
      closeSync(fd);
    } catch {
      // Already closed: nothing to release.
    }
  }
}

/** Closes the segment files of exact indexes that were dropped without `close`. */
const fileCloser = new FinalizationRegistry<{ fds: number[] }>(closeAll);

function writeSegment(dir: string, id: number, dims: number, labels: ArrayLike<number>, data: Float32Array): SegmentRef {
  const rows = labels.length;
  if (data.length < rows * dims) throw new Error(`segment data has ${data.length} floats; ${rows} rows need ${rows * dims}`);
  const files = segmentFiles(dir, id);
  const col = new Float32Array(rows);
  const out = openSync(files.f32, 'w');
  try {
    for (let d = 0; d < dims; d++) {
      for (let r = 0, i = d; r < rows; r++, i += dims) col[r] = data[i]!;
      writeAll(out, new Uint8Array(col.buffer, 0, rows * 4));
    }
    fsyncSync(out);
  } finally {
    closeSync(out);
  }
  const labelBytes = Buffer.alloc(rows * 4);
  for (let r = 0; r < rows; r++) labelBytes.writeInt32LE(labels[r]!, r * 4);
  const lf = openSync(files.labels, 'w');
  try {
    writeAll(lf, labelBytes);
    fsyncSync(lf);
  } finally {
    closeSync(lf);
  }
  return { id, rows };
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.byteLength) done += writeSync(fd, bytes, done, bytes.byteLength - done);
}

/** Every row of the segments in `dir` whose label `keep` accepts, as (label, vector), in label order. */
export function* readSegmentRows(dir: string, segments: SegmentRef[], dims: number, keep: (label: number) => boolean): Generator<{ label: number; vector: Float32Array }> {
  for (const seg of segments) {
    const files = segmentFiles(dir, seg.id);
    const labels = readFileSync(files.labels);
    const buf = readFileSync(files.f32);
    const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    for (let r = 0; r < seg.rows; r++) {
      const label = labels.readInt32LE(r * 4);
      if (!keep(label)) continue;
      const v = new Float32Array(dims);
      for (let d = 0; d < dims; d++) v[d] = all[d * seg.rows + r]!;
      yield { label, vector: v };
    }
  }
}

export interface SegmentUpdate {
  /** Directory of the previous generation and its segments (null: none). */
  previous: { dir: string; segments: SegmentRef[] } | null;
  /** Live labels after the update (previous survivors and new ones). */
  isLive: (label: number) => boolean;
  liveCount: number;
  /** New rows, labels ascending and above every previous label. */
  addedLabels: number[];
  added: RowBuffer;
  /** First unused segment id. */
  nextId: number;
}

/**
 * Writes the new generation's segments into `dir`: the previous ones hard-linked plus one for the added rows, or —
 * with over a quarter of rows dead or more than MAX_SEGMENTS — a single compacted segment. Returns the segment list.
 */
export function writeSegments(dir: string, dims: number, u: SegmentUpdate): SegmentRef[] {
  const prev = u.previous?.segments ?? [];
  const total = prev.reduce((n, s) => n + s.rows, 0) + u.addedLabels.length;
  const dead = total - u.liveCount;
  const compact = prev.length > 0 && (dead > total / 4 || prev.length + (u.addedLabels.length > 0 ? 1 : 0) > MAX_SEGMENTS);
  if (compact && u.previous) {
    const data = new Float32Array(u.liveCount * dims);
    const labels: number[] = [];
    for (const { label, vector } of readSegmentRows(u.previous.dir, prev, dims, u.isLive)) {
      data.set(vector, labels.length * dims);
      labels.push(label);
    }
    data.set(u.added.data, labels.length * dims);
    labels.push(...u.addedLabels);
    return [writeSegment(dir, u.nextId, dims, labels, data.subarray(0, labels.length * dims))];
  }
  const out: SegmentRef[] = [];
  for (const seg of prev) {
    const from = segmentFiles(u.previous!.dir, seg.id);
    const to = segmentFiles(dir, seg.id);
    linkSync(from.f32, to.f32);
    linkSync(from.labels, to.labels);
    out.push(seg);
  }
  if (u.addedLabels.length > 0) out.push(writeSegment(dir, u.nextId, dims, u.addedLabels, u.added.data));
  return out;
}

export interface HnswWriteInput {
  dimensions: number;
  /** Previous vectors.hnsw to update (null: build from scratch from `all`). */
  previous: { file: string; deletedBefore: number } | null;
  removed: number[];
  added: Array<{ label: number; vector: Float32Array }>;
  /** Every live label with its vector, for a rebuild (called only when rebuilding). */
  all: () => Iterable<{ label: number; vector: Float32Array }>;
  liveCount: number;
}

/** Writes vectors.hnsw, updating the previous graph when possible. Returns the number of deleted elements it holds. */
export async function writeHnswFile(file: string, input: HnswWriteInput): Promise<number> {
  const deleted = (input.previous?.deletedBefore ?? 0) + input.removed.length;
  const rebuild = !input.previous || deleted > input.liveCount / 4;
  const h = new (hnswlib().HierarchicalNSW)('cosine', input.dimensions);
  if (rebuild) {
    h.initIndex({ maxElements: Math.max(16, input.liveCount), m: HNSW_PARAMS.m, efConstruction: HNSW_PARAMS.efConstruction, randomSeed: 42 });
    for (const { label, vector } of input.all()) h.addPoint(Array.from(vector), label);
    await h.writeIndex(file);
    return 0;
  }
  await h.readIndex(input.previous!.file);
  for (const label of input.removed) h.markDelete(label);
  const needed = h.getCurrentCount() + input.added.length;
  if (needed > h.getMaxElements()) h.resizeIndex(Math.max(needed, Math.ceil(h.getMaxElements() * 1.25)));
  for (const { label, vector } of input.added) h.addPoint(Array.from(vector), label);
  await h.writeIndex(file);
  return deleted;
}
