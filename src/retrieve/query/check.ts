/**
 * Yes/no checks of a stated figure: "Quận 12 kết nạp 600 đảng viên đúng không?", "is it true that … 600 members?".
 * Pure; reads folded words.
 *
 * Contract: `statedFigure` gives the figure as typed ("600", "56,9") and the noun it counts, folded ("dang vien",
 * "%"), when the question asks whether it is right and prints one number followed by its noun; else null. The
 * plan then does not require the number (the article may print another one: that is the answer).
 */
import { fold } from '../../text/normalize.js';
import { EXACT_STOPWORDS } from '../../text/tokenize.js';
import { foldedWords } from './words.js';

export interface StatedFigure {
  /** As typed, without thousands separators' meaning resolved ("9.308", "56,9"). */
  value: string;
  /** The folded noun after it ("dang vien"), or "%". */
  noun: string;
}

/** "… đúng không?", "… phải không?", "có đúng là …", "is it true", "right?", "correct?". */
const ASKS_TRUE =
  / (?:dung khong|phai khong|dung chu|phai chu|co dung|co phai|dung vay khong|phai vay khong|dung ko|phai ko|is it true|is that true|true|right|correct|really) /;

/** Words ending a noun in an unaccented question (folded stopwords would also end "dang vien": "đang"). */
const UNACCENTED_BREAKS: ReadonlySet<string> = new Set('la va cua o tai trong nam khong co thi roi nhe nha a ha vao den tu'.split(' '));

export function statedFigure(question: string, required: readonly string[]): StatedFigure | null {
  const f = foldedWords(question).replace(/ {2,}/g, ' ');
  if (!ASKS_TRUE.test(f)) return null;
  // The one number the filters left (a unit's "12", a term's years are not the figure).
  const wanted = new Set(required.map(figureValue));
  const numbers = [...question.matchAll(/(?<![\p{L}\p{N}])(\d+(?:[.,]\d+)*)(\s*%)?/gu)].filter((m) => wanted.has(figureValue(m[1]!)));
  if (numbers.length !== 1) return null;
  const [, value, percent] = numbers[0]!;
  if (percent) return { value: value!, noun: '%' };
  // The noun: up to two words after the number, as typed (accented stopwords are unambiguous; a folded question's
  // are checked folded).
  const after = question.slice(numbers[0]!.index! + numbers[0]![0].length).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const accented = fold(question) !== question.toLowerCase();
  const noun: string[] = [];
  for (const w of after) {
    const stop = accented ? EXACT_STOPWORDS.has(w) : UNACCENTED_BREAKS.has(w);
    if (/^\d/.test(w) || (stop && w !== 'người' && w !== 'nguoi') || ASKS_TRUE.test(` ${fold(w)} ${fold(after[after.indexOf(w) + 1] ?? '')} `)) break;
    noun.push(fold(w));
    if (noun.length === 2) break;
  }
  return noun.length > 0 ? { value: value!, noun: noun.join(' ') } : null;
}

/** "9.308" → 9308, "56,9" → 56.9 (Vietnamese: "." groups thousands, "," marks decimals). */
export function figureValue(printed: string): number {
  return Number(printed.replace(/\.(?=\d{3}(?!\d))/g, '').replace(',', '.'));
}

/**
 * The figures a sentence prints for the noun ("kết nạp được 596 đảng viên" → [{ value: "596", text: "596 đảng
 * viên" }]): a number followed by the noun, at most one word between ("596 tân đảng viên"); `text` as printed.
 */
export function figuresFor(sentence: string, noun: string): Array<{ value: string; text: string }> {
  // Folding keeps one character per character of NFC text, so match positions are the sentence's.
  const text = fold(sentence).toLowerCase().replace(/[^a-z0-9.,%/]/g, ' ');
  if (text.length !== sentence.length) return [];
  // "4.523/7.500 người" (done of planned) is one figure: its value is the first number.
  const re =
    noun === '%'
      ? /(?<![\d/])(\d+(?:[.,]\d+)*)\s*%/g
      : new RegExp(`(?<![\\d/])(\\d+(?:[.,]\\d+)*)(?:/\\d+(?:[.,]\\d+)*)?[.,]?\\s+(?:[a-z]+\\s+)?${noun.replace(/ /g, '\\s+')}(?![a-z])`, 'g');
  return [...text.matchAll(re)].map((m) => ({ value: m[1]!, text: sentence.slice(m.index!, m.index! + m[0].length) }));
}
