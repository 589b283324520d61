/** Test helper: builds an index of the bundled articles in a fresh temp directory. */
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest, type IngestSummary } from '../ingest/ingest.js';
import { LocalHashEmbeddings } from '../providers/local-embeddings.js';
import { NoEmbeddings } from '../providers/no-embeddings.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SEEDS_DIR = path.join(PROJECT_ROOT, 'data', 'articles');

export async function tempDir(prefix = 'dangbo-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/** A fresh temp directory (named `prefix`…) holding a copy of the bundled articles in `seeds/`; tests add inputs beside it. */
export async function seedDataDir(prefix = 'dangbo-data-'): Promise<string> {
  const dir = await tempDir(prefix);
  await cp(SEEDS_DIR, path.join(dir, 'seeds'), { recursive: true });
  return dir;
}

/**
 * An index of `paths` in a fresh temp directory, as the offline default builds it (keyword-only); `localVectors`:
 * with the local hashed vectors (LOCAL_VECTORS=true).
 */
export async function buildSeedIndex(paths: string[] = [SEEDS_DIR], options: { localVectors?: boolean } = {}): Promise<{ dir: string; summary: IngestSummary }> {
  const dir = await tempDir('dangbo-index-');
  const embedder = options.localVectors ? new LocalHashEmbeddings() : new NoEmbeddings();
  const summary = await ingest({ paths, indexDir: dir, embedder, vectorExactMax: 20_000 });
  return { dir, summary };
}
