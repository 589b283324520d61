/**
 * Keyword tokenisation for Vietnamese (syllable based; no dictionary is needed or shipped).
 *
 * Contracts:
 * - Input is any string; output tokens are lowercase, NFC, canonical tone placement.
 * - Numbers are whole tokens: "12" never matches "1"; thousands separators are dropped
 *   ("9.308" → "9308", "6.587" → "6587") while decimal commas stay ("104,99"). "56,9%" → "56,9".
 * - Bigrams join adjacent syllables with "_" ("chủ_trì"), never across punctuation that
 *   ends a clause (. , ; : ! ? ( ) quotes), so they act as dictionary-free compound words.
 * - `folded` tokens are diacritic-free ("chu_tri"); `exact` tokens keep diacritics.
 */
import { fold, lowerText } from './normalize.js';

/** A syllable or number, or a clause break marker (null) between them. */
type Piece = string | null;

const PIECE = /[\p{L}\p{M}]+|\d+(?:[.,]\d+)*|[.,;:!?()[\]"“”'‘’«»\n–—-]/gu;
const BREAK = /^[.,;:!?()[\]"“”'‘’«»\n–—-]$/u;

/** "9.308" → "9308"; "4.465,775" → "4465,775"; "104,99" stays; "2020" stays. */
export function canonicalNumber(raw: string): string {
  let s = raw;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '');
  // "1,5" decimal stays; trailing separators are not captured by PIECE.
  return s;
}

function pieces(text: string): Piece[] {
  const lowered = lowerText(text);
  const out: Piece[] = [];
  for (const m of lowered.matchAll(PIECE)) {
    const tok = m[0];
    if (BREAK.test(tok)) {
      if (out.length > 0 && out[out.length - 1] !== null) out.push(null);
      continue;
    }
    out.push(/^\d/.test(tok) ? canonicalNumber(tok) : tok);
  }
  return out;
}

/** Syllables and numbers in order (no bigrams). */
export function syllables(text: string): string[] {
  return pieces(text).filter((p): p is string => p !== null);
}

export interface KeywordTokens {
  /** Accented unigrams + accented bigrams. */
  exact: string[];
  /** Folded unigrams + folded bigrams. */
  folded: string[];
}

function withBigrams(ps: Piece[], map: (s: string) => string): string[] {
  const out: string[] = [];
  let prev: string | null = null;
  for (const p of ps) {
    if (p === null) {
      prev = null;
      continue;
    }
    const t = map(p);
    out.push(t);
    if (prev !== null) out.push(`${prev}_${t}`);
    prev = t;
  }
  return out;
}

/** Both keyword views of a text, in order (duplicates kept: term frequency matters). */
export function keywordTokens(text: string): KeywordTokens {
  const ps = pieces(text);
  return { exact: withBigrams(ps, (s) => s), folded: withBigrams(ps, fold) };
}

/** Unigrams and bigrams of one view only (faster when one is enough). */
export function foldedTokens(text: string): string[] {
  return withBigrams(pieces(text), fold);
}

export function exactTokens(text: string): string[] {
  return withBigrams(pieces(text), (s) => s);
}

/**
 * Question words and function syllables that carry no topic (folded forms). Used to decide which
 * query terms must be supported by a passage; they still take part in ranking.
 */
export const FOLDED_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'ai gi la cua va cac nhung mot co khong duoc da dang se thi ma de voi trong tai cho den tu ve theo nhu nay ' +
    'do nao sao bao nhieu may khi luc nam thang ngay hay hoac cung rat nhat con chi o ra vao len xuong ' +
    'the thuoc tren duoi sau truoc giua boi vi neu nen moi tung cai chiec nguoi viec lan thu hoi nghi ' +
    'quan huyen phuong dong chi ban chap hanh dang bo uy ' +
    'what who whom which when where why how many much the a an of in on at to for from by with is are was were ' +
    'did does do be been has have had and or about tell me please district party committee meeting conference'
  ).split(/\s+/),
);
