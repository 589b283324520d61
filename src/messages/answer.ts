/**
 * The answers' own words, in Vietnamese and English: refusals, frames around quotes, field labels, summary
 * headings, and the notes of the LLM mode's fallbacks. Quotes stay in Vietnamese (the articles' language).
 * Plain text: the bot escapes and formats; the CLI prints as is. Voice: answers speak as "tôi" / "I".
 */
import type { CardField } from '../retrieve/query/intent.js';
import type { ScopeFailure } from '../retrieve/scope.js';
import type { Language } from '../types.js';

export interface NotFoundDetail {
  reason: ScopeFailure | 'no-support' | 'empty-question' | 'no-district' | 'no-index';
  district?: string;
  meetingNumber?: number;
  term?: string;
  congress?: string;
  knownDistricts?: string[];
}

export type SummaryTheme = 'party' | 'economy' | 'social' | 'security' | 'tasks';

export interface AnswerMessages {
  notFound(d: NotFoundDetail): string;
  /** Heading of quotes from several articles. */
  accordingTo: string;
  /** Heading of quotes from one article: its district, meeting number and date when known. */
  articleFrame(district: string | null, meetingNumber: number | null, date: string | null): string;
  /** "Hội nghị lần thứ 8, Ban Chấp hành Đảng bộ Quận 8, ngày 12/07/2022". */
  meeting(n: number | null, district: string | null, date: string | null): string;
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
  /** A meeting number as a field value: "lần thứ 8" / "no. 8". */
  meetingNumberValue(n: number): string;
  /** The district an answer names ("… là bí thư quận nào?"). */
  districtLabel: string;
  summaryTitle(district: string, term: string | null, n: number): string;
  themes: Record<SummaryTheme, string>;
  /** Terminal rendering: the sources heading. */
  sources: string;
  llm: {
    noValidCitation: string;
    didNotRespond(reason: string): string;
    timedOut(seconds: number): string;
    cancelled: string;
    rateLimited: string;
    serverError(status: number): string;
    refused(status: number): string;
    unknownError: string;
  };
}

const vi: AnswerMessages = {
  notFound(d) {
    const known = d.knownDistricts && d.knownDistricts.length > 0 ? d.knownDistricts.join(', ') : '';
    switch (d.reason) {
      case 'district':
        return `Không tìm thấy bài viết nào về ${d.district ?? 'quận/huyện này'} trong dữ liệu.${known ? ` Dữ liệu hiện có: ${known}.` : ''}`;
      case 'meeting':
        return `Không tìm thấy thông tin về hội nghị lần thứ ${d.meetingNumber}${d.district ? ` của ${d.district}` : ''} trong dữ liệu.`;
      case 'term':
        return `Không tìm thấy thông tin về nhiệm kỳ ${d.term}${d.district ? ` của ${d.district}` : ''} trong dữ liệu.`;
      case 'congress':
        return `Không tìm thấy thông tin về khóa ${d.congress}${d.district ? ` của ${d.district}` : ''} trong dữ liệu.`;
      case 'live':
        return 'Dữ liệu chỉ gồm các bài báo đã đăng, không có thông tin cập nhật cho thời điểm đó, nên tôi không trả lời để tránh đoán sai.';
      case 'empty-question':
        return 'Bạn hãy nhập câu hỏi, ví dụ: "Ai chủ trì hội nghị lần thứ 8 Quận 8?"';
      case 'no-district':
        return `Bạn muốn tóm tắt quận/huyện nào?${known ? ` Dữ liệu hiện có: ${known}.` : ''}`;
      case 'no-index':
        return 'Chưa có bài viết nào trong dữ liệu.';
      default:
        return 'Không tìm thấy thông tin này trong các bài viết hiện có, nên tôi không trả lời để tránh đoán sai.';
    }
  },
  accordingTo: 'Theo các bài viết:',
  articleFrame(district, meetingNumber, date) {
    const details = [meetingNumber ? `Hội nghị lần thứ ${meetingNumber}` : null, date ? `ngày ${date}` : null].filter(Boolean).join(', ');
    return `Theo bài viết${district ? ` về ${district}` : ''}${details ? ` (${details})` : ''}:`;
  },
  meeting: (n, district, date) =>
    [n ? `Hội nghị lần thứ ${n}` : 'Hội nghị', district ? `Ban Chấp hành Đảng bộ ${district}` : null, date ? `ngày ${date}` : null]
      .filter(Boolean)
      .join(', '),
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
    meetingNumber: 'Hội nghị',
    congress: 'Khóa',
    term: 'Nhiệm kỳ',
    author: 'Tác giả',
    openedBy: 'Phát biểu khai mạc',
    concludedBy: 'Kết luận hội nghị',
  },
  meetingNumberValue: (n) => `lần thứ ${n}`,
  districtLabel: 'Quận/huyện',
  summaryTitle: (district, term, n) => `Tóm tắt${term ? ` nhiệm kỳ ${term}` : ''} của ${district} (từ ${n} bài viết):`,
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
    didNotRespond: (reason) => `LLM không phản hồi: ${reason}`,
    timedOut: (s) => `hết thời gian chờ (${s} s)`,
    cancelled: 'yêu cầu đã bị hủy',
    rateLimited: 'máy chủ báo quá tải yêu cầu (429)',
    serverError: (status) => `máy chủ lỗi (${status})`,
    refused: (status) => `máy chủ từ chối yêu cầu (${status})`,
    unknownError: 'lỗi không rõ',
  },
};

const en: AnswerMessages = {
  notFound(d) {
    const known = d.knownDistricts && d.knownDistricts.length > 0 ? d.knownDistricts.join(', ') : '';
    switch (d.reason) {
      case 'district':
        return `The articles contain no report about ${d.district ?? 'that district'}.${known ? ` Districts covered: ${known}.` : ''}`;
      case 'meeting':
        return `The articles contain no report of conference no. ${d.meetingNumber}${d.district ? ` of ${d.district}` : ''}.`;
      case 'term':
        return `The articles contain no report for the ${d.term} term${d.district ? ` of ${d.district}` : ''}.`;
      case 'congress':
        return `The articles contain no report for congress (khóa) ${d.congress}${d.district ? ` of ${d.district}` : ''}.`;
      case 'live':
        return 'The articles are past news reports; they hold no up-to-date information for that day, so I will not guess.';
      case 'empty-question':
        return 'Please type a question, e.g. "Who chaired the 8th conference of District 8?"';
      case 'no-district':
        return `Which district should I summarise?${known ? ` Districts covered: ${known}.` : ''}`;
      case 'no-index':
        return 'The article index is empty.';
      default:
        return 'I could not find this in the articles, so I will not guess.';
    }
  },
  accordingTo: 'According to the articles (quoted in Vietnamese):',
  articleFrame(district, meetingNumber, date) {
    const details = [meetingNumber ? `conference no. ${meetingNumber}` : null, date].filter(Boolean).join(', ');
    return `According to the article${district ? ` on ${district}` : ''}${details ? ` (${details})` : ''}, quoted in Vietnamese:`;
  },
  meeting: (n, district, date) =>
    [n ? `Conference no. ${n}` : 'Conference', district ? `of the ${district} Party Committee` : null, date ? `on ${date}` : null]
      .filter(Boolean)
      .join(' '),
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
    meetingNumber: 'Conference',
    congress: 'Congress (khóa)',
    term: 'Term',
    author: 'Author',
    openedBy: 'Opening speech',
    concludedBy: 'Concluding remarks',
  },
  meetingNumberValue: (n) => `no. ${n}`,
  districtLabel: 'District',
  summaryTitle: (district, term, n) => `Summary${term ? ` of the ${term} term` : ''} for ${district} (from ${n} article${n === 1 ? '' : 's'}):`,
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
    didNotRespond: (reason) => `The LLM did not respond: ${reason}`,
    timedOut: (s) => `timed out after ${s} s`,
    cancelled: 'the request was cancelled',
    rateLimited: 'rate limited by the server (429)',
    serverError: (status) => `server error (${status})`,
    refused: (status) => `request refused (${status})`,
    unknownError: 'unknown error',
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
