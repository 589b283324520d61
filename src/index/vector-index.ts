/**
 * Vector index over chunk labels (non-negative integers), backed by hnswlib-node.
 *
 * Contracts:
 * - Space is cosine; `search` returns similarity = 1 − cosine distance (higher = better), best first.
 * - kind "exact" (BruteforceSearch) is exact; "hnsw" (HierarchicalNSW, M=16, efConstruction=200,
 *   ef=max(k, efSearch)) is approximate. Hashed vectors are near-isotropic, where HNSW recall can be poor,
 *   so the store picks "exact" below a size threshold (VECTOR_EXACT_MAX) and a high ef above it.
 * - Capacity grows automatically (hnsw: resizeIndex; exact: rebuilt from its points).
 * - `filter` receives labels; only labels it accepts are returned.
 */
import hnswlib from 'hnswlib-node';

const { BruteforceSearch, HierarchicalNSW } = hnswlib;

export type VectorIndexKind = 'exact' | 'hnsw';

export interface VectorMatch {
  label: number;
  similarity: number;
}

export interface VectorIndexOptions {
  kind: VectorIndexKind;
  dimensions: number;
  capacity?: number;
  /** HNSW only: search-time candidate list size (recall vs speed). */
  efSearch?: number;
}

type Backend = InstanceType<typeof BruteforceSearch> | InstanceType<typeof HierarchicalNSW>;

export class VectorIndex {
  readonly kind: VectorIndexKind;
  readonly dimensions: number;
  private backend: Backend;
  private efSearch: number;
  private labels = new Set<number>();

  private constructor(options: VectorIndexOptions, backend: Backend) {
    this.kind = options.kind;
    this.dimensions = options.dimensions;
    this.efSearch = options.efSearch ?? 200;
    this.backend = backend;
  }

  static create(options: VectorIndexOptions): VectorIndex {
    const capacity = Math.max(16, options.capacity ?? 1024);
    if (options.kind === 'exact') {
      const b = new BruteforceSearch('cosine', options.dimensions);
      b.initIndex(capacity);
      return new VectorIndex(options, b);
    }
    const b = new HierarchicalNSW('cosine', options.dimensions);
    b.initIndex({ maxElements: capacity, m: 16, efConstruction: 200, randomSeed: 42, allowReplaceDeleted: false });
    return new VectorIndex(options, b);
  }

  /** Loads a file written by `save`; `labels` are the live labels recorded in the manifest. */
  static async load(file: string, options: VectorIndexOptions, labels: Iterable<number>): Promise<VectorIndex> {
    const backend =
      options.kind === 'exact'
        ? new BruteforceSearch('cosine', options.dimensions)
        : new HierarchicalNSW('cosine', options.dimensions);
    await backend.readIndex(file);
    const index = new VectorIndex(options, backend);
    for (const l of labels) index.labels.add(l);
    return index;
  }

  get size(): number {
    return this.labels.size;
  }

  has(label: number): boolean {
    return this.labels.has(label);
  }

  add(label: number, vector: ArrayLike<number>): void {
    if (vector.length !== this.dimensions) {
      throw new Error(`Vector has ${vector.length} dimensions; this index holds ${this.dimensions}.`);
    }
    if (this.labels.has(label)) this.remove(label);
    this.ensureCapacity(this.backend.getCurrentCount() + 1);
    this.backend.addPoint(Array.from(vector), label);
    this.labels.add(label);
  }

  remove(label: number): void {
    if (!this.labels.has(label)) return;
    if (this.backend instanceof BruteforceSearch) this.backend.removePoint(label);
    else this.backend.markDelete(label);
    this.labels.delete(label);
  }

  search(vector: ArrayLike<number>, k: number, filter?: (label: number) => boolean): VectorMatch[] {
    if (this.labels.size === 0 || k <= 0) return [];
    const n = Math.min(k, this.labels.size);
    if (this.backend instanceof HierarchicalNSW) this.backend.setEf(Math.max(n, this.efSearch));
    const accept = filter ? (l: number) => this.labels.has(l) && filter(l) : (l: number) => this.labels.has(l);
    const result = this.backend.searchKnn(Array.from(vector), n, accept);
    return result.neighbors.map((label, i) => ({ label, similarity: 1 - (result.distances[i] ?? 1) }));
  }

  async save(file: string): Promise<void> {
    await this.backend.writeIndex(file);
  }

  private ensureCapacity(needed: number): void {
    const max = this.backend.getMaxElements();
    if (needed <= max) return;
    const next = Math.max(needed, Math.ceil(max * 1.5));
    if (this.backend instanceof HierarchicalNSW) {
      this.backend.resizeIndex(next);
      return;
    }
    // BruteforceSearch cannot resize: copy its points into a larger one.
    const old = this.backend;
    const grown = new BruteforceSearch('cosine', this.dimensions);
    grown.initIndex(next);
    for (const l of this.labels) grown.addPoint(getPointExact(old, l, this.dimensions), l);
    this.backend = grown;
  }
}

function getPointExact(b: InstanceType<typeof BruteforceSearch>, label: number, dims: number): number[] {
  const withGet = b as unknown as { getPoint?: (l: number) => number[] };
  if (typeof withGet.getPoint === 'function') return withGet.getPoint(label);
  throw new Error(`Cannot grow an exact index without getPoint (dims ${dims}); create it with enough capacity.`);
}
