/**
 * Vietnamese ordinal number words, folded (diacritic-free), as they follow "lần thứ" / "lan thu": "tam" (tám) = 8,
 * "muoi hai" (mười hai) = 12, "hai muoi mot" (hai mươi mốt) = 21, "nhat" (nhất) = 1, "tu" (tư) = 4.
 *
 * Contracts:
 * - Input: the folded syllables right after the marker; output: the value (1–99) and how many syllables it used,
 *   or null when the first syllable is not a number word.
 * - Only meaningful after an ordinal marker: folded "tu", "sau", "bay", "tam", "nam" are other words elsewhere.
 * - "nhat" is 1 only as the first word; "mười" and "mươi" both fold to "muoi": first it is 10, after a unit it
 *   multiplies by 10 ("hai muoi" = 20).
 */

const UNITS: Readonly<Record<string, number>> = {
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  lam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
};

/** The number the folded words after "lần thứ" spell (see the module contract). */
export function ordinalWords(words: readonly string[]): { value: number; used: number } | null {
  const [a, b, c] = words;
  if (a === 'nhat') return { value: 1, used: 1 };
  if (a === 'muoi') {
    const u = b === undefined ? undefined : UNITS[b];
    return u !== undefined ? { value: 10 + u, used: 2 } : { value: 10, used: 1 };
  }
  const tens = a === undefined ? undefined : UNITS[a];
  if (tens === undefined) return null;
  if (b === 'muoi' && tens >= 2) {
    const u = c === undefined ? undefined : UNITS[c];
    return u !== undefined ? { value: tens * 10 + u, used: 3 } : { value: tens * 10, used: 2 };
  }
  return { value: tens, used: 1 };
}

const ROMAN_VALUES: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

/** "XXIV" → 24; null for anything that is not a Roman numeral of I, V, X, L, C. */
export function romanToInt(s: string): number | null {
  if (!/^[IVXLC]+$/.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s[i]!]!;
    const next = ROMAN_VALUES[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : null;
}

const ROMAN_DIGITS: ReadonlyArray<[number, string]> = [
  [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];
/** 24 → "XXIV" (1–399). */
export function toRoman(n: number): string {
  let out = '';
  let rest = n;
  for (const [v, s] of ROMAN_DIGITS) while (rest >= v) (out += s), (rest -= v);
  return out;
}

