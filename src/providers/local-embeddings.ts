/**
 * Deterministic local embedder for the offline default: signed feature hashing
 * (Weinberger et al. 2009) of diacritic-folded syllable unigrams and bigrams.
 *
 * Contracts:
 * - Same text → same vector, on every machine and run (no randomness, no weights, no network).
 * - Output length = `dimensions`; vectors are L2-normalised (all-zero for text with no tokens).
 * - Term weight = 1 + ln(tf); bigrams weigh 1.5× (they carry the compounds: "chủ trì", "quận 12").
 * - The `id` names the algorithm and its parameters; an index built with another id must be rebuilt.
 */
import { Embeddings } from '@langchain/core/embeddings';
import { ANALYZER_VERSION, foldedTokens } from '../text/tokenize.js';

export const LOCAL_EMBEDDER_VERSION = 1;

/** FNV-1a 32-bit over UTF-16 code units. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class LocalHashEmbeddings extends Embeddings {
  readonly dimensions: number;
  readonly id: string;

  constructor(options: { dimensions?: number } = {}) {
    super({});
    this.dimensions = options.dimensions ?? 384;
    this.id = `local-hash-v${LOCAL_EMBEDDER_VERSION}-a${ANALYZER_VERSION}-${this.dimensions}`;
  }

  /** Synchronous core used by the async LangChain methods. */
  embed(text: string): Float32Array {
    const counts = new Map<string, number>();
    for (const t of foldedTokens(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
    const v = new Float32Array(this.dimensions);
    for (const [term, tf] of counts) {
      const h = fnv1a(term);
      const slot = h % this.dimensions;
      const sign = (fnv1a(`#${term}`) & 1) === 0 ? 1 : -1;
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
