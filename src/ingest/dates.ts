/**
 * Publication dates and meeting dates. Pure functions, no I/O, no clock: nothing depends on "today".
 *
 * Output format everywhere: "YYYY-MM-DD", or "YYYY-MM" when only the month is known; null when unknown.
 *
 * Meeting-date resolution (`resolveMeetingDate`): articles print the meeting day without a year
 * ("Chiều 5/10"). The year is chosen so the meeting is not after publication; when the text names
 * the reporting period's year ("9 tháng đầu năm 2023", "quý IV năm 2021", "cuối năm 2023") and that
 * year keeps the meeting on or before publication (and is at most 2 years earlier), that year wins.
 * Without a publication date the period year is used; without either, the date is unknown (null).
 * A month-only publication date ("2023-03") counts as the last day of that month.
 */

export interface DayMonth {
  day: number;
  month: number;
  /** Printed year, when the text gives one ("ngày 12/7/2022"). */
  year: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDate(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function ymd(y: number, m: number, d: number): string | null {
  return validDate(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
}

const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Vietnam's UTC offset in minutes; timestamps with another offset are shifted to local (UTC+7) dates. */
const VN_OFFSET_MIN = 7 * 60;

/**
 * Parse a publication date as printed or as stored in metadata:
 * "Thứ Tư, ngày 28 tháng 2 năm 2024" → "2024-02-28"; "Ngày đăng 23/06/2022 | 15:04" → "2022-06-23";
 * "date 2023-03" → "2023-03"; "2023-03-30T20:00:00Z" → "2023-03-31" (Vietnam local date);
 * "30 Mar 2023", "March 30, 2023", "tháng 3/2023" → …. Returns null when no valid date is found.
 */
export function parsePublishedDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const s = text.trim();

  const iso = /(?<!\d)(\d{4})-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?)?(?![\d])/.exec(s);
  if (iso) {
    const [, ys, ms, ds, hh, mm, ss, zone] = iso;
    const y = Number(ys);
    const m = Number(ms);
    if (!ds) return m >= 1 && m <= 12 ? `${y}-${pad(m)}` : null;
    const d = Number(ds);
    if (!validDate(y, m, d)) return null;
    if (hh && zone) {
      const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
      const utc = Date.UTC(y, m - 1, d, Number(hh), Number(mm), Number(ss ?? 0)) - offset * 60_000;
      const local = new Date(utc + VN_OFFSET_MIN * 60_000);
      return ymd(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate());
    }
    return ymd(y, m, d);
  }

  const words = /(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s*năm\s+(\d{4})/iu.exec(s);
  if (words) return ymd(Number(words[3]), Number(words[2]), Number(words[1]));

  const dmy = /(?<!\d)(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)/.exec(s);
  if (dmy) return ymd(Number(dmy[4]), Number(dmy[3]), Number(dmy[1]));

  const ymdSlash = /(?<!\d)(\d{4})\/(\d{1,2})\/(\d{1,2})(?!\d)/.exec(s);
  if (ymdSlash) return ymd(Number(ymdSlash[1]), Number(ymdSlash[2]), Number(ymdSlash[3]));

  const en1 = /(?<!\d)(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})/.exec(s);
  if (en1 && EN_MONTHS.includes(en1[2]!.toLowerCase())) {
    return ymd(Number(en1[3]), EN_MONTHS.indexOf(en1[2]!.toLowerCase()) + 1, Number(en1[1]));
  }
  const en2 = /\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/.exec(s);
  if (en2 && EN_MONTHS.includes(en2[1]!.toLowerCase())) {
    return ymd(Number(en2[3]), EN_MONTHS.indexOf(en2[1]!.toLowerCase()) + 1, Number(en2[2]));
  }

  const monthOnly = /tháng\s+(\d{1,2})\s*(?:\/|-|,?\s*năm)\s*(\d{4})/iu.exec(s) ?? /(?<![\d/.-])(\d{1,2})\/(\d{4})(?!\d)/.exec(s);
  if (monthOnly) {
    const m = Number(monthOnly[1]);
    return m >= 1 && m <= 12 ? `${monthOnly[2]}-${pad(m)}` : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Datelines: lines that carry only a publication date (plus time, weekday, view counter).

const DATE_IN_LINE = /\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s*năm\s+\d{4}/iu;
const DATE_FURNITURE = new RegExp(
  [
    String.raw`(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cn)`,
    String.raw`(?:ngày\s+đăng|đăng\s+ngày|ngày\s+cập\s+nhật|cập\s+nhật(?:\s+lúc)?|đăng\s+lúc|ngày\s+xuất\s+bản|xuất\s+bản|published|posted|updated|date)`,
    String.raw`\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}`,
    String.raw`\d{4}-\d{1,2}(?:-\d{1,2})?(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?`,
    String.raw`(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s*năm\s+\d{4}`,
    String.raw`\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*(?:am|pm|sa|ch))?`,
    String.raw`\(?gmt\s*[+-]\s*\d{1,2}\)?`,
    String.raw`(?:lúc|giờ|ngày)`,
  ].join('|'),
  'giu',
);
/** "Lượt xem: 184", "Lượt đọc 12", "Số lượt xem: 1.024". */
export const COUNTER_RE = /^(?:số\s+)?lượt\s+(?:xem|đọc|truy\s+cập|thích)\s*:?\s*[\d.,]+$/iu;

export interface DateLine {
  /** The date part of the line, verbatim, without view counters: "Ngày đăng 23/06/2022 | 15:04". */
  text: string;
  /** Parsed publication date. */
  date: string;
}

/**
 * The date of a line that consists only of a publication date and its furniture (weekday, time,
 * "Ngày đăng", "| Lượt xem: 184"), or null when the line says anything else.
 */
export function parseDateLine(line: string): DateLine | null {
  if (line.length > 120 || !DATE_IN_LINE.test(line)) return null;
  const pieces = line.split('|').map((p) => p.trim()).filter(Boolean);
  const kept = pieces.filter((p) => !COUNTER_RE.test(p));
  const rest = kept.join(' ').replace(DATE_FURNITURE, ' ').replace(/[\s,;:()\-–—|/.]+/g, '');
  if (rest !== '') return null;
  const text = kept.join(' | ');
  const date = parsePublishedDate(text);
  return date ? { text, date } : null;
}

// ---------------------------------------------------------------------------------------------
// Meeting dates

/** Day/month at the start of a clause: "Chiều 5/10", "Sáng ngày 23/6", "Ngày 30-3", "ngày 12 tháng 7 năm 2022". */
const MEETING_DATE_RE =
  /(?<![\p{L}\d])(?:(?:sáng|chiều|trưa|tối|đêm)(?:\s+nay)?\s+(?:hôm\s+)?(?:ngày\s+)?|(?:hôm\s+)?ngày\s+)(\d{1,2})(?:\s*([/.-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}))?|\s+tháng\s+(\d{1,2})(?:\s*,?\s*năm\s+(\d{4}))?)(?![\d/.-]*\d)/iu;
const MEETING_WORDS = /hội nghị|kỳ họp|phiên họp|cuộc họp|\bhọp\b|đại hội|tổ chức|khai mạc|diễn ra/iu;

export interface FoundMeetingDate extends DayMonth {
  /** The sentence the date was read from (verbatim). */
  sentence: string;
  /** The matched expression, e.g. "Chiều 5/10". */
  matched: string;
}

function matchDayMonth(sentence: string): (DayMonth & { matched: string }) | null {
  const m = MEETING_DATE_RE.exec(sentence);
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[3] ?? m[5]);
  const yearText = m[4] ?? m[6];
  if (!(day >= 1 && day <= 31 && month >= 1 && month <= 12)) return null;
  return { day, month, year: yearText ? Number(yearText) : null, matched: m[0] };
}

/**
 * The meeting's day/month from the article's first sentences: the first sentence (among the first
 * `maxSentences`) that has a clause-initial day/month and mentions a meeting; else the first
 * sentence with a day/month at all. Null when none.
 */
export function findMeetingDate(sentences: readonly string[], maxSentences = 6): FoundMeetingDate | null {
  let fallback: FoundMeetingDate | null = null;
  const n = Math.min(sentences.length, maxSentences);
  for (let i = 0; i < n; i++) {
    const sentence = sentences[i]!;
    const found = matchDayMonth(sentence);
    if (!found) continue;
    const result = { ...found, sentence };
    if (MEETING_WORDS.test(sentence)) return result;
    fallback ??= result;
  }
  return fallback;
}

const PERIOD_RE =
  /(?:\d+\s+tháng\s+(?:đầu\s+|cuối\s+)?năm|quý\s+(?:[ivx]+|[1-4])(?:\s+năm|\s*[/-])?|(?:đầu|cuối|giữa)\s+năm|nửa\s+(?:đầu|cuối)\s+năm|6\s+tháng|9\s+tháng)\s*(\d{4})(?!\d)/giu;

/** The year of the reporting period the text names most often ("9 tháng đầu năm 2023" → 2023); ties → first named. */
export function findPeriodYear(text: string): number | null {
  const counts = new Map<number, number>();
  PERIOD_RE.lastIndex = 0;
  for (let m = PERIOD_RE.exec(text); m; m = PERIOD_RE.exec(text)) {
    const y = Number(m[1]);
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const [y, c] of counts) {
    if (c > bestCount) {
      best = y;
      bestCount = c;
    }
  }
  return best;
}

function dateKey(y: number, m: number, d: number): number {
  return y * 10000 + m * 100 + d;
}

/** Resolve a printed day/month to a full date (see module contract). Null when the year cannot be known. */
export function resolveMeetingDate(found: DayMonth, publishedAt: string | null, periodYear: number | null): string | null {
  const { day, month } = found;
  if (found.year !== null) return ymd(found.year, month, day);
  const pub = publishedAt ? /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(publishedAt) : null;
  if (!pub) return periodYear !== null ? ymd(periodYear, month, day) : null;
  const py = Number(pub[1]);
  const pm = Number(pub[2]);
  const pd = pub[3] ? Number(pub[3]) : 31;
  const pubKey = dateKey(py, pm, pd);
  const fits = (y: number) => validDate(y, month, day) && dateKey(y, month, day) <= pubKey;
  if (periodYear !== null && periodYear <= py && py - periodYear <= 2 && fits(periodYear)) return ymd(periodYear, month, day);
  for (let y = py; y >= py - 4; y--) if (fits(y)) return ymd(y, month, day);
  return null;
}
