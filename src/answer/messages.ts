/**
 * User-facing answer frames in Vietnamese and English. Quotes stay in Vietnamese (the articles' language).
 * Plain text: the bot escapes and formats; the CLI prints as is.
 */
import type { Language } from '../types.js';
import type { ScopeFailure } from '../retrieve/hybrid.js';

export interface NotFoundDetail {
  reason: ScopeFailure | 'no-support' | 'empty-question' | 'no-district' | 'no-index';
  district?: string;
  meetingNumber?: number;
  term?: string;
  congress?: string;
  knownDistricts?: string[];
}

export function notFound(lang: Language, d: NotFoundDetail): string {
  const known = d.knownDistricts && d.knownDistricts.length > 0 ? d.knownDistricts.join(', ') : '';
  if (lang === 'en') {
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
  }
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
}

export const FRAME = {
  vi: {
    accordingTo: 'Theo các bài viết:',
    chairedBy: (name: string, role: string) => `Người chủ trì: ${name}${role ? ` (${role})` : ''}`,
    noChair: 'Bài viết không nêu người chủ trì.',
    openedBy: 'Phát biểu khai mạc',
    concludedBy: 'Kết luận hội nghị',
    attendees: 'Thành phần dự:',
    noAttendees: 'Bài viết không nêu thành phần dự hội nghị.',
    figureMissing: 'Không có câu nào nêu đúng con số được hỏi; dưới đây là các câu liên quan nhất.',
    summaryTitle: (district: string, term: string | null, n: number) =>
      `Tóm tắt${term ? ` nhiệm kỳ ${term}` : ''} của ${district} (từ ${n} bài viết):`,
    meeting: (n: number | null, district: string | null, date: string | null) =>
      [n ? `Hội nghị lần thứ ${n}` : 'Hội nghị', district ? `Ban Chấp hành Đảng bộ ${district}` : null, date ? `ngày ${date}` : null]
        .filter(Boolean)
        .join(', '),
    themes: {
      party: 'Xây dựng Đảng',
      economy: 'Kinh tế, ngân sách, đầu tư',
      social: 'An sinh xã hội, văn hóa, y tế, giáo dục',
      security: 'Quốc phòng, an ninh, trật tự',
      tasks: 'Nhiệm vụ thời gian tới',
    },
  },
  en: {
    accordingTo: 'According to the articles (quoted in Vietnamese):',
    chairedBy: (name: string, role: string) => `Chaired by: ${name}${role ? ` (${role})` : ''}`,
    noChair: 'The article does not name who chaired the meeting.',
    openedBy: 'Opening speech',
    concludedBy: 'Concluding remarks',
    attendees: 'Attended by:',
    noAttendees: 'The article does not list who attended the meeting.',
    figureMissing: 'No sentence states the figure asked for; these are the closest ones.',
    summaryTitle: (district: string, term: string | null, n: number) =>
      `Summary${term ? ` of the ${term} term` : ''} for ${district} (from ${n} article${n === 1 ? '' : 's'}):`,
    meeting: (n: number | null, district: string | null, date: string | null) =>
      [n ? `Conference no. ${n}` : 'Conference', district ? `of the ${district} Party Committee` : null, date ? `on ${date}` : null]
        .filter(Boolean)
        .join(' '),
    themes: {
      party: 'Party building',
      economy: 'Economy, budget and investment',
      social: 'Social welfare, culture, health and education',
      security: 'Defence, security and public order',
      tasks: 'Tasks ahead',
    },
  },
} as const;

/** "2023-10-05" → "05/10/2023"; "2023-03" → "03/2023". */
export function displayDate(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  return m[3] ? `${m[3]}/${m[2]}/${m[1]}` : `${m[2]}/${m[1]}`;
}
