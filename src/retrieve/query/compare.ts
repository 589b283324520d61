/**
 * Questions comparing one figure across units: "Quận nào kết nạp nhiều đảng viên nhất?", "Đơn vị nào có tăng trưởng
 * kinh tế cao nhất?", "so sánh thu ngân sách các quận", "Which district admitted the most party members?". Pure;
 * reads folded words.
 *
 * Contracts:
 * - `compareAsk(question, content)`: a superlative asks which unit ("quận nào", "đơn vị nào", "which district") did
 *   most or least ("nhiều nhất", "cao nhất", "most", "lowest" …); a comparison says "so sánh" / "compare". `content`
 *   is the question's retrieval text without its filter spans, as typed (English: its glossary terms); the indicator
 *   is its content syllables minus the words of the ask itself (stopwords as typed: "từ" is one, "tư" of "đầu tư"
 *   is not). "quận nào" / "các huyện" compare district-level units, "phường nào" / "các xã" ward-level ones. Null when the question asks neither or names no
 *   indicator ("quận nào có nhiều hội nghị nhất" is about meetings, not figures).
 */
import { fold } from '../../text/normalize.js';
import { ENGLISH_STOPWORDS, EXACT_STOPWORDS, FOLDED_STOPWORDS, syllables } from '../../text/tokenize.js';
import { foldedWords } from './words.js';

export interface CompareAsk {
  /** Which unit did most / least, or every unit's figure side by side. */
  kind: 'most' | 'least' | 'compare';
  /** Folded syllables naming the figure asked about ("ket nap dang vien"). */
  indicator: string[];
  /** The level of the units compared ("quận nào", "các huyện" → district; "phường nào", "các xã" → ward), or null (any). */
  level: 'district' | 'ward' | null;
}

const DISTRICT_ASKED = / (?:(?:quan|huyen|thi xa) nao|cac (?:quan|huyen|thi xa)|which districts?|districts) /;
const WARD_ASKED = / (?:(?:phuong|(?<!thi )xa|thi tran) nao|cac (?:phuong|xa|thi tran)|which (?:wards?|communes?)|wards|communes) /;

/** Who is compared: "quận nào", "đơn vị nào", "which district", "which unit". */
const UNIT_WORD = '(?:quan|huyen|xa|phuong|thi xa|thi tran|thanh pho|don vi|dang bo|dia phuong|noi)';
const ASKS_WHICH_UNIT = new RegExp(` (?:${UNIT_WORD} nao|which (?:district|ward|commune|unit|locality|party committee|one)s?) `);
/** "nhiều nhất", "nhiều đảng viên nhất" (the noun may sit between), "cao hơn" of two units, "most", "highest" … */
const MOST = / (?:(?:nhieu|cao|lon)(?: [a-z]+){0,4} (?:nhat|hon)|dan dau|most|more|higher|highest|larger|largest|bigger|biggest|greatest) /;
const LEAST = / (?:(?:it|thap|nho)(?: [a-z]+){0,4} (?:nhat|hon)|fewer|fewest|less|least|lower|lowest|smaller|smallest) /;
const COMPARE = / (?:so sanh|compare|compared|comparison|versus|vs) /;

/** Syllables of the ask itself, never of the indicator. */
const ASK_WORDS: ReadonlySet<string> = new Set(
  ('so sanh nhieu cao lon it thap nho dan dau nhat nao don vi dia phuong quan huyen xa phuong thi tran pho ' +
    'giua cac voi va hon kem bang nhau tung moi noi').split(' '),
);

/** Folded stopwords that are more often indicator syllables: "đảng" (đang), "thu" (thứ), "đầu" (đâu). */
const INDICATOR_SYLLABLES: ReadonlySet<string> = new Set(['dang', 'thu', 'dau']);
/** A syllable as typed: accented ones are stopwords only as typed ("từ", not "tư" of "đầu tư"). */
function isStop(typed: string): boolean {
  const s = fold(typed);
  if (ASK_WORDS.has(s) || ENGLISH_STOPWORDS.has(s)) return true;
  return s !== typed ? EXACT_STOPWORDS.has(typed) : FOLDED_STOPWORDS.has(s) && !INDICATOR_SYLLABLES.has(s);
}

export function compareAsk(question: string, content: string): CompareAsk | null {
  const f = foldedWords(question);
  let kind: CompareAsk['kind'] | null = null;
  if (ASKS_WHICH_UNIT.test(f) && MOST.test(f)) kind = 'most';
  else if (ASKS_WHICH_UNIT.test(f) && LEAST.test(f)) kind = 'least';
  else if (COMPARE.test(f)) kind = 'compare';
  if (!kind) return null;
  const indicator = [
    ...new Set(
      syllables(content)
        .filter((s) => !/\d/.test(s) && !isStop(s))
        .map((s) => fold(s)),
    ),
  ];
  const level = DISTRICT_ASKED.test(f) ? 'district' : WARD_ASKED.test(f) ? 'ward' : null;
  return indicator.length > 0 ? { kind, indicator, level } : null;
}
