/**
 * Publication stamps and meeting dates. Pure functions, no I/O, no clock: nothing depends on "today".
 *
 * Output format: "YYYY-MM-DD"; `parsePublishedDate` also returns "YYYY-MM" when only the month is printed.
 *
 * Stamps (`parseDateLine`, `splitTrailingStamp`): a line that is only a date with its furniture (weekday, time,
 * "Ngày đăng", "Cập nhật:", "(GMT+7)", "| Lượt xem: N"), optionally with a short label when a time is printed
 * ("Đời sống Thứ Bảy 28/06/2025, 15:48", "Print Thứ Năm, 23/07/2020 07:28 Gốc", "Kim Nhuệ - Hoàng Tình| 04/01/2023
 * 20:11", "2020-07-30 09:43:02 Phóng Viên"), or such a stamp closing a title line ("Title (12:06 09/07/2020)",
 * "Title 11/08/2025 13:01"). Which stamps are publication dates is the cleaner's decision (clean.ts).
 *
 * Meeting dates (`findMeetingDate`): see its contract below; the formats read by `findDateMentions` are
 * - single days after a cue: "Chiều 5/10", "Sáng 7.8", "Ngày 20-8", "sáng ngày 19/8/2025", "ngày 12 tháng 7 năm 2022",
 *   "Sáng nay (23/6)", "8h sáng nay, 12/10", "Sáng mai 6/8" (announced), "hôm 3/4";
 * - ranges and lists: "Trong 2 ngày (16, 17-7-2020)", "Sau 3 ngày (22,23,24.6)", "Trong 2 ngày 28,29/02/2020",
 *   "Trong hai ngày 22 và 23/7/2025", "từ ngày 27 đến ngày 29/7/2020", "từ ngày 5 đến 7-8", "từ 25-26/7",
 *   "(22 - 24/7)" after "N ngày làm việc", "ngày 26, 27 và 28 tháng 8 năm 2020", "từ ngày 30/7 đến 2/8",
 *   split sessions "các ngày 25/6/2010 và ngày 02, 03/7/2010".
 * A day-month pair needs a cue (ngày, a time of day, "từ", "N ngày"): bare fractions ("31/50") are never dates.
 */

// ---------------------------------------------------------------------------------------------
// Calendar

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

/** A leap year, to place year-less days (29 February included) relative to each other. */
const REFERENCE_LEAP_YEAR = 2000;

/** Days since 1970-01-01 of a valid date. */
const dayNumber = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000;

/** "YYYY-MM-DD" → day number; "YYYY-MM" → its last day's number (`endOfMonth`) or first day's; null otherwise. */
function dayNumberOf(date: string | null, endOfMonth = true): number | null {
  const m = date ? /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date) : null;
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = m[3] ? Number(m[3]) : endOfMonth ? daysInMonth(y, mo) : 1;
  return validDate(y, mo, d) ? dayNumber(y, mo, d) : null;
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
// Stamps: lines that carry a publication (or page-render) date.

const DATE_IN_LINE = /\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s*năm\s+\d{4}/iu;
const WEEKDAY_RE = /(?<![\p{L}])(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cn)(?![\p{L}])/iu;
/** A clock time: "15:04", "09:43:02", "15h04", "10:30 SA", "16:21 PM". */
const TIME_RE = /(?<!\d)\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?(?!\d)/iu;
const DATE_FURNITURE = new RegExp(
  [
    WEEKDAY_RE.source,
    String.raw`(?:ngày\s+đăng|đăng\s+ngày|ngày\s+cập\s+nhật|cập\s+nhật(?:\s+(?:lúc|ngày))?|đăng\s+lúc|ngày\s+xuất\s+bản|xuất\s+bản|published|posted|updated|date)`,
    String.raw`\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}`,
    String.raw`\d{4}-\d{1,2}(?:-\d{1,2})?(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?`,
    String.raw`(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s*năm\s+\d{4}`,
    String.raw`\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*(?:am|pm|sa|ch)(?![\p{L}]))?`,
    String.raw`\(?(?:gmt|utc)\s*[+-]\s*\d{1,2}(?::?\d{2})?\)?`,
    String.raw`(?<![\p{L}])(?:lúc|giờ|ngày)(?![\p{L}])`,
  ].join('|'),
  'giu',
);
/** "Lượt xem: 184", "Lượt đọc 12", "Số lượt xem: 1.024". */
export const COUNTER_RE = /^(?:số\s+)?lượt\s+(?:xem|đọc|truy\s+cập|thích)\s*:?\s*[\d.,]+$/iu;

/** Longest stamp line. */
const STAMP_MAX = 120;
/** A label printed with a timed stamp (section name, author names, "Print … Gốc"): at most this many words. */
const STAMP_LABEL_MAX_WORDS = 4;
const STAMP_LABEL_MAX_CHARS = 40;

export interface DateLine {
  /** The stamp, verbatim, without view counters: "Ngày đăng 23/06/2022 | 15:04". */
  text: string;
  /** Parsed date: "YYYY-MM-DD", or "YYYY-MM" for a month-only stamp ("date 2023-03"). */
  date: string;
  /** A clock time is printed ("15:04"). */
  hasTime: boolean;
  /** A weekday is printed ("Thứ Năm"). */
  hasWeekday: boolean;
}

/**
 * The date of a line that consists only of a stamp: a date and its furniture (weekday, time, "Ngày đăng",
 * "| Lượt xem: 184"), plus, when a time is printed, a label of at most STAMP_LABEL_MAX_WORDS words without
 * digits or sentence punctuation. Null when the line says anything else.
 */
export function parseDateLine(line: string): DateLine | null {
  if (line.length > STAMP_MAX || !DATE_IN_LINE.test(line)) return null;
  const pieces = line.split('|').map((p) => p.trim()).filter(Boolean);
  const kept = pieces.filter((p) => !COUNTER_RE.test(p));
  const joined = kept.join(' ');
  const hasTime = TIME_RE.test(joined);
  const rest = joined.replace(DATE_FURNITURE, ' ').replace(/[\s,;:()\-–—|/.]+/g, ' ').trim();
  if (rest !== '') {
    const words = rest.split(' ');
    if (!hasTime || words.length > STAMP_LABEL_MAX_WORDS || rest.length > STAMP_LABEL_MAX_CHARS) return null;
    if (!words.every((w) => /^[\p{L}\p{M}]+$/u.test(w))) return null;
  }
  const text = kept.join(' | ');
  const date = parsePublishedDate(text);
  return date ? { text, date, hasTime, hasWeekday: WEEKDAY_RE.test(joined) } : null;
}

/** A timed stamp closing a line: "(12:06 09/07/2020)", "11/08/2025 13:01", "09/07/2020 - 12:06". */
const TRAILING_STAMP_RE =
  /\s+\(?\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*,?\s*\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}\/\d{1,2}\/\d{4}\s*[-|,]?\s*\d{1,2}:\d{2}(?::\d{2})?)\s*\)?\s*$/u;

/** A line ending with a timed stamp ("Title (12:06 09/07/2020)"): the text before it and the stamp; else null. */
export function splitTrailingStamp(line: string): { head: string; stamp: DateLine } | null {
  // Every stamp has a time and a slashed date: looked for first, far cheaper than the pattern.
  if (!line.includes(':') || !line.includes('/')) return null;
  const m = TRAILING_STAMP_RE.exec(line);
  if (!m || m.index === 0) return null;
  const stamp = parseDateLine(m[0].trim().replace(/^\(\s*|\s*\)$/g, ''));
  const head = line.slice(0, m.index).trim();
  return stamp && /\p{L}/u.test(head) ? { head, stamp } : null;
}

// ---------------------------------------------------------------------------------------------
// Date mentions in a sentence

/** A mention (or a parsed day list) that spans more than one day. */
const isRange = (m: { day: number; month: number; endDay: number; endMonth: number }) => m.day !== m.endDay || m.month !== m.endMonth;

export interface DayMonth {
  day: number;
  month: number;
  /** Printed year, when the text gives one ("ngày 12/7/2022"). */
  year: number | null;
}

export interface DateMention extends DayMonth {
  /** Last day; equal to the first for a single day. */
  endDay: number;
  endMonth: number;
  endYear: number | null;
  /** Offset of the mention (its cue: "Sáng", "ngày", "từ", "2 ngày") in the sentence. */
  index: number;
  /** The expression as printed: "Chiều 5/10", "2 ngày (16, 17-7-2020)". */
  matched: string;
  /** Announced, not held yet: "… sẽ diễn ra trong 2 ngày, từ 25-26/7", "Sáng mai 6/8". */
  future: boolean;
  /**
   * Not the date of an event: a document's issue date ("Nghị quyết số 15-NQ/TW ngày 05/5/2022"), an as-of date
   * ("Tính đến ngày 15/9"), a since-date ("Từ ngày 1-7-2025, …"), a deadline ("trước ngày 10/02/2017") or a birthday.
   */
  reference: boolean;
  /** Opens its sentence (after a source tag): "Sáng 5/10, …", "Sau 3 ngày làm việc (22 - 24/7), …". */
  initial: boolean;
}

const DAY_LIST_SEP = String.raw`\s*(?:,|;|và|-|–|—|đến(?:\s+ngày)?)\s*`;
/** Day list + month (+ year): "5/10", "16, 17-7-2020", "22,23,24.6", "27 đến ngày 29/7/2020", "26, 27 và 28 tháng 8 năm 2020". */
const CORE_RE = new RegExp(
  String.raw`(?<![\d/.,:])(\d{1,2})((?:${DAY_LIST_SEP}\d{1,2})*)\s*(?:([/.-])\s*(\d{1,2})(?:\s*\3\s*(\d{4}))?|\s+tháng\s+(\d{1,2})(?:\s*,?\s*năm\s+(\d{4}))?)(?!\d|[/.-]\d)`,
  'giu',
);
/** What must precede a day list: a day word, a time of day, "từ", or "N ngày (làm việc)". */
const CUE_RE =
  /(?:(?<![\p{L}])(?:ngày|sáng|chiều|trưa|tối|đêm|từ|hôm)(?:\s+(?:nay|mai|qua))?|(?<![\p{L}\d])(?:\d{1,2}(?:,\d)?|một|hai|ba|bốn|năm)\s+ngày(?:\s+làm\s+việc)?)\s*[(,]?\s*$/iu;
/** Connector that makes two date groups one range: "25/6/2010 và ngày 02, 03/7/2010", "21/7 đến 23/7". */
const GROUP_JOIN_RE = /^\s*(?:,|;|và|đến|-|–|—)\s*(?:(?:các\s+)?ngày\s+)?$/iu;
/** Issue-date context right before the cue: a document number or code ("số 1672/NQ-UBTVQH15", "20-CT/TW,"). */
const DOCUMENT_BEFORE_RE =
  /(?:(?<![\p{L}])số\s*[\p{L}\d./-]*\d[\p{L}\d./-]*|[\p{Lu}\d]+\s*[-/]\s*[\p{Lu}][\p{Lu}\d/-]*|(?<![\p{L}])(?:nghị\s+quyết|quyết\s+định|chỉ\s+thị|kết\s+luận|thông\s+báo|công\s+văn|hướng\s+dẫn|quy\s+định|thông\s+tư|nghị\s+định|tờ\s+trình|đề\s+án))\s*,?\s*$/iu;
/** "Sáng mai 6/8", "Ngày mai (29/6)". */
const ANNOUNCED_CUE_RE = /(?<![\p{L}])mai(?![\p{L}])/iu;
/** "Từ ngày 1-7-2025, …" (a single day after "từ" is a since-date). */
const SINCE_CUE_RE = /^từ(?![\p{L}])/iu;
/**
 * The word before a single day's cue that makes it no event date: "Tính đến ngày 15/9" (as of), "Từ ngày 1-7-2025"
 * (since), "trước ngày 10/02/2017" (a deadline), "sinh ngày 9/2/1907" (a birthday).
 */
const AS_OF_BEFORE_RE = /(?<![\p{L}])(?:đến|tới|từ|trước|sau|sinh|mất)\s*$/iu;
const FUTURE_RE = /(?<![\p{L}])(?:sẽ|dự\s+kiến|theo\s+kế\s+hoạch|theo\s+chương\s+trình|sắp)(?![\p{L}])/iu;
/** A source tag or dash before the lede: "(Thanhuytphcm.vn) - ", "HNP - ", "- ". */
const LEADING_TAG_RE = /^\s*(?:\([^()]{1,40}\)\s*[-–—:]?\s*|[\p{Lu}][\p{Lu}\d.&]{1,11}\s*[-–—:]\s*|[-–—]\s*)/u;
/** Longest text before a clause-initial date (after a source tag): "Sau 3 ngày làm việc ". */
const INITIAL_PREFIX_MAX = 40;
/** Longest span of a printed range or day list, in days. */
const RANGE_MAX_DAYS = 10;

interface Core extends DayMonth {
  /** Last day of the range (of the last group for split sessions). */
  endDay: number;
  endMonth: number;
  endYear: number | null;
  start: number;
  end: number;
  cue: { index: number; text: string } | null;
}

function parseCore(m: RegExpExecArray): Core | null {
  const days = [m[1]!, ...(m[2] ? m[2].split(new RegExp(DAY_LIST_SEP, 'u')).filter(Boolean) : [])].map(Number);
  const month = Number(m[4] ?? m[6]);
  const yearText = m[5] ?? m[7];
  if (!(month >= 1 && month <= 12) || days.some((d, i) => d < 1 || d > 31 || (i > 0 && d <= days[i - 1]!))) return null;
  const first = days[0]!;
  const last = days[days.length - 1]!;
  if (last - first > RANGE_MAX_DAYS) return null;
  const year = yearText ? Number(yearText) : null;
  return { day: first, month, year, endDay: last, endMonth: month, endYear: year, start: m.index, end: m.index + m[0].length, cue: null };
}

/** `next` (a later group) extends `core` to a range of at most RANGE_MAX_DAYS days. */
function extendsRange(core: Core, next: Core): boolean {
  const y = core.year ?? next.year ?? REFERENCE_LEAP_YEAR;
  const endYear = next.year ?? (next.month >= core.month ? y : y + 1);
  const span = dayNumber(endYear, next.month, next.endDay) - dayNumber(y, core.month, core.day);
  return span > 0 && span <= RANGE_MAX_DAYS;
}

/** Every date mention of a sentence, in order (see the module contract for the formats). */
export function findDateMentions(sentence: string): DateMention[] {
  const cores: Core[] = [];
  CORE_RE.lastIndex = 0;
  for (let m = CORE_RE.exec(sentence); m; m = CORE_RE.exec(sentence)) {
    const core = parseCore(m);
    if (!core) continue;
    const before = sentence.slice(Math.max(0, core.start - 50), core.start);
    const cue = CUE_RE.exec(before);
    if (cue) {
      core.cue = { index: core.start - before.length + cue.index, text: cue[0] };
      const close = cue[0].trimEnd().endsWith('(') ? /^\s*\)/.exec(sentence.slice(core.end)) : null;
      if (close) core.end += close[0].length;
    }
    const previous = cores[cores.length - 1];
    if (previous && GROUP_JOIN_RE.test(sentence.slice(previous.end, core.cue?.index ?? core.start)) && extendsRange(previous, core)) {
      // A later group of the same range: "các ngày 25/6/2010 và ngày 02, 03/7/2010", "từ ngày 30/7 đến 2/8".
      previous.endDay = core.endDay;
      previous.endMonth = core.endMonth;
      const wraps = core.month < previous.month;
      previous.endYear = core.year ?? (previous.year !== null ? previous.year + (wraps ? 1 : 0) : null);
      previous.year ??= core.year !== null ? core.year - (wraps ? 1 : 0) : null;
      previous.end = core.end;
      continue;
    }
    if (core.cue) cores.push(core);
  }
  return cores.map((core) => {
    const cue = core.cue!;
    const prefix = sentence.slice(0, cue.index).replace(LEADING_TAG_RE, '');
    return {
      day: core.day,
      month: core.month,
      year: core.year,
      endDay: core.endDay,
      endMonth: core.endMonth,
      endYear: core.endYear,
      index: cue.index,
      matched: sentence.slice(cue.index, core.end).trim(),
      future: ANNOUNCED_CUE_RE.test(cue.text) || FUTURE_RE.test(sentence.slice(0, cue.index)),
      reference:
        DOCUMENT_BEFORE_RE.test(sentence.slice(Math.max(0, cue.index - 40), cue.index)) ||
        (!isRange(core) && (SINCE_CUE_RE.test(cue.text) || AS_OF_BEFORE_RE.test(sentence.slice(Math.max(0, cue.index - 12), cue.index)))),
      initial: prefix.trim().length <= INITIAL_PREFIX_MAX && !prefix.includes(','),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Years of year-less days

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

/** A whole-year plan: "đề ra phương hướng, nhiệm vụ năm 2020", "triển khai nhiệm vụ năm 2023". */
const PLAN_YEAR_RE = /(?:phương\s+hướng|nhiệm\s+vụ|kế\s+hoạch)(?:\s*,\s*nhiệm\s+vụ)?(?:\s+(?:trọng\s+tâm|chủ\s+yếu|công\s+tác))?\s+năm\s+(\d{4})(?!\d)/iu;
/** Meetings from this month on plan the next year ("Sáng 18/12 … nhiệm vụ năm 2020" → 2019); earlier ones the current. */
const PLANS_NEXT_YEAR_FROM_MONTH = 7;

/** The year a meeting in `month` that plans a whole year ("nhiệm vụ năm 2020") is held, or null. */
export function planYear(sentence: string, month: number): number | null {
  const m = PLAN_YEAR_RE.exec(sentence);
  if (!m) return null;
  const plan = Number(m[1]);
  return month >= PLANS_NEXT_YEAR_FROM_MONTH ? plan - 1 : plan;
}

/** A closed reporting period: "9 tháng năm 2022", "6 tháng đầu năm 2021", "quý I/2023", "quý II năm 2024". */
const REPORTING_RE = /(?:(?<![\d,.])(\d{1,2}|sáu|chín)\s+tháng\s+(?:đầu\s+)?năm\s+(\d{4})|quý\s+(iv|i{1,3}|[1-4])\s*(?:\/|-|năm)\s*(\d{4}))(?!\d)/giu;
const MONTH_WORDS: Readonly<Record<string, number>> = { sáu: 6, chín: 9 };
const QUARTERS: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4 };
/** A review meeting follows the period it reports within this many months. */
const REPORT_AFTER_MONTHS = 3;

/** The year of the first closed reporting period a meeting in `month` can be reviewing, or null. */
export function reportingYear(text: string, month: number): number | null {
  REPORTING_RE.lastIndex = 0;
  for (let m = REPORTING_RE.exec(text); m; m = REPORTING_RE.exec(text)) {
    const q = m[3]?.toLowerCase();
    const end = m[1] ? (MONTH_WORDS[m[1].toLowerCase()] ?? Number(m[1])) : 3 * (QUARTERS[q!] ?? Number(q));
    if (end >= 1 && end <= 12 && month >= end && month <= end + REPORT_AFTER_MONTHS) return Number(m[2] ?? m[4]);
  }
  return null;
}

const TERM_RE = /nhiệm\s+kỳ\s*:?\s*\(?\s*(\d{4})\s*[-–—]\s*(\d{4})/giu;
/** Longest and shortest span of a nhiệm kỳ, in years. */
const TERM_SPAN = { min: 2, max: 6 } as const;
/** Words that make "Đại hội" the object of another event ("chuẩn bị Đại hội", "Nghị quyết Đại hội"). */
const CONGRESS_OBJECT_RE = /(?:nghị\s+quyết|văn\s+kiện|chào\s+mừng|hướng\s+(?:tới|về)|chuẩn\s+bị|trình|tham\s+dự|dự)\s*$/iu;

/**
 * The year of the congress a sentence reports: the first year of the latest nhiệm kỳ printed after its
 * "Đại hội" ("Sáng 18/8, đại hội … lần thứ XII nhiệm kỳ 2020-2025 …" → 2020; a congress opens its term).
 * Null when the sentence reports a conference ("Hội nghị … trình Đại hội … 2025 - 2030"), or names the congress
 * only as the object of something else ("Nghị quyết Đại hội …", "chuẩn bị Đại hội …").
 */
export function congressTermYear(sentence: string): number | null {
  const re = /đại\s+hội/giu;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    const before = sentence.slice(0, m.index);
    if (/hội\s+nghị/iu.test(before)) return null;
    if (CONGRESS_OBJECT_RE.test(before)) continue;
    let best: number | null = null;
    TERM_RE.lastIndex = 0;
    const after = sentence.slice(m.index);
    for (let t = TERM_RE.exec(after); t; t = TERM_RE.exec(after)) {
      const [y1, y2] = [Number(t[1]), Number(t[2])];
      if (y2 - y1 >= TERM_SPAN.min && y2 - y1 <= TERM_SPAN.max && (best === null || y1 > best)) best = y1;
    }
    return best;
  }
  return null;
}

/** Reported as held: "đã diễn ra", "vừa tổ chức", "bế mạc", "thành công". */
const PAST_RE = /(?<![\p{L}])(?:đã|vừa|thành\s+công|bế\s+mạc|kết\s+thúc)(?![\p{L}])/iu;
/** A publication stamp may precede the meeting it reports as held by this much (a wrong or early stamp). */
const EARLY_STAMP_MAX_DAYS = 183;
/** Any meeting may follow its publication stamp by this many days (a stamp set the evening before, a time zone). */
const STAMP_GRACE_DAYS = 3;

/** A meeting on day number `n` fits the publication day number `pub` (see EARLY_STAMP_MAX_DAYS, STAMP_GRACE_DAYS). */
const fitsPublication = (n: number, pub: number, held: boolean) => n - pub <= (held ? EARLY_STAMP_MAX_DAYS : STAMP_GRACE_DAYS);
/** Years before the anchor a year-less day may lie. */
const LOOKBACK_YEARS = 4;
/** How much more a day after the publication stamp weighs than a day before it, when choosing the nearest year. */
const AFTER_STAMP_WEIGHT = 3;
/** A period year may precede the anchor's year by this many years. */
const PERIOD_LOOKBACK_YEARS = 2;

export interface YearContext {
  /** Full publication date "YYYY-MM-DD": the meeting is close before it (see `fitsPublication`). */
  publishedAt?: string | null;
  /** A not-after date ("YYYY-MM" month stamp = its last day, or a page-render date): the meeting is on or before it. */
  bound?: string | null;
  /** The reporting-period year of the article's first paragraphs (`findPeriodYear`); used with a bound only. */
  periodYear?: number | null;
  /** The date's sentence reports the meeting as held (PAST_RE). */
  held?: boolean;
}

/**
 * The year of a year-less day from the anchors. With a publication date: the fitting year nearest it, a day after
 * the stamp counting AFTER_STAMP_WEIGHT days (news reports a meeting within days, after it). With only a bound (a month stamp or a page-render date, possibly long after the
 * meeting): the period year when it fits and is at most PERIOD_LOOKBACK_YEARS before the bound's year, else the
 * fitting year nearest the bound. A year fits when the day is on or before the bound, or at most STAMP_GRACE_DAYS
 * after the publication date (EARLY_STAMP_MAX_DAYS for a day reported as held). Null without an anchor or when no
 * year fits.
 */
export function resolveMeetingDate(found: DayMonth, context: YearContext): string | null {
  const { day, month } = found;
  if (found.year !== null) return ymd(found.year, month, day);
  const published = context.publishedAt && /^\d{4}-\d{2}-\d{2}$/.test(context.publishedAt) ? context.publishedAt : null;
  const pub = dayNumberOf(published);
  const limit = pub ?? dayNumberOf(context.bound ?? null);
  if (limit === null) return null;
  const anchorYear = Number((published ?? context.bound)!.slice(0, 4));
  const fits = (y: number) => {
    if (!validDate(y, month, day)) return false;
    const n = dayNumber(y, month, day);
    return pub !== null ? fitsPublication(n, pub, context.held === true) : n <= limit;
  };
  const period = pub === null ? (context.periodYear ?? null) : null;
  if (period !== null && anchorYear - period >= 0 && anchorYear - period <= PERIOD_LOOKBACK_YEARS && fits(period)) return ymd(period, month, day);
  // Distance to the anchor; a day after the publication stamp counts AFTER_STAMP_WEIGHT times (stamps follow meetings).
  const distance = (y: number) => {
    const d = dayNumber(y, month, day) - limit;
    return d > 0 ? d * AFTER_STAMP_WEIGHT : -d;
  };
  let best: number | null = null;
  for (let y = anchorYear + 1; y >= anchorYear - LOOKBACK_YEARS; y--) {
    if (fits(y) && (best === null || distance(y) < distance(best))) best = y;
  }
  return best === null ? null : ymd(best, month, day);
}

// ---------------------------------------------------------------------------------------------
// The meeting date of an article

export interface MeetingDateInput {
  /** The article's sentences, in order. */
  sentences: readonly string[];
  /** The lead: the first sentence naming a meeting (searched first). */
  lead?: string | null;
  /** The article's paragraphs (reporting periods are read from the first ones). */
  paragraphs?: readonly string[];
  /** Full publication date "YYYY-MM-DD". */
  publishedAt?: string | null;
  /** Not-after date: a month-only stamp "YYYY-MM" or a page-render date "YYYY-MM-DD". */
  bound?: string | null;
}

export interface FoundMeetingDate {
  /** First day, "YYYY-MM-DD". */
  date: string;
  /** Last day of a multi-day meeting, else null. */
  endDate: string | null;
  /** The sentence the last day was read from (the range's), null when there is no last day. */
  endSentence: string | null;
  /** The sentence the first day was read from (verbatim). */
  sentence: string;
  /** The date expression, e.g. "Chiều 5/10", "2 ngày (16, 17-7-2020)". */
  matched: string;
}

const MEETING_WORDS_RE = /hội\s+nghị|kỳ\s+họp|phiên|cuộc\s+họp|(?<![\p{L}])họp(?![\p{L}])|đại\s+hội|tổ\s+chức|khai\s+mạc|bế\s+mạc|diễn\s+ra/iu;
/** The day reported is not the first of the meeting: "phiên bế mạc", "tiếp tục ngày làm việc thứ 3". */
const LATER_DAY_RE = /bế\s+mạc|kết\s+thúc|ngày\s+làm\s+việc\s+thứ|làm\s+việc\s+ngày\s+thứ|ngày\s+thứ\s+(?:hai|ba|tư|[2-5])(?![\p{L}\d])/iu;
/** Sentences searched for the meeting date, the lead first. */
const SEARCH_SENTENCES = 8;
/** An earlier session of the same meeting lies at most this many days before a closing day. */
const EARLIER_SESSION_MAX_DAYS = 6;
/** Paragraphs read for the reporting period. */
const PERIOD_PARAGRAPHS = 6;
const REPORTING_PARAGRAPHS = 3;

interface Placed {
  mention: DateMention;
  sentence: string;
}

/** Day number of a day/month in the reference leap year (to compare days within a meeting). */
const refDay = (month: number, day: number) => dayNumber(REFERENCE_LEAP_YEAR, month, day);
const contains = (range: DateMention, m: DateMention) =>
  refDay(range.month, range.day) <= refDay(m.month, m.day) &&
  refDay(m.month, m.day) <= refDay(range.endMonth, range.endDay) &&
  (range.year === null || m.year === null || range.year === m.year);


/**
 * The meeting's first day, and its last day when printed as a range.
 *
 * - Which date: among the first SEARCH_SENTENCES sentences (the lead first), the first date opening a sentence
 *   that names a meeting ("Sáng 5/10, …"); else the lead's first date; else the first date of a sentence naming a
 *   meeting; else the first date. Reference dates (issue dates of documents, "Tính đến ngày 15/9", "Từ ngày
 *   1-7-2025") and announced dates ("sẽ diễn ra …", "Sáng mai …") are never the meeting's. A caption's date after
 *   the lede never wins over the lede's (the lede comes first).
 * - Ranges: a printed range gives first and last day; a single day inside a range printed for the meeting
 *   ("Ngày 8.7, … khai mạc … diễn ra trong 3 ngày, từ ngày 8 - 10.7.2020") takes that range; a closing day
 *   ("Chiều 5/8, … phiên bế mạc") starts at an earlier session printed nearby ("Trước đó, chiều 4/8, …").
 * - The year: the printed one (of the day, or of the range it was extended to); else the congress's
 *   (`congressTermYear` of the date's sentence or the lead) when it agrees with the anchors; else from the anchors
 *   (`resolveMeetingDate`, with the reporting period); else, without any anchor, from the date's sentence
 *   (`findPeriodYear`, `planYear`) or a closed reporting period of the first paragraphs (`reportingYear`); else
 *   unknown (null).
 * - A printed (or congress) date more than STAMP_GRACE_DAYS after the publication date is an announcement unless
 *   reported as held (PAST_RE) and at most EARLY_STAMP_MAX_DAYS later (`fitsPublication`): then the next date is tried.
 * - Without any dated mention, a meeting sentence opening with a relative day ("Sáng nay, …", "Hôm qua, …") is
 *   dated from the publication date (never from a bound).
 */
export function findMeetingDate(input: MeetingDateInput): FoundMeetingDate | null {
  const lead = input.lead ?? null;
  const ordered = lead ? [lead, ...input.sentences.filter((s) => s !== lead)] : [...new Set(input.sentences)];
  const window = ordered.slice(0, SEARCH_SENTENCES).map((text) => ({
    text,
    meeting: MEETING_WORDS_RE.test(text),
    mentions: findDateMentions(text).filter((m) => !m.reference),
  }));
  const candidates: Placed[] = [];
  const add = (keep: (s: (typeof window)[number], m: DateMention) => boolean) => {
    for (const s of window) {
      for (const m of s.mentions) {
        if (!m.future && keep(s, m) && !candidates.some((c) => c.mention === m)) candidates.push({ mention: m, sentence: s.text });
      }
    }
  };
  add((s, m) => s.meeting && m.initial);
  add((s) => s.text === lead);
  add((s) => s.meeting);
  add(() => true);

  for (const primary of candidates) {
    let first = primary;
    let last: Placed = primary;
    if (!isRange(primary.mention)) {
      const range = window.flatMap((s) => (s.meeting ? s.mentions.filter((m) => isRange(m) && contains(m, primary.mention)).map((m) => ({ mention: m, sentence: s.text })) : []))[0];
      if (range) {
        last = range;
        if (refDay(range.mention.month, range.mention.day) < refDay(primary.mention.month, primary.mention.day)) first = range;
      } else if (LATER_DAY_RE.test(primary.sentence)) {
        const target = refDay(primary.mention.month, primary.mention.day);
        for (const s of window) {
          if (!s.meeting) continue;
          for (const m of s.mentions) {
            const before = target - refDay(m.month, m.day);
            if (!m.future && !isRange(m) && before > 0 && before <= EARLIER_SESSION_MAX_DAYS && before > target - refDay(first.mention.month, first.mention.day)) {
              first = { mention: m, sentence: s.text };
            }
          }
        }
      }
    }
    const year = yearOf(first, printedYear(first.mention, last.mention), [first.sentence, primary.sentence, ...(lead ? [lead] : [])], input);
    if (year === 'announced') continue;
    if (year === null) return null;
    const start = ymd(year, first.mention.month, first.mention.day);
    if (!start) return null;
    const end = last.mention;
    const endYear = end.endYear ?? year + (refDay(end.endMonth, end.endDay) < refDay(first.mention.month, first.mention.day) ? 1 : 0);
    const endDate = isRange(end) || last !== first ? ymd(endYear, end.endMonth, end.endDay) : null;
    const multiDay = endDate !== null && endDate !== start;
    return { date: start, endDate: multiDay ? endDate : null, endSentence: multiDay ? last.sentence : null, sentence: first.sentence, matched: first.mention.matched };
  }
  return candidates.length === 0 ? relativeMeetingDate(window.filter((s) => s.meeting).map((s) => s.text), input.publishedAt ?? null) : null;
}

/** A lede that dates its meeting relative to publication: "Sáng nay, …", "Hôm qua, …", "8h sáng nay, …". */
const RELATIVE_DAY_RE =
  /^(?:\([^()]{1,40}\)\s*[-–—:]?\s*|[\p{Lu}][\p{Lu}\d.&]{1,11}\s*[-–—:]\s*)?(?:\d{1,2}\s*(?:h|giờ)(?:\s*\d{2})?\s+)?(?:(?:buổi\s+)?(?:sáng|chiều|trưa|tối)\s+|hôm\s+)(nay|qua)(?![\p{L}])/iu;

/** The publication day (or the day before, for "qua") of the first meeting sentence opening with a relative day. */
function relativeMeetingDate(meetingSentences: readonly string[], publishedAt: string | null): FoundMeetingDate | null {
  const pub = dayNumberOf(publishedAt && /^\d{4}-\d{2}-\d{2}$/.test(publishedAt) ? publishedAt : null);
  if (pub === null) return null;
  for (const sentence of meetingSentences) {
    const m = RELATIVE_DAY_RE.exec(sentence);
    if (!m) continue;
    const d = new Date((pub - (m[1]!.toLowerCase() === 'qua' ? 1 : 0)) * 86_400_000);
    const date = ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    return date ? { date, endDate: null, endSentence: null, sentence, matched: m[0].trim() } : null;
  }
  return null;
}

/** The year printed for a first day: its own, else the one of the range it was extended to. */
function printedYear(first: DateMention, range: DateMention): number | null {
  if (first.year !== null || range === first) return first.year;
  if (range.year !== null) return range.year;
  return range.endYear === null ? null : range.endYear - (range.endMonth < first.month ? 1 : 0);
}

/** The year of a found first day (see `findMeetingDate`), or 'announced' when the date is a future event. */
function yearOf(found: Placed, printed: number | null, clueSentences: readonly string[], input: MeetingDateInput): number | 'announced' | null {
  const { mention, sentence } = found;
  const held = PAST_RE.test(sentence);
  const pub = dayNumberOf(input.publishedAt && /^\d{4}-\d{2}-\d{2}$/.test(input.publishedAt) ? input.publishedAt : null);
  const bound = dayNumberOf(input.bound ?? null);
  const acceptable = (y: number) => {
    if (!validDate(y, mention.month, mention.day)) return false;
    const n = dayNumber(y, mention.month, mention.day);
    if (pub !== null) return fitsPublication(n, pub, held);
    return bound === null || n <= bound;
  };
  if (printed !== null) return acceptable(printed) ? printed : 'announced';
  for (const s of clueSentences) {
    const congress = congressTermYear(s);
    if (congress !== null) {
      if (acceptable(congress)) return congress;
      break;
    }
  }
  const paragraphs = input.paragraphs ?? [];
  const periodYear = findPeriodYear(paragraphs.slice(0, PERIOD_PARAGRAPHS).join('\n'));
  const anchored = resolveMeetingDate(mention, { publishedAt: input.publishedAt, bound: input.bound, periodYear, held });
  if (anchored !== null) return Number(anchored.slice(0, 4));
  if (pub !== null || bound !== null) return null;
  return (
    findPeriodYear(sentence) ??
    planYear(sentence, mention.month) ??
    reportingYear(paragraphs.slice(0, REPORTING_PARAGRAPHS).join('\n'), mention.month)
  );
}
