/**
 * Every tuning constant of the answer layer, in one typed object. The answerer takes overrides (eval varies
 * them); the defaults are what production runs. Measurements behind each value: docs/tuning.md.
 */

export interface AnswerTuning {
  /**
   * Support thresholds: IDF-weighted share of the question's content units (support.ts). A fact answer's passage
   * must hold `passage` of it and its article `article`; card answers need `article.scoped` of the non-frame
   * content in the article. A question scoped by a filter (district, meeting, term, congress, date) searched only
   * that scope's few articles, so its best passage must cover the question by itself (scoped); an unscoped
   * question's passage won a ranking over the whole corpus (unscoped).
   */
  minSupport: {
    passage: { scoped: number; unscoped: number };
    article: { scoped: number; unscoped: number };
  };
  /** Retrieved passages whose sentences are scored. */
  sentenceHits: number;
  /** Best-scored sentences tried, in order, for a supported lead. */
  leadCandidates: number;
  /** Sentence scoring (sentences.ts). */
  sentence: {
    /** Weights of the passage context: its coverage of the question and its retrieval score / the best hit's. */
    passageCoverage: number;
    retrievalScore: number;
    /** A term found only in the previous sentence of the chunk counts this share. */
    previousSentence: number;
    /** Retrieval-rank prior: this / (rank + 1), with weighted terms / with the plan's term weights. */
    rankPrior: { weighted: number; plain: number };
    /** Bonus when a number precedes the noun a "bao nhiêu X" question counts. */
    countedNoun: number;
    /** Short fragments (< shortWords words) and long sentences (> longWords) are penalised. */
    shortWords: number;
    shortPenalty: number;
    longWords: number;
    longPenalty: number;
    /** Answer-type cue bonus per type (a new number for "bao nhiêu", a year for "năm nào", …). */
    cue: { number: number; year: number; date: number; person: number; role: number; place: number; reason: number; other: number };
  };
  /** MMR selection of quoted sentences: at most `max`, scoring ≥ minRatio × the lead, λ, near-duplicate Jaccard. */
  select: { max: number; minRatio: number; lambda: number; duplicate: number; pool: number };
  /** Term summaries (strategies/summary.ts). */
  summary: {
    /** Meetings in one summary at most (the newest of the term). */
    meetings: number;
    /**
     * The first page: about one phone screen, in visible characters — the text and its sources block as the
     * bot shows them (title — unit — date per article). The rest goes to the continuation ("Xem thêm").
     */
    screenChars: number;
    /** The continuation's size at most (visible characters, with its sources: one Telegram message). */
    moreChars: number;
    /** A timeline line's headline clause at most (cut at a clause boundary, never mid-clause). */
    headlineChars: number;
    /** Figure series per theme on the first page at most. */
    screenFiguresPerTheme: number;
    /** Points of one figure series shown at most: the first and the newest. */
    seriesPoints: number;
    /** Quoted sentences per theme in the continuation at most. */
    perTheme: number;
  };
}

export const DEFAULT_ANSWER_TUNING: Readonly<AnswerTuning> = Object.freeze({
  minSupport: { passage: { scoped: 0.4, unscoped: 0.3 }, article: { scoped: 0.5, unscoped: 0.3 } },
  sentenceHits: 8,
  leadCandidates: 12,
  sentence: {
    passageCoverage: 0.5,
    retrievalScore: 0.5,
    previousSentence: 0.5,
    rankPrior: { weighted: 0.15, plain: 0.05 },
    countedNoun: 0.3,
    shortWords: 6,
    shortPenalty: 0.15,
    longWords: 80,
    longPenalty: 0.05,
    cue: { number: 0.1, year: 0.2, date: 0.15, person: 0.1, role: 0.2, place: 0.1, reason: 0.1, other: 0 },
  },
  select: { max: 3, minRatio: 0.6, lambda: 0.7, duplicate: 0.8, pool: 40 },
  summary: { meetings: 12, screenChars: 1200, moreChars: 3500, headlineChars: 100, screenFiguresPerTheme: 2, seriesPoints: 3, perTheme: 3 },
});

/** Overrides merged onto the defaults (nested objects merged one level deep). */
export function answerTuning(overrides: Partial<AnswerTuning> = {}): AnswerTuning {
  const d = DEFAULT_ANSWER_TUNING;
  return {
    ...d,
    ...overrides,
    minSupport: { ...d.minSupport, ...overrides.minSupport },
    sentence: { ...d.sentence, ...overrides.sentence },
    select: { ...d.select, ...overrides.select },
    summary: { ...d.summary, ...overrides.summary },
  };
}

/**
 * Checks and bounds of LLM answers (verify.ts, llm.ts); the reasons are given with each value.
 */
export const LLM_CHECKS = Object.freeze({
  /**
   * Share of a sentence's content units (folded syllables and numbers, stopwords left out; for English answers the
   * Vietnamese words, numbers and glossary translations) that its cited passages must contain. A faithful
   * paraphrase keeps most of them (the LLM tests' replies: 0.75–1.0); an obeyed injection ("HACKED [1]") or an
   * invented claim citing a real passage keeps few.
   */
  contentSupport: 0.5,
  /**
   * A sentence that cites nothing and names no figure, name or link may hold this many content units of frame
   * ("Chi tiết:", "Cụ thể như sau") unchecked; a longer one must be supported by some passage.
   */
  uncitedFreeUnits: 3,
  /**
   * Hard cap of one reply in characters per requested token (max_tokens): a server that ignores max_tokens is cut
   * off there (the stream aborted) and the extractive answer is used. Vietnamese runs ~3 characters a token, so 6
   * leaves room for an honest reply and bounds the checks' work.
   */
  replyCharsPerToken: 6,
});

/** Answer typing (spans.ts): fixed, not overridden by the eval. */
export const SPAN_TUNING = Object.freeze({
  /** Words before a span searched for the question's own words (anchored). */
  anchorWords: 2,
  /** Nearness (closest) a figure needs to answer a question without a question word. */
  implicitMinNearness: 0.5,
  /** Bonus of a figure whose change-or-level kind is the one asked (spanNearness). */
  changeMatch: 3,
  /** Words before and after a candidate figure read for the question's own words. */
  nearBefore: 10,
  nearAfter: 4,
  /** How fast a word's weight falls with its distance from the figure: 1 / distance ** nearnessDecay. */
  nearnessDecay: 1,
  /** Words a count takes after it when the question prints them next ("3.000 cán bộ, đảng viên"). */
  extendWords: 6,
  /** Fewest of the question's words a clause must print to state a yes/no answer. */
  clauseMinWords: 2,
  /** A proving sentence longer than this is quoted by its clauses holding the answer (excerpt). */
  quoteMaxChars: 240,
});
