/**
 * The answers' own words, in Vietnamese and English: refusals, frames around quotes, field labels, summary
 * headings, and the notes of the LLM mode's fallbacks. Quotes stay in Vietnamese (the articles' language).
 * Plain text: the bot escapes and formats; the CLI prints as is. Voice: answers speak as "tôi" / "I".
 */
import type { CardField } from '../retrieve/query/intent.js';
import type { ScopeFailure } from '../retrieve/scope.js';
import { toRoman } from '../text/numbers.js';
import type { Language } from '../types.js';

export interface NotFoundDetail {
  reason: ScopeFailure | 'no-support' | 'empty-question' | 'no-unit' | 'no-index';
  /** The unit as the question was understood ("huyện Cần Giờ"). */
  unit?: string;
  /** Covered units whose names look like the one asked about ("Bình Tân" for "Binh Tann"). */
  suggestions?: string[];
  meeting?: { value: number; kind: 'conference' | 'congress' | null };
  term?: string;
  khoa?: string;
  year?: number;
  /** Covered units, when there are few enough to list. */
  known?: string[];
  /** The meetings the unit's articles report ("Hội nghị lần thứ 8, 12/07/2022"), when a meeting filter failed. */
  available?: string[];
}

/** Units listed in a refusal at most (more: the user is pointed to /quan). */
export const MAX_LISTED_UNITS = 8;

export type SummaryTheme = 'party' | 'economy' | 'social' | 'security' | 'tasks';

/** What a term summary's heading says (dates already displayed as "m/yyyy"). */
export interface SummaryHeading {
  unit: string;
  /** "2020-2025" as stored, or null when the reports state none. */
  term: string | null;
  counts: { conference: number; congress: number; other: number };
  /** The first and last meeting's month, "12/2023"; null when undated. */
  first: string | null;
  last: string | null;
}

/** "2020-2025" → "2020–2025" (an en dash between the years, as printed in headings). */
const termText = (term: string) => term.replace(/\s*-\s*/, '–');

export interface AnswerMessages {
  notFound(d: NotFoundDetail): string;
  /** Heading of quotes from several articles. */
  accordingTo: string;
  /** Heading of quotes from one article: its unit, meeting and date when known. */
  articleFrame(unit: string | null, meeting: string | null, date: string | null): string;
  /** "Hội nghị lần thứ 8, Ban Chấp hành Đảng bộ Quận 8, ngày 12/07/2022" (a congress: "Đại hội … lần thứ XII"). */
  meeting(n: number | null, unit: string | null, date: string | null, congress?: boolean): string;
  /** A meeting in a list: "Hội nghị lần thứ 8 (12/07/2022)", "Đại hội lần thứ XII (18/08/2020)". */
  meetingItem(kind: 'conference' | 'congress' | 'other', n: number | null, date: string | null): string;
  chairedBy(name: string, role: string): string;
  /** Heading of a list of several chairs (co-chairs, in printed order). */
  coChairs: string;
  noChair: string;
  openedBy: string;
  concludedBy: string;
  attendees: string;
  /** Marks an attendee the article says directs the meeting. */
  directing: string;
  noAttendees: string;
  figureMissing: string;
  fieldLabel: Record<CardField, string>;
  /** A meeting over several days: "29/07/2020 – 31/07/2020 (3 ngày)". */
  dateRange(first: string, last: string, days: number): string;
  /** A date as the article prints it, with the year when the print leaves it out ("Sáng 4/6 (2020)"). */
  printedDate(printed: string, year: string | null, days: number | null): string;
  /** The publication stamp as the page printed it (it is not a report sentence, so it is shown, not cited). */
  printedStamp(line: string): string;
  /** A meeting number as a field value: "lần thứ 8" / "no. 8". */
  meetingNumberValue(n: number): string;
  /** The unit an answer names ("… là bí thư quận nào?"). */
  unitLabel: string;
  /**
   * A term summary's first line: the unit, the term, how many meetings of each kind it covers and the months they
   * span ("Quận 8 — nhiệm kỳ 2020–2025: 3 hội nghị, 12/2023 – 7/2024"); one meeting is said to be the only one.
   */
  summaryHeading(p: SummaryHeading): string;
  /** The heading of a term summary's continuation (the "more" page). */
  summaryMoreTitle(unit: string): string;
  /** Heading of the timeline (one line per meeting, oldest first). */
  summaryTimeline: string;
  /**
   * One meeting of the timeline: "15/04/2021 — Hội nghị lần thứ 5 (chủ trì: A): đánh giá …". `meeting` is
   * `meetingItem` without a date; `person` who chaired (else who concluded, `part` says which); `headline` the
   * meeting's headline clause as printed.
   */
  summaryMeeting(date: string | null, meeting: string, person: { name: string; part: 'chair' | 'conclude' } | null, headline: string | null): string;
  /** One figure of a series: "324,3 tỷ đồng (6 tháng đầu năm 2022)"; `period` null when none is printed. */
  summaryFigure(value: string, period: string | null): string;
  /**
   * A series of one indicator across meetings: "Thu ngân sách: 105 tỷ đồng (quý I/2021) [1] → …"; `skipped`: points
   * between the first and the rest are left out (shown as "…").
   */
  summaryFigures(label: string, points: string[], skipped?: boolean): string;
  themes: Record<SummaryTheme, string>;
  /** A meeting in a collection answer: "Hội nghị lần thứ 8 – Quận 8, ngày 12/07/2022 (chủ trì)". */
  /** Who led a listed meeting: "chủ trì: Võ Ngọc Quốc Thuận". */
  collectionLeader(part: 'chair' | 'conclude', names: string[]): string;
  collectionMeeting(kind: 'conference' | 'congress' | 'other', n: number | null, unit: string | null, date: string | null, part: 'chair' | 'conclude' | 'open' | 'attend' | null): string;
  /** The newest meeting of the scope, among `total`. */
  collectionLatest(meeting: string, total: number): string;
  /** Heading of a list of meetings: how many, of which kind, unit and person. */
  collectionHeading(count: number, kind: 'conference' | 'congress' | null, unit: string | null, person: string | null): string;
  /** The meetings counted but not listed. */
  collectionMore(n: number): string;
  /** No meeting in scope names the person the question asks about. */
  collectionNoPerson(person: string): string;
  /** A yes/no check of a stated figure: "Không — bài viết nêu 596 đảng viên, không phải 600." (`printed` with its noun). */
  checkVerdict(same: boolean, printed: string, stated: string): string;
  /** A superlative's answer: the unit with the most (least) of a figure ("Nhiều nhất: Quận 12 — 596 đảng viên (…)"). */
  compareTop(kind: 'most' | 'least', percent: boolean, line: string): string;
  /** Heading of the other units' figures under a superlative's answer. */
  compareOthers: string;
  /** Heading of a comparison of one figure across `n` units (ranked, largest first). */
  compareHeading(n: number): string;
  /** Heading when the figures cover different periods: they are listed by period, not ranked. */
  compareUnlikePeriods(periods: string[]): string;
  /** One unit's figure: "Quận 12 — 596 đảng viên (giữa nhiệm kỳ 2020-2025)". */
  compareLine(unit: string, figure: string, period: string): string;
  /** The period of a figure whose report states none. */
  compareNoPeriod: string;
  /** Marks a figure in another measure than the compared ones (listed, not ranked). */
  compareOtherMeasure: string;
  /** A unit the question names whose articles print no such figure. */
  compareMissing(unit: string): string;
  /** A question back: a pronoun ("ông ấy") with no earlier answer naming a person. */
  whoIsMeant: string;
  /** A question back: which of these units' meetings the question is about. */
  whichUnit(units: string[]): string;
  /** A reply to a greeting or thanks (no question asked). */
  smallTalk(kind: 'greeting' | 'thanks'): string;
  /** Terminal rendering: the sources heading. */
  sources: string;
  llm: {
    noValidCitation: string;
    /** The model's first line (its direct answer) did not pass the checks. */
    firstLineUnsupported: string;
    didNotRespond(reason: string): string;
    timedOut(seconds: number): string;
    cancelled: string;
    rateLimited: string;
    serverError(status: number): string;
    refused(status: number): string;
    unknownError: string;
    /** The server could not be reached. */
    network: string;
    /** The server answered with something that is not a completion (invalid JSON, no choices, empty text). */
    badReply: string;
    /** The reply passed the hard cap on its length. */
    tooLong(limit: number): string;
    /** Lead of a fallback note when the model answered but its reply was not usable. */
    unusable(reason: string): string;
  };
}

const vi: AnswerMessages = {
  notFound(d) {
    const of = d.unit ? ` của ${d.unit}` : '';
    const offer = d.available && d.available.length > 0 ? ` Các bài hiện có${of}: ${d.available.join('; ')}.` : '';
    switch (d.reason) {
      case 'unit': {
        const head = `Không có bài viết nào về ${d.unit ?? 'đơn vị này'} trong dữ liệu.`;
        if (d.suggestions && d.suggestions.length > 0) return `${head} Có phải bạn muốn hỏi về ${d.suggestions.join(' hoặc ')}?`;
        return d.known && d.known.length > 0 ? `${head} Dữ liệu hiện có: ${d.known.join(', ')}.` : `${head} Gõ /quan để xem các đơn vị có trong dữ liệu.`;
      }
      case 'meeting':
        return `Không có bài nào về ${d.meeting?.kind === 'congress' ? 'Đại hội' : 'Hội nghị'} lần thứ ${d.meeting?.value}${of}.${offer}`;
      case 'term':
        return `Không có bài nào về nhiệm kỳ ${d.term}${of}.${offer}`;
      case 'khoa':
        return `Không có bài nào về khóa ${d.khoa}${of}.${offer}`;
      case 'year':
        return `Không có bài nào về cuộc họp năm ${d.year}${of}.${offer}`;
      case 'live':
        return 'Dữ liệu chỉ gồm các bài báo đã đăng, không có thông tin cập nhật cho thời điểm đó, nên tôi không trả lời để tránh đoán sai.';
      case 'empty-question':
        return 'Bạn hãy nhập câu hỏi, ví dụ: "Ai chủ trì hội nghị lần thứ 8 Quận 8?"';
      case 'no-unit':
        return `Bạn muốn tóm tắt đơn vị nào (quận, huyện, phường, xã…)?${d.known && d.known.length > 0 ? ` Dữ liệu hiện có: ${d.known.join(', ')}.` : ' Gõ /quan để xem các đơn vị có trong dữ liệu.'}`;
      case 'no-index':
        return 'Chưa có bài viết nào trong dữ liệu.';
      default:
        return 'Không tìm thấy thông tin này trong các bài viết hiện có, nên tôi không trả lời để tránh đoán sai.';
    }
  },
  accordingTo: 'Theo các bài viết:',
  articleFrame(unit, meeting, date) {
    const details = [meeting, date ? `ngày ${date}` : null].filter(Boolean).join(', ');
    return `Theo bài viết${unit ? ` về ${unit}` : ''}${details ? ` (${details})` : ''}:`;
  },
  meeting: (n, unit, date, congress) =>
    congress
      ? [`Đại hội đại biểu Đảng bộ${unit ? ` ${unit}` : ''}${n ? ` lần thứ ${toRoman(n)}` : ''}`, date ? `ngày ${date}` : null].filter(Boolean).join(', ')
      : [n ? `Hội nghị lần thứ ${n}` : 'Hội nghị', unit ? `Ban Chấp hành Đảng bộ ${unit}` : null, date ? `ngày ${date}` : null]
          .filter(Boolean)
          .join(', '),
  meetingItem: (kind, n, date) =>
    `${kind === 'congress' ? `Đại hội${n ? ` lần thứ ${toRoman(n)}` : ''}` : kind === 'conference' ? `Hội nghị${n ? ` lần thứ ${n}` : ''}` : 'Bài viết khác'}${date ? ` (${date})` : ''}`,
  collectionLeader: (part, names) => `${part === 'chair' ? 'chủ trì' : 'kết luận'}: ${names.join(', ')}`,
  collectionMeeting: (kind, n, unit, date, part) =>
    `${kind === 'congress' ? `Đại hội${n ? ` lần thứ ${toRoman(n)}` : ''}` : `Hội nghị${n ? ` lần thứ ${n}` : ''}`}${unit ? ` – ${unit}` : ''}${date ? `, ngày ${date}` : ''}${part ? ` (${{ chair: 'chủ trì', conclude: 'kết luận', open: 'khai mạc', attend: 'dự' }[part]})` : ''}`,
  collectionLatest: (meeting, total) => `Cuộc họp gần đây nhất trong dữ liệu${total > 1 ? ` (trong ${total} cuộc họp)` : ''}: ${meeting}`,
  collectionHeading(count, kind, unit, person) {
    const noun = kind === 'congress' ? 'đại hội' : kind === 'conference' ? 'hội nghị' : 'cuộc họp';
    const order = count > 1 ? ', mới nhất trước' : '';
    if (person) return `${person} chủ trì hoặc dự ${count} ${noun} trong dữ liệu${unit ? ` (${unit})` : ''}${order}:`;
    return `Dữ liệu có ${count} ${noun}${unit ? ` của ${unit}` : ''}${order}:`;
  },
  collectionMore: (n) => `… và ${n} cuộc họp khác.`,
  compareTop: (kind, percent, line) => `${kind === 'most' ? (percent ? 'Cao nhất' : 'Nhiều nhất') : percent ? 'Thấp nhất' : 'Ít nhất'}: ${line}`,
  compareOthers: 'Các đơn vị khác:',
  compareHeading: (n) => (n === 1 ? 'Số liệu của từng đơn vị:' : `Số liệu của ${n} đơn vị, từ cao xuống thấp:`),
  compareUnlikePeriods: (periods) => `Các số liệu thuộc kỳ khác nhau (${periods.join('; ')}), nên không xếp hạng chung; theo từng kỳ:`,
  compareLine: (unit, figure, period) => `${unit} — ${figure} (${period})`,
  compareNoPeriod: 'kỳ không nêu',
  compareOtherMeasure: 'đơn vị đo khác, không so',
  compareMissing: (unit) => `${unit} — bài viết không nêu số liệu này`,
  whoIsMeant: 'Bạn hỏi về ai? Hãy nêu tên người đó (ví dụ "Võ Ngọc Quốc Thuận giữ chức vụ gì?") hoặc hỏi trước về một hội nghị, rồi hỏi tiếp "ông ấy…".',
  whichUnit: (units) => `Bạn hỏi về cuộc họp của đơn vị nào? Các bài viết phù hợp nói về: ${units.join(', ')}. Chọn một đơn vị bên dưới, hoặc hỏi lại kèm tên đơn vị.`,
  checkVerdict: (same, printed, stated) => (same ? `Đúng — bài viết nêu ${printed}.` : `Không — bài viết nêu ${printed}, không phải ${stated}.`),
  collectionNoPerson: (person) => `Không có cuộc họp nào trong dữ liệu ghi ${person} chủ trì hoặc dự.`,
  smallTalk: (kind) =>
    kind === 'thanks'
      ? 'Không có gì! Bạn cần gì cứ hỏi tiếp nhé.'
      : 'Xin chào! Tôi trả lời câu hỏi về các bài viết hội nghị, đại hội Đảng bộ trong dữ liệu, kèm nguồn. Ví dụ: "Ai chủ trì hội nghị lần thứ 8 Quận 8?" Gõ /help để xem thêm.',
  chairedBy: (name, role) => `Người chủ trì: ${name}${role ? ` (${role})` : ''}`,
  coChairs: 'Các đồng chí cùng chủ trì:',
  noChair: 'Bài viết không nêu người chủ trì.',
  openedBy: 'Phát biểu khai mạc',
  concludedBy: 'Kết luận hội nghị',
  attendees: 'Thành phần dự:',
  directing: 'dự và chỉ đạo',
  noAttendees: 'Bài viết không nêu thành phần dự hội nghị.',
  figureMissing: 'Không có câu nào nêu đúng con số được hỏi; dưới đây là các câu liên quan nhất.',
  fieldLabel: {
    meetingDate: 'Thời gian',
    publishedAt: 'Ngày đăng',
    meetingNumber: 'Hội nghị',
    congressNumber: 'Đại hội',
    khoa: 'Khóa',
    term: 'Nhiệm kỳ',
    author: 'Tác giả',
    openedBy: 'Phát biểu khai mạc',
    concludedBy: 'Kết luận hội nghị',
  },
  dateRange: (first, last, days) => `${first} – ${last} (${days} ngày)`,
  printedDate: (printed, year, days) => {
    const note = [year, days ? `${days} ngày` : null].filter(Boolean).join(', ');
    return note ? `${printed} (${note})` : printed;
  },
  printedStamp: (line) => `Dòng ngày in trên trang: «${line}»`,
  meetingNumberValue: (n) => `lần thứ ${n}`,
  unitLabel: 'Đơn vị',
  summaryHeading(p) {
    const parts = [
      p.counts.conference ? `${p.counts.conference} hội nghị` : null,
      p.counts.congress ? `${p.counts.congress} đại hội` : null,
      p.counts.other ? `${p.counts.other} bài viết khác` : null,
    ].filter(Boolean);
    const head = `${p.unit}${p.term ? ` — nhiệm kỳ ${termText(p.term)}` : ''}`;
    const total = p.counts.conference + p.counts.congress + p.counts.other;
    if (total === 1) return `${head}: dữ liệu chỉ có ${parts[0]}`;
    const span = p.first && p.last ? (p.first === p.last ? p.first : `${p.first} – ${p.last}`) : (p.first ?? p.last);
    return `${head}: ${parts.join(', ')}${span ? `, ${span}` : ''}`;
  },
  summaryMoreTitle: (unit) => `${unit} — tóm tắt (tiếp)`,
  summaryTimeline: 'Các cuộc họp:',
  summaryMeeting: (date, meeting, person, headline) =>
    `${date ? `${date} — ` : ''}${meeting}${person ? ` (${person.part === 'chair' ? 'chủ trì' : 'kết luận'}: ${person.name})` : ''}${headline ? `: ${headline}` : ''}`,
  summaryFigure: (value, period) => `${value}${period ? ` (${period})` : ''}`,
  summaryFigures: (label, points, skipped) => `${label}: ${(skipped ? [points[0]!, '…', ...points.slice(1)] : points).join(' → ')}`,
  themes: {
    party: 'Xây dựng Đảng',
    economy: 'Kinh tế, ngân sách, đầu tư',
    social: 'An sinh xã hội, văn hóa, y tế, giáo dục',
    security: 'Quốc phòng, an ninh, trật tự',
    tasks: 'Nhiệm vụ thời gian tới',
  },
  sources: 'Nguồn:',
  llm: {
    noValidCitation: 'Câu trả lời của LLM không có trích dẫn hợp lệ; dùng câu trả lời trích từ bài viết.',
    firstLineUnsupported: 'Câu trả lời trực tiếp của LLM không khớp với bài viết; dùng câu trả lời trích từ bài viết.',
    didNotRespond: (reason) => `LLM không phản hồi: ${reason}`,
    timedOut: (s) => `hết thời gian chờ (${s} s)`,
    cancelled: 'yêu cầu đã bị hủy',
    rateLimited: 'máy chủ báo quá tải yêu cầu (429)',
    serverError: (status) => `máy chủ lỗi (${status})`,
    refused: (status) => `máy chủ từ chối yêu cầu (${status})`,
    unknownError: 'lỗi không rõ',
    network: 'không kết nối được máy chủ',
    badReply: 'máy chủ trả về dữ liệu không hợp lệ',
    tooLong: (limit) => `câu trả lời dài quá ${limit.toLocaleString('vi-VN')} ký tự`,
    unusable: (reason) => `Không dùng được câu trả lời của LLM: ${reason}`,
  },
};

const en: AnswerMessages = {
  notFound(d) {
    const of = d.unit ? ` of ${d.unit}` : '';
    const offer = d.available && d.available.length > 0 ? ` The articles${of} report: ${d.available.join('; ')}.` : '';
    switch (d.reason) {
      case 'unit': {
        const head = `The articles contain no report about ${d.unit ?? 'that unit'}.`;
        if (d.suggestions && d.suggestions.length > 0) return `${head} Did you mean ${d.suggestions.join(' or ')}?`;
        return d.known && d.known.length > 0 ? `${head} Units covered: ${d.known.join(', ')}.` : `${head} Send /quan to see the units covered.`;
      }
      case 'meeting':
        return `The articles contain no report of ${d.meeting?.kind === 'congress' ? 'congress' : 'conference'} no. ${d.meeting?.value}${of}.${offer}`;
      case 'term':
        return `The articles contain no report for the ${d.term} term${of}.${offer}`;
      case 'khoa':
        return `The articles contain no report for khóa ${d.khoa}${of}.${offer}`;
      case 'year':
        return `The articles contain no report of a meeting in ${d.year}${of}.${offer}`;
      case 'live':
        return 'The articles are past news reports; they hold no up-to-date information for that day, so I will not guess.';
      case 'empty-question':
        return 'Please type a question, e.g. "Who chaired the 8th conference of District 8?"';
      case 'no-unit':
        return `Which district, ward or commune should I summarise?${d.known && d.known.length > 0 ? ` Units covered: ${d.known.join(', ')}.` : ' Send /quan to see the units covered.'}`;
      case 'no-index':
        return 'The article index is empty.';
      default:
        return 'I could not find this in the articles, so I will not guess.';
    }
  },
  accordingTo: 'According to the articles (quoted in Vietnamese):',
  articleFrame(unit, meeting, date) {
    const details = [meeting, date].filter(Boolean).join(', ');
    return `According to the article${unit ? ` on ${unit}` : ''}${details ? ` (${details})` : ''}, quoted in Vietnamese:`;
  },
  meeting: (n, unit, date, congress) =>
    [congress ? (n ? `Congress no. ${n}` : 'Congress') : n ? `Conference no. ${n}` : 'Conference', unit ? `of the ${unit} Party Committee` : null, date ? `on ${date}` : null]
      .filter(Boolean)
      .join(' '),
  meetingItem: (kind, n, date) =>
    `${kind === 'congress' ? `congress${n ? ` no. ${n}` : ''}` : kind === 'conference' ? `conference${n ? ` no. ${n}` : ''}` : 'another report'}${date ? ` (${date})` : ''}`,
  collectionLeader: (part, names) => `${part === 'chair' ? 'chaired by' : 'concluded by'} ${names.join(', ')}`,
  collectionMeeting: (kind, n, unit, date, part) =>
    `${kind === 'congress' ? `Congress${n ? ` no. ${toRoman(n)}` : ''}` : `Conference${n ? ` no. ${n}` : ''}`}${unit ? ` – ${unit}` : ''}${date ? `, ${date}` : ''}${part ? ` (${{ chair: 'chaired', conclude: 'concluded', open: 'opened', attend: 'attended' }[part]})` : ''}`,
  collectionLatest: (meeting, total) => `The latest meeting in the articles${total > 1 ? ` (of ${total})` : ''}: ${meeting}`,
  collectionHeading(count, kind, unit, person) {
    const noun = kind === 'congress' ? (count === 1 ? 'congress' : 'congresses') : kind === 'conference' ? (count === 1 ? 'conference' : 'conferences') : count === 1 ? 'meeting' : 'meetings';
    const order = count > 1 ? ', newest first' : '';
    if (person) return `${person} chaired or attended ${count} ${noun} in the articles${unit ? ` (${unit})` : ''}${order}:`;
    return `The articles report ${count} ${noun}${unit ? ` of ${unit}` : ''}${order}:`;
  },
  collectionMore: (n) => `… and ${n} more.`,
  compareTop: (kind, percent, line) => `${kind === 'most' ? (percent ? 'Highest' : 'Most') : percent ? 'Lowest' : 'Fewest'}: ${line}`,
  compareOthers: 'Other units:',
  compareHeading: (n) => (n === 1 ? "Each unit's figure:" : `Figures of ${n} units, largest first:`),
  compareUnlikePeriods: (periods) => `The figures cover different periods (${periods.join('; ')}), so they are not ranked together; by period:`,
  compareLine: (unit, figure, period) => `${unit} — ${figure} (${period})`,
  compareNoPeriod: 'period not stated',
  compareOtherMeasure: 'another measure, not compared',
  compareMissing: (unit) => `${unit} — its articles state no such figure`,
  whoIsMeant: 'Who do you mean? Name the person (e.g. "What is Võ Ngọc Quốc Thuận\'s position?"), or ask about a meeting first and then "what is his role?".',
  whichUnit: (units) => `Which unit's meeting do you mean? The matching articles are about: ${units.join(', ')}. Pick one below, or ask again naming the unit.`,
  checkVerdict: (same, printed, stated) => (same ? `Yes — the article states ${printed}.` : `No — the article states ${printed}, not ${stated}.`),
  collectionNoPerson: (person) => `No meeting in the articles names ${person} as chairing or attending.`,
  smallTalk: (kind) =>
    kind === 'thanks'
      ? "You're welcome! Ask me anything else about the meetings."
      : 'Hello! I answer questions about the Party committee meeting reports in my collection, with sources. For example: "Who chaired the 8th conference of Quận 8?" Type /help for more.',
  chairedBy: (name, role) => `Chaired by: ${name}${role ? ` (${role})` : ''}`,
  coChairs: 'Chaired jointly by:',
  noChair: 'The article does not name who chaired the meeting.',
  openedBy: 'Opening speech',
  concludedBy: 'Concluding remarks',
  attendees: 'Attended by:',
  directing: 'attended and directed',
  noAttendees: 'The article does not list who attended the meeting.',
  figureMissing: 'No sentence states the figure asked for; these are the closest ones.',
  fieldLabel: {
    meetingDate: 'Date',
    publishedAt: 'Published',
    meetingNumber: 'Conference',
    congressNumber: 'Congress',
    khoa: 'Khóa',
    term: 'Term',
    author: 'Author',
    openedBy: 'Opening speech',
    concludedBy: 'Concluding remarks',
  },
  dateRange: (first, last, days) => `${first} – ${last} (${days} days)`,
  printedDate: (printed, year, days) => {
    const note = [year, days ? `${days} days` : null].filter(Boolean).join(', ');
    return note ? `${printed} (${note})` : printed;
  },
  printedStamp: (line) => `Date line printed on the page: «${line}»`,
  meetingNumberValue: (n) => `no. ${n}`,
  unitLabel: 'Unit',
  summaryHeading(p) {
    const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    const parts = [
      p.counts.conference ? plural(p.counts.conference, 'conference', 'conferences') : null,
      p.counts.congress ? plural(p.counts.congress, 'congress', 'congresses') : null,
      p.counts.other ? plural(p.counts.other, 'other report', 'other reports') : null,
    ].filter(Boolean);
    const head = `${p.unit}${p.term ? ` — ${termText(p.term)} term` : ''}`;
    const total = p.counts.conference + p.counts.congress + p.counts.other;
    if (total === 1) return `${head}: the articles report ${parts[0]} only`;
    const span = p.first && p.last ? (p.first === p.last ? p.first : `${p.first} – ${p.last}`) : (p.first ?? p.last);
    return `${head}: ${parts.join(', ')}${span ? `, ${span}` : ''}`;
  },
  summaryMoreTitle: (unit) => `${unit} — summary (continued)`,
  summaryTimeline: 'Meetings:',
  summaryMeeting: (date, meeting, person, headline) =>
    `${date ? `${date} — ` : ''}${meeting.charAt(0).toUpperCase()}${meeting.slice(1)}${person ? ` (${person.part === 'chair' ? 'chaired by' : 'concluded by'} ${person.name})` : ''}${headline ? `: ${headline}` : ''}`,
  summaryFigure: (value, period) => `${value}${period ? ` (${period})` : ''}`,
  summaryFigures: (label, points, skipped) => `${label}: ${(skipped ? [points[0]!, '…', ...points.slice(1)] : points).join(' → ')}`,
  themes: {
    party: 'Party building',
    economy: 'Economy, budget and investment',
    social: 'Social welfare, culture, health and education',
    security: 'Defence, security and public order',
    tasks: 'Tasks ahead',
  },
  sources: 'Sources:',
  llm: {
    noValidCitation: 'The LLM answer had no valid citation; showing the extractive answer.',
    firstLineUnsupported: "The LLM's direct answer was not supported by the articles; showing the extractive answer.",
    didNotRespond: (reason) => `The LLM did not respond: ${reason}`,
    timedOut: (s) => `timed out after ${s} s`,
    cancelled: 'the request was cancelled',
    rateLimited: 'rate limited by the server (429)',
    serverError: (status) => `server error (${status})`,
    refused: (status) => `request refused (${status})`,
    unknownError: 'unknown error',
    network: 'could not reach the server',
    badReply: 'the server sent an invalid reply',
    tooLong: (limit) => `the reply exceeded ${limit.toLocaleString('en-US')} characters`,
    unusable: (reason) => `The LLM reply could not be used: ${reason}`,
  },
};

export const ANSWER_MESSAGES: Readonly<Record<Language, AnswerMessages>> = { vi, en };

/** "2023-10-05" → "05/10/2023"; "2023-03" → "03/2023". */
export function displayDate(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  return m[3] ? `${m[3]}/${m[2]}/${m[1]}` : `${m[2]}/${m[1]}`;
}
