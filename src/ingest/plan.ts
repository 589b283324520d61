/**
 * The plan of an ingest: which input files are read, which articles are kept, prepared (added or updated) or
 * removed — from the previous manifest, the input files' fingerprints and the content hashes of the documents
 * read. Pure: no I/O, no clock, no process state (paths arrive absolute); ingest.ts reads and writes.
 *
 * Contracts:
 * - A file whose fingerprint equals the one the manifest recorded is not read: its articles are kept as they were
 *   (ids, hashes, labels). An empty fingerprint (the file could not be stat'ed) never matches, so it is read.
 * - `upToDate`: the sources and the set of files are those last read, each unchanged — nothing to read (the caller
 *   still rebuilds when the vector kind would change).
 * - Documents read from the other files are admitted in input order (`admit`): an id already admitted or kept is a
 *   duplicate (skipped); an id with the previous content hash is kept; any other is prepared, as "updated" when
 *   the previous index held that id, else "added".
 * - `keepUnread(abs)` (a file that could not be read to its end, before `settle`): the file's previous articles that
 *   were not read and not taken by another file are kept unchanged; the file is read again next time.
 * - `settle` (once, after every read file was admitted and every prepared article has labels): the final article
 *   set in input order (files in input order, then each file's order), the previous articles it no longer holds,
 *   the labels whose chunks leave the index (removed articles', then updated articles' old ones, in admission
 *   order), and whether anything must be written.
 */
import type { EmbedderInfo, Manifest, ManifestArticle, ManifestFile } from '../index/store.js';

/** An input file: absolute path, size in bytes, fingerprint (size:mtimeMs:ctimeMs:inode; '' when unreadable). */
export interface InputFile {
  abs: string;
  size: number;
  fingerprint: string;
}

/** What the plan needs of the previous generation (null: no usable previous index, a full build). */
export type PreviousManifest = Pick<Manifest, 'sources' | 'files' | 'articles'>;

/** A document read from a changed file: its id, its file's absolute path and its content hash. */
export interface DocumentKey {
  id: string;
  abs: string;
  contentHash: string;
}

/** What becomes of a document read: skipped as a duplicate id, kept (same content), or prepared. */
export type Admission = 'duplicate' | 'unchanged' | 'added' | 'updated';

export interface IngestChanges {
  /** The index's articles afterwards, in input order. */
  articles: Record<string, ManifestArticle>;
  /** The manifest's `files`: each input file's fingerprint and the ids of its articles in the index. */
  files: Record<string, ManifestFile>;
  /** Ids of previous articles no longer in the input. */
  removed: string[];
  /** Labels whose chunks leave the index: removed articles' (removal order), then updated articles' old labels. */
  removedLabels: number[];
  added: number;
  updated: number;
  /** Articles kept as they were (unchanged files, or unchanged content). */
  unchanged: number;
  articleCount: number;
  chunkCount: number;
  /** Some article was added, updated or removed. */
  contentChanged: boolean;
  /** The sources and `files` equal the previous manifest's (with no content change: nothing to write). */
  sameFiles: boolean;
}

export interface IngestPlan {
  readonly upToDate: boolean;
  /** Files not to read (absolute paths). */
  readonly unchangedFiles: ReadonlySet<string>;
  /** Bytes of the files to read. */
  readonly bytesToRead: number;
  /** Ids of the articles kept from unchanged files: documents read must not take them. */
  readonly reservedIds: readonly string[];
  /** Decides one document read (in input order). */
  admit(doc: DocumentKey): Admission;
  /**
   * The file `abs` could not be read to its end: its previous articles not read this time are kept as they were
   * (after those read), and it gets no fingerprint, so the next ingest reads it again. Returns how many were kept.
   */
  keepUnread(abs: string): number;
  /** `fresh`: the labels of every prepared article. */
  settle(fresh: ReadonlyMap<string, ManifestArticle>): IngestChanges;
}

/**
 * Why `manifest` cannot be updated in place by an ingest with `current` (format, text pipeline, embedder), or null
 * when it can; a non-null reason means a full rebuild.
 */
export function rebuildReason(manifest: Manifest, current: { formatVersion: number; pipeline: string; embedder: EmbedderInfo }): string | null {
  if (manifest.formatVersion !== current.formatVersion) return `the index format changed (${manifest.formatVersion} → ${current.formatVersion})`;
  if (manifest.pipeline !== current.pipeline) return `the text pipeline changed (${manifest.pipeline ?? 'unknown'} → ${current.pipeline})`;
  const [was, now] = [manifest.embedder, current.embedder];
  if (was.id !== now.id || was.dimensions !== now.dimensions) return `the embedder changed (${was.id}/${was.dimensions} → ${now.id}/${now.dimensions})`;
  if (!manifest.files || !manifest.articles) return 'the previous index could not be read';
  return null;
}

/**
 * Plans an ingest of `inputs` (the listed input files, in input order) from `sources` (the absolute input paths)
 * over `previous`.
 */
export function planIngest(previous: PreviousManifest | null, sources: readonly string[], inputs: readonly InputFile[]): IngestPlan {
  const prevFiles = previous?.files ?? {};
  const prevArticles = previous?.articles ?? {};
  const unchangedFiles = new Set(inputs.filter((f) => f.fingerprint !== '' && prevFiles[f.abs]?.fingerprint === f.fingerprint).map((f) => f.abs));
  const sameSources = previous !== null && JSON.stringify(previous.sources) === JSON.stringify(sources);
  const upToDate = previous !== null && sameSources && unchangedFiles.size === inputs.length && inputs.length === Object.keys(prevFiles).length;

  // Articles of unchanged files are carried over without reading them.
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
  const reservedIds = [...kept.keys()];
  const bytesToRead = inputs.filter((f) => !unchangedFiles.has(f.abs)).reduce((n, f) => n + f.size, 0);

  const seen = new Set<string>();
  let added = 0;
  const updatedIds: string[] = [];

  return {
    upToDate,
    unchangedFiles,
    bytesToRead,
    reservedIds,
    admit({ id, abs, contentHash }) {
      if (seen.has(id) || kept.has(id)) return 'duplicate';
      seen.add(id);
      files.get(abs)?.articles.push(id);
      const before = prevArticles[id];
      if (before && before.hash === contentHash) {
        kept.set(id, before);
        return 'unchanged';
      }
      if (before) {
        updatedIds.push(id);
        return 'updated';
      }
      added++;
      return 'added';
    },
    keepUnread(abs) {
      const f = files.get(abs);
      if (!f) return 0;
      f.fingerprint = '';
      let count = 0;
      for (const id of prevFiles[abs]?.articles ?? []) {
        const before = prevArticles[id];
        if (!before || seen.has(id) || kept.has(id)) continue;
        seen.add(id);
        kept.set(id, before);
        f.articles.push(id);
        count++;
      }
      return count;
    },
    settle(fresh) {
      const articles: Record<string, ManifestArticle> = {};
      for (const f of files.values()) {
        for (const id of f.articles) {
          const a = fresh.get(id) ?? kept.get(id);
          if (a) articles[id] = a;
        }
      }
      const removed = Object.keys(prevArticles).filter((id) => !(id in articles));
      const removedLabels: number[] = [];
      for (const id of removed) removedLabels.push(...prevArticles[id]!.labels);
      for (const id of updatedIds) removedLabels.push(...prevArticles[id]!.labels);
      const manifestFiles = Object.fromEntries(
        [...files].map(([abs, f]) => [abs, { fingerprint: f.fingerprint, articles: f.articles.filter((id) => id in articles) }]),
      );
      const ids = Object.keys(articles);
      return {
        articles,
        files: manifestFiles,
        removed,
        removedLabels,
        added,
        updated: updatedIds.length,
        unchanged: kept.size,
        articleCount: ids.length,
        chunkCount: ids.reduce((n, id) => n + articles[id]!.labels.length, 0),
        contentChanged: added + updatedIds.length + removed.length > 0,
        sameFiles: sameSources && JSON.stringify(manifestFiles) === JSON.stringify(previous?.files),
      };
    },
  };
}
