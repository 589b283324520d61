/**
 * Filters named in a question: meeting number ("lần thứ 8", "lan thu tam", "8th conference"), term ("nhiệm kỳ
 * 2020-2025") and congress ("khóa XII"). Each returns the value and the span it was read from (the span is then
 * not a content term). Pure.
 */
import { fold } from '../../text/normalize.js';
import { ordinalWords } from '../../text/numbers.js';

const ROMAN = /^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const ORDINAL_EN: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20,
};

/**
 * Words that make "lần thứ N" a meeting of a Party committee: "chiến tranh thế giới lần thứ nhất" and "tranh cử lần
 * thứ ba" are not meetings. A district named in the question counts too (`districtNamed`).
 */
export const MEETING_CONTEXT = /\b(hoi nghi|hn|hop|ky hop|phien|ban chap hanh|bch|quan uy|huyen uy|dang bo|thanh uy)\b/;

export function extractMeetingNumber(folded: string, districtNamed: boolean): { value: number; span: string } | null {
  const vi = /\b(?:hoi nghi|hn)?\s*(?:lan thu|lan|thu)\s+(\d{1,3})\b/.exec(folded);
  const meetingContext = districtNamed || MEETING_CONTEXT.test(folded);
  if (vi && /lan|hoi nghi/.test(vi[0]) && (meetingContext || /hoi nghi|hn/.test(vi[0]))) return { value: Number(vi[1]), span: vi[0] };
  // "lần thứ tám", "lan thu muoi hai": number words after "lần thứ" (text/numbers.ts).
  const words = /\b((?:hoi nghi|hn)?\s*lan thu)\s+([a-z]+)(?:\s+([a-z]+))?(?:\s+([a-z]+))?/.exec(folded);
  if (words && meetingContext) {
    const n = ordinalWords([words[2], words[3], words[4]].filter((w): w is string => w !== undefined));
    if (n) return { value: n.value, span: [words[1], words[2], words[3], words[4]].slice(0, n.used + 1).join(' ') };
  }
  const CONF = '(?:\\s+\\w+){0,2}\\s+(?:conference|meeting|session|plenum|plenary)';
  const en = new RegExp(`\\b(\\d{1,3})(?:st|nd|rd|th)(?=${CONF})`).exec(folded);
  if (en) return { value: Number(en[1]), span: en[0] };
  const word = new RegExp(
    `\\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)(?=${CONF})`,
  ).exec(folded);
  if (word) return { value: ORDINAL_EN[word[1]!]!, span: word[0] };
  const num = /\b(?:meeting|conference|session|plenum)\s+(?:no\.?|number|#)?\s*(\d{1,3})\b/.exec(folded);
  if (num) return { value: Number(num[1]), span: num[0] };
  return null;
}

/**
 * "nhiệm kỳ 2020-2025" → 2020-2025. A year range is a term only when the question speaks of a term
 * (nhiệm kỳ, khóa, term): "từ 1932-1940" in a general question is a period, not a filter.
 */
export function extractTerm(text: string): { value: string; span: string } | null {
  const m = /((?:19|20)\d{2})\s*[-–—/]\s*((?:19|20)\d{2})/.exec(text);
  if (!m || !/\b(nhiem ky|khoa|term|tenure)\b/.test(fold(text))) return null;
  return { value: `${m[1]}-${m[2]}`, span: m[0] };
}

export function extractCongress(text: string): { value: string; span: string } | null {
  const m = /\bkh(?:óa|oá|oa)\s+([IVXLC]+)\b/iu.exec(text);
  if (m && ROMAN.test(m[1]!.toUpperCase())) return { value: m[1]!.toUpperCase(), span: m[0] };
  return null;
}

