/**
 * Removing site furniture from a scraped article while keeping every sentence of the report.
 * Pure function, no I/O.
 *
 * Contracts of `cleanArticleText`:
 * - The body keeps every report line verbatim (after normalizeText and whitespace squashing), in
 *   order, one paragraph per input line, paragraphs separated by "\n\n". Three repairs: a line hard-wrapped
 *   inside a sentence (it ends without punctuation and the next line, after a single line break, starts in
 *   lowercase: "Bí thư Tỉnh\nủy") is joined to the next; a caption glued to the next sentence ("… dự Đại
 *   hội.Phường An Hải …", a lowercase word, "." and a capitalised word) is split into its own paragraph; the Latin
 *   Ð/ð printed for Đ/đ is replaced.
 * - Dates (see dates.ts for the stamp shapes): the first publication stamp of the header zone (the first
 *   HEADER_LINES lines: a leading "date 2023-03-30" prefix, a stamp line, a stamp closing the title line
 *   "Title (12:06 09/07/2020)") → `date` ("YYYY-MM-DD") and `dateLine`. Not publication dates, kept as `dateBound`
 *   (a date the report is not after): a month-only stamp ("date 2023-03" → "2023-03") and a page-render header —
 *   a weekday date without a time that stands first, before the title ("Thứ Tư, ngày 28 tháng 2 năm 2024").
 *   Every stamp line is removed from the body.
 * - Removed (listed in `removed`): stamp lines, view counters, section banners (an all-caps line, or a line
 *   printed twice, before the title), breadcrumbs, known furniture lines ("Ý kiến bạn đọc", "Tin khác",
 *   "refresh", "Ý kiến ()", "Tiếng việt | English", login links, …), widget and template residue ("A A", "A- A A+ |
 *   Tăng tương phản …", "Xem với cỡ chữ", "leftcenterrightdel", "title", a lone letter or punctuation line, image file
 *   names, "QR Code …", comment-form text, an aggregator's "Nguồn X: URL" line), trailing short non-sentence
 *   lines after the author, and a paragraph printed before (identical, or the tail of the paragraph before it).
 * - Moved out of the body: the title line (→ `title`), the author line (→ `author`), photo captions
 *   (→ `captions`, one copy each): short lines printed twice ("Quang cảnh hội nghị. Quang cảnh hội
 *   nghị."), image captions ending in "- Ảnh 1.", and short lines between the title and a lead that starts with
 *   a source tag "(Site) -". Captions are dropped from the body because they repeat what the report says and are
 *   not report sentences; longer doubled lines keep one copy in the body.
 * - Source prefixes: a parenthesised tag opening the lead stays in the body ("(Thanhuytphcm.vn) - …", read by
 *   the event card) and is reported as `sourceTag`; a bare agency prefix ("HNP - ", "TTO - ", "DNTH: ",
 *   "Kinhtedothi – ", "VOV.VN - ") and a dash left of a removed one ("- Chiều 5-8, …") are cut from the lead (the
 *   bare prefix is reported as `sourceTag`).
 * - Numbers are never lost: a line with a digit is never treated as a caption (except "- Ảnh N." image captions)
 *   or as unknown trailing furniture (a doubled line with a digit keeps one copy in the body). Only stamps,
 *   counters, repeated paragraphs, residue and known furniture lines with digits are dropped.
 * - Title: `hints.title` when given; else the first heading-shaped line (short, no final period)
 *   before the first sentence-shaped line; else derived from the first sentence (source tag and
 *   leading time phrase dropped, cut at the first comma/period after 40 chars, at most ~130 chars). When the
 *   page's heading markup was lost — chrome stands first ("title", "A- A A+ …", a stray letter) or a stamp is
 *   printed inside the first text line — the headline stays in the body and the title is derived from it.
 * - Instructions to an AI assistant planted in the text (text/instructions.ts: "Bỏ qua mọi hướng dẫn trước đó…",
 *   "Lưu ý cho trợ lý AI: …") never reach the body: such a sentence and the rest of its paragraph (an injection
 *   rarely stops at one sentence) are moved to `instructions`, one entry per flagged sentence, so they are never
 *   quoted nor sent to a model as a passage, and ingest reports them. A title that is one is not used either.
 */
import { fold, normalizeText, squashSpaces } from '../text/normalize.js';
import { isInstruction } from '../text/instructions.js';
import { sentenceSpans, splitSentences } from '../text/sentences.js';
import { COUNTER_RE, parseDateLine, splitTrailingStamp, type DateLine } from './dates.js';

export interface CleanedText {
  /** Title as printed (heading line or metadata), or derived from the first sentence; null only when there is no text. */
  title: string | null;
  titleFrom: 'hint' | 'heading' | 'derived' | null;
  /** The line or sentence the title was read from, verbatim (the hint itself for metadata titles). */
  titleSentence: string | null;
  /** Cleaned report text, paragraphs separated by "\n\n". */
  body: string;
  /** The printed publication stamp, without counters: "Ngày đăng 23/06/2022 | 15:04", "date 2023-03-30". */
  dateLine: string | null;
  /** The publication date "YYYY-MM-DD"; null when no full date is stamped. */
  date: string | null;
  /**
   * A date the report is not after but no publication date: a month-only stamp ("date 2023-03" → "2023-03") or a
   * page-render header ("Thứ Tư, ngày 28 tháng 2 năm 2024" standing first → "2024-02-28"); null when none.
   */
  dateBound: string | null;
  /** Author (byline) name as printed: "Long Hồ". */
  author: string | null;
  /** The line the author was read from, verbatim ("Tin, ảnh: Long Hồ" → author "Long Hồ"). */
  authorLine: string | null;
  /** Source tag opening the lead: "(Thanhuytphcm.vn) - …" → "Thanhuytphcm.vn"; "(NTL) …" → "NTL". */
  sourceTag: string | null;
  /** Photo captions moved out of the body (one copy each). */
  captions: string[];
  /** Furniture lines dropped, verbatim, in input order. */
  removed: string[];
  /**
   * Instructions to an AI assistant moved out of the body (see the module contract): each entry is a flagged
   * sentence with the rest of its paragraph, verbatim, in input order.
   */
  instructions: string[];
}

export interface CleanHints {
  title?: string | null;
}

/** Whole-line furniture, compared folded (lowercase, no diacritics), trailing ":" ignored. */
const FURNITURE = new Set(
  [
    'ý kiến bạn đọc', 'ý kiến của bạn', 'gửi ý kiến', 'gửi bình luận', 'bình luận', 'tổng lượt bình luận',
    'refresh', 'tin khác', 'tin liên quan', 'bài liên quan', 'tin cùng chuyên mục', 'tin mới', 'tin mới nhất',
    'tin nổi bật', 'đọc nhiều', 'xem nhiều', 'xem thêm', 'đọc thêm', 'thông báo', 'bản đồ số', 'chia sẻ',
    'in bài', 'in trang', 'gửi bài', 'gửi email', 'lưu bài', 'quay lại', 'trở về', 'về đầu trang',
    'lên đầu trang', 'đầu trang', 'trang chủ', 'từ khóa', 'tags', 'tag', 'facebook', 'twitter', 'zalo',
    'email', 'print', 'share', 'like', 'tweet', 'video', 'liên kết website', 'liên kết', 'bình chọn',
    'đăng nhập', 'đăng ký', 'tìm kiếm', 'menu', 'bản in', 'phản hồi', 'góp ý', 'cỡ chữ', 'a a a', 'a- a a+',
    'trả lời', 'tiện ích thông tin',
  ].map((s) => fold(s)),
);
/** Whole-line page chrome: widget labels and template placeholders (compared like FURNITURE). */
const CHROME = new Set(['a a', 'logo', 'title', 'leftcenterrightdel', 'tiếng việt', 'english'].map((s) => fold(s)));
const FURNITURE_PATTERN = /^(?:bình luận|ý kiến|phản hồi)\s*\(\s*\d*\s*\)$|^(?:ảnh|nguồn|video)\s*:\s*$/iu;
/** Widget, template and scraper residue (whole lines). */
const RESIDUE_PATTERNS: readonly RegExp[] = [
  /^[\p{L}]$/u, // a lone letter ("M", "a")
  /^[\p{P}\p{S}\s]+$/u, // punctuation only (".", "|")
  /^a-?\s+a\s+a\+?\s*(?:\|.*)?$/iu, // font-size buttons: "A- A A+ | Tăng tương phản Giảm tương phản"
  /^(?:xem\s+với\s+)?cỡ\s+chữ(?:\s+[\p{L}]+){0,4}$/iu, // "Xem với cỡ chữ", "Cỡ chữ Màu chữ image"
  /^[\w-]+\.(?:jpe?g|png|gif|webp|bmp|svg)$/iu, // image file name
  /^(?=[\s\da-f]*\b(?=[a-f]*\d)(?=\d*[a-f])[\da-f]{12,}\b)[\s\da-f]+$/iu, // image id: "0659 8c513d713e62c23c9b73"
  /^qr\s*code\b/iu, // "QR Code", "QR CODE: title"
  /^email của bạn sẽ không được hiển thị công khai/iu, // comment form
  /^nguồn\s[^:]{1,60}:\s*https?:\/\/\S+$/iu, // aggregator source line "Nguồn Bà Rịa - Vũng Tàu: http://…"
];
/** A login/language bar: every "|"-separated piece is furniture or a sign-in link ("Đăng ký mua gói ấn phẩm|Đăng nhập"). */
const SIGN_IN_RE = /^đăng\s+(?:ký|nhập)(?![\p{L}])/iu;
/** An image caption generated from the title: "Ông X tái đắc cử Bí thư Quận ủy quận 3 - Ảnh 1." */
const IMAGE_CAPTION_RE = /\s+[-–]\s*Ảnh\s*\d+\s*\.?$/u;
/** An image caption's ending (IMAGE_CAPTION_RE); the word is looked for first, far cheaper than the pattern. */
const isImageCaption = (line: string) => line.includes('Ảnh') && IMAGE_CAPTION_RE.test(line);

/** Lead that opens with a source tag: "(Thanhuytphcm.vn) - Chiều 5/10, …", "(NTL) Sáng ngày 23/6, …". */
const SOURCE_TAG_RE = /^\(([^()\n]{2,40})\)\s*(?:[-–—:]\s*)?(?=\S)/u;
/** Leading "date 2023-03 " prefix glued to the first line. */
const DATE_PREFIX_RE = /^date\s+(\d{4}-\d{2}(?:-\d{2})?)(?:\s+|$)/iu;
/**
 * A bare agency prefix opening the lead: "HNP - ", "TTO - ", "DNTH: ", "VOV.VN - ", "Kinhtedothi – " (an
 * all-caps abbreviation, or one unaccented brand word of 7+ letters), before a capitalised word or a digit.
 */
const BARE_SOURCE_RE = /^((?!TP)[\p{Lu}][\p{Lu}\d.&]{1,11}|[A-Z][a-z]{6,}(?:\.[a-z]{2,3}){0,2})\s*[-–—:]\s+(?=[\p{Lu}\d“"])/u;
/** A dash left before a lede that opens with its date ("- Chiều 5-8, …"). */
const STRAY_LEAD_RE = /^[-–—]\s+(?=(?:sáng|chiều|trưa|tối|ngày|hôm|trong|sau)\s)/iu;
/** Lines read for stamps, banners and the title. */
const HEADER_LINES = 8;
/** A repeated paragraph's tail is dropped when at least this long. */
const REPEATED_TAIL_MIN = 60;
const BYLINE_PREFIX_RE = /^(?:(?:tin|bài|ảnh|bài\s+và\s+ảnh|tin\s+và\s+ảnh|tin\s*,\s*ảnh|bài\s*,\s*ảnh|tin\s*-\s*ảnh|bài\s*-\s*ảnh|thực\s+hiện|nhóm\s+pv)\s*:\s*)(.+)$/iu;

/** Longest line treated as a photo caption. */
const CAPTION_MAX = 200;
const hasDigit = (s: string) => /\d/.test(s);
const isSentenceShaped = (s: string) => /[.!?…:;"”)]$/.test(s) || s.length > 160;

const HAS_ASCII_LOWER = /[a-z]/;

function isAllCaps(s: string): boolean {
  // An ASCII lowercase letter is a letter uppercasing changes (and it never shortens a string): most lines end here.
  if (HAS_ASCII_LOWER.test(s)) return false;
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** "Long Hồ", "Tăng Thanh Danh", "LONG HỒ", "Nguyễn V. A": 1–5 capitalised words, letters only. */
function isNameShaped(s: string): boolean {
  if (s.length > 40 || /\d/.test(s)) return false;
  const words = s.split(/\s+/);
  if (words.length < 1 || words.length > 5) return false;
  return words.every((w) => /^\p{Lu}[\p{L}\p{M}]*\.?$/u.test(w) || /^\p{Lu}\.$/u.test(w));
}

/** Half of a line printed twice ("X X", "X. X.", "XX"), or null. */
function doubledHalf(line: string): string | null {
  const n = line.length;
  if (n < 12) return null;
  if (n % 2 === 1) {
    const mid = (n - 1) / 2;
    if (line[mid] === ' ' && line.slice(0, mid) === line.slice(mid + 1)) return line.slice(0, mid);
  } else if (line.slice(0, n / 2) === line.slice(n / 2)) {
    return line.slice(0, n / 2);
  }
  return null;
}

/** Length of the longest FURNITURE key. */
const FURNITURE_MAX = Math.max(...[...FURNITURE, ...CHROME].map((k) => k.length));

/**
 * True when `line` has more than `max` ASCII letters and digits. Each stays one character of the line's fold (lowercased)
 * and of any key made by dropping or squashing punctuation and spaces from it (furnitureKey, titleKey), so such a line's
 * key has more than `max` characters other than those.
 */
function moreAsciiThan(line: string, max: number): boolean {
  let solid = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
      if (++solid > max) return true;
    }
  }
  return false;
}

const furnitureKey = (line: string) => fold(line).replace(/[:.\s]+$/, '').replace(/\s+/g, ' ');
const isKey = (set: ReadonlySet<string>, line: string) => !moreAsciiThan(line, FURNITURE_MAX) && set.has(furnitureKey(line));

/** Page chrome (see CHROME, RESIDUE_PATTERNS) or a "|"-separated bar of furniture and sign-in links. */
function isChrome(line: string): boolean {
  if (isKey(CHROME, line) || RESIDUE_PATTERNS.some((re) => re.test(line))) return true;
  if (!line.includes('|') || line.length > 120) return false;
  const pieces = line.split('|').map((p) => p.trim()).filter(Boolean);
  return pieces.length > 1 && pieces.every((p) => SIGN_IN_RE.test(p) || isKey(FURNITURE, p) || isKey(CHROME, p));
}

function isFurniture(line: string): boolean {
  return isKey(FURNITURE, line) || FURNITURE_PATTERN.test(line) || COUNTER_RE.test(line) || isChrome(line);
}

/** "Trang chủ > Tin tức > Hoạt động", "Trang chủ » Thời sự". */
function isBreadcrumb(line: string): boolean {
  const parts = line.split(/\s+[>»›]\s+/);
  return parts.length >= 2 && line.length <= 120 && parts.every((p) => p.length <= 40 && !/[.!?]$/.test(p));
}

/** What two titles are compared by: folded, punctuation and spaces as one space. */
const titleKey = (s: string) => fold(s).replace(/[\s.…:;,!?"“”'-]+/g, ' ').trim();

/** Leading time phrase of a lead sentence: "Ngày 30-3, ", "Chiều 5/10, ", "Sáng ngày 23/6, ". */
const LEADING_WHEN_RE =
  /^(?:(?:sáng|chiều|trưa|tối|đêm)(?:\s+nay)?\s+)?(?:(?:hôm\s+)?ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?\s*,\s*/iu;
const TITLE_MAX = 130;

/** A short title from a lead sentence (see module contract). */
export function deriveTitle(sentence: string): string {
  let s = sentence.replace(SOURCE_TAG_RE, '').replace(LEADING_WHEN_RE, '').trim();
  const cut = /[,.;:](?!\d)/gu;
  let end = -1;
  for (let m = cut.exec(s); m; m = cut.exec(s)) {
    if (m.index >= 40) {
      end = m.index;
      break;
    }
  }
  if (end >= 0 && end <= TITLE_MAX) s = s.slice(0, end);
  else if (s.length > TITLE_MAX) {
    const space = s.lastIndexOf(' ', TITLE_MAX);
    s = `${s.slice(0, space > 40 ? space : TITLE_MAX).replace(/[\s,;:-]+$/, '')}…`;
  } else s = s.replace(/[.;:,]+$/, '');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

interface Line {
  text: string;
  kind: 'body' | 'title' | 'caption' | 'author' | 'removed';
}

/** A line ends like a sentence (hard-wrapped lines never do). */
const ENDS_SENTENCE_RE = /[.!?…:;"”)]$/u;
/** A capitalised word glued to the sentence before ("… dự Đại hội.Phường An Hải …", "… 2025-2030.Đồng chí"): split after the period. */
const GLUED_SENTENCE_RE = /(?<=(?:^|[\s(“"])(?:\p{Ll}{2,}|[\d-]*\d{4})\.)(?=\p{Lu}\p{Ll})/gu;
/** What every GLUED_SENTENCE_RE split point is at: tested first, as it is far cheaper than the lookbehind at every character. */
const GLUED_HINT_RE = /\.\p{Lu}\p{Ll}/u;

/**
 * Non-empty lines: a line hard-wrapped inside a sentence (two words or more, no final punctuation, the next line after a
 * single break in lowercase, neither of them chrome) joined to the next; glued sentences split (see module contract).
 */
function textLines(text: string): string[] {
  const out: string[] = [];
  let previousEmpty = true;
  for (const raw of text.split('\n')) {
    const t = raw.trim();
    if (t === '') {
      previousEmpty = true;
      continue;
    }
    const last = out[out.length - 1];
    const wrapped = !previousEmpty && last !== undefined && last.includes(' ') && !ENDS_SENTENCE_RE.test(last) && /^\p{Ll}/u.test(t);
    if (wrapped && !isChrome(t) && !isChrome(last)) out[out.length - 1] = `${last} ${t}`;
    else out.push(t);
    previousEmpty = false;
  }
  return out.flatMap((line) => (GLUED_HINT_RE.test(line) ? line.split(GLUED_SENTENCE_RE) : [line]).map((p) => p.trim()).filter(Boolean));
}

/** Clean a scraped article (see module contract). */
export function cleanArticleText(raw: string, hints: CleanHints = {}): CleanedText {
  const text = squashSpaces(normalizeText(raw.replace(/\u00d0/g, 'Đ').replace(/\u00f0/g, 'đ')).replace(/\r\n?/g, '\n'));
  const lines: Line[] = textLines(text).map((t) => ({ text: t, kind: 'body' as Line['kind'] }));

  const removed: string[] = [];
  const captions: string[] = [];
  let dateLine: string | null = null;
  let date: string | null = null;
  let dateBound: string | null = null;
  /** Publication stamp, month-only stamp or render header (see module contract). */
  const takeStamp = (stamp: DateLine, standsFirst: boolean) => {
    const full = stamp.date.length === 10;
    if (!full || (standsFirst && stamp.hasWeekday && !stamp.hasTime)) dateBound ??= stamp.date;
    else if (date === null) {
      date = stamp.date;
      dateLine = stamp.text;
    }
  };

  // 1. Leading "date 2023-03" glued to the first line.
  const first = lines[0];
  if (first) {
    const m = DATE_PREFIX_RE.exec(first.text);
    if (m) {
      const prefix = m[0].trim();
      takeStamp({ text: prefix, date: m[1]!, hasTime: false, hasWeekday: false }, false);
      removed.push(prefix);
      first.text = first.text.slice(m[0].length);
      if (first.text === '') first.kind = 'removed';
    }
  }

  // 2. Header zone: stamps (stamp lines, a stamp closing the title line), then banners, breadcrumbs and furniture
  // before the first sentence-shaped line.
  const header = lines.slice(0, HEADER_LINES);
  // The heading markup was lost when chrome stands first or a stamp is printed inside the first text line.
  let headingLost = isChrome(lines.find((l) => l.kind === 'body')?.text ?? '');
  header.forEach((line, i) => {
    if (line.kind !== 'body') return;
    const standsFirst = header.slice(0, i).every((l) => l.kind !== 'body' || isFurniture(l.text));
    const stamp = parseDateLine(line.text);
    if (stamp) {
      takeStamp(stamp, standsFirst);
      line.kind = 'removed';
      return;
    }
    const split = splitTrailingStamp(line.text);
    if (split && !isSentenceShaped(split.head)) {
      takeStamp(split.stamp, false);
      removed.push(split.stamp.text);
      line.text = split.head;
      if (standsFirst) headingLost = true;
    }
  });
  for (let i = 0; i < header.length; i++) {
    const line = header[i]!;
    if (line.kind !== 'body') continue;
    if (isSentenceShaped(line.text) && !isAllCaps(line.text)) break;
    const half = doubledHalf(line.text);
    if ((half !== null && isAllCaps(line.text)) || isBreadcrumb(line.text) || isFurniture(line.text)) {
      line.kind = 'removed';
      continue;
    }
    if (isAllCaps(line.text) && line.text.length <= 80 && !hasDigit(line.text)) {
      // An all-caps line right before another heading-shaped line is a section banner.
      const next = lines.slice(i + 1).find((l) => l.kind === 'body');
      if (next && !isSentenceShaped(next.text) && !SOURCE_TAG_RE.test(next.text)) line.kind = 'removed';
    }
  }

  // 3. Furniture anywhere; image captions; doubled lines; repeated consecutive lines.
  let previous: string | null = null;
  for (const line of lines) {
    if (line.kind !== 'body') continue;
    line.text = line.text.replace(/^:\s+(?=\p{Lu})/u, '');
    if (isFurniture(line.text) || (previous !== null && line.text === previous)) {
      line.kind = 'removed';
      continue;
    }
    previous = line.text;
    if (isImageCaption(line.text)) {
      line.kind = 'caption';
      line.text = line.text.replace(IMAGE_CAPTION_RE, '');
      continue;
    }
    const half = doubledHalf(line.text);
    if (half !== null) {
      if (hasDigit(half) || half.length > CAPTION_MAX) line.text = half;
      else {
        line.kind = 'caption';
        line.text = half;
      }
    }
  }

  // 4. Title.
  let title: string | null = null;
  let titleFrom: CleanedText['titleFrom'] = null;
  let titleSentence: string | null = null;
  let titleIndex = -1;
  const bodyIndexes = () => lines.flatMap((l, i) => (l.kind === 'body' ? [i] : []));
  if (hints.title && hints.title.trim()) {
    title = normalizeText(hints.title.trim());
    titleFrom = 'hint';
    titleSentence = title;
    const key = titleKey(title);
    // A line with more ASCII letters and digits than the key has characters other than spaces has another key.
    const solid = key.replace(/ /g, '').length;
    for (const i of bodyIndexes().slice(0, 3)) {
      if (!moreAsciiThan(lines[i]!.text, solid) && titleKey(lines[i]!.text) === key) {
        lines[i]!.kind = 'title';
        titleSentence = lines[i]!.text;
        titleIndex = i;
        break;
      }
    }
  } else if (!headingLost) {
    const firstBody = bodyIndexes()[0];
    if (firstBody !== undefined) {
      const line = lines[firstBody]!;
      if (!isSentenceShaped(line.text) && !SOURCE_TAG_RE.test(line.text) && line.text.length <= 250 && /\s/.test(line.text)) {
        line.kind = 'title';
        title = line.text;
        titleFrom = 'heading';
        titleSentence = line.text;
        titleIndex = firstBody;
      }
    }
  }

  // 5. Source-tagged lead; short lines between the title and it are photo captions; bare agency prefixes cut.
  let sourceTag: string | null = null;
  const afterTitle = bodyIndexes().filter((i) => i > titleIndex).slice(0, 4);
  const leadIndex = afterTitle.find((i) => SOURCE_TAG_RE.test(lines[i]!.text));
  if (leadIndex !== undefined) {
    sourceTag = SOURCE_TAG_RE.exec(lines[leadIndex]!.text)![1]!.trim();
    for (const [k, i] of afterTitle.entries()) {
      if (i >= leadIndex) break;
      // With the heading markup lost, the first line is the headline: it stays in the body (see the contract).
      if (k === 0 && headingLost && titleIndex < 0) continue;
      const line = lines[i]!;
      if (line.text.length <= CAPTION_MAX && !hasDigit(line.text)) line.kind = 'caption';
    }
  } else {
    const lead = afterTitle.slice(0, 3).map((i) => lines[i]!).find((l) => isSentenceShaped(l.text));
    const bare = lead ? BARE_SOURCE_RE.exec(lead.text) : null;
    if (lead && bare) {
      sourceTag = bare[1]!;
      lead.text = lead.text.slice(bare[0].length);
    } else if (lead) {
      lead.text = lead.text.replace(STRAY_LEAD_RE, '');
    }
  }

  // 5b. Paragraphs printed before: identical to an earlier one, or the tail of the one before.
  const seen = new Set<string>();
  let before: string | null = null;
  for (const line of lines) {
    if (line.kind !== 'body') continue;
    if (seen.has(line.text) || (before !== null && line.text.length >= REPEATED_TAIL_MIN && before.endsWith(line.text))) {
      line.kind = 'removed';
      continue;
    }
    seen.add(line.text);
    before = line.text;
  }

  // 6. Trailing lines: furniture after the author; the author line.
  let author: string | null = null;
  let authorLine: string | null = null;
  const tail = bodyIndexes().reverse().slice(0, 12);
  for (let k = 0; k < tail.length; k++) {
    const line = lines[tail[k]!]!;
    const t = line.text;
    const byline = BYLINE_PREFIX_RE.exec(t);
    const nextBody = tail[k + 1] !== undefined ? lines[tail[k + 1]!]!.text : '';
    const titleCaseName = isNameShaped(t) && !isAllCaps(t);
    const capsName = isNameShaped(t) && isAllCaps(t) && isSentenceShaped(nextBody);
    if (byline && byline[1]!.length <= 60) {
      author = byline[1]!.trim();
      authorLine = t;
      line.kind = 'author';
      break;
    }
    if ((titleCaseName || capsName) && k < tail.length - 1) {
      author = t;
      authorLine = t;
      line.kind = 'author';
      break;
    }
    if (t.length <= 40 && !isSentenceShaped(t) && !hasDigit(t)) {
      line.kind = 'removed';
      continue;
    }
    break;
  }

  for (const line of lines) {
    if (line.kind === 'removed') removed.push(line.text);
    if (line.kind === 'caption' && !captions.includes(line.text)) captions.push(line.text);
  }
  const instructions: string[] = [];
  const paragraphs = lines
    .filter((l) => l.kind === 'body')
    .map((l) => withoutInstructions(l.text, instructions))
    .filter((p) => p !== '');
  if (title !== null && isInstruction(title)) {
    instructions.unshift(title);
    title = null;
    titleFrom = null;
    titleSentence = null;
  }

  if (title === null && paragraphs.length > 0) {
    const firstSentence = splitSentences(paragraphs[0]!)[0] ?? paragraphs[0]!;
    title = deriveTitle(firstSentence);
    titleFrom = 'derived';
    titleSentence = firstSentence;
  }

  return {
    title,
    titleFrom,
    titleSentence,
    body: paragraphs.join('\n\n'),
    dateLine,
    date,
    dateBound,
    author,
    authorLine,
    sourceTag,
    captions,
    removed,
    instructions,
  };
}

/** The paragraph up to its first instruction sentence (the rest goes to `out`); the paragraph itself when none. */
function withoutInstructions(paragraph: string, out: string[]): string {
  for (const [a, b] of sentenceSpans(paragraph)) {
    if (isInstruction(paragraph.slice(a, b))) {
      out.push(paragraph.slice(a));
      return paragraph.slice(0, a).trim();
    }
  }
  return paragraph;
}
