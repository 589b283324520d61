/**
 * Keyword tokenisation for Vietnamese (syllable based; no dictionary is needed or shipped).
 *
 * Contracts:
 * - Input is any string; output tokens are lowercase, NFC, canonical tone placement.
 * - Numbers are whole tokens: "12" never matches "1"; thousands separators are dropped
 *   ("9.308" → "9308", "6.587" → "6587") while decimal commas stay ("104,99"). "56,9%" → "56,9"; a decimal
 *   point becomes a comma ("3.2" → "3,2").
 * - A hyphen between letters separates syllables of one word ("vắc-xin" → "vắc", "xin", "vắc_xin").
 * - Bigrams join adjacent syllables with "_" ("chủ_trì"), never across punctuation that
 *   ends a clause (. , ; : ! ? ( ) quotes), so they act as dictionary-free compound words.
 * - `folded` tokens are diacritic-free ("chu_tri"); `exact` tokens keep diacritics.
 * - Spelling variants of final i/y after a consonant are one token, in the i-form ("kỳ" → "kì", canonicalSpelling).
 */
import { fold, lowerText } from './normalize.js';

/** Bump when tokenisation changes: indexes built with another version are rebuilt. */
export const ANALYZER_VERSION = 4;

/**
 * Text is read as the matches of PIECE = /[\p{L}\p{M}]+|\d+(?:[.,]\d+)*|[.,;:!?()[\]"“”'‘’«»\n–—-]/gu over
 * lowerText(text) after in-word hyphens became spaces (`scan` implements it in one pass); BREAK matches end clauses.
 */
const BREAK = /^[.,;:!?()[\]"“”'‘’«»\n–—-]$/u;

/** "9.308" → "9308"; "4.465,775" → "4465,775"; "104,99" stays; "2020" stays. */
export function canonicalNumber(raw: string): string {
  let s = raw;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '');
  // "3.2" / "6.05": a decimal point (never a thousands separator, which groups 3 digits) is the comma of
  // Vietnamese text ("3,2").
  else if (/^\d+\.\d{1,2}$/.test(s)) s = s.replace('.', ',');
  // "1,5" decimal stays; trailing separators are not captured by PIECE.
  return s;
}

/**
 * Administrative abbreviations, expanded on both sides (articles and questions) so "UBND" matches
 * "Ủy ban nhân dân" and "BCH" matches "Ban Chấp hành".
 */
const ABBREVIATIONS: ReadonlyMap<string, string[]> = new Map(
  (
    [
      ['bch', 'ban chấp hành'],
      ['btv', 'ban thường vụ'],
      ['ubnd', 'ủy ban nhân dân'],
      ['hđnd', 'hội đồng nhân dân'],
      ['hdnd', 'hội đồng nhân dân'],
      ['mttq', 'mặt trận tổ quốc'],
      ['ubmttq', 'ủy ban mặt trận tổ quốc'],
      ['qpan', 'quốc phòng an ninh'],
      ['tuv', 'thành ủy viên'],
      ['ubkt', 'ủy ban kiểm tra'],
      ['uvbtv', 'ủy viên ban thường vụ'],
      ['đbqh', 'đại biểu quốc hội'],
      ['dbqh', 'đại biểu quốc hội'],
      ['gpmb', 'giải phóng mặt bằng'],
      ['ktxh', 'kinh tế xã hội'],
    ] as const
  ).map(([k, v]) => [k, v.split(' ')]),
);

/** y-forms of the vowel i, by tone: "ỳ" → "ì". */
const Y_TO_I: Readonly<Record<string, string>> = { y: 'i', 'ỳ': 'ì', 'ý': 'í', 'ỷ': 'ỉ', 'ỹ': 'ĩ', 'ỵ': 'ị' };
/** A syllable whose only vowel is y after a consonant onset ("kỳ", "mỹ", "tỷ", "lý", "quý", "hy"). */
const ONSET_Y = /^(qu|[hklmstvdn])([yỳýỷỹỵ])$/u;

/**
 * The two spellings of syllable-final i after a consonant ("kỳ"/"kì", "tỷ lệ"/"tỉ lệ", "Mỹ"/"Mĩ", "lý do"/
 * "lí do") are one word: both index and question tokens take the i-form. Lowercase NFC input.
 */
export function canonicalSpelling(syllable: string): string {
  const m = ONSET_Y.exec(syllable);
  return m ? m[1]! + Y_TO_I[m[2]!]! : syllable;
}

/** Classes of code points, as PIECE and the in-word hyphen rule see them. */
const C_OTHER = 1;
const C_LETTER = 2; // \p{L}
const C_MARK = 3; // \p{M}
const C_BREAK = 4; // BREAK
const LETTER_RE = /^\p{L}$/u;
const MARK_RE = /^\p{M}$/u;
/** Class of each BMP code unit (0 = not computed yet; surrogates are classified by code point). */
const unitClass = new Uint8Array(0x10000);
const astralClass = new Map<number, number>();

function classify(ch: string): number {
  if (LETTER_RE.test(ch)) return C_LETTER;
  if (MARK_RE.test(ch)) return C_MARK;
  if (BREAK.test(ch)) return C_BREAK;
  return C_OTHER;
}

/** Class of the code point starting at `i` (a surrogate pair is one code point; a lone surrogate is C_OTHER). */
function classAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    let k = unitClass[c]!;
    if (k === 0) k = unitClass[c] = classify(String.fromCharCode(c));
    return k;
  }
  const cp = s.codePointAt(i)!;
  if (cp <= 0xffff) return C_OTHER;
  let k = astralClass.get(cp);
  if (k === undefined) {
    k = classify(String.fromCodePoint(cp));
    astralClass.set(cp, k);
  }
  return k;
}

/** Class of the code point ending right before `i` (0 at the start). */
function classBefore(s: string, i: number): number {
  if (i <= 0) return 0;
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = s.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return classAt(s, i - 2);
  }
  return classAt(s, i - 1);
}

/** A letter run's tokens: exact forms (abbreviations expand to several) and their folded forms, with their token ids. */
interface Syllable {
  exact: readonly string[];
  folded: readonly string[];
  exactIds: readonly number[];
  foldedIds: readonly number[];
}

/**
 * Token ids (1, 2, …: one per distinct token string, either view) of the current id epoch. When more than
 * TOKEN_ID_MAX tokens have ids, the next scan starts a new epoch (ids restart; the syllable memo, which holds ids,
 * is emptied too).
 */
const TOKEN_ID_MAX = 1 << 18;
const tokenIds = new Map<string, number>();
let tokenIdEpoch = 0;

function tokenId(token: string): number {
  let id = tokenIds.get(token);
  if (id === undefined) {
    id = tokenIds.size + 1;
    tokenIds.set(token, id);
  }
  return id;
}

/**
 * Memo of letter runs (a language has few distinct syllables): an open-addressing table keyed by the run's code
 * units, looked up while scanning (no substring, no string hashing); bounded, cleared when half full.
 */
const MEMO_SLOTS = 1 << 18;
const MEMO_MASK = MEMO_SLOTS - 1;
const MEMO_MAX_LENGTH = 32;
let memoKeys: Array<string | undefined> = new Array<string | undefined>(MEMO_SLOTS);
let memoValues: Array<Syllable | undefined> = new Array<Syllable | undefined>(MEMO_SLOTS);
let memoSize = 0;

function computeSyllable(tok: string): Syllable {
  const exact = ABBREVIATIONS.get(tok) ?? [canonicalSpelling(tok)];
  const folded = exact.map(fold);
  return { exact, folded, exactIds: exact.map(tokenId), foldedIds: folded.map(tokenId) };
}

/** The syllable of s[start, end) whose code units hash to `h`. */
function syllableAt(s: string, start: number, end: number, h: number): Syllable {
  const len = end - start;
  if (len > MEMO_MAX_LENGTH) return computeSyllable(s.slice(start, end));
  let slot = h & MEMO_MASK;
  for (;;) {
    const key = memoKeys[slot];
    if (key === undefined) break;
    if (key.length === len) {
      let k = 0;
      while (k < len && key.charCodeAt(k) === s.charCodeAt(start + k)) k++;
      if (k === len) return memoValues[slot]!;
    }
    slot = (slot + 1) & MEMO_MASK;
  }
  // A copy, not a slice (V8 slices of 13+ units would keep the whole text alive while memoised).
  const tok = len >= 13 ? Array.from(s.slice(start, end)).join('') : s.slice(start, end);
  const syl = computeSyllable(tok);
  if (memoSize >= MEMO_SLOTS >>> 1) {
    memoKeys = new Array<string | undefined>(MEMO_SLOTS);
    memoValues = new Array<Syllable | undefined>(MEMO_SLOTS);
    memoSize = 0;
    slot = h & MEMO_MASK;
  }
  memoKeys[slot] = tok;
  memoValues[slot] = syl;
  memoSize++;
  return syl;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Output of `scan`: exact and folded form of each piece (null at a clause break) and their token ids (0 at a break), `scanned` of them. */
const scanExact: Array<string | null> = [];
const scanFolded: Array<string | null> = [];
let scanExactIds = new Int32Array(1024);
let scanFoldedIds = new Int32Array(1024);
let scanned = 0;

function put(exact: string | null, folded: string | null, exactId: number, foldedId: number): void {
  if (scanned === scanExactIds.length) {
    const grow = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    scanExactIds = grow(scanExactIds);
    scanFoldedIds = grow(scanFoldedIds);
  }
  scanExact[scanned] = exact;
  scanFolded[scanned] = folded;
  scanExactIds[scanned] = exactId;
  scanFoldedIds[scanned] = foldedId;
  scanned++;
}

/**
 * Scans `text` as PIECE over lowerText(text) with in-word hyphens read as spaces (the contract of the module) into
 * scanExact/scanFolded: every syllable or number, and null at every clause break. One pass, no regular expressions
 * per token; letter runs are memoised. Returns the number of pieces.
 */
function scan(text: string): number {
  const s = lowerText(text);
  const n = s.length;
  scanned = 0;
  if (scanExact.length > 1 << 16) {
    // Do not keep a huge earlier text's pieces alive.
    scanExact.length = 0;
    scanFolded.length = 0;
    scanExactIds = new Int32Array(1024);
    scanFoldedIds = new Int32Array(1024);
  }
  if (tokenIds.size > TOKEN_ID_MAX) {
    tokenIds.clear();
    tokenIdEpoch++;
    memoKeys = new Array<string | undefined>(MEMO_SLOTS);
    memoValues = new Array<Syllable | undefined>(MEMO_SLOTS);
    memoSize = 0;
  }
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (isDigit(c)) {
        // \d+(?:[.,]\d+)*
        let j = i + 1;
        for (;;) {
          while (j < n && isDigit(s.charCodeAt(j))) j++;
          const d = s.charCodeAt(j);
          if ((d === 46 || d === 44) && j + 1 < n && isDigit(s.charCodeAt(j + 1))) j += 2;
          else break;
        }
        const num = canonicalNumber(s.slice(i, j));
        const id = tokenId(num);
        put(num, num, id, id);
        i = j;
        continue;
      }
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) {
        if (classAt(s, i) === C_BREAK) {
          // A hyphen between letters joins the syllables of one word: it is a space, not a break.
          if (!(c === 45 && classBefore(s, i) === C_LETTER && i + 1 < n && classAt(s, i + 1) === C_LETTER)) put(null, null, 0, 0);
        }
        i++;
        continue;
      }
    }
    let k = classAt(s, i);
    if (k === C_LETTER || k === C_MARK) {
      // [\p{L}\p{M}]+, hashed (FNV-1a over code units) on the way.
      let h = Math.imul(0x811c9dc5 ^ c, 0x01000193);
      let j = i + 1;
      if (c >= 0xd800 && c <= 0xdbff) {
        h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
        j++;
      }
      while (j < n) {
        const d = s.charCodeAt(j);
        if (d < 0x80) {
          if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90)) {
            h = Math.imul(h ^ d, 0x01000193);
            j++;
            continue;
          }
          break;
        }
        k = classAt(s, j);
        if (k !== C_LETTER && k !== C_MARK) break;
        h = Math.imul(h ^ d, 0x01000193);
        j++;
        if (d >= 0xd800 && d <= 0xdbff) {
          h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
          j++;
        }
      }
      const syl = syllableAt(s, i, j, h >>> 0);
      for (let p = 0; p < syl.exact.length; p++) put(syl.exact[p]!, syl.folded[p]!, syl.exactIds[p]!, syl.foldedIds[p]!);
      i = j;
      continue;
    }
    if (k === C_BREAK) put(null, null, 0, 0);
    i += c >= 0xd800 && c <= 0xdbff && s.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  return scanned;
}

/** Syllables and numbers in order (no bigrams). */
export function syllables(text: string): string[] {
  const n = scan(text);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const e = scanExact[i]!;
    if (e !== null) out.push(e);
  }
  return out;
}

export interface KeywordTokens {
  /** Accented unigrams + accented bigrams. */
  exact: string[];
  /** Folded unigrams + folded bigrams. */
  folded: string[];
}

/** Unigrams and bigrams of the scanned pieces of one view, in order. */
function withBigrams(pieces: Array<string | null>, n: number): string[] {
  const out: string[] = [];
  let prev: string | null = null;
  for (let i = 0; i < n; i++) {
    const t = pieces[i]!;
    if (t === null) {
      prev = null;
      continue;
    }
    out.push(t);
    if (prev !== null) out.push(`${prev}_${t}`);
    prev = t;
  }
  return out;
}

/**
 * The pieces `keywordTokens` is built from: per piece its exact and folded form (null at a clause break) and their
 * token ids (0 at a break): equal ids ⇔ equal strings, among the pieces of scans with the same `epoch`.
 */
export interface ScannedPieces {
  exact: ReadonlyArray<string | null>;
  folded: ReadonlyArray<string | null>;
  exactIds: Int32Array;
  foldedIds: Int32Array;
  count: number;
  epoch: number;
}

/**
 * The scanned pieces of `text` (unigrams in order, null at clause breaks): keywordTokens(text) are these unigrams
 * with a bigram `${prev}_${t}` after each unigram that follows another unigram. The arrays are this module's scratch
 * space: valid until the next call into this module, never to be modified.
 */
export function scanPieces(text: string): ScannedPieces {
  const count = scan(text);
  return { exact: scanExact, folded: scanFolded, exactIds: scanExactIds, foldedIds: scanFoldedIds, count, epoch: tokenIdEpoch };
}

/** Both keyword views of a text, in order (duplicates kept: term frequency matters). */
export function keywordTokens(text: string): KeywordTokens {
  const n = scan(text);
  return { exact: withBigrams(scanExact, n), folded: withBigrams(scanFolded, n) };
}

/** Whether a text's keyword tokens (either view) hold a term. */
export interface KeywordTokenProbe {
  has(term: string): boolean;
}

/**
 * A text's keyword tokens as a probe: `has(term)` is true exactly when keywordTokens(text).exact or .folded includes
 * `term`, a unigram or an "a_b" bigram (adjacent pieces of one view, no clause break between). The pieces are scanned
 * once and kept (shared syllable strings); no bigram or set is built, so it is a fraction of keywordTokens' cost.
 */
export function keywordTokenProbe(text: string): KeywordTokenProbe {
  const n = scan(text);
  const views = [scanExact.slice(0, n), scanFolded.slice(0, n)];
  return {
    has(term) {
      const joint = term.indexOf('_');
      if (joint < 0) return views[0]!.includes(term) || views[1]!.includes(term);
      const a = term.slice(0, joint);
      const b = term.slice(joint + 1);
      if (b.includes('_')) return false;
      for (const pieces of views) {
        for (let i = pieces.indexOf(a); i >= 0 && i + 1 < n; i = pieces.indexOf(a, i + 1)) if (pieces[i + 1] === b) return true;
      }
      return false;
    },
  };
}

/** Unigrams and bigrams of one view only (faster when one is enough). */
export function foldedTokens(text: string): string[] {
  return withBigrams(scanFolded, scan(text));
}

export function exactTokens(text: string): string[] {
  return withBigrams(scanExact, scan(text));
}

/**
 * Vietnamese question words and function syllables that carry no topic, with their accents: "đảng" is content,
 * "đang" is not. Used to decide which query terms must be supported by a passage; they still take part in ranking.
 */
export const EXACT_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'ai gì là của và các những một có không được đã đang sẽ thì mà để với trong tại cho đến từ về theo như này ' +
    'đó nào sao bao nhiêu mấy khi lúc năm tháng ngày hay hoặc cũng rất nhất còn chỉ ở ra vào lên xuống thế ' +
    'thuộc trên dưới sau trước giữa bởi vì nếu nên mỗi từng cái chiếc lần thứ hội nghị quận huyện đồng chí ban ' +
    'chấp hành bộ ủy hiện nay diễn họp giữ chức vụ phần trăm tên nội dung ông bà anh chị ấy kia hôm giờ cụ thể số'
  ).split(/\s+/),
);

/** Chat shorthand with no accented form ("ko" = không, "dc" = được, "bn" = bao nhiêu): function words too. */
const CHAT_SHORTHAND = ['ko', 'k', 'hok', 'j', 'dc', 'bn', 'ntn'];

/** The folded forms of EXACT_STOPWORDS, plus chat shorthand. */
export const FOLDED_STOPWORDS: ReadonlySet<string> = new Set([...[...EXACT_STOPWORDS].map((w) => fold(w)), ...CHAT_SHORTHAND]);

/** English function words: in English questions only glossary terms and names count as content. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'what who whom which when where why how many much the a an of in on at to for from by with is are was were ' +
    'did does do be been has have had and or about tell me please district party committee meeting conference ' +
    'this that these those its it their there total number amount first half second months month year years new ' +
    'help find get got give given reach reached achieve achieved according reported report collect collected ' +
    'compared percent percentage city hcmc today now current currently during after before than held hold take ' +
    'took place date day time people person say said says behalf as s his her he she they them whose ' +
    'key main major set proposed planned gave give gives'
  ).split(/\s+/),
);
