/**
 * The offline default embedder: none. The index stores no vectors and retrieval is keyword-only (the vector view
 * is never run). Used when no model embeddings are configured and LOCAL_VECTORS is off.
 *
 * Contracts:
 * - `dimensions` is 0 and every vector is empty; `id` is KEYWORD_ONLY_ID (an index built with it stores no vector
 *   segments; switching to another embedder rebuilds it, as any embedder change does).
 * - `portable` and `embedFoldedTokens` let ingest workers run it like the local embedder, so prepared passages come
 *   back as serialised rows only (nothing is embedded on the main thread).
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';

export const KEYWORD_ONLY_ID = 'none';

const EMPTY = new Float32Array(0);

export class NoEmbeddings implements EmbeddingsInterface {
  readonly dimensions = 0;
  readonly id = KEYWORD_ONLY_ID;
  readonly portable = { module: import.meta.url, name: 'NoEmbeddings', options: {} };

  embedFoldedTokens(): Float32Array {
    return EMPTY;
  }

  async embedQuery(): Promise<number[]> {
    return [];
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map(() => []);
  }
}
