/**
 * The writers of an ingest: apply prepared documents and a plan's changes (plan.ts) to a new generation
 * (store.ts), starting from the previous one. Nothing is rebuilt from scratch.
 *
 * Contracts:
 * - `headTerms` reads the previous generation's head terms (keyword-index.ts), or, for a full build, defines them
 *   (before the first `add`); documents must be prepared with them.
 * - `add` (as documents are prepared, in admission order) opens the generation on first use — a copy of the previous
 *   index.db, or an empty one — and stores each article and its chunks (with keyword rows) under new labels, larger
 *   than every earlier one; an updated article's old chunks are deleted first. Vectors are buffered for `write`.
 * - `write` deletes the removed articles, upkeeps the keyword index (merged into one segment after a full build or a
 *   change of over a tenth of the chunks; common-term table recomputed when the chunk count drifts by over a fifth
 *   since it was computed), writes the vector segments (vector-index.ts; the previous ones hard-linked) and the HNSW
 *   graph when the kind is "hnsw" (updated with markDelete/addPoint, linked when no vector changed), then commits
 *   the manifest. A generation whose content did not change (only file dates did) links index.db. An embedder of
 *   0 dimensions (keyword-only) writes no vector files.
 * - `abort` discards an uncommitted generation (idempotent; a no-op after `write`).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  FILES,
  GenerationWriter,
  type EmbedderInfo,
  type Manifest,
  type ManifestArticle,
} from '../index/store.js';
import { readSegmentRows, RowBuffer, writeHnswFile, writeSegments, type VectorIndexKind } from '../index/vector-index.js';
import { readHeadTerms, type HeadRuns } from '../index/keyword-index.js';
import type { IngestChanges } from './plan.js';
import type { PreparedDocument } from './prepare.js';

/** A change of more than chunks / this many chunks merges the keyword index into one segment. */
const KEYWORD_OPTIMIZE_DIVISOR = 10;
/** The common-term table is recomputed when the chunk count drifts by more than 1 / this of its count then. */
const KEYWORD_COMMON_DRIFT_DIVISOR = 5;

export interface WriteOptions {
  embedder: EmbedderInfo;
  vectorKind: VectorIndexKind;
  pipeline: string;
  sources: string[];
  beforeCommit?: () => Promise<void> | void;
}

export class IngestWriter {
  /** Labels of the articles stored by `add`. */
  readonly fresh = new Map<string, ManifestArticle>();
  private writer: GenerationWriter | null = null;
  private nextLabel: number;
  private readonly rows: RowBuffer;
  private readonly freshVectors: Array<{ label: number; row: number }> = [];
  /** The head terms of a full build, defined when its generation opens. */
  private head: readonly string[] = [];

  /** `previous`: the generation to start from (null: a full build). */
  constructor(
    private readonly indexDir: string,
    private readonly previous: { gen: string; manifest: Manifest } | null,
    private readonly dimensions: number,
  ) {
    this.nextLabel = previous?.manifest.nextLabel ?? 0;
    this.rows = new RowBuffer(dimensions);
  }

  /**
   * The head terms documents are prepared with: the previous generation's, or, for a full build, `learn()` (called
   * only then, and only before the first `add`).
   */
  headTerms(learn: () => readonly string[]): readonly string[] {
    if (!this.previous) return (this.head = learn());
    const db = new Database(path.join(this.previous.gen, FILES.db), { readonly: true });
    try {
      return readHeadTerms(db);
    } finally {
      db.close();
    }
  }

  /** Content changes go to a copy of the previous index.db; a generation without them links it. */
  private async open(mode: 'copy' | 'link' = 'copy'): Promise<GenerationWriter> {
    if (!this.writer) {
      this.writer = await GenerationWriter.begin(this.indexDir, this.previous?.gen ?? null, this.previous ? mode : 'new');
      if (!this.previous && this.head.length > 0) this.writer.keyword!.defineHead(this.head);
    }
    return this.writer;
  }

  /**
   * Stores prepared documents; `remote`: the vectors of the chunks of documents without `vectors`, in order; `heads`:
   * their chunks' head postings (prepare.ts PreparedBatch).
   */
  async add(docs: PreparedDocument[], remote: number[][], heads: HeadRuns | null): Promise<void> {
    const w = await this.open();
    const base = this.nextLabel;
    const prevArticles = this.previous?.manifest.articles ?? {};
    let r = 0;
    for (const d of docs) {
      const id = d.article.id;
      for (const l of prevArticles[id]?.labels ?? []) w.deleteChunk(l);
      w.putArticle(id, d.articleData, d.rowData);
      const labels: number[] = [];
      d.chunkText.forEach((text, i) => {
        const label = this.nextLabel++;
        labels.push(label);
        w.putChunk(label, text, d.keywords[i]!, { exact: d.exactCount[i]!, folded: d.foldedCount[i]! });
        if (this.dimensions === 0) return; // no vectors (keyword-only index)
        const v = d.vectors ? d.vectors.subarray(i * this.dimensions, (i + 1) * this.dimensions) : remote[r++]!;
        this.freshVectors.push({ label, row: this.rows.push(v) });
      });
      this.fresh.set(id, { hash: d.article.contentHash, labels });
    }
    // The batch's chunks got the labels base, base + 1, … in order.
    if (heads) w.keyword!.insertHeadRuns(base, heads);
  }

  /** Applies the removals and writes the rest of the generation, then makes it current. */
  async write(changes: IngestChanges, o: WriteOptions): Promise<void> {
    const prev = this.previous;
    const prevM = prev?.manifest ?? null;
    const { articles, chunkCount, contentChanged } = changes;
    const w = await this.open(contentChanged ? 'copy' : 'link');
    for (const id of changes.removed) {
      for (const l of prevM!.articles[id]!.labels) w.deleteChunk(l);
      w.deleteArticle(id);
    }
    if (!contentChanged && prev) await w.linkFrom(prev.gen, FILES.db);
    const removedLabels = changes.removedLabels;
    const addedLabels = this.dimensions === 0 ? [...this.fresh.values()].flatMap((a) => a.labels) : this.freshVectors.map((f) => f.label);

    let keywordCommonRows = prevM?.keywordCommonRows ?? 0;
    if (contentChanged) {
      const changedChunks = addedLabels.length + removedLabels.length;
      if (!prevM || changedChunks > chunkCount / KEYWORD_OPTIMIZE_DIVISOR) w.keyword!.optimize();
      w.keyword!.writeHead();
      w.keyword!.packLengths();
      if (!prevM || Math.abs(chunkCount - keywordCommonRows) > keywordCommonRows / KEYWORD_COMMON_DRIFT_DIVISOR) {
        w.keyword!.recomputeCommon(chunkCount);
        keywordCommonRows = chunkCount;
      }
    }

    // Vectors: the previous segments (linked) and one for the new rows (larger labels), or one compacted segment.
    const liveSet = new Set<number>();
    for (const a of Object.values(articles)) for (const l of a.labels) liveSet.add(l);
    const vectorsChanged = addedLabels.length > 0 || removedLabels.length > 0;
    const segments = this.dimensions === 0 ? [] : writeSegments(w.gen, this.dimensions, {
      previous: prev ? { dir: prev.gen, segments: prev.manifest.vector.segments } : null,
      isLive: (l) => liveSet.has(l),
      liveCount: chunkCount,
      addedLabels,
      added: this.rows,
      nextId: prevM?.vector.nextSegment ?? 0,
    });
    const nextSegment = Math.max(prevM?.vector.nextSegment ?? 0, ...segments.map((x) => x.id + 1));
    let hnswDeleted = 0;
    if (o.vectorKind === 'hnsw') {
      const reuse = prev && prevM?.vector.kind === 'hnsw';
      if (reuse && !vectorsChanged) {
        await w.linkFrom(prev.gen, FILES.hnsw);
        hnswDeleted = prevM.vector.hnswDeleted ?? 0;
      } else {
        hnswDeleted = await writeHnswFile(w.file(FILES.hnsw), {
          dimensions: this.dimensions,
          previous: reuse ? { file: path.join(prev.gen, FILES.hnsw), deletedBefore: prevM.vector.hnswDeleted ?? 0 } : null,
          removed: reuse ? removedLabels : [],
          added: this.freshVectors.map((f) => ({ label: f.label, vector: this.rows.row(f.row) })),
          all: () => readSegmentRows(w.gen, segments, this.dimensions, (l) => liveSet.has(l)),
          liveCount: chunkCount,
        });
      }
    }

    await w.commit(
      {
        embedder: o.embedder,
        vector: { kind: o.vectorKind, segments, nextSegment, ...(o.vectorKind === 'hnsw' ? { hnswDeleted } : {}) },
        articleCount: changes.articleCount,
        chunkCount,
        nextLabel: this.nextLabel,
        pipeline: o.pipeline,
        sources: o.sources,
        files: changes.files,
        articles,
        keywordCommonRows,
      },
      o.beforeCommit ? { beforeCommit: o.beforeCommit } : {},
    );
  }

  /** Discards the generation unless it was committed (idempotent). */
  async abort(): Promise<void> {
    await this.writer?.abort();
  }
}
