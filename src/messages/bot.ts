/**
 * Everything the Telegram bot (and the terminal chat) says to people, in Vietnamese (`vi`) and English (`en`), in
 * one voice: the interface speaks as "Mình" and calls the user "bạn" (English: "I" / "you"); answers (answer.ts)
 * speak as "tôi". A user gets one language: the language of their last question, else their client's
 * (src/bot/language.ts).
 *
 * Contracts:
 * - Plain-text messages carry no markup: send them as plain text, or escape them into HTML.
 * - HTML messages (`start`, `help`, `districts`, `summaryUsage`, `eventCard`, `groupGreeting`, `articles`) use only
 *   the fixed tags written here (b, i) and insert their parameters as given: callers pass parameters already
 *   HTML-escaped (src/bot/format.ts does).
 * - Quotation marks are the curly ones Vietnamese uses: “…”.
 * - No message names a server path.
 */
import { MAX_QUESTION_CHARS } from '../config/limits.js';
import type { Language } from '../types.js';

/** A reason a 👎 can give. */
export type FeedbackReasonKey = 'wrong' | 'incomplete' | 'outdated' | 'other';

/** The result of /reindex. */
export interface ReindexParams {
  articles: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  skipped: number;
  seconds: number;
}

/** One line of /baiviet (strings HTML-escaped; `date` and `by` "" when unknown). */
export interface ArticleLine {
  id: string;
  title: string;
  unit: string;
  date: string;
  by: string;
  /** When it was added, dd/mm/yyyy. */
  added: string;
}

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
  /** A question over the limit: when to send it again. */
  rateLimited: (seconds: number) => string;
  nonText: string;
  emptyQuestion: string;
  questionTooLong: string;
  unknownCommand: string;
  expired: string;
  feedbackThanks: string;
  feedbackAlready: string;
  /** After 👎: the reasons are offered as buttons under the answer. */
  feedbackAskReason: string;
  feedbackReasons: Record<FeedbackReasonKey, string>;
  feedbackReasonThanks: string;
  adminOnlyUpload: string;
  adminOnlyCommand: string;
  ingestDisabled: string;
  reindexDisabled: string;
  reindexStarted: string;
  reindexBusy: string;
  reindexDone: (r: ReindexParams) => string;
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
  /** The file reads as text but reports no meeting (no unit, no event, no date). */
  uploadNotArticle: (fileName: string) => string;
  /** The same content is already indexed: its title, and who added it when it was an upload. */
  uploadDuplicate: (fileName: string, title: string, by: string | null, added: string | null) => string;
  articlesEmpty: string;
  articlesDisabled: string;
  /** The label of a remove button. */
  removeButton: (id: string) => string;
  removeUsage: string;
  removed: (title: string) => string;
  removeNotFound: (id: string) => string;
  removeFailed: (reason: string) => string;

  // Questions the bot asks on the user's behalf (plain text; the pipeline reads them too).
  /** What /tomtat asks; also the third example question. */
  summaryQuestion: (district: string) => string;
  exampleChairQuestion: (district: string) => string;
  exampleAttendeesQuestion: (district: string) => string;

  // The frame around answers and citations (plain text, escaped by the caller).
  sourcesHeading: string;
  /** The button under an answer with a continuation (a term summary's rest). */
  moreButton: string;
  /** The terminal chat: how to see an answer's continuation, and when there is none. */
  moreHint: string;
  nothingMore: string;
  /** A source line's publication date (distinct from the meeting's): "đăng ngày 23/06/2022". */
  publishedOn: (date: string) => string;
  /** Two different formatted dates. */
  dateRange: (from: string, to: string) => string;

  // HTML messages.
  start: (p: StartParams) => string;
  /** `example`: one example question; `admin`: add the admin commands; `terminal`: the terminal chat's help. */
  help: (p: { example: string; admin: boolean; terminal?: boolean }) => string;
  districts: (lines: readonly DistrictLine[]) => string;
  /** `example`: a district name; `districts`: the districts covered, comma-separated ("" when none). */
  summaryUsage: (p: { example: string; districts: string }) => string;
  eventCard: (p: EventCardParams) => string;
  /** Said once when the bot is added to a group: what it does and how to address it. */
  groupGreeting: (p: { handle: string; articles: number; units: number; example: string }) => string;
  /** /baiviet: the newest uploaded articles. */
  articles: (lines: readonly ArticleLine[], total: number) => string;

  // The terminal chat (plain text).
  terminalGreeting: (p: { articles: number; units: string; example: string }) => string;

  /** The client's command menu. */
  commands: CommandDescriptions;
}

const mbVi = (n: number) => (n / 1_000_000).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
const mbEn = (n: number) => (n / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 });

export const vi: BotMessages = {
  apology: 'Xin lỗi, mình gặp lỗi khi xử lý yêu cầu của bạn. Bạn vui lòng thử lại sau ít phút nhé.',
  notAllowed: 'Xin lỗi, mình chỉ phục vụ các cuộc trò chuyện được cho phép.',
  rateLimited: (seconds) => `Bạn đang hỏi hơi nhanh 🙏 Mình chưa trả lời câu này — bạn gửi lại sau khoảng ${seconds} giây nhé.`,
  nonText: 'Mình chỉ đọc được tin nhắn văn bản 🙂 Bạn hãy gõ câu hỏi (hoặc ghi câu hỏi vào chú thích ảnh), ví dụ: “Ai chủ trì hội nghị lần thứ 8 Quận 8?”',
  emptyQuestion: 'Bạn muốn hỏi gì? Ví dụ: “Ai chủ trì hội nghị lần thứ 8 Quận 8?” — gõ /help để xem hướng dẫn.',
  questionTooLong: `Câu hỏi dài quá. Bạn hãy hỏi ngắn gọn hơn (dưới ${MAX_QUESTION_CHARS} ký tự) nhé.`,
  unknownCommand: 'Mình không biết lệnh này. Gõ /help để xem các lệnh.',
  expired: 'Câu trả lời này đã quá cũ nên mình không còn lưu nguồn của nó. Bạn hãy hỏi lại nhé.',
  feedbackThanks: 'Cảm ơn bạn đã góp ý! 🙏',
  feedbackAlready: 'Bạn đã góp ý cho câu trả lời này rồi. Cảm ơn bạn!',
  feedbackAskReason: 'Cảm ơn bạn! Câu trả lời chưa ổn ở đâu? Bạn chọn một nút bên dưới nhé.',
  feedbackReasons: { wrong: 'Sai', incomplete: 'Thiếu', outdated: 'Đã cũ', other: 'Lý do khác' },
  feedbackReasonThanks: 'Mình đã ghi nhận. Cảm ơn bạn! 🙏',
  adminOnlyUpload: 'Chỉ quản trị viên mới được gửi tệp để nạp bài viết. Bạn hãy gửi câu hỏi bằng tin nhắn văn bản nhé.',
  adminOnlyCommand: 'Chỉ quản trị viên mới dùng được lệnh này.',
  ingestDisabled: 'Chức năng nạp bài viết chưa được bật trên máy chủ này.',
  reindexDisabled: 'Chức năng xây dựng lại chỉ mục chưa được bật trên máy chủ này.',
  reindexStarted: 'Mình đang xây dựng lại chỉ mục… việc này có thể mất vài phút.',
  reindexBusy: 'Chỉ mục đang được xây dựng lại, bạn vui lòng đợi nhé.',
  reindexDone: (r) =>
    `✅ Đã xây dựng lại chỉ mục: ${r.articles} bài viết` +
    (r.added + r.updated + r.removed > 0 ? ` (thêm ${r.added}, cập nhật ${r.updated}, gỡ ${r.removed})` : ' (không có thay đổi)') +
    (r.skipped > 0 ? `, bỏ qua ${r.skipped} tệp lỗi` : '') +
    `; ${r.seconds.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} giây.`,
  reindexFailed: (reason) => `Xây dựng lại chỉ mục thất bại: ${reason}`,
  uploadWrongType: 'Mình chỉ nhận tệp văn bản .txt, .html, .htm hoặc .md.',
  uploadNotText: 'Tệp này không phải văn bản UTF-8 nên mình không đọc được.',
  uploadEmpty: 'Tệp rỗng, không có gì để nạp.',
  uploadTooLarge: (size, maxBytes) =>
    size === undefined ? `Tệp quá lớn; giới hạn là ${mbVi(maxBytes)} MB.` : `Tệp quá lớn (${mbVi(size)} MB); giới hạn là ${mbVi(maxBytes)} MB.`,
  ingestFailed: (fileName, reason) => `Không nạp được ${fileName}: ${reason}`,
  instructionsLeftOut: (count, samples) =>
    `⚠️ <b>${count} câu giống lệnh gửi trợ lý AI</b> đã bị loại khỏi bài (không bao giờ được trích dẫn hay gửi cho mô hình):\n` +
    samples.map((s) => `• <i>${s}</i>`).join('\n'),
  uploadNotArticle: (fileName) =>
    `Mình không nạp ${fileName}: tệp này không giống bài tường thuật hội nghị, đại hội — mình không tìm thấy đơn vị, loại cuộc họp hay ngày họp nào trong đó.`,
  uploadDuplicate: (fileName, title, by, added) =>
    `${fileName} đã có trong dữ liệu (cùng nội dung với “${title}”` + (by ? `, do ${by} thêm` : '') + (added ? ` ngày ${added}` : '') + '), nên mình không nạp lại.',
  articlesEmpty: 'Chưa có bài viết nào được gửi lên qua bot.',
  articlesDisabled: 'Chức năng quản lý bài viết chưa được bật trên máy chủ này.',
  removeButton: (id) => `🗑 Gỡ ${id}`,
  removeUsage: 'Cách dùng: /xoa <mã bài>, mã bài xem bằng /baiviet.',
  removed: (title) => `🗑 Đã gỡ “${title}” khỏi dữ liệu.`,
  removeNotFound: (id) => `Không có bài viết nào mang mã ${id}. Gõ /baiviet để xem các mã.`,
  removeFailed: (reason) => `Không gỡ được bài viết: ${reason}`,

  summaryQuestion: (district) => `Tóm tắt nhiệm kỳ của ${district}`,
  exampleChairQuestion: (district) => `Ai chủ trì hội nghị Ban Chấp hành Đảng bộ ${district}?`,
  exampleAttendeesQuestion: (district) => `Những ai dự hội nghị của ${district}?`,

  sourcesHeading: 'Nguồn:',
  moreButton: 'Xem thêm ▸',
  moreHint: '(Gõ /them để xem phần tiếp theo.)',
  nothingMore: 'Không có phần tiếp theo: câu trả lời vừa rồi đã đầy đủ.',
  publishedOn: (date) => `đăng ngày ${date}`,
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
    ];
    if (!p.terminal) lines.push('Bấm nút [1], [2]… dưới câu trả lời để xem đoạn trích gốc; bấm 👍 hoặc 👎 để góp ý. Sửa câu hỏi đã gửi thì mình trả lời lại.');
    lines.push(
      'Có thể hỏi tiếp: sau một câu hỏi về Quận 12, gõ “còn quận 8 thì sao?” hoặc “ai chủ trì?”.',
      '',
      '💡 Không gõ được dấu? Cứ gõ không dấu, ví dụ “ai chu tri hoi nghi quan 8” — mình vẫn hiểu.',
      '',
      '<b>Lệnh</b>',
      '/start — giới thiệu và câu hỏi mẫu',
      '/help — hướng dẫn này',
      '/quan — các đơn vị có dữ liệu',
      '/tomtat &lt;đơn vị&gt; — tóm tắt nhiệm kỳ, ví dụ /tomtat Quận 8',
    );
    if (p.terminal) lines.push('/them — phần tiếp theo của bản tóm tắt vừa xem');
    if (p.admin) {
      lines.push(
        '',
        '<b>Quản trị</b>',
        'Gửi tệp .txt, .html hoặc .md (UTF-8) để nạp thêm một bài viết.',
        '/baiviet — các bài viết đã gửi lên gần đây (kèm nút gỡ)',
        '/xoa &lt;mã bài&gt; — gỡ một bài viết đã gửi lên',
        '/reindex — xây dựng lại chỉ mục',
      );
    }
    if (p.terminal) lines.push('', 'Ctrl+D để thoát.');
    else lines.push('', 'Trong nhóm: nhắc tên mình (@), trả lời tin nhắn của mình hoặc dùng lệnh.');
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
      `• Đơn vị: ${p.district ?? unknown}`,
      `• Ngày họp: ${p.date ?? unknown}`,
      `• Hội nghị: ${meeting.length ? meeting.join(', ') : unknown}`,
      `• Chủ trì: ${chair}`,
    ].join('\n');
  },

  groupGreeting: (p) =>
    [
      'Xin chào cả nhóm! 👋',
      `Mình trả lời câu hỏi về các bài báo tường thuật hội nghị, đại hội của Đảng bộ (hiện có ${p.articles} bài viết về ${p.units} đơn vị), kèm trích dẫn bài gốc.`,
      '',
      `Để hỏi mình, bạn nhắc tên mình kèm câu hỏi, ví dụ: ${p.handle} ${p.example}`,
      'hoặc trả lời (reply) một tin nhắn của mình, hoặc dùng lệnh như /tomtat Quận 8.',
      `Các tin nhắn khác trong nhóm mình không đọc. Gõ /help${p.handle} để xem hướng dẫn.`,
    ].join('\n'),

  articles: (list, total) => {
    const lines = [`<b>Bài viết gửi lên gần đây</b> (${list.length}/${total}):`];
    for (const a of list) {
      const meta = [a.unit, a.date].filter(Boolean).join(', ');
      lines.push(`• <b>${a.id}</b> — ${a.title}${meta ? ` (${meta})` : ''}`, `   thêm bởi ${a.by || 'không rõ'}, ${a.added}`);
    }
    lines.push('', 'Gỡ một bài: bấm nút bên dưới hoặc gõ /xoa &lt;mã bài&gt;.');
    return lines.join('\n');
  },

  terminalGreeting: (p) =>
    `Hỏi đáp về ${p.articles} bài viết (${p.units}). Gõ câu hỏi rồi Enter; /help xem hướng dẫn; Ctrl+D để thoát.\nVí dụ: ${p.example}\n`,

  commands: {
    start: 'Giới thiệu và câu hỏi mẫu',
    help: 'Cách hỏi và các lệnh',
    quan: 'Các đơn vị (quận, huyện, phường, xã) có dữ liệu',
    tomtat: 'Tóm tắt nhiệm kỳ của một đơn vị',
  },
};

export const en: BotMessages = {
  apology: 'Sorry, something went wrong while I handled your request. Please try again in a few minutes.',
  notAllowed: 'Sorry, I only serve the chats I am allowed in.',
  rateLimited: (seconds) => `You are asking a little fast 🙏 I have not answered this one — please send it again in about ${seconds} seconds.`,
  nonText: 'I can only read text messages 🙂 Type your question (or put it in a photo’s caption), e.g. “Who chaired the 8th conference of District 8?”',
  emptyQuestion: 'What would you like to ask? E.g. “Who chaired the 8th conference of District 8?” — type /help for help.',
  questionTooLong: `That question is too long. Please keep it shorter (under ${MAX_QUESTION_CHARS} characters).`,
  unknownCommand: 'I do not know that command. Type /help to see the commands.',
  expired: 'This answer is too old: I no longer keep its sources. Please ask again.',
  feedbackThanks: 'Thank you for your feedback! 🙏',
  feedbackAlready: 'You already rated this answer. Thank you!',
  feedbackAskReason: 'Thank you! What was wrong with the answer? Please pick a button below.',
  feedbackReasons: { wrong: 'Wrong', incomplete: 'Incomplete', outdated: 'Outdated', other: 'Other' },
  feedbackReasonThanks: 'Noted. Thank you! 🙏',
  adminOnlyUpload: 'Only admins can send files to add articles. Please send your question as a text message.',
  adminOnlyCommand: 'Only admins can use this command.',
  ingestDisabled: 'Adding articles is not enabled on this server.',
  reindexDisabled: 'Rebuilding the index is not enabled on this server.',
  reindexStarted: 'Rebuilding the index… this may take a few minutes.',
  reindexBusy: 'The index is being rebuilt; please wait.',
  reindexDone: (r) =>
    `✅ Index rebuilt: ${r.articles} articles` +
    (r.added + r.updated + r.removed > 0 ? ` (${r.added} added, ${r.updated} updated, ${r.removed} removed)` : ' (no changes)') +
    (r.skipped > 0 ? `, ${r.skipped} files skipped with problems` : '') +
    `; ${r.seconds.toLocaleString('en-US', { maximumFractionDigits: 1 })} s.`,
  reindexFailed: (reason) => `Rebuilding the index failed: ${reason}`,
  uploadWrongType: 'I only take .txt, .html, .htm or .md text files.',
  uploadNotText: 'This file is not UTF-8 text, so I cannot read it.',
  uploadEmpty: 'The file is empty: nothing to add.',
  uploadTooLarge: (size, maxBytes) =>
    size === undefined ? `The file is too large; the limit is ${mbEn(maxBytes)} MB.` : `The file is too large (${mbEn(size)} MB); the limit is ${mbEn(maxBytes)} MB.`,
  ingestFailed: (fileName, reason) => `Could not add ${fileName}: ${reason}`,
  uploadNotArticle: (fileName) =>
    `I did not add ${fileName}: it does not read like a report of a Party conference or congress — I found no unit, no kind of meeting and no date in it.`,
  uploadDuplicate: (fileName, title, by, added) =>
    `${fileName} is already in the data (same content as “${title}”` + (by ? `, added by ${by}` : '') + (added ? ` on ${added}` : '') + '), so I did not add it again.',
  articlesEmpty: 'No articles have been sent through the bot yet.',
  articlesDisabled: 'Managing articles is not enabled on this server.',
  removeButton: (id) => `🗑 Remove ${id}`,
  removeUsage: 'Usage: /xoa <article id>; /baiviet shows the ids.',
  removed: (title) => `🗑 Removed “${title}” from the data.`,
  removeNotFound: (id) => `No article has the id ${id}. Type /baiviet to see the ids.`,
  removeFailed: (reason) => `Could not remove the article: ${reason}`,
  instructionsLeftOut: (count, samples) =>
    `⚠️ <b>${count} sentence${count === 1 ? '' : 's'} reading like instructions to an AI assistant</b> left out of the article (never quoted, never sent to a model):\n` +
    samples.map((s) => `• <i>${s}</i>`).join('\n'),

  summaryQuestion: (district) => `Summary of the term of ${district}`,
  exampleChairQuestion: (district) => `Who chaired the Party Committee conference of ${district}?`,
  exampleAttendeesQuestion: (district) => `Who attended the conference of ${district}?`,

  sourcesHeading: 'Sources:',
  moreButton: 'More ▸',
  moreHint: '(Type /them for the rest.)',
  nothingMore: 'There is nothing more: the last answer was complete.',
  publishedOn: (date) => `published ${date}`,
  dateRange: (from, to) => `${from} to ${to}`,

  start: (p) =>
    [
      p.name ? `Hello ${p.name}! 👋` : 'Hello! 👋',
      'I answer questions about news reports of the conferences and congresses of Party committees of districts, wards and communes. ' +
        'Every answer carries citation numbers [1], [2]… so you can check the original article.',
      '',
      p.articles === 0
        ? '📚 There are no articles in the data yet.'
        : `📚 I have <b>${p.articles} articles</b> about <b>${p.districts} units</b>` +
          (p.districts ? ` (${p.districtNames})` : '') +
          (p.range ? `, from ${p.range}.` : '.'),
      '',
      'You can ask, for example:',
      `• ${p.examples[0]}`,
      `• ${p.examples[1]}`,
      `• ${p.examples[2]} <i>(Vietnamese works too, with or without diacritics)</i>`,
      '',
      'Type /help to see how to ask, and the commands.',
    ].join('\n'),

  help: (p) => {
    const lines = [
      '<b>How to ask</b>',
      'Ask as you would ask a person, naming the unit (district, ward, commune) and the meeting (e.g. “8th conference”). ' +
        'Answers come from the articles, with citation numbers [1], [2]…',
      `Example: ${p.example}`,
    ];
    if (!p.terminal) lines.push('Tap [1], [2]… under an answer to see the quoted passage; tap 👍 or 👎 to rate it. Edit a question you sent and I answer it again.');
    lines.push(
      'Follow-ups work: after a question about District 12, type “what about District 8?” or “who chaired it?”.',
      '',
      '<b>Commands</b>',
      '/start — introduction and sample questions',
      '/help — this help',
      '/quan — the units covered',
      '/tomtat &lt;unit&gt; — summary of a term, e.g. /tomtat District 8',
    );
    if (p.terminal) lines.push('/them — the rest of the summary just shown');
    if (p.admin) {
      lines.push(
        '',
        '<b>Admins</b>',
        'Send a .txt, .html or .md file (UTF-8) to add an article.',
        '/baiviet — the articles sent most recently (with remove buttons)',
        '/xoa &lt;article id&gt; — remove an article that was sent',
        '/reindex — rebuild the index',
      );
    }
    if (p.terminal) lines.push('', 'Ctrl+D to quit.');
    else lines.push('', 'In groups: mention me (@), reply to one of my messages, or use a command.');
    return lines.join('\n');
  },

  districts: (list) => {
    if (list.length === 0) return 'There is no data about any unit yet.';
    const lines = [`<b>Units covered</b> (${list.length}):`];
    for (const d of list) lines.push(`• ${d.name} — ${d.articles} ${d.articles === 1 ? 'article' : 'articles'}${d.range ? ` (${d.range})` : ''}`);
    lines.push('', 'Summary of a term: /tomtat &lt;unit&gt;');
    return lines.join('\n');
  },

  summaryUsage: (p) => {
    const lines = [`Usage: <b>/tomtat &lt;unit&gt;</b>, e.g. /tomtat ${p.example}`];
    if (p.districts) lines.push(`Units covered: ${p.districts}.`);
    return lines.join('\n');
  },

  eventCard: (p) => {
    const unknown = '<i>unknown</i>';
    const meeting: string[] = [];
    if (p.meetingNumber !== undefined) meeting.push(`no. ${p.meetingNumber}`);
    if (p.congress !== undefined) meeting.push(`khóa ${p.congress}`);
    if (p.term !== undefined) meeting.push(`term ${p.term}`);
    const chair = p.chairs.length > 0 ? p.chairs.map((c) => `${c.name}${c.role ? ` (${c.role})` : ''}`).join('; ') : (p.chairNote ?? unknown);
    return [
      `✅ Added <b>${p.fileName}</b>`,
      `<b>${p.title}</b>`,
      `• Unit: ${p.district ?? unknown}`,
      `• Meeting date: ${p.date ?? unknown}`,
      `• Meeting: ${meeting.length ? meeting.join(', ') : unknown}`,
      `• Chaired by: ${chair}`,
    ].join('\n');
  },

  groupGreeting: (p) =>
    [
      'Hello everyone! 👋',
      `I answer questions about news reports of Party committee conferences and congresses (${p.articles} articles about ${p.units} units for now), citing the original articles.`,
      '',
      `To ask me, mention me with your question, e.g.: ${p.handle} ${p.example}`,
      'or reply to one of my messages, or use a command such as /tomtat District 8.',
      `I do not read the other messages of the group. Type /help${p.handle} for help.`,
    ].join('\n'),

  articles: (list, total) => {
    const lines = [`<b>Articles sent recently</b> (${list.length}/${total}):`];
    for (const a of list) {
      const meta = [a.unit, a.date].filter(Boolean).join(', ');
      lines.push(`• <b>${a.id}</b> — ${a.title}${meta ? ` (${meta})` : ''}`, `   added by ${a.by || 'unknown'}, ${a.added}`);
    }
    lines.push('', 'To remove one: tap a button below or type /xoa &lt;article id&gt;.');
    return lines.join('\n');
  },

  terminalGreeting: (p) =>
    `Questions about ${p.articles} articles (${p.units}). Type a question and press Enter; /help for help; Ctrl+D to quit.\nExample: ${p.example}\n`,

  commands: {
    start: 'Introduction and sample questions',
    help: 'How to ask, and the commands',
    quan: 'Units covered',
    tomtat: 'Summary of a unit’s term',
  },
};

/** The messages for `language`; Vietnamese when it is not given. */
export function botMessages(language: Language = 'vi'): BotMessages {
  return language === 'en' ? en : vi;
}
