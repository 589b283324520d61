import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/seed-index.js';
import { ExactScanner } from './exact-scan.js';
import { chooseVectorKind, MAX_SEGMENTS, RowBuffer, segmentFiles, VectorIndex, writeHnswFile, writeSegments, type SegmentRef } from './vector-index.js';

/** Deterministic pseudo-random numbers in [-1, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

function randomRows(n: number, dims: number, seed: number, sparse = false): Float32Array[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => Float32Array.from({ length: dims }, () => (sparse && r() < 0.8 ? 0 : r())));
}

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! ** 2;
    bb += b[i]! ** 2;
  }
  return aa && bb ? ab / Math.sqrt(aa * bb) : 0;
};

const buffer = (rows: Float32Array[], dims: number) => {
  const b = new RowBuffer(dims);
  for (const v of rows) b.push(v);
  return b;
};

/** One generation directory with `rows` under `labels` (a fresh segment). */
async function generation(rows: Float32Array[], labels: number[], dims: number): Promise<{ dir: string; segments: SegmentRef[] }> {
  const dir = await tempDir('dangbo-vec-');
  const live = new Set(labels);
  const segments = writeSegments(dir, dims, { previous: null, isLive: (l) => live.has(l), liveCount: labels.length, addedLabels: labels, added: buffer(rows, dims), nextId: 0 });
  return { dir, segments };
}

/** The next generation of `previous` in a new directory: `live` labels stay live, `added` is its one new row. */
async function nextGeneration(
  previous: { dir: string; segments: SegmentRef[] },
  dims: number,
  live: Iterable<number>,
  added: { label: number; vector: Float32Array },
): Promise<{ dir: string; segments: SegmentRef[] }> {
  const dir = await tempDir('dangbo-vec-next-');
  const isLive = new Set(live);
  const segments = writeSegments(dir, dims, { previous, isLive: (l) => isLive.has(l), liveCount: isLive.size, addedLabels: [added.label], added: buffer([added.vector], dims), nextId: 1 });
  return { dir, segments };
}

describe('ExactScanner', () => {
  it('computes the same inner products in SIMD as in plain arithmetic, for any row count', () => {
    for (const rows of [1, 3, 4, 5, 37]) {
      const dims = 16;
      const data = randomRows(rows, dims, rows);
      const s = ExactScanner.create(rows, dims);
      for (let d = 0; d < dims; d++) s.column(d).set(data.map((v) => v[d]!));
      const query = randomRows(1, dims, 99, true)[0]!;
      const scores = s.scores(query);
      expect(scores.length).toBe(rows);
      data.forEach((v, r) => {
        const want = v.reduce((acc, x, d) => acc + x * query[d]!, 0);
        expect(scores[r]).toBeCloseTo(want, 5);
        expect(s.dotRow(r, query)).toBeCloseTo(want, 5);
      });
    }
  });
});

describe('VectorIndex (exact)', () => {
  const dims = 24;
  const rows = randomRows(300, dims, 7);
  const labels = rows.map((_, i) => i * 3 + 1); // ascending, with gaps

  it('returns the exact top k by cosine, best first, ties by label', async () => {
    const g = await generation(rows, labels, dims);
    const index = await VectorIndex.open(g.dir, g.segments, 'exact', dims, Int32Array.from(labels));
    expect(index.size).toBe(300);
    expect(index.has(4)).toBe(true);
    expect(index.has(5)).toBe(false);
    for (const seed of [1, 2, 3]) {
      const q = randomRows(1, dims, 100 + seed, true)[0]!;
      const want = rows
        .map((v, i) => ({ label: labels[i]!, similarity: cosine(q, v) }))
        .sort((a, b) => b.similarity - a.similarity || a.label - b.label)
        .slice(0, 10);
      const got = index.search(q, 10);
      expect(got.map((m) => m.label)).toEqual(want.map((m) => m.label));
      got.forEach((m, i) => expect(m.similarity).toBeCloseTo(want[i]!.similarity, 5));
    }
  });

  it('reads columns as queries need them: same results as all columns, and after the files are deleted', async () => {
    const g = await generation(rows, labels, dims);
    const lazy = await VectorIndex.open(g.dir, g.segments, 'exact', dims, Int32Array.from(labels));
    const eager = await VectorIndex.open(g.dir, g.segments, 'exact', dims, Int32Array.from(labels));
    eager.search(Float32Array.from({ length: dims }, () => 1), 1); // every column read
    // A concurrent ingest may delete the generation: the open files stay readable.
    await rm(g.dir, { recursive: true, force: true });
    for (const seed of [4, 5, 6, 7]) {
      const q = randomRows(1, dims, 200 + seed, true)[0]!;
      expect(lazy.search(q, 10)).toEqual(eager.search(q, 10));
      expect(lazy.search(q, 3, new Set(labels.slice(0, 50)))).toEqual(eager.search(q, 3, new Set(labels.slice(0, 50))));
    }
    lazy.close();
    lazy.close();
    eager.close();
  });

  it('filters before ranking (small Set, large Set, predicate); a zero query matches nothing', async () => {
    const g = await generation(rows, labels, dims);
    const index = await VectorIndex.open(g.dir, g.segments, 'exact', dims, Int32Array.from(labels));
    const q = randomRows(1, dims, 42)[0]!;
    expect(index.search(q, 5, new Set([labels[10]!, labels[20]!, 999_999])).map((m) => m.label).sort((a, b) => a - b)).toEqual([labels[10], labels[20]]);
    const big = new Set(labels.filter((_, i) => i % 2 === 0));
    expect(index.search(q, 20, big).every((m) => big.has(m.label))).toBe(true);
    expect(index.search(q, 20, (l) => l % 2 === 0).every((m) => m.label % 2 === 0)).toBe(true);
    expect(index.search(new Float32Array(dims), 5)).toEqual([]);
    expect(index.search(q, 0)).toEqual([]);
  });

  it('updates by linking the previous segments and adding one; dead rows are never returned', async () => {
    const first = await generation(rows.slice(0, 4), [1, 2, 3, 4], dims);
    const { dir: next, segments } = await nextGeneration(first, dims, [1, 3, 4, 9], { label: 9, vector: rows[10]! });
    expect(segments).toEqual([{ id: 0, rows: 4 }, { id: 1, rows: 1 }]);
    // The previous segment is shared, not copied.
    expect((await stat(segmentFiles(next, 0).f32)).ino).toBe((await stat(segmentFiles(first.dir, 0).f32)).ino);
    const index = await VectorIndex.open(next, segments, 'exact', dims, Int32Array.from([1, 3, 4, 9]));
    expect(index.size).toBe(4);
    expect(index.has(2)).toBe(false);
    expect(index.search(rows[10]!, 1)[0]).toMatchObject({ label: 9 });
    expect(index.search(rows[2]!, 1)[0]).toMatchObject({ label: 3 });
    expect(index.search(rows[1]!, 5).map((m) => m.label)).not.toContain(2);
    expect(index.search(rows[1]!, 5, new Set([2, 3])).map((m) => m.label)).toEqual([3]);
  });

  it('compacts when over a quarter of the rows are dead, or segments pile up', async () => {
    const first = await generation(rows.slice(0, 8), [1, 2, 3, 4, 5, 6, 7, 8], dims);
    const { dir: next, segments } = await nextGeneration(first, dims, [1, 2, 3, 4, 5, 20], { label: 20, vector: rows[20]! });
    expect(segments).toEqual([{ id: 1, rows: 6 }]);
    expect((await readdir(next)).sort()).toEqual(['vec-1.f32', 'vec-1.labels']);
    const index = await VectorIndex.open(next, segments, 'exact', dims, Int32Array.from([1, 2, 3, 4, 5, 20]));
    expect(index.search(rows[20]!, 1)[0]).toMatchObject({ label: 20 });
    expect(index.search(rows[4]!, 1)[0]).toMatchObject({ label: 5 });

    const many = Array.from({ length: MAX_SEGMENTS }, (_, i) => ({ id: i, rows: 1 }));
    const dir = await tempDir('dangbo-vec-many-');
    for (const seg of many) writeSegments(dir, dims, { previous: null, isLive: () => true, liveCount: 1, addedLabels: [seg.id], added: buffer([rows[seg.id]!], dims), nextId: seg.id });
    const out = await tempDir('dangbo-vec-many-out-');
    const merged = writeSegments(out, dims, { previous: { dir, segments: many }, isLive: () => true, liveCount: MAX_SEGMENTS + 1, addedLabels: [100], added: buffer([rows[100]!], dims), nextId: 50 });
    expect(merged).toEqual([{ id: 50, rows: MAX_SEGMENTS + 1 }]);
  });

  it('refuses segment files of the wrong size, and live labels without a row', async () => {
    const g = await generation(rows.slice(0, 4), [1, 2, 3, 4], dims);
    await expect(VectorIndex.open(g.dir, [{ id: 0, rows: 5 }], 'exact', dims, Int32Array.from([1, 2, 3, 4]))).rejects.toThrow(/bytes/);
    await expect(VectorIndex.open(g.dir, g.segments, 'exact', dims, Int32Array.from([1, 2, 3, 4, 77]))).rejects.toThrow(/no vector/);
  });
});

describe('VectorIndex (HNSW)', () => {
  it('is updated in place: removed labels disappear, added ones are found', async () => {
    const dims = 16;
    const rows = randomRows(200, dims, 5);
    const labels = rows.map((_, i) => i);
    const g = await generation(rows, labels, dims);
    const all = rows.map((v, i) => ({ label: i, vector: v }));
    const first = path.join(g.dir, 'a.hnsw');
    expect(await writeHnswFile(first, { dimensions: dims, previous: null, removed: [], added: [], all: () => all, liveCount: 200 })).toBe(0);
    const extra = randomRows(1, dims, 77)[0]!;
    const live = new Set([...labels.slice(3), 500]);
    const { dir: next, segments } = await nextGeneration(g, dims, live, { label: 500, vector: extra });
    const deleted = await writeHnswFile(path.join(next, 'vectors.hnsw'), {
      dimensions: dims,
      previous: { file: first, deletedBefore: 0 },
      removed: [0, 1, 2],
      added: [{ label: 500, vector: extra }],
      all: () => all,
      liveCount: 198,
    });
    expect(deleted).toBe(3);
    const index = await VectorIndex.open(next, segments, 'hnsw', dims, Int32Array.from([...live].sort((a, b) => a - b)));
    expect(index.search(extra, 1)[0]!.label).toBe(500);
    expect(index.search(rows[0]!, 10).map((m) => m.label)).not.toContain(0);
    expect(index.search(rows[50]!, 5, new Set([50, 51])).map((m) => m.label)).toContain(50);
  });

  it('is chosen by rows × query density against the exact budget', () => {
    expect(chooseVectorKind(10_000, 20_000)).toBe('exact');
    expect(chooseVectorKind(30_000, 20_000)).toBe('hnsw');
    expect(chooseVectorKind(115_000, 20_000, 0.1)).toBe('exact');
    expect(chooseVectorKind(300_000, 20_000, 0.1)).toBe('hnsw');
  });
});
