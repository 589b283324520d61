/**
 * Deterministic local embedder for the offline default: signed feature hashing
 * (Weinberger et al. 2009) of diacritic-folded syllable unigrams and bigrams.
 *
 * Contracts:
 * - Same text → same vector, on every machine and run (no randomness, no weights, no network).
 * - Output length = `dimensions`; vectors are L2-normalised (all-zero for text with no tokens).
 * - Term weight = 1 + ln(tf); bigrams weigh 1.5× (they carry the compounds: "chủ trì", "quận 12").
 * - The `id` names the algorithm and its parameters; an index built with another id must be rebuilt.
 * - `embedFoldedTokens(foldedTokens(text))` = `embed(text)` (the index reuses the keyword view's tokens).
 * - Query vectors are sparse: a question has ~10–40 distinct features, so about 6% of 384 dimensions are
 *   non-zero (measured on 727 questions: 24.5 on average); `queryDensity` states 0.1, which lets the index
 *   keep exact search far beyond VECTOR_EXACT_MAX (see src/index/vector-index.ts chooseVectorKind).
 * - `portable` lets the index construct the same embedder in worker threads.
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { ANALYZER_VERSION, foldedTokens } from '../text/tokenize.js';

export const LOCAL_EMBEDDER_VERSION = 1;

/** A LangChain embeddings object by shape (not by the base class, whose import costs start-up time). */
export class LocalHashEmbeddings implements EmbeddingsInterface {
  readonly dimensions: number;
  readonly id: string;
  readonly queryDensity = 0.1;
  readonly portable: { module: string; name: string; options: Record<string, unknown> };

  constructor(options: { dimensions?: number } = {}) {
    this.dimensions = options.dimensions ?? 384;
    this.id = `local-hash-v${LOCAL_EMBEDDER_VERSION}-a${ANALYZER_VERSION}-${this.dimensions}`;
    this.portable = { module: import.meta.url, name: 'LocalHashEmbeddings', options: { dimensions: this.dimensions } };
  }

  /** Synchronous core used by the async LangChain methods. */
  embed(text: string): Float32Array {
    return this.embedFoldedTokens(foldedTokens(text));
  }

  /** The vector of a text from its folded unigram + bigram tokens (src/text/tokenize.ts foldedTokens). */
  embedFoldedTokens(tokens: readonly string[]): Float32Array {
    // Distinct terms in order of first occurrence, with their frequencies.
    const index = new Map<string, number>();
    const terms: string[] = [];
    const tfs: number[] = [];
    for (const t of tokens) {
      const k = index.get(t);
      if (k === undefined) {
        index.set(t, terms.length);
        terms.push(t);
        tfs.push(1);
      } else {
        tfs[k]!++;
      }
    }
    const v = new Float32Array(this.dimensions);
    for (let d = 0; d < terms.length; d++) {
      const term = terms[d]!;
      const tf = tfs[d]!;
      // FNV-1a 32-bit over UTF-16 code units: h of the term (slot), g of "#" + term (sign), in one pass.
      let h = 0x811c9dc5;
      let g = Math.imul(0x811c9dc5 ^ 0x23, 0x01000193);
      for (let i = 0; i < term.length; i++) {
        const c = term.charCodeAt(i);
        h = Math.imul(h ^ c, 0x01000193);
        g = Math.imul(g ^ c, 0x01000193);
      }
      const slot = (h >>> 0) % this.dimensions;
      const sign = ((g >>> 0) & 1) === 0 ? 1 : -1;
      const weight = (1 + Math.log(tf)) * (term.includes('_') ? 1.5 : 1);
      v[slot] = (v[slot] ?? 0) + sign * weight;
    }
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += (v[i] as number) ** 2;
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * inv;
    }
    return v;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => Array.from(this.embed(d)));
  }

  async embedQuery(document: string): Promise<number[]> {
    return Array.from(this.embed(document));
  }
}
