/**
 * Filters named in a question: meeting number ("lần thứ 8", "lan thu tam", "8th conference", "Đại hội … lần thứ
 * XXIV": a conference's or a congress's numbering, by the meeting word nearest it), term ("nhiệm kỳ 2020-2025") and
 * khóa ("khóa XII"). Each returns the value and the span it was read from (the span is then
 * not a content term). Pure.
 */
import { fold } from '../../text/normalize.js';
import { ordinalWords, romanToInt } from '../../text/numbers.js';

const ROMAN = /^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const ORDINAL_EN: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20,
};

/**
 * Words that make "lần thứ N" a meeting of a Party committee: "chiến tranh thế giới lần thứ nhất" and "tranh cử lần
 * thứ ba" are not meetings. A unit named in the question counts too (`unitNamed`).
 */
export const MEETING_CONTEXT = /\b(hoi nghi|hn|hop|ky hop|phien|ban chap hanh|bch|quan uy|huyen uy|dang bo|dang uy|thanh uy|dai hoi|dh|congress|plenum)\b/;

export type MeetingKind = 'conference' | 'congress';

export interface MeetingFilter {
  value: number;
  /** Which numbering the question means: a conference's, a congress's, or either (null). */
  kind: MeetingKind | null;
  span: string;
}

/** The meeting word nearest before `index` in a folded question: hội nghị / BCH → conference, đại hội → congress. */
function meetingKindBefore(folded: string, index: number): MeetingKind | null {
  const before = folded.slice(0, index);
  let best: { at: number; kind: MeetingKind } | null = null;
  for (const [re, kind] of [
    [/\b(?:hoi nghi|hn|ban chap hanh|bch|conference|plenum|plenary|meeting|session)\b/g, 'conference'],
    [/\b(?:dai hoi|dh|congress)\b/g, 'congress'],
  ] as const) {
    for (const m of before.matchAll(re)) if (!best || m.index! > best.at) best = { at: m.index!, kind };
  }
  return best?.kind ?? null;
}

const ROMAN_NUMERAL = /^(?=[mdclxvi])m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;

export function extractMeetingNumber(folded: string, unitNamed: boolean): MeetingFilter | null {
  const meetingContext = unitNamed || MEETING_CONTEXT.test(folded);
  const after = (index: number, span: string): MeetingKind | null => {
    const kind = meetingKindBefore(folded, index);
    if (kind) return kind;
    // "the 24th congress", "lần thứ 8 của BCH": the meeting word may follow.
    const rest = folded.slice(index + span.length, index + span.length + 40);
    if (/^\s*(?:\w+\s+){0,2}(?:congress|dai hoi)\b/.test(rest)) return 'congress';
    if (/^\s*(?:\w+\s+){0,2}(?:conference|plenum|plenary|meeting|session|hoi nghi)\b/.test(rest)) return 'conference';
    return null;
  };
  const vi = /\b(?:hoi nghi|hn)?\s*(?:lan thu|lan|thu)\s+(\d{1,3}|[ivxlc]{1,7})\b/.exec(folded);
  if (vi && /lan|hoi nghi/.test(vi[0]) && (meetingContext || /hoi nghi|hn/.test(vi[0]))) {
    const raw = vi[1]!;
    const value = /^\d/.test(raw) ? Number(raw) : ROMAN_NUMERAL.test(raw) ? romanToInt(raw.toUpperCase()) : null;
    if (value) return { value, kind: after(vi.index, vi[0]), span: vi[0] };
  }
  // "lần thứ tám", "lan thu muoi hai": number words after "lần thứ" (text/numbers.ts).
  const words = /\b((?:hoi nghi|hn)?\s*lan thu)\s+([a-z]+)(?:\s+([a-z]+))?(?:\s+([a-z]+))?/.exec(folded);
  if (words && meetingContext) {
    const n = ordinalWords([words[2], words[3], words[4]].filter((w): w is string => w !== undefined));
    if (n) {
      const span = [words[1], words[2], words[3], words[4]].slice(0, n.used + 1).join(' ');
      return { value: n.value, kind: after(words.index, span), span };
    }
  }
  const EVENT = '(?:\\s+\\w+){0,2}\\s+(?:conference|meeting|session|plenum|plenary|congress)';
  const en = new RegExp(`\\b(\\d{1,3})(?:st|nd|rd|th)(?=${EVENT})`).exec(folded);
  if (en) return { value: Number(en[1]), kind: after(en.index, en[0]), span: en[0] };
  const word = new RegExp(
    `\\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)(?=${EVENT})`,
  ).exec(folded);
  if (word) return { value: ORDINAL_EN[word[1]!]!, kind: after(word.index, word[0]), span: word[0] };
  const num = /\b(meeting|conference|session|plenum|congress)\s+(?:no\.?|number|#)?\s*(\d{1,3})\b/.exec(folded);
  if (num) return { value: Number(num[2]), kind: num[1] === 'congress' ? 'congress' : 'conference', span: num[0] };
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

export function extractKhoa(text: string): { value: string; span: string } | null {
  const m = /\bkh(?:óa|oá|oa)\s+([IVXLC]+)\b/iu.exec(text);
  if (m && ROMAN.test(m[1]!.toUpperCase())) return { value: m[1]!.toUpperCase(), span: m[0] };
  return null;
}

