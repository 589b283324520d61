/**
 * Everything the Telegram bot says to people: `vi` (what the bot speaks) and `en` (the frame of English
 * answers, and the command menu for English-language clients).
 *
 * Contracts:
 * - Plain-text messages carry no markup: send them as plain text, or escape them into HTML.
 * - HTML messages (`start`, `help`, `districts`, `summaryUsage`, `eventCard`) use only the fixed tags written
 *   here (b, i) and insert their parameters as given: callers pass parameters already HTML-escaped
 *   (src/bot/format.ts does).
 * - `en` differs from `vi` only where the bot already speaks English: the answer frame (sources heading, citation
 *   details, date ranges) and the command menu; every other message is the Vietnamese one.
 */
import { MAX_QUESTION_CHARS } from '../config/limits.js';
import type { Language } from '../types.js';

/** The commands in the client's menu, with their one-line descriptions. */
export interface CommandDescriptions {
  start: string;
  help: string;
  quan: string;
  tomtat: string;
}

/** /start: facts about the corpus and example questions (all strings HTML-escaped). */
export interface StartParams {
  /** The user's first name, when known. */
  name: string | undefined;
  articles: number;
  districts: number;
  /** Some district names, comma-separated ("…" when cut). */
  districtNames: string;
  /** Dates the articles span ("" when unknown). */
  range: string;
  examples: readonly [string, string, string];
}

/** /quan: one line per district (strings HTML-escaped; `range` "" when unknown). */
export interface DistrictLine {
  name: string;
  articles: number;
  range: string;
}

/** The reply to an admin upload: what was extracted (strings HTML-escaped; undefined = not found). */
export interface EventCardParams {
  fileName: string;
  title: string;
  district: string | undefined;
  date: string | undefined;
  meetingNumber: number | undefined;
  congress: string | undefined;
  term: string | undefined;
  /** In printed order; empty when the article names no chair. */
  chairs: Array<{ name: string; role: string | undefined }>;
  /** Why no chair is named, when `chairs` is empty. */
  chairNote: string | undefined;
}

export interface BotMessages {
  // Plain-text one-liners.
  apology: string;
  notAllowed: string;
  rateLimited: string;
  nonText: string;
  emptyQuestion: string;
  questionTooLong: string;
  unknownCommand: string;
  expired: string;
  feedbackThanks: string;
  feedbackAlready: string;
  adminOnlyUpload: string;
  adminOnlyCommand: string;
  ingestDisabled: string;
  reindexDisabled: string;
  reindexStarted: string;
  reindexBusy: string;
  /** `summary`: the one-line result of the rebuild. */
  reindexDone: (summary: string) => string;
  reindexFailed: (reason: string) => string;
  uploadWrongType: string;
  uploadNotText: string;
  uploadEmpty: string;
  /** Sizes in bytes; `size` undefined when only the download found the file too large. */
  uploadTooLarge: (size: number | undefined, maxBytes: number) => string;
  ingestFailed: (fileName: string, reason: string) => string;
  /**
   * After an upload's card (HTML; `samples` already escaped): how many instruction-like sentences aimed at an AI
   * assistant were left out of the article, and the first of them.
   */
  instructionsLeftOut: (count: number, samples: string[]) => string;

  // Questions the bot asks on the user's behalf (plain text; the pipeline reads them too).
  /** What /tomtat asks; also the third example question. */
  summaryQuestion: (district: string) => string;
  exampleChairQuestion: (district: string) => string;
  exampleAttendeesQuestion: (district: string) => string;

  // The frame around answers and citations (plain text, escaped by the caller).
  sourcesHeading: string;
  sourceFileLabel: string;
  /** Two different formatted dates. */
  dateRange: (from: string, to: string) => string;

  // HTML messages.
  start: (p: StartParams) => string;
  /** `example`: one example question; `admin`: add the admin commands. */
  help: (p: { example: string; admin: boolean }) => string;
  districts: (lines: readonly DistrictLine[]) => string;
  /** `example`: a district name; `districts`: the districts covered, comma-separated ("" when none). */
  summaryUsage: (p: { example: string; districts: string }) => string;
  eventCard: (p: EventCardParams) => string;

  /** The client's command menu. */
  commands: CommandDescriptions;
}

export const vi: BotMessages = {
  apology: 'Xin lỗi, đã có lỗi khi xử lý yêu cầu của bạn. Bạn vui lòng thử lại sau ít phút.',
  notAllowed: 'Xin lỗi, bot này chỉ phục vụ các cuộc trò chuyện được cho phép.',
  rateLimited: 'Bạn đang hỏi hơi nhanh 🙏 Vui lòng đợi khoảng một phút rồi hỏi tiếp nhé.',
  nonText: 'Mình chỉ đọc được tin nhắn văn bản 🙂 Hãy gõ câu hỏi, ví dụ: “Ai chủ trì hội nghị lần thứ 8 Quận 8?”',
  emptyQuestion: 'Bạn muốn hỏi gì? Ví dụ: “Ai chủ trì hội nghị lần thứ 8 Quận 8?” — gõ /help để xem hướng dẫn.',
  questionTooLong: `Câu hỏi dài quá. Bạn hãy hỏi ngắn gọn hơn (dưới ${MAX_QUESTION_CHARS} ký tự) nhé.`,
  unknownCommand: 'Mình không biết lệnh này. Gõ /help để xem các lệnh.',
  expired: 'Câu trả lời này đã cũ nên mình không còn lưu nguồn. Bạn hãy hỏi lại nhé.',
  feedbackThanks: 'Cảm ơn bạn đã góp ý! 🙏',
  feedbackAlready: 'Bạn đã góp ý cho câu trả lời này rồi. Cảm ơn bạn!',
  adminOnlyUpload: 'Chỉ quản trị viên mới được gửi tệp để nạp bài viết. Bạn hãy gửi câu hỏi bằng tin nhắn văn bản nhé.',
  adminOnlyCommand: 'Chỉ quản trị viên mới dùng được lệnh này.',
  ingestDisabled: 'Chức năng nạp bài viết chưa được bật trên máy chủ này.',
  reindexDisabled: 'Chức năng xây dựng lại chỉ mục chưa được bật trên máy chủ này.',
  reindexStarted: 'Đang xây dựng lại chỉ mục… việc này có thể mất vài phút.',
  reindexBusy: 'Chỉ mục đang được xây dựng lại, vui lòng đợi.',
  reindexDone: (summary) => `✅ ${summary}`,
  reindexFailed: (reason) => `Xây dựng lại chỉ mục thất bại: ${reason}`,
  uploadWrongType: 'Chỉ nhận tệp văn bản .txt, .html, .htm hoặc .md.',
  uploadNotText: 'Tệp này không phải văn bản UTF-8 nên mình không đọc được.',
  uploadEmpty: 'Tệp rỗng, không có gì để nạp.',
  uploadTooLarge: (size, maxBytes) => {
    const mb = (n: number) => (n / 1_000_000).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
    return size === undefined ? `Tệp quá lớn; giới hạn là ${mb(maxBytes)} MB.` : `Tệp quá lớn (${mb(size)} MB); giới hạn là ${mb(maxBytes)} MB.`;
  },
  ingestFailed: (fileName, reason) => `Không nạp được ${fileName}: ${reason}`,
  instructionsLeftOut: (count, samples) =>
    `⚠️ <b>${count} câu giống lệnh gửi trợ lý AI</b> đã bị loại khỏi bài (không bao giờ được trích dẫn hay gửi cho mô hình):\n` +
    samples.map((s) => `• <i>${s}</i>`).join('\n'),

  summaryQuestion: (district) => `Tóm tắt nhiệm kỳ của ${district}`,
  exampleChairQuestion: (district) => `Ai chủ trì hội nghị Ban Chấp hành Đảng bộ ${district}?`,
  exampleAttendeesQuestion: (district) => `Những ai dự hội nghị của ${district}?`,

  sourcesHeading: 'Nguồn:',
  sourceFileLabel: 'Tệp nguồn',
  dateRange: (from, to) => `${from} đến ${to}`,

  start: (p) => {
    const lines = [
      p.name ? `Xin chào ${p.name}! 👋` : 'Xin chào! 👋',
      'Mình trả lời câu hỏi về các bài báo tường thuật hội nghị, đại hội của Đảng bộ quận, huyện, phường, xã. ' +
        'Mỗi câu trả lời có số trích dẫn [1], [2]… để bạn đối chiếu với bài gốc.',
      '',
      p.articles === 0
        ? '📚 Hiện chưa có bài viết nào trong dữ liệu.'
        : `📚 Hiện có <b>${p.articles} bài viết</b> về <b>${p.districts} đơn vị</b>` +
          (p.districts ? ` (${p.districtNames})` : '') +
          (p.range ? `, từ ${p.range}.` : '.'),
      '',
      'Bạn có thể hỏi, ví dụ:',
      `• ${p.examples[0]}`,
      `• ${p.examples[1]}`,
      `• ${p.examples[2]} <i>(gõ không dấu cũng được)</i>`,
      '',
      'Gõ /help để xem cách hỏi và các lệnh.',
    ];
    return lines.join('\n');
  },

  help: (p) => {
    const lines = [
      '<b>Cách hỏi</b>',
      'Gõ câu hỏi như khi hỏi một người, nêu rõ đơn vị (quận, huyện, phường, xã) và hội nghị (ví dụ “lần thứ 8”). ' +
        'Câu trả lời dựa trên các bài viết, kèm số trích dẫn [1], [2]…',
      `Ví dụ: ${p.example}`,
      'Bấm nút [1], [2]… dưới câu trả lời để xem đoạn trích gốc; bấm 👍 hoặc 👎 để góp ý.',
      'Có thể hỏi tiếp: sau một câu hỏi về Quận 12, gõ “còn quận 8 thì sao?” hoặc “ai chủ trì?”.',
      '',
      '💡 Không gõ được dấu? Cứ gõ không dấu, ví dụ “ai chu tri hoi nghi quan 8” — mình vẫn hiểu.',
      '',
      '<b>Lệnh</b>',
      '/start — giới thiệu và câu hỏi mẫu',
      '/help — hướng dẫn này',
      '/quan — các đơn vị có dữ liệu',
      '/tomtat &lt;đơn vị&gt; — tóm tắt nhiệm kỳ, ví dụ /tomtat Quận 8',
    ];
    if (p.admin) {
      lines.push('', '<b>Quản trị</b>', '/reindex — xây dựng lại chỉ mục', 'Gửi tệp .txt, .html hoặc .md (UTF-8) để nạp thêm một bài viết.');
    }
    lines.push('', 'Trong nhóm: nhắc tên bot (@), trả lời tin nhắn của bot hoặc dùng lệnh.');
    return lines.join('\n');
  },

  districts: (list) => {
    if (list.length === 0) return 'Hiện chưa có dữ liệu về đơn vị nào.';
    const lines = [`<b>Các đơn vị có dữ liệu</b> (${list.length}):`];
    for (const d of list) lines.push(`• ${d.name} — ${d.articles} bài${d.range ? ` (${d.range})` : ''}`);
    lines.push('', 'Xem tóm tắt nhiệm kỳ: /tomtat &lt;tên đơn vị&gt;');
    return lines.join('\n');
  },

  summaryUsage: (p) => {
    const lines = [`Cách dùng: <b>/tomtat &lt;đơn vị&gt;</b>, ví dụ /tomtat ${p.example}`];
    if (p.districts) lines.push(`Các đơn vị có dữ liệu: ${p.districts}.`);
    return lines.join('\n');
  },

  eventCard: (p) => {
    const unknown = '<i>không rõ</i>';
    const meeting: string[] = [];
    if (p.meetingNumber !== undefined) meeting.push(`lần thứ ${p.meetingNumber}`);
    if (p.congress !== undefined) meeting.push(`khóa ${p.congress}`);
    if (p.term !== undefined) meeting.push(`nhiệm kỳ ${p.term}`);
    const chair = p.chairs.length > 0 ? p.chairs.map((c) => `${c.name}${c.role ? ` (${c.role})` : ''}`).join('; ') : (p.chairNote ?? unknown);
    return [
      `✅ Đã nạp <b>${p.fileName}</b>`,
      `<b>${p.title}</b>`,
      `• Quận/huyện: ${p.district ?? unknown}`,
      `• Ngày họp: ${p.date ?? unknown}`,
      `• Hội nghị: ${meeting.length ? meeting.join(', ') : unknown}`,
      `• Chủ trì: ${chair}`,
    ].join('\n');
  },

  commands: {
    start: 'Giới thiệu và câu hỏi mẫu',
    help: 'Cách hỏi và các lệnh',
    quan: 'Các đơn vị (quận, huyện, phường, xã) có dữ liệu',
    tomtat: 'Tóm tắt nhiệm kỳ của một đơn vị',
  },
};

export const en: BotMessages = {
  ...vi,
  sourcesHeading: 'Sources:',
  sourceFileLabel: 'Source file',
  dateRange: (from, to) => `${from} to ${to}`,
  commands: {
    start: 'Introduction and sample questions',
    help: 'How to ask, and the commands',
    quan: 'Districts covered',
    tomtat: 'Term summary for a district',
  },
};

/** The messages for `language`; Vietnamese when it is not given. */
export function botMessages(language: Language = 'vi'): BotMessages {
  return language === 'en' ? en : vi;
}
