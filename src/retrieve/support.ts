/**
 * Does a passage (or an article) support a question? Lexical evidence, weighted by specificity.
 *
 * The question's content is cut into units (compounds.ts): compound words found in the corpus ("kết_nạp"),
 * single content syllables ("sarkozy"), and content pairs the corpus never contains ("dân_số" in a corpus
 * without it). Each unit weighs its inverse document frequency over the indexed passages,
 * idf = ln(1 + (N − df + 0.5) / (df + 0.5)): a name or a rare compound carries the question, while frequent
 * words ("người", "đảng viên" in Party news) carry little. A unit the corpus never contains gets the largest
 * weight, so a question about something never mentioned cannot be supported.
 *
 * Contracts:
 * - `share(units, tokens)` = Σ weight of the units found in `tokens` / Σ weight, in [0, 1]; 1 when there
 *   are no units. An optional unit (a province printed after the question's unit: QueryPlan.qualifiers) is left out
 *   of both sums where `tokens` lack it. Tokens are both keyword views (folded and accented unigrams + bigrams), so a unit typed
 *   with or without diacritics matches.
 * - English words the glossary did not translate weigh at most idf(N/20) (see questionUnits).
 * - `Evidence` is built once per index (the retriever owns it): document frequencies come from the keyword index
 *   (docFreq: the term's distinct chunks, the same count a one-term search returns) and are cached (at most
 *   DF_CACHE_MAX terms); a question's units are computed once per plan object.
 * - Probes (`chunkProbe`, `articleProbe`) answer "does this chunk / article contain the term" with the same answers
 *   as the token set `chunkTokens` of the chunk / the union over the article's chunks (the index holds exactly
 *   keywordTokens(chunkKeywordText(chunk)), the tokens allTokens makes): from the keyword index's doclists when the
 *   term's are cached or short, else from the chunk's own tokens (a common syllable's doclist grows with the corpus;
 *   a chunk's tokens do not). `chunkTokens` is also for chunks outside an index (tests, ad-hoc hits).
 */
import { LRUCache } from 'lru-cache';
import { chunkKeywordText } from '../index/keyword-index.js';
import { rowOf } from '../index/labels.js';
import { fold } from '../text/normalize.js';
import { ENGLISH_STOPWORDS, FOLDED_STOPWORDS, keywordTokenProbe, keywordTokens, syllables, type KeywordTokenProbe } from '../text/tokenize.js';
import type { Chunk } from '../types.js';
import { segmentCompounds, type Segmentation } from './compounds.js';
import type { IndexReader } from './ports.js';
import { isFunctionCompound, isFunctionSyllable, pairView } from './query/words.js';
import type { QueryPlan } from './query/plan.js';

export interface SupportUnit {
  /** "kết_nạp", "sarkozy", "dân_số" (as typed: accented or folded). */
  term: string;
  kind: 'compound' | 'single' | 'unknown';
  df: number;
  weight: number;
  /** Made only of a province qualifying the question's unit (QueryPlan.qualifiers): counts only where present. */
  optional?: true;
}

/** A term with its weight, for sentence scoring. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** What `share` needs of a text's tokens (a Set<string> is one). */
export interface TokenProbe {
  has(term: string): boolean;
}

/** A probe that may not know (undefined): telling would cost more than the caller wants to pay yet. */
export interface PartialProbe {
  has(term: string): boolean | undefined;
}

/** Document frequencies kept per index (distinct question terms seen; about 40 bytes each). */
export const DF_CACHE_MAX = 200_000;
/**
 * Token probes of recently probed chunks kept per index (a chunk's ~330 pieces of both views: ~3 KB each, at most
 * ~1 MB). A question probes up to its ~50–100 candidate passages, then its answer's few passages again.
 */
export const CHUNK_TOKENS_CACHE_MAX = 256;
/**
 * What probing one chunk by its own tokens costs, in doclist labels read (~40 µs against ~70 ns a label): see
 * `holds`. TOKEN_PROBE_TERMS_MAX terms' probe counts are kept (an LRU of numbers: under 1 MB).
 */
export const TOKEN_PROBE_LABELS = 500;
export const TOKEN_PROBE_TERMS_MAX = 10_000;
/** The longest doclist a frequent term's probes switch to (~3 ms to read): see `holds`. */
export const TOKEN_PROBE_READ_MAX = 40_000;
/** A question's numbers count at this share of their IDF when sentences are scored (they mostly qualify it). */
export const SENTENCE_NUMBER_WEIGHT = 0.5;

/**
 * `articlesWith`: a set answers its first lookups by looking each article's labels up in the term's doclists; after
 * at least ARTICLE_SET_LOOKUPS_MIN lookups, and one per ARTICLE_SET_LOOKUP_LABELS doclist labels, it lists its
 * articles (a filter over every article: the doclists' length, not the articles').
 */
export const ARTICLE_SET_LOOKUPS_MIN = 64;
export const ARTICLE_SET_LOOKUP_LABELS = 8;

/**
 * A set of article ids known by its membership test; listed (built by `all`) when iterated or counted, or after
 * `lookups` membership tests.
 */
class ArticleSet implements ReadonlySet<string> {
  private listed: Set<string> | null = null;

  constructor(
    private readonly member: (id: string) => boolean,
    private readonly all: () => Set<string>,
    private lookups: number,
  ) {}

  private get list(): Set<string> {
    return (this.listed ??= this.all());
  }

  has(id: string): boolean {
    if (this.listed) return this.listed.has(id);
    return this.lookups-- > 0 ? this.member(id) : this.list.has(id);
  }

  get size(): number {
    return this.list.size;
  }

  forEach(fn: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const id of this.list) fn.call(thisArg, id, id, this);
  }

  entries(): SetIterator<[string, string]> {
    return this.list.entries();
  }

  keys(): SetIterator<string> {
    return this.list.keys();
  }

  values(): SetIterator<string> {
    return this.list.values();
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.list.values();
  }
}

export function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Lexical evidence over one index: document frequencies, the question's units, and passage/article probes. */
export class Evidence {
  // Bounded by weight (1 an entry), not `max`, which would allocate all DF_CACHE_MAX slots at the first question.
  private readonly dfs = new LRUCache<string, number>({ maxSize: DF_CACHE_MAX, sizeCalculation: () => 1 });
  private readonly unitsByPlan = new WeakMap<QueryPlan, { seg: Segmentation; units: SupportUnit[] }>();
  private articleOfLabel: string[] | null = null;
  /** Probes by tokens per common term since its doclist was last read (see `holds`). */
  private readonly tokenProbes = new LRUCache<string, number>({ max: TOKEN_PROBE_TERMS_MAX });
  /** Token probes of recently probed chunks, by label. */
  private readonly chunkTokens = new LRUCache<number, KeywordTokenProbe>({ max: CHUNK_TOKENS_CACHE_MAX });

  /** `readMax`: the longest doclist a frequent term's probes switch to (TOKEN_PROBE_READ_MAX; 0: never, for tests). */
  constructor(
    private readonly index: IndexReader,
    private readonly probes: { readMax: number } = { readMax: TOKEN_PROBE_READ_MAX },
  ) {}

  /** Passages indexed. */
  get size(): number {
    return Math.max(1, this.index.chunks.size);
  }

  /** Passages containing `term` (a syllable or "a_b" pair) in the view its spelling calls for. */
  docFreq(term: string): number {
    let n = this.dfs.get(term);
    if (n === undefined) {
      n = this.index.keyword.docFreq(pairView(term), term);
      this.dfs.set(term, n);
    }
    return n;
  }

  idf(term: string): number {
    return idf(this.size, this.docFreq(term));
  }

  /**
   * Whether chunk `label` holds `term` (= chunkTokens of the chunk has it): from the term's doclists when that is
   * cheap (cached or short), else from the chunk's own tokens (cached for the last CHUNK_TOKENS_CACHE_MAX chunks), so
   * the cost does not grow with the corpus.
   */
  private holds(label: number, term: string): boolean {
    const keyword = this.index.keyword;
    if (keyword.containsIsCheap?.(term) ?? true) return keyword.contains(label, term);
    // Once the term's probes by tokens have cost about its doclist, a doclist of at most TOKEN_PROBE_READ_MAX labels
    // is read (and cached: cheap from then on); the count starts again, should it be evicted. So a frequent term
    // costs at most twice the cheaper way, and no probe waits for a longer read than that.
    const count = (this.tokenProbes.get(term) ?? 0) + 1;
    const df = this.docFreq(term);
    if (count * TOKEN_PROBE_LABELS >= df && df <= this.probes.readMax) {
      this.tokenProbes.delete(term);
      return keyword.contains(label, term);
    }
    this.tokenProbes.set(term, count);
    let tokens = this.chunkTokens.get(label);
    if (!tokens) {
      const chunk = this.index.chunks.get(label);
      if (!chunk) return keyword.contains(label, term);
      tokens = keywordTokenProbe(chunkKeywordText(chunk));
      this.chunkTokens.set(label, tokens);
    }
    return tokens.has(term);
  }

  /** The tokens of chunk `label` (as chunkTokens of that chunk), without tokenising it unless a term is common. */
  chunkProbe(label: number): TokenProbe {
    return { has: (term) => this.holds(label, term) };
  }

  /**
   * `chunkProbe(label)` where it is cheap: undefined for a term whose doclist is not cheap to read
   * (KeywordSearch.containsIsCheap) while the chunk's tokens are not cached. For bounds (`coverageBounds`).
   */
  partialChunkProbe(label: number): PartialProbe {
    const keyword = this.index.keyword;
    return {
      has: (term) => {
        if (keyword.containsIsCheap?.(term) ?? true) return keyword.contains(label, term);
        return this.chunkTokens.get(label)?.has(term);
      },
    };
  }

  /**
   * The articles with a chunk containing `term` (either view): the same answer as `articleProbe(id).has(term)` for
   * every article, from the term's doclists (read once and cached by the keyword index). `has` looks the article's
   * labels up in them (a filter asks about the articles it kept, not every article); iterating lists every article,
   * built on first use.
   */
  articlesWith(term: string): ReadonlySet<string> {
    const lists = [this.index.keyword.labelsWith('exact', term), this.index.keyword.labelsWith('folded', term)];
    const holds = (label: number) => this.index.chunks.has(label) && lists.some((list) => rowOf(list, label) >= 0);
    const labels = lists[0]!.length + lists[1]!.length;
    return new ArticleSet(
      (id) => (this.index.articleLabels.get(id) ?? []).some(holds),
      () => {
        const byLabel = this.articleByLabel();
        const out = new Set<string>();
        for (const list of lists) {
          for (let i = 0; i < list.length; i++) {
            const id = byLabel[list[i]!];
            if (id !== undefined && this.index.chunks.has(list[i]!)) out.add(id);
          }
        }
        return out;
      },
      // Asked about more articles than this, listing them all (its cost: the doclists' length) is cheaper.
      Math.max(ARTICLE_SET_LOOKUPS_MIN, labels / ARTICLE_SET_LOOKUP_LABELS),
    );
  }

  /** Article id by label (an array indexed by label: a tenth of a Map's memory), built on first use. */
  private articleByLabel(): string[] {
    if (!this.articleOfLabel) {
      let max = -1;
      for (const labels of this.index.articleLabels.values()) for (const label of labels) if (label > max) max = label;
      const byLabel: string[] = new Array<string>(max + 1);
      for (const [id, labels] of this.index.articleLabels) for (const label of labels) byLabel[label] = id;
      this.articleOfLabel = byLabel;
    }
    return this.articleOfLabel;
  }

  /** The tokens of all chunks of an article (the union of their chunkTokens), looked up in the keyword index. */
  articleProbe(articleId: string): TokenProbe {
    const labels = this.index.articleLabels.get(articleId) ?? [];
    const known = new Map<string, boolean>();
    return {
      has: (term) => {
        let found = known.get(term);
        if (found === undefined) {
          found = labels.some((label) => this.index.chunks.has(label) && this.holds(label, term));
          known.set(term, found);
        }
        return found;
      },
    };
  }

  /** The question's units against this index (computed once per plan object). */
  questionUnits(plan: QueryPlan): { seg: Segmentation; units: SupportUnit[] } {
    const cached = this.unitsByPlan.get(plan);
    if (cached) return cached;
    const seg = segmentCompounds(plan.clauses, {
      caps: plan.clauseCaps,
      isFunction: isFunctionSyllable,
      isFunctionCompound,
      isStop: (s) => FOLDED_STOPWORDS.has(fold(s)) || (plan.language === 'en' && ENGLISH_STOPWORDS.has(s)),
      df: (pair) => this.docFreq(pair),
    });
    const n = this.size;
    const foreign = new Set(plan.untranslated);
    const unit = (term: string, kind: SupportUnit['kind']): SupportUnit => {
      const df = kind === 'unknown' ? 0 : this.docFreq(term);
      // An English word the glossary could not translate is weighed like a word of 1 passage in 20: it
      // can only match a name, and its rarity in Vietnamese text says nothing about its importance.
      const weight = foreign.has(term) ? Math.min(idf(n, df), idf(n, n / 20)) : idf(n, df);
      return { term, kind, df, weight };
    };
    // A unit made only of the qualifiers' syllables names the unit's province: evidence where printed, never missing.
    const qualifying = new Set(plan.qualifiers.flatMap((q) => syllables(q).map((t) => fold(t))));
    const optional = (u: SupportUnit): SupportUnit =>
      qualifying.size > 0 && fold(u.term).split('_').every((p) => qualifying.has(p)) ? { ...u, optional: true } : u;
    const units = [
      ...seg.compounds.map((t) => unit(t, 'compound')),
      ...seg.unknown.map((t) => unit(t, 'unknown')),
      ...seg.singles.map((t) => unit(t, 'single')),
    ].map(optional);
    const out = { seg, units };
    this.unitsByPlan.set(plan, out);
    return out;
  }

  units(plan: QueryPlan): readonly SupportUnit[] {
    return this.questionUnits(plan).units;
  }

  /**
   * The question's terms for sentence scoring: its units (but those `drop` rejects) and its numbers (with the years of
   * its term filter) at SENTENCE_NUMBER_WEIGHT of their IDF; undefined when the question has no units (then sentences are scored by
   * the plan's own term weights).
   */
  sentenceTerms(plan: QueryPlan, drop?: (unit: SupportUnit) => boolean): WeightedTerm[] | undefined {
    const units = this.units(plan);
    if (units.length === 0) return undefined;
    // The years of a term filter count like the question's numbers: a sentence printing the term asked
    // ("Bí thư Quận ủy nhiệm kỳ 2015-2020") speaks of it; the filter only said which articles may.
    const termYears = plan.term ? plan.term.split('-').filter((y) => !plan.requiredNumbers.includes(y)) : [];
    return [
      ...units.filter((u) => !drop?.(u)).map((u) => ({ term: u.term, weight: u.weight })),
      ...[...plan.requiredNumbers, ...termYears].map((t) => ({ term: t, weight: SENTENCE_NUMBER_WEIGHT * this.idf(t) })),
    ];
  }

  /**
   * Whether chunk `label` supports the question: the share of its units in the chunk (`share`, with `frame` and
   * `exclude`) is at least `min`. Bounds from the cheap probes decide when they can; the chunk's tokens only when not.
   */
  passageSupports(plan: QueryPlan, label: number, min: number, frame?: ReadonlySet<string>, exclude?: ReadonlySet<string>): boolean {
    const units = this.units(plan);
    const [lo, hi] = shareBounds(units, this.partialChunkProbe(label), exclude, frame);
    if (lo >= min) return true;
    if (hi < min) return false;
    return share(units, this.chunkProbe(label), exclude, frame) >= min;
  }

  /**
   * Whether an article supports the question: the share of its units in the article (`share`; `exclude`: folded
   * syllables that only frame the question) is at least `min`, and the article holds every number of the question.
   * Bounds from the cheap probes decide when they can; the chunks' tokens only when not.
   */
  articleSupports(plan: QueryPlan, articleId: string, min: number, exclude?: ReadonlySet<string>, frame?: ReadonlySet<string>): boolean {
    const units = this.units(plan);
    const partial = this.partialArticleProbe(articleId);
    const numbers = plan.requiredNumbers.map((n) => partial.has(n));
    if (numbers.includes(false)) return false;
    const [lo, hi] = shareBounds(units, partial, exclude, frame);
    if (hi < min) return false;
    if (lo >= min && !numbers.includes(undefined)) return true;
    const probe = this.articleProbe(articleId);
    return share(units, probe, exclude, frame) >= min && plan.requiredNumbers.every((n) => probe.has(n));
  }

  /** `articleProbe` where it is cheap (see partialChunkProbe): undefined when no chunk is known to hold the term and some chunk is not known. */
  private partialArticleProbe(articleId: string): PartialProbe {
    const probes = (this.index.articleLabels.get(articleId) ?? []).filter((label) => this.index.chunks.has(label)).map((label) => this.partialChunkProbe(label));
    return {
      has: (term) => {
        let unknown = false;
        for (const probe of probes) {
          const has = probe.has(term);
          if (has === true) return true;
          if (has === undefined) unknown = true;
        }
        return unknown ? undefined : false;
      },
    };
  }
}

/**
 * Weighted share of `units` present in `tokens`. `exclude`: folded syllables that only frame a card
 * question ("chủ trì", "ai viết"); units containing one are left out. `frame`: units made only of these folded
 * syllables are left out ("đại hội", "đảng bộ": words a filter already stands for), unless nothing else would count
 * (and no `exclude` is given).
 */
export function share(units: readonly SupportUnit[], tokens: TokenProbe, exclude?: ReadonlySet<string>, frame?: ReadonlySet<string>): number {
  return shareBounds(units, tokens, exclude, frame)[0];
}

/** Bounds [lo, hi] of `share` for a probe that may not know some terms (as `coverageBounds` for `coverage`). */
export function shareBounds(units: readonly SupportUnit[], tokens: PartialProbe, exclude?: ReadonlySet<string>, frame?: ReadonlySet<string>): [lo: number, hi: number] {
  // A question made only of frame words ("Quận 12 có bao nhiêu phường?") keeps them: they are then what it asks. Card
  // checks (`exclude` given) keep the frame: their answer is the card the filter chose.
  const kept = frame && (exclude !== undefined || units.some((u) => !inFrame(u, frame))) ? frame : undefined;
  return weightedShare(units, tokens, false, exclude, kept);
}

/**
 * Ranking coverage of a passage: like `share`, but a compound unit the passage lacks ("đế_quốc" when it says
 * "đế chế La Mã … quốc gia") earns the share of its syllables the passage holds ("quốc": half its weight). In [0, 1].
 * For ranking only: the support checks keep `share`, where a compound counts only as a whole.
 */
export function coverage(units: readonly SupportUnit[], tokens: TokenProbe): number {
  return weightedShare(units, tokens, true)[0];
}

/**
 * Bounds [lo, hi] of `coverage(units, tokens)` for a probe that may not know some terms: lo counts every unknown term
 * absent, hi present. When the probe knows every term it asks, lo = hi = `coverage` of the full probe, bit for bit
 * (the same additions in the same order; floating-point addition, multiplication and division are monotone, so the
 * bounds hold as computed).
 */
export function coverageBounds(units: readonly SupportUnit[], tokens: PartialProbe): [lo: number, hi: number] {
  return weightedShare(units, tokens, true);
}

function weightedShare(
  units: readonly SupportUnit[],
  tokens: PartialProbe,
  syllableCredit: boolean,
  exclude?: ReadonlySet<string>,
  frame?: ReadonlySet<string>,
): [lo: number, hi: number] {
  let lo = 0;
  let hi = 0;
  let total = 0;
  // An optional unit's weight counts in the total only where it is present (and, for hi, where it may be): adding a
  // present unit to both sides of a share never lowers it, so lo and hi still bound every resolution of the unknowns.
  let optionalLo = 0;
  let optionalHi = 0;
  for (const u of units) {
    if (excluded(u, exclude)) continue;
    if (frame && inFrame(u, frame)) continue;
    const present = tokens.has(u.term);
    if (u.optional) {
      if (present === true) optionalLo += u.weight;
      if (present !== false) optionalHi += u.weight;
      continue;
    }
    total += u.weight;
    if (present === true) {
      lo += u.weight;
      hi += u.weight;
      continue;
    }
    let creditLo = 0;
    let creditHi = 0;
    if (syllableCredit && u.term.includes('_')) {
      const parts = u.term.split('_');
      let known = 0;
      let possible = 0;
      for (const p of parts) {
        const has = tokens.has(p);
        if (has === true) known++;
        if (has !== false) possible++;
      }
      creditLo = (u.weight * known) / parts.length;
      creditHi = (u.weight * possible) / parts.length;
    }
    if (present === false) {
      lo += creditLo;
      hi += creditHi;
    } else {
      lo += Math.min(u.weight, creditLo);
      hi += Math.max(u.weight, creditHi);
    }
  }
  const totalLo = total + optionalLo;
  const totalHi = total + optionalHi;
  return [totalLo === 0 ? 1 : (lo + optionalLo) / totalLo, totalHi === 0 ? 1 : (hi + optionalHi) / totalHi];
}

const excluded = (u: SupportUnit, exclude?: ReadonlySet<string>) => exclude !== undefined && fold(u.term).split('_').some((p) => exclude.has(p));
const inFrame = (u: SupportUnit, frame: ReadonlySet<string>) => fold(u.term).split('_').every((p) => frame.has(p));

/** Folded and accented tokens of a text, both keyword views (the two forms rarely collide, so one set serves both checks). */
export function allTokens(text: string): Set<string> {
  const t = keywordTokens(text);
  return new Set([...t.folded, ...t.exact]);
}

/** The tokens of a chunk as the keyword index holds them. */
export function chunkTokens(chunk: Chunk): Set<string> {
  return allTokens(chunkKeywordText(chunk));
}
