/**
 * Chunks' keyword documents straight from their text, as UTF-8 bytes, for ingest: the bytes of
 * keywordDocument(t.exact, t.folded) for t = keywordTokens(text), with the two views' token counts, built without
 * the token arrays, a string-keyed map per view or a string per indexed token (they were most of the preparing
 * cost), and ready to bind (FTS5 reads a blob as UTF-8 text) or to transfer from a worker without copying.
 *
 * Contracts:
 * - `KeywordDocuments.add(text)` returns { document, exact, folded }: `document` decodes (UTF-8) to exactly
 *   keywordParts(t.exact, t.folded, head).document and `exact` / `folded` are t.exact.length / t.folded.length
 *   (src/index/keyword-index.ts owns the format; the tests compare the two on real text). `head`: the index's head
 *   terms (level-1 indexed tokens → ids), given to the constructor. `headRuns()`: the head postings of every text
 *   added so far, the i-th added being chunk i (keyword-index.ts HeadRuns), the same as keywordParts' `heads`.
 * - `document` is a view into a block (BLOCK_BYTES by default, or one of its own when larger) that later documents
 *   never overwrite; `blocks()` lists the blocks written so far (a worker transfers them with its reply).
 * - Occurrences are counted per view of a document by the tokenizer's token ids (scanPieces): a unigram by its id, a
 *   bigram by its pair of ids (unigrams never contain the bigram joiner "_", so distinct pairs are distinct
 *   bigrams). Each token's UTF-8 is encoded once per id epoch.
 */
import { bigramWords, encodeHeadRuns, FOLDED_MARK, SINGLE_TOKEN, TF_LEVELS, TF_MARK, type HeadRuns } from '../index/keyword-index.js';
import { HEAD_MAX_TERMS } from './head-terms.js';

/** The head terms of an index: level-1 indexed tokens ("của", "~cua", "thanh_pho") → ids (keyword-index.ts). */
export type HeadTerms = ReadonlyMap<string, number>;

/** The head terms from their list (ids are positions), or null for none. */
export function headTerms(tokens: readonly string[]): HeadTerms | null {
  return tokens.length > 0 ? new Map(tokens.map((t, id) => [t, id])) : null;
}
import { scanPieces } from '../text/tokenize.js';

/** Documents are copied into blocks of this many bytes. */
const BLOCK_BYTES = 1 << 20;

/** A token's k-th occurrence (1 ≤ k ≤ TF_LEVELS) is indexed behind PREFIX[view][k] (keyword-index.ts levelToken). */
const PREFIX = {
  exact: Array.from({ length: TF_LEVELS + 1 }, (_, k) => (k > 1 ? `${TF_MARK}${k}` : '')),
  folded: Array.from({ length: TF_LEVELS + 1 }, (_, k) => `${FOLDED_MARK}${k > 1 ? `${TF_MARK}${k}` : ''}`),
};

/**
 * By token id (tokenize.ts scanPieces, of epoch `epoch`): the token's UTF-8 bytes in `pool` at [start, start +
 * length), its KIND (UNKNOWN: not written yet), and its occurrences in the view being written (`touched` lists the
 * ids to reset).
 */
let epoch = -1;
/**
 * A token's kind: SINGLE, a single FTS5 token (indexed); EMPTY, "" (a lone combining mark folds to it: not indexed,
 * but a bigram with it is); OTHER, neither (never indexed, nor its bigrams).
 */
const UNKNOWN = 0;
const SINGLE = 1;
const EMPTY = 2;
const OTHER = 3;
/** A bigram "a_b" is a single FTS5 token when both sides are made of token characters (the joiner is one). */
const bigramIndexed = (a: number, b: number) => (a === SINGLE || a === EMPTY) && (b === SINGLE || b === EMPTY);
let tokenStart = new Int32Array(1 << 16);
let tokenLength = new Int32Array(1 << 16);
let tokenKind = new Uint8Array(1 << 16);
let unigramCount = new Int32Array(1 << 16);
/**
 * By token id, per view: its head id, NOT_HEAD, or UNSEEN (not looked up yet) for `headFor` (the head terms the
 * tables were filled for; a different one empties them, as does a new epoch).
 */
const UNSEEN = -2;
const NOT_HEAD = -1;
let exactHead = new Int32Array(1 << 16).fill(UNSEEN);
let foldedHead = new Int32Array(1 << 16).fill(UNSEEN);
let headFor: HeadTerms | null = null;
/**
 * The head bigrams of `headFor` by their words' head ids (a bigram is in no more chunks than either of its words, and
 * head-terms.ts keeps a bigram only with both of them): the ones whose first word has head id a are
 * pairSecond / pairHead[pairStart[a] … pairStart[a + 1]) (second word's head id, bigram's head id).
 */
let pairStart = new Int32Array(1);
let pairSecond = new Int32Array(0);
let pairHead = new Int32Array(0);

/** The head id of bigram (a, b) of head words a and b, or NOT_HEAD. */
function headPair(a: number, b: number): number {
  for (let k = pairStart[a]!, end = pairStart[a + 1]!; k < end; k++) if (pairSecond[k] === b) return pairHead[k]!;
  return NOT_HEAD;
}
let pool = new Uint8Array(1 << 20);
let poolLength = 0;
const encoder = new TextEncoder();

/** Per-id tables for ids up to `maxId` of epoch `e` (emptied when the epoch changes). */
function reserveIds(maxId: number, e: number): void {
  if (e !== epoch) {
    epoch = e;
    tokenKind.fill(UNKNOWN);
    poolLength = 0;
    headFor = null;
  }
  if (maxId < tokenStart.length) return;
  let size = tokenStart.length;
  while (size <= maxId) size *= 2;
  const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
    b.set(a);
    return b;
  };
  tokenStart = grow(tokenStart, new Int32Array(size));
  tokenLength = grow(tokenLength, new Int32Array(size));
  tokenKind = grow(tokenKind, new Uint8Array(size));
  unigramCount = grow(unigramCount, new Int32Array(size));
  exactHead = grow(exactHead, new Int32Array(size).fill(UNSEEN));
  foldedHead = grow(foldedHead, new Int32Array(size).fill(UNSEEN));
}

/** Readies the head tables for `head` (see `exactHead` and `pairStart`). */
function useHead(head: HeadTerms | null): void {
  if (head === headFor) return;
  headFor = head;
  exactHead.fill(UNSEEN);
  foldedHead.fill(UNSEEN);
  const pairs: Array<[number, number, number]> = [];
  for (const [token, id] of head ?? []) {
    const words = bigramWords(token);
    const [a, b] = words ? [head!.get(words[0]), head!.get(words[1])] : [];
    if (a !== undefined && b !== undefined) pairs.push([a, b, id]);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  pairStart = new Int32Array((head?.size ?? 0) + 1);
  pairSecond = new Int32Array(pairs.length);
  pairHead = new Int32Array(pairs.length);
  pairs.forEach(([a, b, id], k) => {
    pairStart[a + 1]!++;
    pairSecond[k] = b;
    pairHead[k] = id;
  });
  for (let a = 0; a + 1 < pairStart.length; a++) pairStart[a + 1]! += pairStart[a]!;
}

/** Writes the UTF-8 of token `id` into the pool, once per epoch. */
function learn(id: number, token: string): void {
  if (poolLength + token.length * 3 > pool.length) {
    const grown = new Uint8Array(Math.max(pool.length * 2, poolLength + token.length * 3));
    grown.set(pool.subarray(0, poolLength));
    pool = grown;
  }
  const { written } = encoder.encodeInto(token, pool.subarray(poolLength));
  tokenStart[id] = poolLength;
  tokenLength[id] = written;
  poolLength += written;
  tokenKind[id] = token === '' ? EMPTY : SINGLE_TOKEN.test(token) ? SINGLE : OTHER;
}

let touched = new Int32Array(1 << 12);
let touchedCount = 0;

/** Bigram occurrences by (first id, second id): open addressing, emptied after each view. */
let capacity = 1 << 12;
let keyA = new Int32Array(capacity);
let keyB = new Int32Array(capacity);
let counts = new Int32Array(capacity);
/** The head id of the bigram in each slot (NOT_HEAD: none). */
let slotHead = new Int32Array(capacity);
let used = new Int32Array(capacity);
let usedCount = 0;

/** Room for `pieces` unigrams and as many bigrams in one view. */
function reserve(pieces: number): void {
  if (pieces > touched.length) touched = new Int32Array(pieces);
  if (pieces * 2 <= capacity) return;
  while (pieces * 2 > capacity) capacity *= 2;
  keyA = new Int32Array(capacity);
  keyB = new Int32Array(capacity);
  counts = new Int32Array(capacity);
  slotHead = new Int32Array(capacity);
  used = new Int32Array(capacity);
}

/** The occurrence number of bigram (a, b), counting this one; `head`: its head id (NOT_HEAD: none). */
function bigramOccurrence(a: number, b: number, head: number): number {
  const mask = capacity - 1;
  let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) & mask;
  for (;;) {
    const n = counts[slot]!;
    if (n === 0) {
      keyA[slot] = a;
      keyB[slot] = b;
      counts[slot] = 1;
      slotHead[slot] = head;
      used[usedCount++] = slot;
      return 1;
    }
    if (keyA[slot] === a && keyB[slot] === b) return (counts[slot] = n + 1);
    slot = (slot + 1) & mask;
  }
}

const SPACE = 0x20;
const JOINER = 0x5f; // "_"

/**
 * Where the document being written goes: `out` (a block of the KeywordDocuments writing it) from `start`, `length`
 * bytes written so far; `sink` receives a block started when the document outgrows its block.
 */
let out: Uint8Array = new Uint8Array(0);
let start = 0;
let length = 0;
let sink: KeywordDocuments | null = null;

/** Room for `bytes` more bytes of the document: a new block, the part written so far moved to it, when needed. */
function ensure(bytes: number): Uint8Array {
  if (length + bytes <= out.length) return out;
  const block = sink!.newBlock(2 * (length - start + bytes));
  block.set(out.subarray(start, length));
  length -= start;
  start = 0;
  out = block;
  return out;
}

/** Writes one indexed token: a separating space, the level prefix, then token `a` or `a` "_" `b` (b = 0: none). */
function writeToken(prefix: Uint8Array, a: number, b: number): void {
  const o = ensure(1 + prefix.length + tokenLength[a]! + (b === 0 ? 0 : 1 + tokenLength[b]!));
  let n = length;
  if (n > start) o[n++] = SPACE;
  for (let i = 0; i < prefix.length; i++) o[n++] = prefix[i]!;
  const p = pool;
  for (let i = tokenStart[a]!, end = i + tokenLength[a]!; i < end; i++) o[n++] = p[i]!;
  if (b !== 0) {
    o[n++] = JOINER;
    for (let i = tokenStart[b]!, end = i + tokenLength[b]!; i < end; i++) o[n++] = p[i]!;
  }
  length = n;
}

/** UTF-8 of the prefix of a token's k-th occurrence, per view. */
const PREFIX_BYTES = {
  exact: PREFIX.exact.map((p) => encoder.encode(p)),
  folded: PREFIX.folded.map((p) => encoder.encode(p)),
};

/** Where the head postings of the document being written go: its KeywordDocuments, and its chunk index there. */
let headSink: KeywordDocuments | null = null;
let headChunk = 0;

function emitHead(id: number, occurrences: number): void {
  headSink!.addHead(id, headChunk, occurrences);
}

/**
 * Writes one view's indexed tokens but its head terms (see `exactHead`), whose occurrences go to `headSink`; returns
 * the view's token count (all occurrences).
 */
function writeView(pieces: ReadonlyArray<string | null>, pieceIds: Int32Array, count: number, view: 'exact' | 'folded'): number {
  const prefix = PREFIX_BYTES[view];
  const head = headFor;
  const headOf = view === 'exact' ? exactHead : foldedHead;
  const mark = view === 'exact' ? '' : FOLDED_MARK;
  let tokens = 0;
  let prev = 0;
  let prevHead = NOT_HEAD;
  for (let i = 0; i < count; i++) {
    const id = pieceIds[i]!;
    if (id === 0) {
      prev = 0;
      continue;
    }
    if (tokenKind[id] === UNKNOWN) learn(id, pieces[i]!);
    tokens++;
    let h = NOT_HEAD;
    if (head !== null) {
      h = headOf[id]!;
      if (h === UNSEEN) h = headOf[id] = tokenKind[id] === SINGLE ? (head.get(mark + pieces[i]!) ?? NOT_HEAD) : NOT_HEAD;
    }
    let n = ++unigramCount[id]!;
    if (n === 1) touched[touchedCount++] = id;
    if (n <= TF_LEVELS && tokenKind[id] === SINGLE && h === NOT_HEAD) writeToken(prefix[n]!, id, 0);
    if (prev !== 0) {
      tokens++;
      const ph = h >= 0 && prevHead >= 0 ? headPair(prevHead, h) : NOT_HEAD;
      n = bigramOccurrence(prev, id, ph);
      if (n <= TF_LEVELS && ph === NOT_HEAD && bigramIndexed(tokenKind[prev]!, tokenKind[id]!)) writeToken(prefix[n]!, prev, id);
    }
    prev = id;
    prevHead = h;
  }
  if (head !== null) {
    for (let i = 0; i < touchedCount; i++) {
      const id = touched[i]!;
      if (headOf[id]! >= 0) emitHead(headOf[id]!, unigramCount[id]!);
    }
    for (let i = 0; i < usedCount; i++) if (slotHead[used[i]!]! >= 0) emitHead(slotHead[used[i]!]!, counts[used[i]!]!);
  }
  for (let i = 0; i < usedCount; i++) counts[used[i]!] = 0;
  usedCount = 0;
  for (let i = 0; i < touchedCount; i++) unigramCount[touched[i]!] = 0;
  touchedCount = 0;
  return tokens;
}

export interface KeywordDocumentBytes {
  /** UTF-8 of keywordDocument(...) (see the module contract). */
  document: Uint8Array;
  /** Token counts of the exact and folded views, all occurrences (kw_len). */
  exact: number;
  folded: number;
}

/** Builds keyword documents into blocks (see the module contract); one per batch of documents. */
export class KeywordDocuments {
  private readonly written: Uint8Array[] = [];
  private block: Uint8Array = new Uint8Array(0);
  private used = 0;
  /** (head id, chunk index, tf) of the texts added so far, `headCount` of them; `chunks`: texts added. */
  private heads = new Int32Array(0);
  private headCount = 0;
  private chunks = 0;

  /**
   * `blockBytes`: size of each block (a document larger than this gets a larger block); `head`: the index's head
   * terms (null: none).
   */
  constructor(
    private readonly blockBytes = BLOCK_BYTES,
    private readonly head: HeadTerms | null = null,
  ) {
    if (head && head.size > HEAD_MAX_TERMS) throw new Error(`at most ${HEAD_MAX_TERMS} head terms (got ${head.size})`);
  }

  add(text: string): KeywordDocumentBytes {
    const pieces = scanPieces(text);
    let maxId = 0;
    for (let i = 0; i < pieces.count; i++) maxId = Math.max(maxId, pieces.exactIds[i]!, pieces.foldedIds[i]!);
    reserveIds(maxId, pieces.epoch);
    reserve(pieces.count + 1);
    useHead(this.head && this.head.size > 0 ? this.head : null);
    headSink = this;
    headChunk = this.chunks++;
    sink = this;
    out = this.block;
    start = length = this.used;
    const exact = writeView(pieces.exact, pieces.exactIds, pieces.count, 'exact');
    const folded = writeView(pieces.folded, pieces.foldedIds, pieces.count, 'folded');
    this.block = out;
    this.used = length;
    sink = null;
    headSink = null;
    return { document: out.subarray(start, length), exact, folded };
  }

  /** Records a head posting of the text being added (see `headRuns`). */
  addHead(id: number, chunk: number, occurrences: number): void {
    if (3 * (this.headCount + 1) > this.heads.length) {
      const grown = new Int32Array(Math.max(3 * 1024, this.heads.length * 2));
      grown.set(this.heads);
      this.heads = grown;
    }
    const at = 3 * this.headCount++;
    this.heads[at] = id;
    this.heads[at + 1] = chunk;
    this.heads[at + 2] = Math.min(occurrences, TF_LEVELS);
  }

  /** The head postings of the texts added so far (see the module contract); null without head terms. */
  headRuns(): HeadRuns | null {
    return this.head && this.head.size > 0 ? encodeHeadRuns(this.heads, this.headCount, this.head.size) : null;
  }

  /** The blocks written so far. */
  blocks(): Uint8Array[] {
    return this.written;
  }

  /** A new block of at least `bytes` bytes (documents are written into it from now on). */
  newBlock(bytes: number): Uint8Array {
    const block = new Uint8Array(Math.max(this.blockBytes, bytes));
    this.written.push(block);
    return block;
  }
}
