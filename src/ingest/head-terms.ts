/**
 * The head terms of a new keyword index (src/index/keyword-index.ts `kw_head`): the tokens of the corpus frequent
 * enough that their postings are stored as one blob each instead of in FTS5, learned from a sample of the first
 * documents an index is built from.
 *
 * Contracts:
 * - `learnHeadTerms(texts)` is pure and deterministic: the level-1 indexed tokens (keyword-index.ts: exact view
 *   as is, folded view behind FOLDED_MARK; single FTS5 tokens only) found in at least HEAD_MIN_SHARE of the texts,
 *   most frequent first (ties by token), at most HEAD_MAX_TERMS; a bigram only when both its words are head terms too (so a document
 *   writer looks bigrams up only between two head words: keyword-document.ts). Fewer than HEAD_SAMPLE_MIN texts
 *   give none (a small index gains nothing from them).
 * - Which terms are head terms is a storage choice only: a head term reads the same labels and frequencies as from
 *   FTS5, so answers do not depend on the sample. A sample unlike the rest of the corpus only moves fewer postings
 *   out of FTS5 (the ingest is slower), or stores some rare terms as blobs (as cheap to read).
 */
import { bigramWords, FOLDED_MARK, SINGLE_TOKEN } from '../index/keyword-index.js';
import { scanPieces } from '../text/tokenize.js';

/** Documents sampled at most (the first ones read), and at least for any head term. */
export const HEAD_SAMPLE_DOCS = 384;
export const HEAD_SAMPLE_MIN = 200;
/**
 * Share of the sampled documents a head term occurs in, at least. Measured on the bench corpus (docs/tuning.md):
 * 1% of 512 news articles picked 12,525 terms holding 69% of the postings (3%: 4,064 terms, 60%; 5%: 2,498, 55%).
 */
export const HEAD_MIN_SHARE = 0.01;
/** Head terms at most, the most frequent (keyword-document.ts keys a pair of head words by their ids, below this). */
export const HEAD_MAX_TERMS = 1 << 15;

export function learnHeadTerms(texts: readonly string[]): string[] {
  if (texts.length < HEAD_SAMPLE_MIN) return [];
  const views = [new SampleVocabulary(), new SampleVocabulary()] as const;
  texts.forEach((text, k) => {
    const p = scanPieces(text);
    for (const [v, pieces] of [p.exact, p.folded].entries()) {
      const vocabulary = views[v]!;
      let prev = -1;
      for (let i = 0; i < p.count; i++) {
        const piece = pieces[i]!;
        if (piece === null) {
          prev = -1;
          continue;
        }
        const id = vocabulary.unigram(piece);
        vocabulary.seen(id, k);
        if (prev >= 0) vocabulary.seen(vocabulary.bigram(prev, id), k);
        prev = id;
      }
    }
  });
  const min = Math.max(1, Math.ceil(HEAD_MIN_SHARE * texts.length));
  const df = new Map<string, number>();
  for (const [v, vocabulary] of views.entries()) {
    vocabulary.forEachFrequent(min, (token, n) => {
      if (SINGLE_TOKEN.test(token)) df.set(v === 0 ? token : FOLDED_MARK + token, n);
    });
  }
  const head = withBothWords([...df.keys()]);
  head.sort((a, b) => df.get(b)! - df.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  // Cut by frequency (a bigram's words are each at least as frequent, so mostly kept with it).
  return head.length <= HEAD_MAX_TERMS ? head : withBothWords(head.slice(0, HEAD_MAX_TERMS));
}

/** A sample vocabulary's ids are below this (`add` refuses more), so a pair's key a · PAIR_KEY_SCALE + b is exact. */
const PAIR_KEY_SCALE = 2 ** 26;

/**
 * One view's tokens of a sample (keywordTokens' unigrams and "a_b" bigrams) and the number of texts each occurs in.
 * A bigram is keyed by its words' ids, not by its string: the tokenizer's pieces are shared strings whose hashes V8
 * keeps, a bigram's string would be built and hashed at every occurrence (most of the cost).
 */
class SampleVocabulary {
  private readonly unigrams = new Map<string, number>();
  private readonly bigrams = new Map<number, number>();
  /** By id: a unigram's string, or a bigram's two word ids (first, second). */
  private readonly names: Array<string | null> = [];
  private readonly first: number[] = [];
  private readonly second: number[] = [];
  private readonly texts: number[] = [];
  private readonly lastText: number[] = [];

  private add(name: string | null, a: number, b: number): number {
    if (this.names.length >= PAIR_KEY_SCALE) throw new Error(`a head-term sample of more than ${PAIR_KEY_SCALE} distinct tokens`);
    this.names.push(name);
    this.first.push(a);
    this.second.push(b);
    this.texts.push(0);
    this.lastText.push(-1);
    return this.names.length - 1;
  }

  unigram(piece: string): number {
    let id = this.unigrams.get(piece);
    if (id === undefined) this.unigrams.set(piece, (id = this.add(piece, -1, -1)));
    return id;
  }

  bigram(a: number, b: number): number {
    const key = a * PAIR_KEY_SCALE + b;
    let id = this.bigrams.get(key);
    if (id === undefined) this.bigrams.set(key, (id = this.add(null, a, b)));
    return id;
  }

  /** Counts text `k` for token `id` (once per text). */
  seen(id: number, k: number): void {
    if (this.lastText[id] === k) return;
    this.lastText[id] = k;
    this.texts[id]!++;
  }

  /** Each token found in at least `min` texts, as keywordTokens spells it, with that count. */
  forEachFrequent(min: number, fn: (token: string, texts: number) => void): void {
    for (let id = 0; id < this.names.length; id++) {
      if (this.texts[id]! < min) continue;
      fn(this.names[id] ?? `${this.names[this.first[id]!]}_${this.names[this.second[id]!]}`, this.texts[id]!);
    }
  }
}

/** The tokens but the bigrams whose two words are not both among them. */
function withBothWords(tokens: string[]): string[] {
  const all = new Set(tokens);
  return tokens.filter((token) => {
    const words = bigramWords(token);
    return !words || (all.has(words[0]) && all.has(words[1]));
  });
}
