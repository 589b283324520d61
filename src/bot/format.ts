/**
 * Everything the bot says, rendered as Telegram HTML. Pure functions, no I/O.
 *
 * Contracts:
 * - Every piece of article, pipeline or user text goes through `escapeHtml` (or `link`); the only
 *   raw markup is the fixed tags written here (b, i, a, blockquote).
 * - User-facing copy is Vietnamese; answers whose `language` is 'en' get an English frame
 *   (sources heading, citation details).
 * - Dates "YYYY-MM-DD" render as "dd/mm/yyyy", "YYYY-MM" as "mm/yyyy"; anything else unchanged.
 */
import type { Answer, Citation, CorpusInfo, EventCard, Language } from '../types.js';
import { fold } from '../text/normalize.js';
import { escapeHtml, link } from './html.js';

export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(date);
  if (m) return `${m[2]}/${m[1]}`;
  return date;
}

function dateRange(first: string | null, last: string | null, language: Language = 'vi'): string {
  const a = formatDate(first);
  const b = formatDate(last);
  if (a && b) return a === b ? a : language === 'en' ? `${a} to ${b}` : `${a} đến ${b}`;
  return a || b;
}

/**
 * "[1] title — district — date" with the title linked when the citation has an http(s) URL. `numbers`: every
 * marker citing this article (default c.n), shown as ranges: "[1–3, 5]".
 */
export function formatSourceLine(c: Citation, numbers: readonly number[] = [c.n]): string {
  const parts = [link(c.url, c.title || c.source)];
  if (c.district) parts.push(escapeHtml(c.district));
  if (c.date) parts.push(escapeHtml(formatDate(c.date)));
  return `[${markerRanges(numbers)}] ${parts.join(' — ')}`;
}

/** Ascending marker numbers as ranges: [1, 2, 3, 5] → "1–3, 5". */
function markerRanges(numbers: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    out.push(j > i ? `${numbers[i]}–${numbers[j]}` : String(numbers[i]));
    i = j;
  }
  return out.join(', ');
}

/**
 * The answer message: the answer text (with its [n] markers), then a sources block, then, for an
 * extractive answer standing in for a failed LLM one, its `fallbackReason` in italics.
 * Answers that are not grounded are sent as their text alone (plus that note).
 */
export function formatAnswer(answer: Answer): string {
  const body = escapeHtml(answer.answer.trim());
  const note = answer.mode === 'extractive' && answer.fallbackReason ? `\n\n<i>(${escapeHtml(answer.fallbackReason)})</i>` : '';
  if (!answer.grounded || answer.citations.length === 0) return `${body}${note}`;
  const heading = answer.language === 'en' ? 'Sources:' : 'Nguồn:';
  // One line per article: a summary quoting 12 passages of one article lists it once, "[1–12] title …".
  const byArticle = new Map<string, { first: Citation; numbers: number[] }>();
  for (const c of [...answer.citations].sort((a, b) => a.n - b.n)) {
    const key = `${c.source}\u0000${c.title}\u0000${c.url ?? ''}`;
    const entry = byArticle.get(key);
    if (entry) entry.numbers.push(c.n);
    else byArticle.set(key, { first: c, numbers: [c.n] });
  }
  const lines = [...byArticle.values()].map((e) => formatSourceLine(e.first, e.numbers));
  return `${body}\n\n<b>${heading}</b>\n${lines.join('\n')}${note}`;
}

/** Quotes longer than this are shortened in the citation detail (the article stays one tap away). */
export const MAX_QUOTE_CHARS = 3000;

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The message shown when a citation button is pressed: article details and the quoted passage. */
export function formatCitationDetail(c: Citation, language: Language = 'vi'): string {
  const en = language === 'en';
  const lines = [`<b>[${c.n}]</b> ${link(c.url, c.title || c.source)}`];
  const meta = [c.district, formatDate(c.date)].filter(Boolean).map((s) => escapeHtml(String(s)));
  if (meta.length) lines.push(meta.join(' · '));
  lines.push(`<blockquote>${escapeHtml(truncate(c.quote.trim(), MAX_QUOTE_CHARS))}</blockquote>`);
  lines.push(`<i>${en ? 'Source file' : 'Tệp nguồn'}: ${escapeHtml(c.source)}</i>`);
  return lines.join('\n');
}

/** Three example questions built from the corpus; the third is written without diacritics. */
export function exampleQuestions(info: CorpusInfo): [string, string, string] {
  const names = info.districts.map((d) => d.name);
  const a = names[0] ?? 'Quận 8';
  const b = names[1] ?? a;
  const c = names[2] ?? a;
  return [`Ai chủ trì hội nghị Ban Chấp hành Đảng bộ ${a}?`, `Những ai dự hội nghị của ${b}?`, fold(`Tóm tắt nhiệm kỳ của ${c}`)];
}

function districtNames(info: CorpusInfo, max = 6): string {
  const names = info.districts.map((d) => d.name);
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown}, …` : shown;
}

export function formatStart(info: CorpusInfo, firstName?: string): string {
  const hello = firstName ? `Xin chào ${escapeHtml(firstName)}! 👋` : 'Xin chào! 👋';
  const [q1, q2, q3] = exampleQuestions(info);
  const lines = [
    hello,
    'Mình trả lời câu hỏi về các bài báo tường thuật hội nghị Ban Chấp hành Đảng bộ quận, huyện. ' +
      'Mỗi câu trả lời có số trích dẫn [1], [2]… để bạn đối chiếu với bài gốc.',
    '',
  ];
  if (info.articleCount === 0) {
    lines.push('📚 Hiện chưa có bài viết nào trong dữ liệu.');
  } else {
    const range = dateRange(info.firstDate, info.lastDate);
    lines.push(
      `📚 Hiện có <b>${info.articleCount} bài viết</b> về <b>${info.districts.length} quận/huyện</b>` +
        (info.districts.length ? ` (${escapeHtml(districtNames(info))})` : '') +
        (range ? `, từ ${escapeHtml(range)}.` : '.'),
    );
  }
  lines.push(
    '',
    'Bạn có thể hỏi, ví dụ:',
    `• ${escapeHtml(q1)}`,
    `• ${escapeHtml(q2)}`,
    `• ${escapeHtml(q3)} <i>(gõ không dấu cũng được)</i>`,
    '',
    'Gõ /help để xem cách hỏi và các lệnh.',
  );
  return lines.join('\n');
}

export function formatHelp(info: CorpusInfo, isAdmin: boolean): string {
  const [q1] = exampleQuestions(info);
  const lines = [
    '<b>Cách hỏi</b>',
    'Gõ câu hỏi như khi hỏi một người, nêu rõ quận/huyện và hội nghị (ví dụ “lần thứ 8”). ' +
      'Câu trả lời dựa trên các bài viết, kèm số trích dẫn [1], [2]…',
    `Ví dụ: ${escapeHtml(q1)}`,
    'Bấm nút [1], [2]… dưới câu trả lời để xem đoạn trích gốc; bấm 👍 hoặc 👎 để góp ý.',
    'Có thể hỏi tiếp: sau một câu hỏi về Quận 12, gõ “còn quận 8 thì sao?” hoặc “ai chủ trì?”.',
    '',
    '💡 Không gõ được dấu? Cứ gõ không dấu, ví dụ “ai chu tri hoi nghi quan 8” — mình vẫn hiểu.',
    '',
    '<b>Lệnh</b>',
    '/start — giới thiệu và câu hỏi mẫu',
    '/help — hướng dẫn này',
    '/quan — các quận/huyện có dữ liệu',
    '/tomtat &lt;quận/huyện&gt; — tóm tắt nhiệm kỳ, ví dụ /tomtat Quận 8',
  ];
  if (isAdmin) {
    lines.push(
      '',
      '<b>Quản trị</b>',
      '/reindex — xây dựng lại chỉ mục',
      'Gửi tệp .txt, .html hoặc .md (UTF-8) để nạp thêm một bài viết.',
    );
  }
  lines.push('', 'Trong nhóm: nhắc tên bot (@), trả lời tin nhắn của bot hoặc dùng lệnh.');
  return lines.join('\n');
}

export function formatDistricts(info: CorpusInfo): string {
  if (info.districts.length === 0) return 'Hiện chưa có dữ liệu về quận/huyện nào.';
  const lines = [`<b>Các quận/huyện có dữ liệu</b> (${info.districts.length}):`];
  for (const d of info.districts) {
    const range = dateRange(d.firstDate, d.lastDate);
    lines.push(`• ${escapeHtml(d.name)} — ${d.articleCount} bài${range ? ` (${escapeHtml(range)})` : ''}`);
  }
  lines.push('', 'Xem tóm tắt nhiệm kỳ: /tomtat &lt;tên quận/huyện&gt;');
  return lines.join('\n');
}

export function formatSummaryUsage(info: CorpusInfo): string {
  const lines = ['Cách dùng: <b>/tomtat &lt;quận/huyện&gt;</b>, ví dụ /tomtat ' + escapeHtml(info.districts[0]?.name ?? 'Quận 8')];
  if (info.districts.length) lines.push(`Các quận/huyện có dữ liệu: ${escapeHtml(info.districts.map((d) => d.name).join(', '))}.`);
  return lines.join('\n');
}

/** Reply to an admin upload: the event card the pipeline extracted. */
export function formatEventCard(card: EventCard, fileName: string): string {
  const unknown = '<i>không rõ</i>';
  const meeting: string[] = [];
  if (card.meetingNumber) meeting.push(`lần thứ ${card.meetingNumber.value}`);
  if (card.congress) meeting.push(`khóa ${escapeHtml(card.congress.value)}`);
  if (card.term) meeting.push(`nhiệm kỳ ${escapeHtml(card.term.value)}`);
  let chair: string;
  if (card.chair) {
    const role = card.chair.value.role ? ` (${escapeHtml(card.chair.value.role)})` : '';
    chair = `${escapeHtml(card.chair.value.name)}${role}`;
  } else {
    chair = card.chairNote ? escapeHtml(card.chairNote) : unknown;
  }
  return [
    `✅ Đã nạp <b>${escapeHtml(fileName)}</b>`,
    `<b>${escapeHtml(card.title.value)}</b>`,
    `• Quận/huyện: ${card.district ? escapeHtml(card.district.value.name) : unknown}`,
    `• Ngày họp: ${card.meetingDate ? escapeHtml(formatDate(card.meetingDate.value)) : unknown}`,
    `• Hội nghị: ${meeting.length ? meeting.join(', ') : unknown}`,
    `• Chủ trì: ${chair}`,
  ].join('\n');
}

/** Fixed one-liners. Plain text (no markup); send with `escapeHtml` or as plain. */
export const TEXT = {
  apology: 'Xin lỗi, đã có lỗi khi xử lý yêu cầu của bạn. Bạn vui lòng thử lại sau ít phút.',
  notAllowed: 'Xin lỗi, bot này chỉ phục vụ các cuộc trò chuyện được cho phép.',
  rateLimited: 'Bạn đang hỏi hơi nhanh 🙏 Vui lòng đợi khoảng một phút rồi hỏi tiếp nhé.',
  nonText: 'Mình chỉ đọc được tin nhắn văn bản 🙂 Hãy gõ câu hỏi, ví dụ: “Ai chủ trì hội nghị lần thứ 8 Quận 8?”',
  emptyQuestion: 'Bạn muốn hỏi gì? Ví dụ: “Ai chủ trì hội nghị lần thứ 8 Quận 8?” — gõ /help để xem hướng dẫn.',
  questionTooLong: 'Câu hỏi dài quá. Bạn hãy hỏi ngắn gọn hơn (dưới 1000 ký tự) nhé.',
  unknownCommand: 'Mình không biết lệnh này. Gõ /help để xem các lệnh.',
  expired: 'Câu trả lời này đã cũ nên mình không còn lưu nguồn. Bạn hãy hỏi lại nhé.',
  feedbackThanks: 'Cảm ơn bạn đã góp ý! 🙏',
  feedbackAlready: 'Bạn đã góp ý cho câu trả lời này rồi. Cảm ơn bạn!',
  adminOnlyUpload: 'Chỉ quản trị viên mới được gửi tệp để nạp bài viết. Bạn hãy gửi câu hỏi bằng tin nhắn văn bản nhé.',
  adminOnlyCommand: 'Chỉ quản trị viên mới dùng được lệnh này.',
  ingestDisabled: 'Chức năng nạp bài viết chưa được bật trên máy chủ này.',
  reindexDisabled: 'Chức năng xây dựng lại chỉ mục chưa được bật trên máy chủ này.',
  reindexStarted: 'Đang xây dựng lại chỉ mục… việc này có thể mất vài phút.',
  uploadWrongType: 'Chỉ nhận tệp văn bản .txt, .html, .htm hoặc .md.',
  uploadNotText: 'Tệp này không phải văn bản UTF-8 nên mình không đọc được.',
  uploadEmpty: 'Tệp rỗng, không có gì để nạp.',
} as const;

export function uploadTooLarge(size: number | undefined, max: number): string {
  const mb = (n: number) => (n / 1_000_000).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  return size === undefined ? `Tệp quá lớn; giới hạn là ${mb(max)} MB.` : `Tệp quá lớn (${mb(size)} MB); giới hạn là ${mb(max)} MB.`;
}
