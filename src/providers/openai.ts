/**
 * Embeddings through the OpenAI embeddings API (or any OpenAI-compatible server: vLLM, Ollama, TEI, llama.cpp).
 *
 * Contracts:
 * - `id` = `openai:${model}:${dimensions}`; the index records it, so a change of model or dimensions
 *   makes ingest rebuild every vector (see src/ingest/ingest.ts).
 * - Every returned vector has exactly `dimensions` numbers; a server that ignores the `dimensions`
 *   parameter gets AppError('PROVIDER_FAILED') naming the size it returned, never a mixed index.
 * - Documents (ingest): per-request timeout and bounded retries from the config, batches of `batchSize`.
 * - Queries (question time): one attempt, at most QUERY_TIMEOUT_MS, so a failing server costs the user
 *   seconds, not minutes; the answerer then retrieves with keywords only.
 * - Vectors are requested as JSON floats (`encoding_format: "float"`): compatible servers rarely support base64.
 * - @langchain/openai (~1.4 s to import) is imported on the first request, not by the constructor or this module.
 */
import type { OpenAIEmbeddings } from '@langchain/openai';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import type { IndexEmbedder } from '../ingest/ingest.js';
import { lazy } from './lazy.js';

/** Upper bound for one question-time embedding request. */
export const QUERY_TIMEOUT_MS = 10_000;

export class OpenAIIndexEmbedder implements IndexEmbedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly load: () => Promise<{ documents: OpenAIEmbeddings; queries: OpenAIEmbeddings }>;

  constructor(o: Config['openai'], options: { batchSize?: number } = {}) {
    this.dimensions = o.embeddingDimensions;
    this.id = `openai:${o.embeddingModel}:${o.embeddingDimensions}`;
    // The two clients, created on first use (a failed import or set-up is retried on the next call).
    this.load = lazy(async () => {
      const { OpenAIEmbeddings } = await import('@langchain/openai');
      const common = {
        model: o.embeddingModel,
        dimensions: o.embeddingDimensions,
        apiKey: o.apiKey ?? 'not-needed',
        encodingFormat: 'float' as const,
        configuration: o.baseURL ? { baseURL: o.baseURL } : {},
      };
      return {
        documents: new OpenAIEmbeddings({ ...common, batchSize: options.batchSize ?? 128, timeout: o.timeoutMs, maxRetries: o.maxRetries }),
        queries: new OpenAIEmbeddings({ ...common, timeout: Math.min(o.timeoutMs, QUERY_TIMEOUT_MS), maxRetries: 0 }),
      };
    });
  }

  private check(vector: number[]): number[] {
    if (!vector || vector.length !== this.dimensions) {
      throw new AppError(
        'PROVIDER_FAILED',
        `The embedding server returned vectors of ${vector?.length ?? 0} numbers; ${this.id} expects ${this.dimensions}.`,
        { hint: `Set OPENAI_EMBEDDING_DIMENSIONS=${vector?.length ?? 0} (the server ignores the dimensions parameter), then run npm run ingest.` },
      );
    }
    return vector;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    if (documents.length === 0) return [];
    const vectors = await (await this.load()).documents.embedDocuments(documents);
    if (vectors.length !== documents.length) {
      throw new AppError('PROVIDER_FAILED', `The embedding server returned ${vectors.length} vectors for ${documents.length} texts.`);
    }
    return vectors.map((v) => this.check(Array.from(v)));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.check(Array.from(await (await this.load()).queries.embedQuery(document)));
  }
}
