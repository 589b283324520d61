/**
 * Vietnamese text normalisation. Pure functions, no I/O.
 *
 * Contracts:
 * - `normalizeText` = NFC + canonical tone placement; idempotent; keeps case and diacritics.
 * - `fold` = normalizeText + lowercase + all diacritics removed + đ→d; the result is ASCII for
 *   Vietnamese letters (other scripts keep their base letters).
 * - Canonical tone placement is the "old" style used by most news sites: hòa, khóa, thủy, ủy
 *   (the mark sits on the first vowel of an open oa/oe/uy ending). "hoà"/"khoá"/"thuỷ"/"uỷ" map to it.
 */
import { LRUCache } from 'lru-cache';

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/u;
const COMBINING = /\p{M}/gu;

/**
 * The letters a toned second vowel of such a pair can be in NFC text: a precomposed a, e or y (either case) carrying a
 * tone mark (in the Latin blocks, the only ones with such letters). Any other second letter leaves the pair as it is
 * (moveTone), so matching only these finds the same changes without a callback at every "oa", "ua", "uy" ending.
 */
const TONED_AEY = (() => {
  let letters = '';
  for (const [from, to] of [[0xc0, 0x24f], [0x1e00, 0x1eff]] as const) {
    for (let cp = from; cp <= to; cp++) {
      const d = String.fromCodePoint(cp).normalize('NFD');
      if (/^[aAeEyY]\p{M}+$/u.test(d) && TONE_MARKS.test(d)) letters += String.fromCodePoint(cp);
    }
  }
  return letters;
})();

/** Open-syllable endings where styles disagree: o+a, o+e, u+y (not after q: "quý" is always "quý"). */
const TONE_PAIR = new RegExp(`([oOuU])([${TONED_AEY}])(?![\\p{L}\\p{M}])`, 'gu');

function moveTone(pair: string): string | null {
  const d = pair.normalize('NFD');
  // d = first vowel (+marks) + second vowel (+marks)
  const match = /^([oOuU])(\p{M}*)([aAeEyY])(\p{M}*)$/u.exec(d);
  if (!match) return null;
  const [, v1, m1, v2, m2] = match as unknown as [string, string, string, string, string];
  const lower1 = v1.toLowerCase();
  const lower2 = v2.toLowerCase();
  const ok = (lower1 === 'o' && (lower2 === 'a' || lower2 === 'e')) || (lower1 === 'u' && lower2 === 'y');
  if (!ok) return null;
  if (m1.length > 0) return null; // already canonical (or not a pair we handle)
  const tone = [...m2].find((c) => TONE_MARKS.test(c));
  if (!tone) return null;
  const rest2 = [...m2].filter((c) => c !== tone).join('');
  return (v1 + tone + v2 + rest2).normalize('NFC');
}

/**
 * Memo bounds (entries, least recently used evicted). Few distinct keys occur — 140 tone pairs and 35k words in 20k
 * news articles — so the bounds only cap memory; docs/tuning.md "Caches" has the measurements.
 */
const TONE_MEMO_MAX = 10_000;
const FOLD_MEMO_MAX = 200_000;
const FOLD_MEMO_MAX_LENGTH = 32;
const FOLD_CHAR_MEMO_MAX = 10_000;

/** moveTone by pair ("ua" of "của" is matched everywhere); '' stands for null (no move). */
const moveToneMemo = new LRUCache<string, string>({ max: TONE_MEMO_MAX });

function moveToneCached(pair: string): string | null {
  let out = moveToneMemo.get(pair);
  if (out === undefined) {
    out = moveTone(pair) ?? '';
    moveToneMemo.set(pair, out);
  }
  return out === '' ? null : out;
}

/** NFC + canonical tone placement. Keeps case. */
export function normalizeText(input: string): string {
  const nfc = input.normalize('NFC');
  return nfc.replace(TONE_PAIR, (whole: string, v1: string, v2: string, offset: number) => {
    const prev = offset > 0 ? nfc.charCodeAt(offset - 1) : 0;
    if (prev === 113 || prev === 81) return whole; // q, Q
    return moveToneCached(v1 + v2) ?? whole;
  });
}

/** Lowercase after normalizeText. */
export function lowerText(input: string): string {
  return normalizeText(input).toLowerCase();
}

/**
 * Memo of `fold` for short inputs (syllables, tokens, at most FOLD_MEMO_MAX_LENGTH code units): few distinct ones occur.
 * Bounded by weight (1 an entry), not `max`: with `max` lru-cache allocates all 200k slots up front (~40 ms of every
 * start and ~5 MB, for the ~35k words a corpus holds).
 */
const foldMemo = new LRUCache<string, string>({ maxSize: FOLD_MEMO_MAX, sizeCalculation: () => 1 });

/** Diacritic-free, lowercase form: "Quận Ủy" → "quan uy", "Đảng" → "dang". */
export function fold(input: string): string {
  if (input.length > FOLD_MEMO_MAX_LENGTH) return foldUncached(input);
  let out = foldMemo.get(input);
  if (out === undefined) {
    out = foldUncached(input);
    foldMemo.set(input, out);
  }
  return out;
}

/** Per code point: its NFD decomposition without combining marks, đ→d, Đ→D (case kept). */
const foldChar = new LRUCache<number, string>({ max: FOLD_CHAR_MEMO_MAX });

function foldCodePoint(cp: number): string {
  let out = foldChar.get(cp);
  if (out === undefined) {
    out = String.fromCodePoint(cp).normalize('NFD').replace(COMBINING, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
    foldChar.set(cp, out);
  }
  return out;
}

/**
 * Per BMP code unit ≥ 0x80 (not a surrogate): 0 = not computed, -1 = foldCodePoint is empty (a combining mark),
 * -2 = it is longer than one code unit, else its one code unit + 1.
 */
const foldUnit = new Int32Array(0x10000);

function foldUnitOf(c: number): number {
  let m = foldUnit[c]!;
  if (m === 0) {
    const f = foldCodePoint(c);
    m = f.length === 0 ? -1 : f.length === 1 ? f.charCodeAt(0) + 1 : -2;
    foldUnit[c] = m;
  }
  return m;
}

const FOLD_BUFFER_KEEP = 1 << 16;
let foldBuffer = new Uint16Array(1024);
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/**
 * = input.normalize('NFD').replace(COMBINING, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase(), computed
 * one code point at a time (canonical decomposition is per code point, and reordering only moves the combining
 * marks that are dropped), then lowercased as a whole string (so context-dependent lowercasing is unchanged).
 */
function foldUncached(input: string): string {
  const n = input.length;
  let i = 0;
  while (i < n && input.charCodeAt(i) < 0x80) i++;
  if (i === n) return input.toLowerCase();
  // Fast path: every code unit folds to at most one code unit (Vietnamese, Latin): fill a buffer.
  // A scratch buffer, kept between calls up to FOLD_BUFFER_KEEP code units (a larger one is temporary).
  if (foldBuffer.length < n && n <= FOLD_BUFFER_KEEP) foldBuffer = new Uint16Array(Math.min(FOLD_BUFFER_KEEP, Math.max(n, foldBuffer.length * 2)));
  const buf = foldBuffer.length >= n ? foldBuffer : new Uint16Array(n);
  let k = 0;
  for (let j = 0; j < i; j++) buf[k++] = input.charCodeAt(j);
  for (; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c < 0x80) {
      buf[k++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) return foldSlow(input);
    const m = foldUnitOf(c);
    if (m === -2) return foldSlow(input);
    if (m > 0) buf[k++] = m - 1;
  }
  return utf16.decode(buf.subarray(0, k)).toLowerCase();
}

/** foldUncached for any input: code point by code point (surrogate pairs, multi-unit decompositions). */
function foldSlow(input: string): string {
  let out = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0)!;
    out += cp < 0x80 ? ch : foldCodePoint(cp);
  }
  return out.toLowerCase();
}

/** True when the text carries at least one Vietnamese diacritic (or đ). */
export function hasDiacritics(input: string): boolean {
  return fold(input) !== input.toLowerCase().normalize('NFC').normalize('NFD').replace(COMBINING, '') ||
    /[đĐ]/.test(input) ||
    /\p{M}/u.test(input.normalize('NFD'));
}

/** Collapse runs of whitespace (not newlines) to one space, trim each line. */
export function squashSpaces(input: string): string {
  return input
    .replace(/[\t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n');
}

/** The memoised functions without their memos (src/text/normalize-memo.bench.ts compares memo strategies on them). */
export const memoFree = { fold: foldUncached, moveTone } as const;
