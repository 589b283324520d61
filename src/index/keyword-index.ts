/**
 * Keyword (BM25) index over chunks, stored in SQLite FTS5 (the generation's index.db).
 *
 * Tables:
 * - `kw`: FTS5, contentless with deletable rows (rowid = chunk label), detail=none (doclists of labels only: no
 *   positions, no columns, nothing reads them), one column holding a chunk's keyword document (`keywordDocument`):
 *   its exact-view tokens = accented unigrams + bigrams of `header + text` (src/text/tokenize.ts `keywordTokens`)
 *   as they are, and its folded-view tokens = diacritic-free unigrams + bigrams (so "quan 12 ket nap" finds "Quận 12
 *   kết nạp") behind FOLDED_MARK ("~quan"). Each distinct token once; its k-th occurrence (2 ≤ k ≤ TF_LEVELS) adds
 *   the token behind TF_MARK and k ("^2quan", "~^2quan"), so a term's frequency in a chunk is the number of its
 *   level tokens the chunk holds (capped at TF_LEVELS: BM25 saturates, a ninth occurrence adds under 1%). Tokenizer
 *   `ascii tokenchars '_.,~^'`: every non-ASCII character, ASCII letter and digit, "_" (the bigram joiner), "." / ","
 *   (inside numbers: "104,99", "1.5") and the two marks are token characters, so each space-separated token is
 *   exactly one FTS5 token. Query terms never hold a mark (SINGLE_TOKEN), so they cannot reach another view.
 * - `kw_len`: token count of each chunk's two views, all occurrences (BM25 length normalisation); `kw_lengths`: the
 *   same as one blob of (label, exact, folded) uint32 triples, ascending by label, little-endian, rewritten by
 *   `packLengths` whenever the keyword tables change (what the reader loads: one blob instead of 116k rows).
 * - `kw_common`: terms in more than max(COMMON_MIN_DF, 1% of chunks) chunks, with their document frequency,
 *   recomputed at ingest (see src/ingest/).
 * - `kw_head`: the head terms (id, token, df), each an indexed level-1 token ("của", "~cua", "thanh_pho"), chosen once
 *   when the index is built (src/ingest/head-terms.ts) and kept by every later ingest of it; `kw_head_data` their
 *   postings by id, apart so that opening the index reads only the small dictionary. A head term's postings are never
 *   in `kw`, at any level: they are its `kw_head_data.data`, the varints (7 bits a byte, low first) of (gap − 1) · 8 +
 *   (tf − 1) for its chunks in ascending label order (gap: label − previous label, the first from −1; tf: min(occurrences,
 *   TF_LEVELS), the count of level tokens `kw` would hold), behind one byte saying how they are stored (0: as they
 *   are, as this code writes them; 1: raw DEFLATE, also read), or empty; `df` is their number. So a head term reads the same
 *   labels and frequencies as from `kw`, in one blob instead of TF_LEVELS doclists. The head terms are the corpus's
 *   most frequent tokens, about two thirds of all postings, which FTS5 then neither inserts nor merges (a third of
 *   its insertion time: docs/tuning.md).
 *
 * Ranking: BM25+ (k1 1.2, b 0.75, δ 0.5, idf = ln(1 + (N − df + 0.5) / (df + 0.5))) times a per-term boost,
 * summed over the query's distinct terms; higher = better, ties by label. (δ 0.5, as MiniSearch had: at 115k
 * chunks it lifts ViQuAD retrieval hit@1 0.613 → 0.640 and own-question hit@1 0.925 → 0.931 over plain BM25.) It is computed here from each term's
 * FTS5 doclists (one-term full-text queries: the term, then its level tokens; a head term: its list), not by FTS5's bm25(), because bm25() has no per-term
 * weights, runs per matching row (measured: 7.6 ms p50 per question at 115k chunks vs 2.2 ms this way) and would
 * need the scope filter inside MATCH. Common terms are left out of the ranking (their idf is small and their
 * doclists are the whole cost: at 115k chunks, ranking terms up to 5,000 chunks too lifted ViQuAD hit@1 / hit@5
 * 0.716 / 0.878 → 0.731 / 0.882 but answer CPU 5.9 → 8.5 ms and retrieval p50 1.2 → 5.5 ms per question, with
 * p95 above 50 ms under load); a query made only of common terms uses its three rarest. Exception: the
 * MID_TERMS rarest mid-common terms (df ≤ midCap) boosted ≥ MID_MIN_BOOST (the question's names, word pairs and
 * numbers: "chiến_tranh", "puerto_rico") rank by presence (tf 1), from `labelsWith` (no positions, and the
 * coverage re-ranking reads the same lists): with coverage re-ranking at 115k chunks, ViQuAD hit@1 / hit@5
 * 0.760 / 0.897 → 0.766 / 0.901 at unchanged answer CPU (three terms of any boost: 0.771 / 0.903, +2 ms).
 *
 * `search` keeps the parsed doclists of recent query terms in a bounded LRU (lru-cache, POSTINGS_CACHE_MAX runs in
 * all). Term → chunk lookups (`labelsWith`, for support checks and document frequencies) are one-term full-text
 * queries (the same chunks as the term's doclist; a head term's: its `kw_head` list) kept in a bounded LRU per index
 * (LABEL_CACHE_MAX labels in all).
 * Reading a doclist costs about its length (~180 ns a label through group_concat), so `containsIsCheap` tells callers
 * when a common term's doclist is too long to read for a few chunks (they look in the chunks' own tokens instead).
 * FTS5 cannot skip inside a doclist for us: a rowid constraint seeks only when bound as an integer (a JS number binds
 * as a REAL and the constraint is ignored: the whole doclist is returned), and even then each seek costs ~10–40 µs.
 *
 * Safety: terms are only ever bound as SQL parameters (never spliced into an FTS5 query); a term that is not a
 * single FTS5 token cannot match and is ignored.
 */
import { inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { Chunk } from '../types.js';
import { filterPredicate, rowOf, TopK, type LabelFilter } from './labels.js';

export type KeywordView = 'exact' | 'folded';
const KEYWORD_VIEWS: readonly KeywordView[] = ['exact', 'folded'];

export interface KeywordMatch {
  label: number;
  score: number;
}

export interface KeywordSearchOptions {
  /** Only these labels (a Set, or a predicate); applied to every posting before ranking and truncation. */
  filter?: LabelFilter;
  /** Per-term weight (default 1; ≤ 0 drops the term). */
  termBoost?: (term: string) => number;
}

/** Text a chunk is indexed under (same as the embedding text). */
export function chunkKeywordText(chunk: Chunk): string {
  return `${chunk.header}\n${chunk.text}`;
}

/** Document frequency above which a term counts as common (see module contract). */
export const COMMON_MIN_DF = 1000;
export const commonCap = (rows: number) => Math.max(COMMON_MIN_DF, Math.floor(rows * 0.01));
/** Mid-common terms (common, in at most midCap chunks) may still rank by presence: see the module contract. */
export const MID_MIN_DF = 5000;
export const midCap = (rows: number) => Math.max(MID_MIN_DF, Math.floor(rows * 0.04));
/** At most this many mid-common terms rank per view, rarest first, and only terms boosted this much (names, pairs, numbers). */
export const MID_TERMS = 2;
export const MID_MIN_BOOST = 1.6;
/**
 * A common term whose doclist holds more labels than this is not read to tell whether a few chunks contain it
 * (`containsIsCheap`): reading it costs ~75 ns a label, growing with the corpus, while a chunk's own tokens cost a
 * fixed ~40 µs (docs/tuning.md).
 */
export const PROBE_DOCLIST_MAX = 5000;
const BM25 = { k1: 1.2, b: 0.75, delta: 0.5 };
/**
 * Labels whose scores `search` accumulates at a time: their accumulators and lengths (12 bytes a label: 384 KB) stay
 * in the CPU cache (docs/tuning.md).
 */
const SCORE_BLOCK = 1 << 15;

/** A term FTS5 reads as exactly one token under `ascii tokenchars '_.,'`. */
export const SINGLE_TOKEN = /^(?:[0-9A-Za-z_.,]|[^\x00-\x7f])+$/;

/** Term frequencies up to this are exact (see the module contract). */
export const TF_LEVELS = 8;
/** Marks of a token's view and frequency level in the keyword document (see the module contract). */
export const FOLDED_MARK = '~';
export const TF_MARK = '^';
/** The indexed token of `term` in `view` at frequency level `level` (1: the term itself). */
const levelToken = (view: KeywordView, term: string, level = 1) => `${view === 'folded' ? FOLDED_MARK : ''}${level > 1 ? `${TF_MARK}${level}` : ''}${term}`;

export const KEYWORD_SCHEMA = `
  CREATE VIRTUAL TABLE kw USING fts5(t, content='', contentless_delete=1, detail=none, tokenize="ascii tokenchars '_.,${FOLDED_MARK}${TF_MARK}'");
  CREATE TABLE kw_len (label INTEGER PRIMARY KEY, exact INTEGER NOT NULL, folded INTEGER NOT NULL);
  CREATE TABLE kw_lengths (id INTEGER PRIMARY KEY CHECK (id = 0), data BLOB NOT NULL);
  CREATE TABLE kw_common (col TEXT NOT NULL, term TEXT NOT NULL, df INTEGER NOT NULL, PRIMARY KEY (col, term)) WITHOUT ROWID;
  CREATE TABLE kw_head (id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE, df INTEGER NOT NULL);
  CREATE TABLE kw_head_data (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
`;

/**
 * A chunk's keyword document (see the module contract) from its two views' tokens (all occurrences, in order).
 * Tokens that are not a single FTS5 token could never be queried and are left out.
 */
export function keywordDocument(exact: readonly string[], folded: readonly string[]): string {
  return keywordParts(exact, folded, null).document;
}

/**
 * `keywordDocument` without the head terms (`head`: their level-1 indexed tokens → ids, see the module contract),
 * whose occurrences are `heads` instead: (head id, tf) pairs, tf = min(occurrences, TF_LEVELS).
 */
export function keywordParts(exact: readonly string[], folded: readonly string[], head: ReadonlyMap<string, number> | null): { document: string; heads: Int32Array } {
  const out: string[] = [];
  const heads: number[] = [];
  for (const [view, tokens] of [['exact', exact], ['folded', folded]] as const) {
    const seen = new Map<string, number>();
    for (const t of tokens) {
      if (!SINGLE_TOKEN.test(t)) continue; // never indexed
      const n = (seen.get(t) ?? 0) + 1;
      seen.set(t, n);
      if (n <= TF_LEVELS && !head?.has(levelToken(view, t))) out.push(levelToken(view, t, n));
    }
    if (head) {
      for (const [t, n] of seen) {
        const id = head.get(levelToken(view, t));
        if (id !== undefined) heads.push(id, Math.min(n, TF_LEVELS));
      }
    }
  }
  return { document: out.join(' '), heads: Int32Array.from(heads) };
}

/**
 * The first byte of a `kw_head_data.data` blob: its varints follow as they are, or deflated. This code writes them as
 * they are (deflating the long ones cost the ingest's serial end more than the 5% of the index it saved, and each read
 * an inflate: docs/tuning.md); deflated ones are still read.
 */
const HEAD_RAW = 0;
const HEAD_DEFLATED = 1;

/** A head term's postings (see the module contract): labels ascending, and their term frequencies. */
export interface HeadList {
  labels: Int32Array;
  tfs: Int32Array;
}

const NO_BYTES = new Uint8Array(0);
/** A run's bytes after its first posting are copied by a loop up to this many (most runs hold a few), else by `set`. */
const COPY_LOOP_MAX = 64;

/** A head term's postings as they are written: its varints (see the module contract). */
class HeadListBuilder {
  bytes = NO_BYTES;
  length = 0;
  last = -1;
  count = 0;

  /** Appends a posting; `label` must exceed every label pushed before. */
  push(label: number, tf: number): void {
    const v = (label - this.last - 1) * 8 + (Math.min(tf, TF_LEVELS) - 1);
    this.last = label;
    this.count++;
    if (this.length + 5 > this.bytes.length) {
      const grown = new Uint8Array(Math.max(64, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.length = putVarint(this.bytes, this.length, v);
  }

  /**
   * Appends a run of `count` postings: bytes[from, to) of a HeadRuns (chunk indices), whose chunk i is label base + i,
   * the last one `lastIndex`; `base` must exceed every label pushed before. Offsets, not a subarray: a cold ingest
   * appends ~3 M runs, and a view object each was most of this cost (docs/tuning.md).
   */
  appendRun(base: number, bytes: Uint8Array, from: number, to: number, count: number, lastIndex: number): void {
    // The first posting's gap is from the run's start: re-encoded from the list's last label; the rest are copied.
    let v = 0;
    let scale = 1;
    let i = from;
    for (; bytes[i]! >= 128; i++, scale *= 128) v += (bytes[i]! & 127) * scale;
    v += bytes[i++]! * scale;
    this.push(base + Math.floor(v / 8), (v % 8) + 1);
    const rest = to - i;
    if (this.length + rest > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + rest));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    const out = this.bytes;
    let n = this.length;
    if (rest < COPY_LOOP_MAX) for (; i < to; i++) out[n++] = bytes[i]!;
    else {
      out.set(bytes.subarray(i, to), n);
      n += rest;
    }
    this.length = n;
    this.count += count - 1;
    this.last = base + lastIndex;
  }

  /** The `kw_head_data.data` blob (see the module contract). */
  blob(): Buffer {
    if (this.count === 0) return Buffer.alloc(0);
    return Buffer.concat([Buffer.of(HEAD_RAW), this.bytes.subarray(0, this.length)]);
  }
}

/** Postings from head varints (not deflated). */
function decodeVarints(bytes: Uint8Array): HeadList {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! < 128) n++;
  const labels = new Int32Array(n);
  const tfs = new Int32Array(n);
  let last = -1;
  let v = 0;
  let scale = 1;
  let k = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    v += (b & 127) * scale;
    if (b >= 128) {
      scale *= 128;
      continue;
    }
    last += Math.floor(v / 8) + 1;
    labels[k] = last;
    tfs[k++] = (v % 8) + 1;
    v = 0;
    scale = 1;
  }
  return { labels, tfs };
}

/** A head term's postings from its `kw_head_data.data` blob (see the module contract). */
export function decodeHeadList(blob: Uint8Array): HeadList {
  if (blob.length === 0) return decodeVarints(blob);
  const body = blob.subarray(1);
  if (blob[0] === HEAD_RAW) return decodeVarints(body);
  if (blob[0] === HEAD_DEFLATED) return decodeVarints(inflateRawSync(body));
  throw new Error(`kw_head_data holds a blob of unknown kind ${blob[0]}`);
}

/** The two words of an indexed bigram token, each as an indexed token of its view ("~a_b" → "~a", "~b"); null for a unigram. */
export function bigramWords(token: string): [string, string] | null {
  const joint = token.indexOf('_');
  if (joint < 0) return null;
  const mark = token.startsWith(FOLDED_MARK) ? FOLDED_MARK : '';
  return [token.slice(0, joint), mark + token.slice(joint + 1)];
}

/**
 * The head postings of a batch of consecutive chunks (chunk i of the batch gets label base + i when written), grouped
 * by term: `table` holds (head id, postings, last chunk index, end of its varints in `bytes`) per term, ascending by
 * head id; each term's varints are those of its list (see the module contract) with chunk indices for labels.
 */
export interface HeadRuns {
  table: Int32Array;
  bytes: Uint8Array;
}

/** Appends the varint of `v` (≥ 0) to `out` at `at`; returns the new end. */
function putVarint(out: Uint8Array, at: number, v: number): number {
  while (v >= 128) {
    out[at++] = (v & 127) | 128;
    v = Math.floor(v / 128);
  }
  out[at++] = v;
  return at;
}

/**
 * A batch's head runs from its `count` (head id, chunk index, tf) triples in `triples`, in chunk order (each chunk's
 * in any order). A counting sort by head id: the triples are read twice, in order.
 */
export function encodeHeadRuns(triples: Int32Array, count: number, headCount: number): HeadRuns {
  const perTerm = new Int32Array(headCount + 1);
  for (let i = 0; i < count; i++) perTerm[triples[3 * i]! + 1]!++;
  let terms = 0;
  for (let id = 0; id < headCount; id++) {
    if (perTerm[id + 1]! > 0) terms++;
    perTerm[id + 1]! += perTerm[id]!;
  }
  // Postings by term (stable: chunk order kept), as (chunk index, tf).
  const sorted = new Int32Array(2 * count);
  const next = perTerm.slice(0, headCount);
  for (let i = 0; i < count; i++) {
    const at = next[triples[3 * i]!]!++;
    sorted[2 * at] = triples[3 * i + 1]!;
    sorted[2 * at + 1] = triples[3 * i + 2]!;
  }
  const table = new Int32Array(4 * terms);
  const bytes = new Uint8Array(count * 5);
  let end = 0;
  let t = 0;
  for (let id = 0; id < headCount; id++) {
    const from = perTerm[id]!;
    const to = perTerm[id + 1]!;
    if (from === to) continue;
    let last = -1;
    for (let k = from; k < to; k++) {
      const index = sorted[2 * k]!;
      end = putVarint(bytes, end, (index - last - 1) * 8 + (Math.min(sorted[2 * k + 1]!, TF_LEVELS) - 1));
      last = index;
    }
    table.set([id, to - from, last, end], 4 * t++);
  }
  return { table, bytes: bytes.slice(0, end) };
}

/** Every (head id, chunk index, tf) of a batch's head runs, by term then chunk. */
export function decodeHeadRuns(runs: HeadRuns): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  let start = 0;
  for (let t = 0; t < runs.table.length; t += 4) {
    const list = decodeVarints(runs.bytes.subarray(start, runs.table[t + 3]!));
    list.labels.forEach((index, k) => out.push([runs.table[t]!, index, list.tfs[k]!]));
    start = runs.table[t + 3]!;
  }
  return out;
}

/** The head terms of an index.db (see the module contract), by id; empty when it has none. */
export function readHeadTerms(db: Database.Database): string[] {
  return db.prepare('SELECT token FROM kw_head ORDER BY id').pluck().all() as string[];
}

/** The view and term of an indexed level-1 token ("~cua" → folded "cua"). */
function viewTerm(token: string): [KeywordView, string] {
  return token.startsWith(FOLDED_MARK) ? ['folded', token.slice(FOLDED_MARK.length)] : ['exact', token];
}

/** "3,14,15" → [3, 14, 15] (non-negative integers, no spaces). */
export function parseIntList(s: string): number[] {
  const out: number[] = [];
  if (s.length === 0) return out;
  let value = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44) {
      out.push(value);
      value = 0;
    } else {
      value = value * 10 + (c - 48);
    }
  }
  out.push(value);
  return out;
}

/**
 * Labels held by the `labelsWith` cache of one index, in all (4 bytes each: at most 32 MB). It keeps the doclists of
 * recent question terms (ranking, presence, support probes of terms of at most PROBE_DOCLIST_MAX chunks, filter
 * look-ups); it is bounded for the answering process's memory (see docs/tuning.md).
 */
const LABEL_CACHE_MAX = 8_000_000;
/** (label, tf) runs held by the postings cache of `search`, in all (8 bytes each). */
const POSTINGS_CACHE_MAX = 1_000_000;

interface Postings {
  labels: Int32Array;
  tfs: Int32Array;
}
const NO_LABELS = new Int32Array(0);
/** In the postings cache: the term does not occur (lru-cache holds no nulls). */
const ABSENT: Postings = { labels: NO_LABELS, tfs: NO_LABELS };

/** `parseIntList` into an Int32Array (the labels of a doclist; a doclist is read per query term, so this is hot). */
function parseLabels(s: string): Int32Array {
  let count = 1;
  for (let i = s.indexOf(','); i >= 0; i = s.indexOf(',', i + 1)) count++;
  const out = new Int32Array(count);
  let value = 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44) {
      out[n++] = value;
      value = 0;
    } else {
      value = value * 10 + (c - 48);
    }
  }
  out[n] = value;
  return out;
}

/** Distinct labels (< `limit`) of a doclist "3,3,14,15" (ascending, a label's occurrences contiguous), ascending. */
function distinctLabels(list: string, limit: number): Int32Array {
  const all = parseLabels(list);
  const out = new Int32Array(all.length);
  let n = 0;
  let prev = -1;
  let sorted = true;
  for (let i = 0; i < all.length; i++) {
    const label = all[i]!;
    if (label === prev || label >= limit) continue;
    if (label < prev) sorted = false;
    out[n++] = label;
    prev = label;
  }
  if (sorted) return n === out.length ? out : out.slice(0, n);
  // Not expected from FTS5 (doclists are in rowid order); kept correct anyway.
  const uniq = Int32Array.from(new Set(out.subarray(0, n))).sort();
  return uniq;
}

/** One ranking term's postings in `search`: its labels (ascending), term frequencies (null: 1 each), weight, cursor. */
interface ScoredList {
  labels: Int32Array;
  tfs: Int32Array | null;
  idf: number;
  next: number;
}

/**
 * BM25+ of every label the lists hold (filtered by `allowed`), block by block (see `search`), pushed into `top`;
 * leaves `acc` all zero. `touched`: scratch of at least SCORE_BLOCK entries. Kept apart from `search` so that the hot
 * loops compile on their own (inside it, they were deoptimised again and again).
 */
function accumulate(
  lists: ScoredList[],
  acc: Float64Array,
  lengths: Uint32Array,
  avg: number,
  allowed: ((label: number) => boolean) | null,
  top: TopK,
  touched: Int32Array,
): void {
  for (;;) {
    // The block holding the smallest label not yet scored (labels ascend in every list).
    let first = acc.length;
    for (const list of lists) if (list.next < list.labels.length && list.labels[list.next]! < first) first = list.labels[list.next]!;
    if (first >= acc.length) return;
    const end = Math.min(acc.length, first - (first % SCORE_BLOCK) + SCORE_BLOCK);
    let count = 0;
    for (const list of lists) count = accumulateRun(list, end, acc, lengths, avg, allowed, touched, count);
    for (let j = 0; j < count; j++) {
      const label = touched[j]!;
      top.push(acc[label]!, label);
      acc[label] = 0;
    }
  }
}

/**
 * Adds one list's postings below `end` to `acc` and moves its cursor past them; a label scored for the first time
 * goes to `touched[count]`. Returns the new count.
 */
function accumulateRun(
  list: ScoredList,
  end: number,
  acc: Float64Array,
  lengths: Uint32Array,
  avg: number,
  allowed: ((label: number) => boolean) | null,
  touched: Int32Array,
  count: number,
): number {
  const { labels, tfs, idf } = list;
  const { k1, b, delta } = BM25;
  let i = list.next;
  for (; i < labels.length; i++) {
    const label = labels[i]!;
    if (label >= end) break;
    if (allowed && !allowed(label)) continue;
    const tf = tfs ? tfs[i]! : 1;
    const norm = k1 * (1 - b + (b * (lengths[label] || avg)) / avg);
    if (acc[label] === 0) touched[count++] = label;
    acc[label] = acc[label]! + idf * (delta + (tf * (k1 + 1)) / (tf + norm));
  }
  list.next = i;
  return count;
}

const tokenCount = (s: string) => {
  if (s.length === 0) return 0;
  let n = 1;
  for (let i = s.indexOf(' '); i >= 0; i = s.indexOf(' ', i + 1)) n++;
  return n;
};

/** FTS5 pending-terms buffer of a bulk load (a full build), in bytes: see docs/tuning.md. */
const BULK_HASH_BYTES = 2 * 1024 * 1024;

/** Writes into a generation's keyword tables (the store owns the connection and the transaction). */
export class KeywordWriter {
  private readonly insertStmt: Database.Statement;
  private readonly insertLen: Database.Statement;
  private readonly deleteStmt: Database.Statement;
  private readonly deleteLen: Database.Statement;
  /** The head terms (kw_head, by id) and their postings added by this writer; read on first use. */
  private headState: { tokens: string[]; ids: Map<string, number>; added: HeadListBuilder[] } | null = null;
  /** Labels deleted by this writer (dropped from the head postings by `writeHead`). */
  private readonly deleted = new Set<number>();

  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare('INSERT INTO kw(rowid, t) VALUES (?, ?)');
    this.insertLen = db.prepare('INSERT INTO kw_len(label, exact, folded) VALUES (?, ?, ?)');
    this.deleteStmt = db.prepare('DELETE FROM kw WHERE rowid = ?');
    this.deleteLen = db.prepare('DELETE FROM kw_len WHERE label = ?');
  }

  private head() {
    if (!this.headState) {
      const tokens = readHeadTerms(this.db);
      this.headState = { tokens, ids: new Map(tokens.map((t, id) => [t, id])), added: tokens.map(() => new HeadListBuilder()) };
    }
    return this.headState;
  }

  /** The head terms (level-1 indexed tokens, see the module contract), by id; empty when the index has none. */
  headTerms(): string[] {
    return this.head().tokens;
  }

  /**
   * Makes `tokens` (distinct single level-1 indexed tokens; a bigram only with both its words) the head terms of a
   * new index: only before the first chunk is written, and only once (the set is kept for the index's life: see the
   * module contract).
   */
  defineHead(tokens: readonly string[]): void {
    const chunks = this.db.prepare('SELECT count(*) FROM kw_len').pluck().get() as number;
    if (chunks > 0 || this.headTerms().length > 0) throw new Error('head terms are defined once, before any chunk is written');
    const insert = this.db.prepare('INSERT INTO kw_head(id, token, df) VALUES (?, ?, 0)');
    const insertData = this.db.prepare("INSERT INTO kw_head_data(id, data) VALUES (?, x'')");
    const all = new Set(tokens);
    tokens.forEach((token, id) => {
      if (!SINGLE_TOKEN.test(token.startsWith(FOLDED_MARK) ? token.slice(FOLDED_MARK.length) : token) || token.includes(TF_MARK)) {
        throw new Error(`"${token}" is not a level-1 indexed token`);
      }
      // The document writers look a bigram up only between two head words (src/ingest/keyword-document.ts).
      const words = bigramWords(token);
      if (words && !(all.has(words[0]) && all.has(words[1]))) throw new Error(`head bigram "${token}" without both its words`);
      insert.run(id, token);
      insertData.run(id);
    });
    this.headState = null;
  }

  /**
   * Bulk-load settings: no incremental merging and a BULK_HASH_BYTES pending-terms buffer (then `optimize`).
   * Inserting is bound by cache misses in FTS5's pending-terms hash and the sort of each flush (docs/tuning.md).
   */
  beginBulk(): void {
    this.db.prepare(`INSERT INTO kw(kw, rank) VALUES ('automerge', 0)`).run();
    this.db.prepare(`INSERT INTO kw(kw, rank) VALUES ('hashsize', ${BULK_HASH_BYTES})`).run();
  }

  /** `exact` / `folded`: a view's space-separated tokens (keywordTokens(chunkKeywordText(chunk)) joined by " "). */
  insert(label: number, exact: string, folded: string): void {
    const split = (v: string) => (v.length ? v.split(' ') : []);
    const head = this.head();
    const { document, heads } = keywordParts(split(exact), split(folded), head.tokens.length ? head.ids : null);
    this.insertDocument(label, document, { exact: tokenCount(exact), folded: tokenCount(folded) });
    for (let i = 0; i < heads.length; i += 2) head.added[heads[i]!]!.push(label, heads[i + 1]!);
  }

  /**
   * `document`: keywordParts(...).document of the chunk with this index's head terms, or its UTF-8 bytes (FTS5 reads
   * a blob as UTF-8 text); `counts`: its views' token counts (all occurrences). Its head terms' postings are given
   * with `insertHeadRuns`.
   */
  insertDocument(label: number, document: string | Uint8Array, counts: { exact: number; folded: number }): void {
    this.insertStmt.run(label, document);
    this.insertLen.run(label, counts.exact, counts.folded);
  }

  /** The head postings of consecutive chunks written under labels base, base + 1, … (larger than every earlier one). */
  insertHeadRuns(base: number, runs: HeadRuns): void {
    const added = this.head().added;
    const { table, bytes } = runs;
    let start = 0;
    for (let t = 0; t < table.length; t += 4) {
      const list = added[table[t]!];
      if (!list) throw new Error(`head term ${table[t]} is not defined`);
      const end = table[t + 3]!;
      list.appendRun(base, bytes, start, end, table[t + 1]!, table[t + 2]!);
      start = end;
    }
  }

  delete(label: number): void {
    this.deleteStmt.run(label);
    this.deleteLen.run(label);
    this.deleted.add(label);
  }

  /** Writes the head terms' postings (the previous ones minus deleted labels, then the added): after the last change. */
  writeHead(): void {
    const { tokens, added } = this.head();
    if (tokens.length === 0) return;
    const read = this.db.prepare('SELECT data FROM kw_head_data WHERE id = ?').pluck();
    const setDf = this.db.prepare('UPDATE kw_head SET df = ? WHERE id = ?');
    const setData = this.db.prepare('UPDATE kw_head_data SET data = ? WHERE id = ?');
    const update = (df: number, data: Buffer, id: number) => {
      setDf.run(df, id);
      setData.run(data, id);
    };
    tokens.forEach((_, id) => {
      const fresh = added[id]!;
      if (fresh.count === 0 && this.deleted.size === 0) return;
      const previous = read.get(id) as Buffer;
      if (previous.length === 0) {
        if (fresh.count > 0) update(fresh.count, fresh.blob(), id);
      } else {
        const old = decodeHeadList(previous);
        // A list that loses no label and gains none is left as it is.
        if (fresh.count === 0 && !old.labels.some((label) => this.deleted.has(label))) return;
        const merged = new HeadListBuilder();
        for (let i = 0; i < old.labels.length; i++) if (!this.deleted.has(old.labels[i]!)) merged.push(old.labels[i]!, old.tfs[i]!);
        const more = decodeVarints(fresh.bytes.subarray(0, fresh.length));
        for (let i = 0; i < more.labels.length; i++) merged.push(more.labels[i]!, more.tfs[i]!);
        update(merged.count, merged.blob(), id);
      }
      added[id] = new HeadListBuilder();
    });
    this.deleted.clear();
  }

  /** Merges all segments into one (fastest reads) and restores default merging for later updates. */
  optimize(): void {
    this.db.prepare(`INSERT INTO kw(kw) VALUES ('optimize')`).run();
    this.db.prepare(`INSERT INTO kw(kw, rank) VALUES ('automerge', 4)`).run();
  }

  /** Rewrites kw_lengths from kw_len (see the module contract); call after the last insert or delete. */
  packLengths(): void {
    const rows = this.db.prepare('SELECT label, exact, folded FROM kw_len ORDER BY label').raw().all() as Array<[number, number, number]>;
    const packed = new Uint32Array(rows.length * 3);
    rows.forEach(([label, exact, folded], i) => packed.set([label, exact, folded], i * 3));
    this.db.prepare('INSERT OR REPLACE INTO kw_lengths(id, data) VALUES (0, ?)').run(Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength));
  }

  /** Recomputes kw_common (one pass over the FTS5 vocabulary, and the head terms); call after `writeHead`. */
  recomputeCommon(rows: number): void {
    this.db.exec('DELETE FROM kw_common');
    if (rows <= COMMON_MIN_DF) return;
    this.db.exec(`CREATE VIRTUAL TABLE temp.kw_vocab USING fts5vocab(main, 'kw', 'row')`);
    try {
      // Level-1 tokens only (no TF_MARK); the folded view's behind FOLDED_MARK.
      this.db
        .prepare(
          `INSERT INTO kw_common(col, term, df)
           SELECT CASE WHEN substr(term, 1, 1) = @folded THEN 'folded' ELSE 'exact' END,
                  CASE WHEN substr(term, 1, 1) = @folded THEN substr(term, 2) ELSE term END, doc
           FROM temp.kw_vocab WHERE doc > @cap AND instr(term, @tf) = 0`,
        )
        .run({ folded: FOLDED_MARK, tf: TF_MARK, cap: commonCap(rows) });
      // Head terms are not in kw (written by writeHead, which runs first).
      const insert = this.db.prepare('INSERT INTO kw_common(col, term, df) VALUES (?, ?, ?)');
      for (const [token, df] of this.db.prepare('SELECT token, df FROM kw_head WHERE df > ?').raw().all(commonCap(rows)) as Array<[string, number]>) {
        insert.run(...viewTerm(token), df);
      }
    } finally {
      this.db.exec('DROP TABLE temp.kw_vocab');
    }
  }
}

export class KeywordIndex {
  private readonly common = new Map<string, number>();
  /** `${view}:${term}` → the head term's id and document frequency (kw_head, see the module contract). */
  private readonly head = new Map<string, { id: number; df: number }>();
  private readonly headData: Database.Statement;
  /** Token counts by label (0 = no such chunk), per view. */
  private readonly lengths: Record<KeywordView, Uint32Array>;
  private readonly avgLength: Record<KeywordView, number>;
  private readonly count: number;
  /** Scratch score accumulator by label (all zero between searches). */
  private readonly acc: Float64Array;
  /** Scratch: the labels first scored in one block of `search`. */
  private readonly touched = new Int32Array(SCORE_BLOCK);
  private readonly exists: Database.Statement;
  private readonly docs: Database.Statement;
  /** `${view}:${term}` → labelsWith result; each entry weighs its labels plus one (an empty list has a key too). */
  private readonly labelCache = new LRUCache<string, Int32Array>({ maxSize: LABEL_CACHE_MAX, sizeCalculation: (l) => l.length + 1 });
  /** `${view}:${term}` → termPostings result (ABSENT for null); each entry weighs its runs plus one. */
  private readonly postingCache = new LRUCache<string, Postings>({ maxSize: POSTINGS_CACHE_MAX, sizeCalculation: (p) => p.labels.length + 1 });

  /** `db`: an open index.db (read-only is fine: the doclist reader is a temp table). */
  constructor(db: Database.Database) {
    for (const [col, term, df] of db.prepare('SELECT col, term, df FROM kw_common').raw().iterate() as Iterable<[string, string, number]>) {
      this.common.set(`${col}:${term}`, df);
    }
    for (const [id, token, df] of db.prepare('SELECT id, token, df FROM kw_head').raw().iterate() as Iterable<[number, string, number]>) {
      this.head.set(viewTerm(token).join(':'), { id, df });
    }
    this.headData = db.prepare('SELECT data FROM kw_head_data WHERE id = ?').pluck();
    const blob = db.prepare('SELECT data FROM kw_lengths WHERE id = 0').pluck().get() as Buffer | undefined;
    if (blob === undefined || blob.byteLength % 12 !== 0) throw new Error('kw_lengths is missing or inconsistent');
    // Copied into an aligned array (a Buffer may start anywhere in its pool); triples of (label, exact, folded).
    const triples = new Uint32Array(blob.byteLength / 4);
    new Uint8Array(triples.buffer).set(blob);
    const count = triples.length / 3;
    const maxLabel = count ? triples[3 * (count - 1)]! : -1;
    this.lengths = { exact: new Uint32Array(maxLabel + 1), folded: new Uint32Array(maxLabel + 1) };
    this.acc = new Float64Array(maxLabel + 1);
    let sumExact = 0;
    let sumFolded = 0;
    for (let i = 0; i < count; i++) {
      const [label, exact, folded] = [triples[3 * i]!, triples[3 * i + 1]!, triples[3 * i + 2]!];
      this.lengths.exact[label] = exact;
      this.lengths.folded[label] = folded;
      sumExact += exact;
      sumFolded += folded;
    }
    this.count = count;
    this.avgLength = { exact: count ? Math.max(1, sumExact / count) : 1, folded: count ? Math.max(1, sumFolded / count) : 1 };
    this.exists = db.prepare('SELECT 1 FROM kw WHERE kw MATCH ? LIMIT 1').pluck();
    // The chunks holding one indexed token, in label order: "12,57,…".
    this.docs = db.prepare('SELECT group_concat(rowid) FROM kw WHERE kw MATCH ?').pluck();
  }

  /** Number of chunks indexed. */
  get size(): number {
    return this.count;
  }

  /** True when some chunk contains `term` in `view` (a phrase that exists in the corpus). */
  hasTerm(view: KeywordView, term: string): boolean {
    if (!SINGLE_TOKEN.test(term)) return false;
    if (this.common.has(`${view}:${term}`)) return true;
    const head = this.head.get(`${view}:${term}`);
    if (head) return head.df > 0;
    // The term is one FTS5 token made of token characters only (no '"'), so quoting it is exact.
    return this.exists.get(`"${levelToken(view, term)}"`) !== undefined;
  }

  /**
   * Number of chunks containing `term` in `view` (0 for a term that is not a single token): `labelsWith(view,
   * term).length`. Cheap: common terms are looked up (kw_common, exact as of the last build), the others (at most
   * max(COMMON_MIN_DF, 1% of chunks) chunks) counted from `labelsWith` (same cache).
   */
  docFreq(view: KeywordView, term: string): number {
    if (!SINGLE_TOKEN.test(term)) return 0;
    const key = `${view}:${term}`;
    const known = this.common.get(key) ?? this.head.get(key)?.df;
    if (known !== undefined) return known;
    return this.labelsWith(view, term).length;
  }

  /**
   * Distinct labels of the chunks whose `view` column contains `term`, ascending; empty for a term that is not a
   * single token. Its length is the term's exact document frequency (what a one-term `search` returns), also for
   * common terms. Cached (LRU, LABEL_CACHE_MAX labels); callers must not modify the array.
   */
  labelsWith(view: KeywordView, term: string): Int32Array {
    const key = `${view}:${term}`;
    const hit = this.labelCache.get(key);
    if (hit) return hit;
    let labels: Int32Array = NO_LABELS;
    // The doclist `search` ranked with (ABSENT: the term is absent) holds the same labels, ascending: no second query.
    const posting = this.postingCache.peek(key);
    const head = this.head.get(key);
    if (posting !== undefined && (posting.labels.at(-1) ?? -1) < this.acc.length) {
      labels = posting.labels;
    } else if (head) {
      labels = this.headList(head).labels;
    } else if (SINGLE_TOKEN.test(term) && !/[A-Z]/.test(term) && this.count > 0) {
      // Upper-case ASCII: the tokenizer lower-cases it, so such a term is never stored (MATCH would fold it).
      const list = this.docs.get(`"${levelToken(view, term)}"`) as string | null;
      if (list) labels = distinctLabels(list, this.acc.length);
    }
    this.labelCache.set(key, labels);
    return labels;
  }

  /**
   * Whether `contains(…, term)` is cheap: each view's doclist of the term is cached, or holds at most
   * PROBE_DOCLIST_MAX labels (a term not in kw_common holds at most commonCap(size)); also for a term that is not a
   * single token (it is never contained). Otherwise `contains` reads a doclist that grows with the corpus (common
   * syllables are in up to a tenth of all chunks), and a caller holding the chunk should look in its own tokens
   * (support.ts `chunkTokens`: the same answer).
   */
  containsIsCheap(term: string): boolean {
    for (const view of KEYWORD_VIEWS) {
      const key = `${view}:${term}`;
      const df = this.common.get(key);
      if (df !== undefined && df > PROBE_DOCLIST_MAX && !this.labelCache.has(key) && !this.postingCache.has(key)) return false;
    }
    return true;
  }

  /** True when chunk `label` contains `term` in either view (= the term is one of allTokens(chunkKeywordText)). */
  contains(label: number, term: string): boolean {
    // The likelier view first: accented terms live in the exact view, unaccented ones mostly in the folded one.
    const [first, second]: KeywordView[] = /[^\x00-\x7f]/.test(term) ? ['exact', 'folded'] : ['folded', 'exact'];
    return rowOf(this.labelsWith(first, term), label) >= 0 || rowOf(this.labelsWith(second, term), label) >= 0;
  }

  /**
   * One term's doclist in one view as runs of (label, term frequency), in doclist order (a label's occurrences are
   * contiguous); null when the term does not occur. Cached (LRU, POSTINGS_CACHE_MAX runs).
   */
  private termPostings(view: KeywordView, term: string): Postings | null {
    const key = `${view}:${term}`;
    const hit = this.postingCache.get(key);
    if (hit !== undefined) return hit === ABSENT ? null : hit;
    let posting: Postings | null = null;
    const head = this.head.get(key);
    const labels = head ? NO_LABELS : this.labelsWith(view, term);
    if (head) {
      if (head.df > 0) posting = this.headList(head);
    } else if (labels.length > 0) {
      // The term's frequency in a chunk: how many of its level tokens the chunk holds (each level a subset of the last).
      const tfs = new Int32Array(labels.length).fill(1);
      for (let level = 2; level <= TF_LEVELS; level++) {
        const list = this.docs.get(`"${levelToken(view, term, level)}"`) as string | null;
        if (!list) break;
        const holding = parseLabels(list);
        let i = 0;
        for (let j = 0; j < holding.length; j++) {
          const label = holding[j]!;
          while (i < labels.length && labels[i]! < label) i++;
          if (labels[i] === label) tfs[i]!++;
        }
      }
      posting = { labels, tfs };
    }
    this.postingCache.set(key, posting ?? ABSENT);
    return posting;
  }

  /** A head term's postings (see the module contract), only of labels below the lengths' bound (as `labelsWith`). */
  private headList(head: { id: number }): Postings {
    const data = this.headData.get(head.id) as Buffer | undefined;
    const list = decodeHeadList(data ?? new Uint8Array(0));
    if ((list.labels.at(-1) ?? -1) < this.acc.length) return list;
    const keep = list.labels.findIndex((l) => l >= this.acc.length);
    return { labels: list.labels.slice(0, keep), tfs: list.tfs.slice(0, keep) };
  }

  /**
   * The terms `search` ranks by, with their boosts and whether only their presence counts (see the module
   * contract): the non-common terms, then at most MID_TERMS of the rarest mid-common ones boosted ≥ MID_MIN_BOOST
   * (presence only); a query made only of common terms ranks by its three rarest.
   */
  rankingTerms(view: KeywordView, terms: string[], termBoost?: (term: string) => number): Array<[term: string, boost: number, presence: boolean]> {
    const cap = commonCap(this.size);
    const mid = midCap(this.size);
    const kept: Array<[string, number, boolean]> = [];
    const common: Array<[string, number, number]> = [];
    for (const term of new Set(terms)) {
      if (!SINGLE_TOKEN.test(term)) continue;
      const boost = termBoost ? termBoost(term) : 1;
      if (!(boost > 0)) continue;
      const df = this.common.get(`${view}:${term}`);
      if (df !== undefined && df > cap) common.push([term, boost, df]);
      else kept.push([term, boost, false]);
    }
    common.sort((a, b) => a[2] - b[2]);
    if (kept.length === 0) {
      for (const [term, boost] of common.slice(0, 3)) kept.push([term, boost, false]);
    } else {
      const named = common.filter(([, boost, df]) => df <= mid && boost >= MID_MIN_BOOST).slice(0, MID_TERMS);
      for (const [term, boost] of named) kept.push([term, boost, true]);
    }
    return kept;
  }

  /**
   * Ranks chunks for already-tokenised query terms in one view. At most k matches, best first.
   *
   * Scores accumulate by label block (SCORE_BLOCK labels at a time, every term's postings of the block in term order,
   * so each chunk's sum adds the same terms in the same order as term by term over the whole corpus): the block's
   * accumulators and lengths stay in the CPU cache, where a corpus-wide pass would miss it at nearly every posting.
   */
  search(view: KeywordView, terms: string[], k: number, opts: KeywordSearchOptions = {}): KeywordMatch[] {
    if (k <= 0 || terms.length === 0 || this.count === 0) return [];
    const allowed = filterPredicate(opts.filter);
    const lengths = this.lengths[view];
    const avg = this.avgLength[view];
    const n = this.count;
    const acc = this.acc;
    const lists: ScoredList[] = [];
    for (const [term, boost, presence] of this.rankingTerms(view, terms, opts.termBoost)) {
      // A presence term: the chunks holding it, without its doclist's positions, each scored as one occurrence.
      const posting = presence ? { labels: this.labelsWith(view, term), tfs: null } : this.termPostings(view, term);
      if (!posting || posting.labels.length === 0) continue;
      const df = posting.labels.length;
      lists.push({ labels: posting.labels, tfs: posting.tfs, idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)) * boost, next: 0 });
    }
    const postings = lists.reduce((sum, list) => sum + list.labels.length, 0);
    const top = new TopK(Math.min(k, Math.max(1, postings)));
    accumulate(lists, acc, lengths, avg, allowed, top, this.touched);
    return top.sorted().map(([label, score]) => ({ label, score }));
  }
}
