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
import { keywordTokens } from '../text/tokenize.js';

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
  const df = new Map<string, number>();
  for (const text of texts) {
    const t = keywordTokens(text);
    const seen = new Set<string>();
    for (const token of t.exact) if (SINGLE_TOKEN.test(token)) seen.add(token);
    for (const token of t.folded) if (SINGLE_TOKEN.test(token)) seen.add(FOLDED_MARK + token);
    for (const token of seen) df.set(token, (df.get(token) ?? 0) + 1);
  }
  const min = Math.max(1, Math.ceil(HEAD_MIN_SHARE * texts.length));
  const frequent = [...df].filter(([, n]) => n >= min).map(([token]) => token);
  const head = withBothWords(frequent);
  head.sort((a, b) => df.get(b)! - df.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  // Cut by frequency (a bigram's words are each at least as frequent, so mostly kept with it).
  return head.length <= HEAD_MAX_TERMS ? head : withBothWords(head.slice(0, HEAD_MAX_TERMS));
}

/** The tokens but the bigrams whose two words are not both among them. */
function withBothWords(tokens: string[]): string[] {
  const all = new Set(tokens);
  return tokens.filter((token) => {
    const words = bigramWords(token);
    return !words || (all.has(words[0]) && all.has(words[1]));
  });
}
