/**
 * Vietnamese person names and the role (title) text printed around them. Pure functions, no I/O.
 *
 * A name is 2–4 capitalised syllables starting with a known family name ("Huỳnh Khắc Điệp",
 * "Võ Ngọc Quốc Thuận"); acronyms (TPHCM, UBND), digits and lowercase words end a name. A run of
 * capitalised syllables that starts with a place ("Bình Tân Huỳnh Khắc Điệp", "Hà Nội Đinh Tiến
 * Dũng") yields the name after the place. Known places ("Hồ Chí Minh", "Cao Bằng") are never names.
 * Names with a family name outside the lexicon (text/names.ts) are not recognised (precision over recall).
 * A run of name syllables continues over spaces inside a line (not over punctuation or line breaks); a syllable
 * that starts a title printed right after it ("Đoàn Chủ tịch", "Đoàn Đại biểu") is not part of a name; a name's
 * last syllable misprinted in lowercase right before its title ("Nguyễn Xuân phi, Bí thư …") is read capitalised.
 * Honorifics: "đồng chí", "đ/c", "ông", "bà" (a "bà" not followed by a name, as in "Bà Rịa", is none).
 */
import type { Person } from '../types.js';
import { AMBIGUOUS_SURNAMES, isSurname, PLACE_NAMES } from '../text/names.js';
import { nationalDistricts } from '../text/national-units.js';
import { lowerText } from '../text/normalize.js';

/** Multi-syllable places that are never person names (first syllables may be family names). */
const PLACES: readonly string[] = [
  ...nationalDistricts()
    .map((d) => d.name)
    .filter((name) => name.includes(' ') && !isSurname(name.split(' ')[0]!)),
  ...PLACE_NAMES,
];
const PLACE_WORDS: readonly string[][] = PLACES.map((p) => lowerText(p).split(' ')).sort((a, b) => b.length - a.length);
/** PLACE_WORDS by first word, each list in PLACE_WORDS order (longest first). */
const PLACES_BY_FIRST_WORD: ReadonlyMap<string, readonly string[][]> = (() => {
  const byFirst = new Map<string, string[][]>();
  for (const place of PLACE_WORDS) {
    const list = byFirst.get(place[0]!);
    if (list) list.push(place);
    else byFirst.set(place[0]!, [place]);
  }
  return byFirst;
})();

/** Capitalised words that start a title rather than continue a name ("… Hải Chủ nhiệm …"). */
const ROLE_STARTERS = new Set(
  'bí phó chủ ủy trưởng giám tổng thứ chánh hiệu ban bộ sở cục tỉnh quận huyện phường xã đảng thiếu thượng nguyên'.split(' '),
);

const SYLLABLE = /^\p{Lu}[\p{Ll}\p{M}]*$/u;
export const isSyllable = (w: string) => SYLLABLE.test(w) && w.length <= 8;

/** Number of words of a known place starting at words[i] (0 when none). */
function placeAt(words: readonly string[], i: number): number {
  for (const place of PLACES_BY_FIRST_WORD.get(words[i]!.toLowerCase()) ?? []) {
    if (i + place.length > words.length) continue;
    let ok = true;
    for (let k = 1; k < place.length; k++) if (words[i + k]!.toLowerCase() !== place[k]) ok = false;
    if (ok) return place.length;
  }
  return 0;
}

/** A name inside a run of capitalised syllables, searching from the start (see module contract). */
function nameInRun(run: readonly string[], anchorEnd: boolean): [number, number] | null {
  for (let j = 0; j < run.length - 1; j++) {
    const place = placeAt(run, j);
    if (place > 0) {
      j += place - 1;
      continue;
    }
    if (!isSurname(run[j]!)) continue;
    // "Đường Nguyễn Huệ": an ambiguous family name followed by another one is a common word.
    if (AMBIGUOUS_SURNAMES.has(lowerText(run[j]!)) && j + 1 < run.length && isSurname(run[j + 1]!)) continue;
    let end = anchorEnd ? run.length : Math.min(run.length, j + 4);
    if (!anchorEnd) {
      for (let k = j + 2; k < end; k++) {
        if (ROLE_STARTERS.has(run[k]!.toLowerCase())) {
          end = k;
          break;
        }
      }
    }
    const len = end - j;
    if (len >= 2 && len <= 4) return [j, end];
  }
  return null;
}

/** "đồng chí", "đ/c", "ông", "bà" (optionally "các …") opening a person item. */
const HONORIFIC_RE = /^(?:các\s+)?(?:đồng\s+chí|đ\/c|ông|bà)(?![\p{L}])\s*:?\s*/iu;

const trimRole = (s: string) =>
  s
    .replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, '')
    .replace(HONORIFIC_RE, '')
    .replace(/^[\s,;:–—-]+/, '')
    .trim();

/** Words that open an adverbial phrase (time, place, source), never a title. */
const ADVERBIAL_RE =
  /^(?:sáng|chiều|tối|trưa|đêm|ngày|hôm|tại|trong|theo|sau|trước|vào|hồi|báo|ảnh|như|khi|đúng|đến|từ|với|qua|về|cũng|đồng thời|tiếp|tiếp đó|trước đó|cùng ngày|dự|tham dự|phát biểu|kết luận|khai mạc|chủ trì|thay mặt)(?![\p{L}])/iu;
/** Lowercase words that may open a title ("quyền Bộ trưởng", "nguyên Chủ tịch", "ủy viên Bộ Chính trị"). */
const LOWER_TITLE_RE =
  /^(?:quyền|nguyên|ủy viên|uỷ viên|thành viên|phó|trưởng|bí thư|chủ tịch|giám đốc|thứ trưởng|bộ trưởng|tổng|chủ nhiệm|chánh|thường trực|đại diện)(?![\p{L}])/u;

/** Words that head a title ("Bí thư …", "Phó Chủ tịch …", "Trung tướng …"), case-insensitive. */
const TITLE_HEAD_RE = new RegExp(
  `(?<![\\p{L}])(?:${[
    'bí thư', 'phó', 'chủ tịch', 'chủ nhiệm', 'ủy viên', 'uỷ viên', 'thành ủy viên', 'quận ủy viên', 'huyện ủy viên',
    'tỉnh ủy viên', 'trưởng', 'giám đốc', 'tổng', 'thứ trưởng', 'bộ trưởng', 'thủ tướng', 'cục trưởng', 'vụ trưởng',
    'viện trưởng', 'hiệu trưởng', 'chánh', 'đại tướng', 'thượng tướng', 'trung tướng', 'thiếu tướng', 'đại tá',
    'thượng tá', 'trung tá', 'thiếu tá', 'thường trực', 'thành viên', 'đại biểu', 'tư lệnh',
    'chính ủy', 'đại sứ', 'trợ lý', 'thư ký', 'chi cục trưởng', 'người phát ngôn', 'chủ nhiệm', 'thẩm phán',
    'kiểm sát viên', 'điều tra viên', 'đại diện', 'lãnh đạo',
  ].join('|')})(?![\\p{L}])`,
  'iu',
);
/** "quyền Bộ trưởng", "nguyên Chủ tịch" (but not "quyền tự do"). */
const QUALIFIED_HEAD_RE = /(?<![\p{L}])(?:[Qq]uyền|[Nn]guyên)\s+(?=\p{Lu})/u;
const ACRONYM_START_RE = /^[\p{Lu}Đ]{2,6}(?![\p{Ll}])/u;
/** "(TN-MT)", "(QH)": parenthesised abbreviations inside a title. */
const PAREN_ABBR_RE = /\s*\([\p{Lu}\d&.\-–\s]{1,15}\)/gu;

/** Can `seg` be one comma-separated part of a title ("Bí thư Quận ủy Quận 11", "TUV")? */
function isRoleSegment(seg: string): boolean {
  const s = seg.replace(PAREN_ABBR_RE, '');
  if (s.length === 0 || s.length > 120) return false;
  if (/[()“”"':;]/.test(s) || /\d+\s*[/-]\s*\d+|\d+\s*h\b|\d+\s*giờ/iu.test(s)) return false;
  if (ADVERBIAL_RE.test(s)) return false;
  const c = s[0]!;
  if (c === c.toLowerCase() && !LOWER_TITLE_RE.test(s)) return false;
  return firstName(s) === null;
}

/**
 * The title part of a segment printed before a name: the whole segment when it starts with a title
 * head or an acronym; else the part from the first title head on (`partial`); else null.
 */
function titlePart(seg: string): { text: string; partial: boolean } | null {
  const heads = [TITLE_HEAD_RE.exec(seg), QUALIFIED_HEAD_RE.exec(seg)].filter((m) => m !== null);
  const head = heads.sort((a, b) => a.index - b.index)[0];
  if (head?.index === 0 || ACRONYM_START_RE.test(seg)) return isRoleSegment(seg) ? { text: seg, partial: false } : null;
  if (head) {
    const rest = seg.slice(head.index);
    return isRoleSegment(rest) ? { text: rest, partial: true } : null;
  }
  return null;
}

/**
 * The title printed right before a name: the trailing comma-separated segments of `text` that read
 * as titles. Stops at time/place adverbials, dates, another person's name, or "X và/cùng" (keeps
 * only what follows "và"/"cùng").
 */
export function roleBefore(text: string): string {
  const segments = text.replace(/[\s,;:–—-]+$/u, '').split(/\s*,\s*/);
  const kept: string[] = [];
  for (let i = segments.length - 1; i >= 0; i--) {
    let seg = segments[i]!.trim();
    let last = false;
    const joint = /^(.*?)\s(?:và|cùng|cùng với)\s+(\S.*)$/u.exec(seg);
    if (joint) {
      seg = joint[2]!;
      last = true;
    }
    seg = seg.replace(HONORIFIC_RE, '').trim();
    const part = seg === '' ? null : titlePart(seg);
    if (!part) break;
    kept.unshift(part.text);
    if (last || part.partial) break;
  }
  return kept.join(', ');
}

/** The title printed right after a name: the leading segments of `text` that read as titles. */
function roleAfter(text: string): string {
  const segments = text.split(/\s*,\s*/);
  const kept: string[] = [];
  for (const raw of segments) {
    let seg = raw.trim();
    const joint = /^(.*?)\s(?:và|cùng)\s+(?:ông|bà|đồng chí|các)(?![\p{L}]).*$/u.exec(seg);
    if (joint) seg = joint[1]!.trim();
    if (seg === '' || !isRoleSegment(seg.replace(/\s*[–—-]\s*$/u, ''))) break;
    kept.push(seg);
    if (joint) break;
  }
  return kept.join(', ').replace(/[\s–—-]+$/u, '');
}

/** "ROLE NAME" with the name at the very end: "Bí thư Quận ủy Quận 11 Trương Quốc Lâm". */
export function nameAtEnd(text: string): Person | null {
  const t = text.replace(/[\s.,;:]+$/, '');
  const words = t.split(/\s+/);
  let k = words.length;
  while (k > 0 && isSyllable(words[k - 1]!)) k--;
  const run = words.slice(k);
  if (run.length < 2) return null;
  const found = nameInRun(run, true);
  if (!found) return null;
  const name = run.slice(found[0]).join(' ');
  const roleWords = words.slice(0, k + found[0]);
  return { name, role: roleBefore(roleWords.join(' ')) };
}

/**
 * Lowercase words that complete a title or body started by a capitalised syllable ("Đoàn Chủ tịch", "Đoàn Thư ký"):
 * such a syllable printed right before one of them is not part of a name.
 */
const TITLE_COMPLETIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['chủ', new Set(['tịch', 'nhiệm', 'trì'])],
  ['thư', new Set(['ký'])],
  ['bí', new Set(['thư'])],
  ['phó', new Set(['chủ', 'bí', 'trưởng', 'giám'])],
  ['thẩm', new Set(['tra'])],
  ['đại', new Set(['biểu', 'diện', 'hội', 'sứ', 'tướng', 'tá', 'úy'])],
]);

/** Whitespace inside a line: a run of name syllables continues over it (punctuation and line breaks end a run). */
const INLINE_SPACE_RE = /^[ \t\u00a0\u202f]+$/;

/** The first name in `text` and where it starts (UTF-16 offset), scanning left to right. */
export function firstName(text: string): { name: string; index: number; end: number } | null {
  const re = /[\p{L}\p{M}]+/gu;
  const words: Array<{ w: string; i: number }> = [];
  for (let m = re.exec(text); m; m = re.exec(text)) words.push({ w: m[0], i: m.index });
  const gap = (x: number) => text.slice(words[x]!.i + words[x]!.w.length, words[x + 1]!.i);
  for (let a = 0; a < words.length; a++) {
    if (!isSyllable(words[a]!.w)) continue;
    let b = a;
    while (b + 1 < words.length && isSyllable(words[b + 1]!.w) && INLINE_SPACE_RE.test(gap(b))) b++;
    const run = words.slice(a, b + 1).map((x) => x.w);
    const found = nameInRun(run, false);
    if (found) {
      const from = found[0];
      let to = found[1];
      // "Đoàn Chủ tịch": the last syllable starts a title printed after it.
      const next = a + to < words.length && INLINE_SPACE_RE.test(gap(a + to - 1)) ? words[a + to]!.w : null;
      if (next && TITLE_COMPLETIONS.get(lowerText(run[to - 1]!))?.has(lowerText(next))) to--;
      if (to - from >= 2) {
        const start = words[a + from]!;
        const last = words[a + to - 1]!;
        return { name: run.slice(from, to).join(' '), index: start.i, end: last.i + last.w.length };
      }
    }
    a = b;
  }
  return null;
}

/** Words/phrases that end a role printed after a name ("…, Bí thư Quận ủy nhấn mạnh"). */
const ROLE_END_RE =
  /\s(?:đã|sẽ|cũng|vừa|đang|nhấn mạnh|cho biết|cho rằng|khẳng định|đề nghị|yêu cầu|phát biểu|đánh giá|ghi nhận|chỉ đạo|lưu ý|biểu dương|chúc mừng|thông tin|thông báo|báo cáo|trình bày|quán triệt|khai mạc|kết luận|chủ trì|đồng chủ trì|dự(?!\s+khuyết)|tham dự|đến dự|về(?=\s+dự)|nêu|nói|chia sẻ|cảm ơn|mong muốn|đề xuất|nhận định|tuyên bố|kêu gọi|giao|phân tích|gợi ý|hoan nghênh|thay mặt|trao|tặng|điều hành|tiếp|làm việc|được|là|và các|cùng|để)(?=[\s,.:;]|$)/u;

/** Characters that hold a name of up to four syllables after the place words that may precede it in a run. */
const NAME_SPAN = 80;
/** The longest title head word ("chi cục trưởng"), in characters. */
const TITLE_HEAD_SPAN = 24;
/** How far into a clause a name may start after a title printed before it ("ROLE NAME đề nghị …"). */
const TITLE_SPAN = 200;

/** Lowercase words that may follow a name and are never the miscased last syllable of that name. */
const NOT_NAME_TAIL = new Set('và cùng là được đã sẽ thì cho với nói về tại khi'.split(' '));
/** A lowercase word that ends a name misprinted in lowercase, before a title: "Nguyễn Xuân phi, Bí thư …". */
const MISCASED_TAIL_RE = /^[ \t\u00a0]+(\p{Ll}[\p{Ll}\p{M}]{0,6})(?=\s*(?:,|[–—-]|\())/u;

/** A person read from the start of a clause, and the text after the role (where the clause's verb starts). */
export interface PersonRead {
  person: Person;
  rest: string;
}

/**
 * "đồng chí NAME, ROLE …" / "NAME - ROLE …" at the start of a clause, with the text after the role. The role runs
 * to the first verb (ROLE_END_RE) or the end of the clause. A lowercase syllable printed between a name of at most
 * three syllables and its title ("Nguyễn Xuân phi, Bí thư …") is the name's last syllable, capitalised. With
 * `nameOnlyOk`, "đồng chí NAME nhấn mạnh …" gives the name with an empty role; without it the name must be
 * followed by a role or end the clause.
 */
export function readNameThenRole(clause: string, nameOnlyOk = true): PersonRead | null {
  const t = clause.replace(/^\s+/, '').replace(HONORIFIC_RE, '');
  if (!/^\p{Lu}/u.test(t)) return null;
  // The name opens the clause: only its first words are read for it.
  const n = firstName(t.slice(0, NAME_SPAN));
  if (!n || n.index !== 0) return null;
  let name = n.name;
  let rest = t.slice(n.end);
  const tail = MISCASED_TAIL_RE.exec(rest);
  if (tail && name.split(' ').length <= 3 && !NOT_NAME_TAIL.has(tail[1]!)) {
    const after = rest.slice(tail[0].length).replace(/^\s*(?:,|[–—-]|\()\s*/u, '');
    if (titlePart(after.split(/\s*,\s*/)[0]!)?.partial === false) {
      name = `${name} ${tail[1]![0]!.toUpperCase()}${tail[1]!.slice(1)}`;
      rest = rest.slice(tail[0].length);
    }
  }
  if (/^\s*$/.test(rest)) return { person: { name, role: '' }, rest: '' };
  // "Ông A (trưởng Ban Dân vận Thành ủy) và …": the role in parentheses.
  const paren = /^\s*\(([^()]{1,160})\)/u.exec(rest);
  if (paren) return { person: { name, role: trimRole(roleAfter(paren[1]!)) }, rest: rest.slice(paren[0].length).trimStart() };
  if (!/^\s*(?:[,–—-]|\()/u.test(rest)) {
    return nameOnlyOk && /^\s+\p{Ll}/u.test(rest) ? { person: { name, role: '' }, rest: rest.trimStart() } : null;
  }
  rest = rest.replace(/^\s*[,–—-]\s*|^\s*\(/u, '');
  const stop = ROLE_END_RE.exec(` ${rest}`);
  const cut = stop ? Math.max(0, stop.index - 1) : rest.length;
  const role = rest.slice(0, cut).replace(/\)\s*$/, '');
  return { person: { name, role: trimRole(roleAfter(role.replace(/[\s,;:.]+$/u, ''))) }, rest: rest.slice(cut).trimStart() };
}

/** readNameThenRole without the rest of the clause. */
export function nameThenRole(clause: string, nameOnlyOk = true): Person | null {
  return readNameThenRole(clause, nameOnlyOk)?.person ?? null;
}

/** An honorific ("đồng chí", "ông", "bà", "đ/c") before a capitalised word, anywhere in a clause. */
const HONORIFIC_ANYWHERE_RE = /(?:^|[\s,;:])(?:đồng\s+chí|đ\/c|ông|bà)\s+(?=\p{Lu})/giu;

/**
 * The person of a clause that ends right before an action ("… chủ trì", "… dự và chỉ đạo"):
 * "ROLE NAME", or "đồng chí NAME, ROLE" (the last honorific of the clause that opens a name). Null when none.
 */
export function personBefore(clause: string): Person | null {
  const end = nameAtEnd(clause);
  if (end) return end;
  const starts: number[] = [];
  HONORIFIC_ANYWHERE_RE.lastIndex = 0;
  for (let m = HONORIFIC_ANYWHERE_RE.exec(clause); m; m = HONORIFIC_ANYWHERE_RE.exec(clause)) starts.push(m.index);
  for (const start of starts.reverse()) {
    const p = nameThenRole(clause.slice(start).replace(/^[\s,;:]+/, ''), false);
    if (p) return p;
  }
  return nameThenRole(clause, false);
}

/**
 * The person of a clause that starts a statement: "đồng chí NAME - ROLE nhấn mạnh …", "ROLE NAME đề nghị …", with the
 * text after the person and role (the statement's verb first).
 */
export function readPersonInClause(clause: string): PersonRead | null {
  const direct = readNameThenRole(clause);
  if (direct) return direct;
  // Otherwise the clause opens with the title: "Phó Bí thư Thành ủy Đặng Minh Thông đánh giá …".
  const lead = clause.trimStart();
  if (TITLE_HEAD_RE.exec(lead.slice(0, TITLE_HEAD_SPAN))?.index !== 0 && QUALIFIED_HEAD_RE.exec(lead)?.index !== 0 && !ACRONYM_START_RE.test(lead)) {
    return null;
  }
  const n = firstName(clause.slice(0, TITLE_SPAN + NAME_SPAN));
  if (!n || n.index > TITLE_SPAN) return null;
  const after = clause.slice(n.end);
  if (!/^(?:\s+\p{Ll}|\s*[,.:;–—-]|$)/u.test(after)) return null;
  const prefix = trimRole(clause.slice(0, n.index));
  const role = roleBefore(prefix);
  if (role !== prefix) return null;
  return { person: { name: n.name, role }, rest: after.trimStart() };
}

/** readPersonInClause without the rest of the clause. */
export function personInClause(clause: string): Person | null {
  return readPersonInClause(clause)?.person ?? null;
}
