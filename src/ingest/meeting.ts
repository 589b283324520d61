/**
 * What meeting an article reports, read from its title and lead: the event kind, the conference or congress
 * number, the khóa and the nhiệm kỳ of the committee concerned, and the unit whose Party committee meets.
 * Pure functions over the article's sentences; no list of units is needed (text/units.ts reads them).
 *
 * Contracts:
 * - Event kind: the first meeting phrase of the title, else of the lead sentence, decides: an "Đại hội (đại biểu)"
 *   reported as held (not "hướng về / chuẩn bị / trước thềm Đại hội", a preview) is a congress; a "Hội nghị" of a
 *   committee is a conference, unless it is a briefing or review ("hội nghị triển khai / quán triệt / sơ kết /
 *   tổng kết …"); anything else is "other".
 * - Numbers: a conference number is "lần thứ N" after "Hội nghị" (nearer than any "Đại hội" or "kỳ họp"); a congress
 *   number is "lần thứ N" after "Đại hội" or before "Đảng bộ" right after "Đại hội … lần thứ N", or the congress's
 *   own "khóa N" ("Đại hội Đảng bộ huyện khóa XII"). N is Arabic, Roman ("XXIV") or spelled out ("mười bốn",
 *   "Nhất"). "Hội nghị lần thứ Nhất" / "kỳ họp thứ nhất" inside a congress report is the new committee's first
 *   sitting, never a conference number of its own.
 * - Khóa: for a conference, the "khóa X" printed with the conference or its Ban Chấp hành; for a congress, the
 *   printed khóa equal to the congress number (the new committee's), never the outgoing one. HĐND, Quốc hội and
 *   mass-organisation terms are skipped.
 * - Nhiệm kỳ: for a congress, the printed term with the latest start year in the first paragraphs (its own term, not
 *   the reviewed one); for a conference, a term printed with the conference, or with a congress whose resolution is
 *   being carried out or whose term started before the conference's year (an upcoming congress's term is not the
 *   conference's).
 * - Unit: the first mention (the lead, the first paragraphs, then the title) preceded by a committee word
 *   ("Đảng bộ huyện X", "Huyện ủy X", "Đảng ủy phường X"); else the first unit mention of the title or of a sentence
 *   naming a meeting; else, in an article that reports a meeting (`reportsMeeting`), the first unit mentioned early.
 *   A province-level city only when nothing lower is named. "First paragraphs" count paragraphs with text in them.
 *   A committee word with no name ("Đảng bộ Thị trấn") takes the name printed with the same kind elsewhere.
 */
import { LookbehindRegExp } from '../text/lookbehind.js';
import { ordinalWords, romanToInt, toRoman } from '../text/numbers.js';
import { fold, lowerText } from '../text/normalize.js';
import { canonicalProvince, findProvinceMentions, findUnitMentions, levelOf, makeUnit, UNIT_LEVEL_RANK, type UnitMention } from '../text/units.js';
import { placeUnit } from '../text/national-units.js';
import type { EventKind, Sourced, Unit, UnitKind } from '../types.js';

/** What the readers need of an analysed article. */
export interface ArticleText {
  title: string;
  /** Sentences in order, with the index of their paragraph. */
  sentences: ReadonlyArray<{ text: string; paragraph: number }>;
  /** The first sentence of the first paragraphs that mentions a meeting, or null. */
  lead: string | null;
}

/** Paragraphs read for the unit, the event and the term (a report names them early). */
export const LEAD_PARAGRAPHS = 4;
/** A paragraph with fewer letters than this (a separator, a caption stub, widget residue) does not count. */
export const MIN_PARAGRAPH_LETTERS = 12;

const contentRanks = new WeakMap<ArticleText, Map<number, number>>();

const LETTER_RE = /\p{L}/u;

/** How many letters (\p{L} code points) `text` has, counted up to `cap` (the count stops there). */
function lettersUpTo(text: string, cap: number): number {
  if (cap <= 0) return 0;
  let n = 0;
  for (const ch of text) {
    if (LETTER_RE.test(ch) && ++n >= cap) break;
  }
  return n;
}

/** The rank of a paragraph among the article's paragraphs with some text in them (junk lines do not count). */
function contentRank(doc: ArticleText, paragraph: number): number {
  let ranks = contentRanks.get(doc);
  if (!ranks) {
    // Only whether a paragraph reaches MIN_PARAGRAPH_LETTERS matters: letters are counted up to that.
    const letters = new Map<number, number>();
    for (const s of doc.sentences) {
      const before = letters.get(s.paragraph) ?? 0;
      letters.set(s.paragraph, before + lettersUpTo(s.text, MIN_PARAGRAPH_LETTERS - before));
    }
    ranks = new Map();
    let rank = 0;
    for (const [p, n] of [...letters].sort((a, b) => a[0] - b[0])) ranks.set(p, n >= MIN_PARAGRAPH_LETTERS ? rank++ : Number.POSITIVE_INFINITY);
    contentRanks.set(doc, ranks);
  }
  return ranks.get(paragraph) ?? Number.POSITIVE_INFINITY;
}

const sourced = <T>(value: T, sentence: string): Sourced<T> => ({ value, sentence });

/** leadFirst results per article and paragraph count (an article's sentences do not change once analysed). */
const leadFirstMemo = new WeakMap<ArticleText, Map<number, readonly string[]>>();

/**
 * The lead, then the other sentences of the first paragraphs, then the title: a value read from the body carries a
 * sentence answers can quote (a passage holds it); the title is the last resort. Memoised per article: the result is
 * shared, never to be modified.
 */
function leadFirst(doc: ArticleText, paragraphs = LEAD_PARAGRAPHS): readonly string[] {
  let byCount = leadFirstMemo.get(doc);
  if (!byCount) {
    byCount = new Map();
    leadFirstMemo.set(doc, byCount);
  }
  let out = byCount.get(paragraphs);
  if (!out) {
    const list: string[] = [];
    if (doc.lead) list.push(doc.lead);
    for (const s of doc.sentences) if (contentRank(doc, s.paragraph) < paragraphs && s.text !== doc.lead && s.text !== doc.title) list.push(s.text);
    list.push(doc.title);
    out = list.filter((s) => s.trim() !== '');
    byCount.set(paragraphs, out);
  }
  return out;
}

// --- event kind -------------------------------------------------------------------------------

const CONGRESS_RE = /(?<![\p{L}])đại\s+hội(?![\p{L}])/iu;
const CONFERENCE_RE = /(?<![\p{L}])hội\s+nghị(?![\p{L}])/iu;
/** "Đại hội" that is not the Party congress reported: a preview, a resolution, a count of past congresses ("qua 12 kỳ Đại hội"). */
const NOT_HELD_CONGRESS_RE =
  /(?:(?:\d+|các|những|nhiều)\s+kỳ|hướng\s+về|chào\s+mừng|chuẩn\s+bị(?:\s+cho)?|trước\s+thềm|sẵn\s+sàng\s+cho|tiến\s+tới|phục\s+vụ|văn\s+kiện|trình|dự\s+thảo[^,.;]{0,40}|(?:tổ\s+chức|dự|tham\s+dự)\s+(?!đại\s+hội)[^,.;]{2,60}?(?:dự|về|cho))\s+(?:các\s+)?$/iu;
/** "… tổ chức gặp mặt / lễ / duyệt chương trình …": the article reports another event (checked before the phrase). */
const OTHER_EVENT_RE =
  new LookbehindRegExp(/(?<![\p{L}])(?:tổ\s+chức|tiến\s+hành)\s+(?!(?:thành\s+công\s+|long\s+trọng\s+|trọng\s+thể\s+)?(?:đại\s+hội|hội\s+nghị|phiên|kỳ\s+họp|cuộc\s+họp))(?:gặp\s+mặt|lễ|tọa\s+đàm|hội\s+thảo|duyệt|tổng\s+duyệt|diễn\s+tập|họp\s+báo|hội\s+thi|giao\s+lưu|chương\s+trình|sinh\s+hoạt|tuyên\s+truyền|triển\s+lãm|trao)/iu);
/** Electing a secretary ("tái đắc cử Bí thư", "được bầu giữ chức Bí thư"): a congress or its first sitting. */
const ELECTION_RE = new LookbehindRegExp(/(?<![\p{L}])(?:tái\s+đắc\s+cử|đắc\s+cử|trúng\s+cử|(?:được\s+)?(?:tín\s+nhiệm\s+)?bầu\s+(?:giữ\s+chức|làm)\s+bí\s+thư)(?![\p{L}])/iu);
const OTHER_CONGRESS_RE = /^\s*(?:đại\s+biểu\s+)?(?:thể\s+dục|thể\s+thao|hội\s+liên\s+hiệp|đoàn|công\s+đoàn|hội\s+nông\s+dân|hội\s+cựu|mặt\s+trận|thi\s+đua|cháu\s+ngoan|cổ\s+đông|điểm\s+cấp\s+xã)/iu;
/** A conference that reviews or briefs rather than decides as the Ban Chấp hành. */
const BRIEFING_RE =
  /^\s*(?:\S+\s+){0,2}?(?:triển\s+khai|quán\s+triệt|học\s+tập|sơ\s+kết|tổng\s+kết|giao\s+ban|báo\s+cáo\s+viên|cán\s+bộ\s+chủ\s+chốt|thông\s+tin|tuyên\s+dương|biểu\s+dương|trực\s+tuyến\s+toàn\s+quốc|sinh\s+hoạt|gặp\s+mặt|đối\s+thoại|tiếp\s+xúc)/iu;
const REVIEW_RE = /(?<![\p{L}])(?:sơ\s+kết|tổng\s+kết)(?![\p{L}])/iu;
/** A meeting announced, not reported: "sẽ diễn ra", "dự kiến tổ chức". */
const FUTURE_RE = /(?<![\p{L}])(?:sẽ\s+(?:diễn\s+ra|được\s+tổ\s+chức|khai\s+mạc|tổ\s+chức)|dự\s+kiến\s+(?:tổ\s+chức|diễn\s+ra))(?![\p{L}])/iu;

/** A title that looks back over a term ("một nhiệm kỳ nhìn lại", "chặng đường 5 năm"). */
const LOOKING_BACK_RE = /(?<![\p{L}])(?:nhìn\s+lại|chặng\s+đường|dấu\s+ấn|một\s+nhiệm\s+kỳ)(?![\p{L}])/iu;
/** A sentence that reports an event being held (its verb). */
const REPORTING_RE = /(?<![\p{L}])(?:tổ\s+chức|khai\s+mạc|bế\s+mạc|diễn\s+ra|tiến\s+hành|long\s+trọng|họp)(?![\p{L}])/iu;
/** A reporting verb with its meeting as object: "tổ chức (thành công) Đại hội …", "khai mạc hội nghị …". */
const REPORTS_MEETING_RE =
  new LookbehindRegExp(/(?<![\p{L}])(?:tổ\s+chức|khai\s+mạc|bế\s+mạc|tiến\s+hành)\s+(?:[\p{L}]+\s+){0,3}?(?:đại\s+hội|hội\s+nghị|phiên|kỳ\s+họp|cuộc\s+họp|gặp\s+mặt|lễ|tọa\s+đàm|duyệt)(?![\p{L}])/iu);

interface EventReading {
  kind: EventKind;
  /** Read from a preview or review cue (the meeting is announced, prepared or looked back on, not reported). */
  aside: boolean;
}

/** The kind of meeting a sentence reports, by its first meeting phrase; null when it names none. */
function eventIn(sentence: string): EventReading | null {
  const congress = CONGRESS_RE.exec(sentence);
  const conference = CONFERENCE_RE.exec(sentence);
  const first = [congress, conference].filter((m) => m !== null).sort((a, b) => a.index - b.index);
  const other = OTHER_EVENT_RE.exec(sentence);
  if (other && (first.length === 0 || other.index < first[0]!.index)) return { kind: 'other', aside: true };
  if (first.length === 0) return ELECTION_RE.test(sentence) ? { kind: 'congress', aside: false } : null;
  for (const m of first) {
    const before = sentence.slice(0, m.index);
    const after = sentence.slice(m.index + m[0].length);
    if (m === congress) {
      if (OTHER_CONGRESS_RE.test(after)) continue;
      if (NOT_HELD_CONGRESS_RE.test(before) || FUTURE_RE.test(sentence)) return { kind: 'other', aside: true };
      return { kind: 'congress', aside: false };
    }
    if (BRIEFING_RE.test(after) || REVIEW_RE.test(before.slice(-30))) return { kind: 'other', aside: false };
    return { kind: 'conference', aside: false };
  }
  return null;
}

export function eventKindIn(sentence: string): EventKind | null {
  return eventIn(sentence)?.kind ?? null;
}

/**
 * The event of the article: the first sentence of the first paragraphs that reports a meeting being held (its verb),
 * else the lead, else the title. A preview or a look back in the title or the lead ("hướng về Đại hội", "một nhiệm kỳ
 * nhìn lại") makes the article "other".
 */
export function findEventKind(doc: ArticleText): Sourced<EventKind> {
  const found = eventKind(doc);
  // A meeting of no Party body ("hội nghị" of a company, a school, the city government) is another event: a Party
  // report names the Party (Đảng bộ, Quận ủy, Ban Chấp hành, bí thư…) in its title or first paragraphs.
  if (found.value !== 'other' && ![found.sentence, ...leadFirst(doc)].some((s) => PARTY_RE.test(s) || BCH_RE.test(s))) {
    return sourced('other', found.sentence);
  }
  return found;
}

/** "Ban Chấp hành", "BCH", "cấp ủy": a Party committee's meeting words. */
const BCH_RE = new LookbehindRegExp(/(?<![\p{L}])(?:ban\s+chấp\s+hành|bch|cấp\s+ủy|cán\s+bộ\s+chủ\s+chốt)(?![\p{L}])/iu);

function eventKind(doc: ArticleText): Sourced<EventKind> {
  if (LOOKING_BACK_RE.test(doc.title)) return sourced('other', doc.title);
  const reporting = doc.sentences.find((s) => contentRank(doc, s.paragraph) < LEAD_PARAGRAPHS && REPORTS_MEETING_RE.test(s.text) && eventIn(s.text) !== null)?.text;
  const order = [...new Set([reporting, doc.lead, doc.title].filter((s): s is string => Boolean(s)))];
  const readings = order.map((s) => ({ s, r: eventIn(s) })).filter((x): x is { s: string; r: EventReading } => x.r !== null);
  const aside = readings.find((x) => x.r.aside && (x.s === doc.title || x.s === doc.lead));
  if (aside && readings[0]?.r.kind === 'congress') return sourced(aside.r.kind, aside.s);
  if (readings[0]) return sourced(readings[0].r.kind, readings[0].s);
  for (const s of leadFirst(doc)) {
    const kind = eventKindIn(s);
    if (kind) return sourced(kind, s);
  }
  return sourced('other', doc.lead ?? doc.title);
}

// --- numbers --------------------------------------------------------------------------------

const NTH_RE = /(?<![\p{L}])lần\s+thứ\s+(\d{1,3}|[IVXLC]{1,7}|[\p{L}]+(?:\s+[\p{L}]+){0,2})(?![\p{L}\d])/giu;
const KHOA_RE = /(?<![\p{L}])kh(?:óa|oá|oa)\s+([IVXLC]{1,7}|\d{1,3})(?![\p{L}\d])/giu;

/** "12", "XII", "mười hai", "Nhất" → 12; null when not a number. */
export function ordinalValue(raw: string): { value: number; used: string } | null {
  if (/^\d+$/.test(raw)) return { value: Number(raw), used: raw };
  if (/^[IVXLC]+$/.test(raw)) {
    const n = romanToInt(raw);
    return n !== null ? { value: n, used: raw } : null;
  }
  const words = raw.split(/\s+/);
  const n = ordinalWords(words.map((w) => fold(w.toLowerCase())));
  return n ? { value: n.value, used: words.slice(0, n.used).join(' ') } : null;
}

/** The nearest meeting word before `index` in the sentence (within 160 characters). */
function nearestMeeting(sentence: string, index: number): 'conference' | 'congress' | 'sitting' | null {
  const before = sentence.slice(Math.max(0, index - 160), index).toLowerCase();
  const at = (re: RegExp) => {
    let last = -1;
    for (const m of before.matchAll(re)) last = m.index!;
    return last;
  };
  const conference = at(/hội\s+nghị/gu);
  const congress = at(/đại\s+hội/gu);
  const sitting = at(/kỳ\s+họp|phiên\s+họp/gu);
  const best = Math.max(conference, congress, sitting);
  if (best < 0) return null;
  if (best === sitting) return 'sitting';
  // "Đại hội" right before "hội nghị" is impossible; "hội nghị" inside "Đại hội nghị" does not occur.
  return best === congress ? 'congress' : 'conference';
}

interface Numbers {
  conference: Sourced<number> | null;
  congress: Sourced<number> | null;
}

/** A congress that is not the article's unit's: a higher level's, or one the unit only sends delegates or documents to. */
const OTHER_CONGRESS_CONTEXT_RE = /(?:đi\s+dự|dự|trình|về\s+dự|đoàn\s+đại\s+biểu)\s+(?:các\s+)?$/iu;
/**
 * "(thực hiện) Nghị quyết Đại hội … lần thứ XI": the resolution of an earlier congress, reviewed — unless the
 * congress is adopting it ("thông qua Nghị quyết Đại hội …").
 */
const EARLIER_CONGRESS_RE = /^(?![^]*(?:thông\s+qua|biểu\s+quyết|ban\s+hành)[^.;]{0,20}nghị\s+quyết\s*$)[^]*(?<![\p{L}])nghị\s+quyết\s*$/iu;
/** "bầu / tái đắc cử … khóa XXIII": the new committee's khóa, which is the congress's number. */
const ELECTED_KHOA_RE = /(?:bầu|đắc\s+cử|trúng\s+cử|ra\s+mắt)[^.;]{0,120}$/iu;

/**
 * The conference and congress numbers (see the module contract). `unit` is the article's unit: a congress "Đại hội
 * … Đảng bộ <another unit> lần thứ N" is not its congress.
 */
export function findNumbers(doc: ArticleText, unit: Unit | null = null): Numbers {
  let conference: Sourced<number> | null = null;
  let congress: Sourced<number> | null = null;
  const sentences = [...leadFirst(doc), ...doc.sentences.map((s) => s.text)];
  for (const s of sentences) {
    if (conference && congress) break;
    for (const m of s.matchAll(NTH_RE)) {
      const n = ordinalValue(m[1]!);
      if (!n || n.value <= 0 || n.value >= 200) continue;
      const owner = nearestMeeting(s, m.index!);
      // "Hội nghị lần thứ nhất" of a new committee inside a congress report is its first sitting.
      if (owner === 'conference' && n.value === 1 && /đại\s+hội/iu.test(s)) continue;
      if (owner === 'conference' && !conference && !/nghị\s+quyết\s*(?:hội\s+nghị\s*)?$/iu.test(s.slice(0, m.index).replace(/hội\s+nghị(?:(?!hội\s+nghị)[^,;.])*$/iu, ''))) {
        conference = sourced(n.value, s);
      } else if (owner === 'congress' && !congress && ownCongress(s, m.index!, unit)) {
        congress = sourced(n.value, s);
      }
    }
  }
  if (!congress) {
    // "Đại hội Đảng bộ huyện X khóa XII" (the congress named by its khóa), or "bầu … khóa XXIII" (the new committee's
    // khóa, which is the congress's number).
    for (const s of leadFirst(doc)) {
      for (const m of s.matchAll(KHOA_RE)) {
        const before = s.slice(0, m.index!);
        const named = nearestMeeting(s, m.index!) === 'congress' && !/ban\s+chấp\s+hành|bch/iu.test(before.slice(before.toLowerCase().lastIndexOf('đại hội')));
        if (!named && !ELECTED_KHOA_RE.test(before)) continue;
        if (OTHER_BODY_RE.test(before.slice(-80))) continue;
        const n = ordinalValue(m[1]!);
        if (n) {
          congress = sourced(n.value, s);
          break;
        }
      }
      if (congress) break;
    }
  }
  return { conference, congress };
}

/** Whether "Đại hội … lần thứ N" at `index` is the article unit's congress (see findNumbers). */
function ownCongress(sentence: string, index: number, unit: Unit | null): boolean {
  const before = sentence.slice(0, index);
  const at = before.toLowerCase().lastIndexOf('đại hội');
  if (at < 0) return true;
  if (OTHER_CONGRESS_CONTEXT_RE.test(before.slice(0, at)) || EARLIER_CONGRESS_RE.test(before.slice(0, at))) return false;
  const between = before.slice(at);
  const named = findUnitMentions(between);
  if (named.length === 0) {
    // "Đại hội Đảng bộ tỉnh / thành phố lần thứ XVI" in a lower unit's report: the higher level's congress.
    const level = unit?.level;
    return !(/đảng\s+bộ\s+(?:tỉnh|thành\s+phố)\s*$/iu.test(between.trim()) && (level === 'district' || level === 'ward'));
  }
  if (!unit) return true;
  return named.some((m) => fold(m.name) === fold(unit.name) && (m.kind === null || unit.kind === null || m.kind === unit.kind));
}

// --- khóa and nhiệm kỳ ------------------------------------------------------------------------

/** Bodies whose "khóa" is not the unit's Party committee's (the Central Committee's included). */
const OTHER_BODY_RE =
  /(?:hđnd|hội\s+đồng\s+nhân\s+dân|quốc\s+hội|đoàn\s+thanh\s+niên|hội\s+liên\s+hiệp|mặt\s+trận|công\s+đoàn|lớp|khóa\s+học|trung\s+ương|bch\s*tư|(?<![\p{L}])tư(?![\p{L}]))[^,.;]{0,30}$/iu;

export function findKhoa(doc: ArticleText, event: EventKind, congressNumber: number | null): Sourced<string> | null {
  const candidates: Array<Sourced<string>> = [];
  for (const s of leadFirst(doc, 6)) {
    for (const m of s.matchAll(KHOA_RE)) {
      const before = s.slice(Math.max(0, m.index! - 80), m.index!);
      if (OTHER_BODY_RE.test(before)) continue;
      const n = ordinalValue(m[1]!);
      if (!n) continue;
      const roman = /^\d+$/.test(m[1]!) ? toRoman(n.value) : m[1]!.toUpperCase();
      candidates.push(sourced(roman, s));
      if (event === 'congress') {
        if (congressNumber !== null && n.value === congressNumber) return sourced(roman, s);
      } else if (event === 'conference') {
        if (nearestMeeting(s, m.index!) !== 'congress') return sourced(roman, s);
      }
    }
  }
  // A congress whose number is unknown: the largest khóa printed is the new committee's.
  if (event === 'congress' && congressNumber === null && candidates.length > 0) {
    return candidates.reduce((a, b) => ((romanToInt(b.value) ?? 0) > (romanToInt(a.value) ?? 0) ? b : a));
  }
  return null;
}

const TERM_RE = /nhiệm\s+kỳ\s*:?\s*\(?\s*(\d{4})\s*[-–—]\s*(\d{4})/giu;

/** A congress named as still ahead ("chuẩn bị Đại hội … nhiệm kỳ 2025-2030"), or as being carried out. */
const UPCOMING_RE = /(?:chuẩn\s+bị|tiến\s+tới|hướng\s+tới|hướng\s+về|trình|dự\s+thảo|chào\s+mừng|sắp\s+tới)[^.;]{0,60}đại\s+hội[^.;]*$/iu;
const CARRIED_OUT_RE = /(?:thực\s+hiện|triển\s+khai|quán\s+triệt|kết\s+quả)[^.;]{0,30}nghị\s+quyết\s+đại\s+hội[^.;]*$/iu;

/**
 * The term of a conference named with a congress: the current term when the congress's resolution is being carried
 * out or the term started before the conference's year; an upcoming congress's term otherwise (not the conference's).
 */
function conferenceTerm(before: string, start: number, year: number | null): boolean {
  if (CARRIED_OUT_RE.test(before)) return true;
  if (UPCOMING_RE.test(before)) return false;
  return year !== null && start < year;
}

const REVIEWED_TERM_RE = /(?:^\s*(?:trong|qua)\s+|nghị\s+quyết\s+đại\s+hội[^.;]*)$/iu;

/** A term a congress report looks back on: named as a past resolution's, opening a review, or ended before the year. */
function reviewedTerm(before: string, start: number, year: number | null): boolean {
  if (year !== null && start < year - 1) return true;
  return REVIEWED_TERM_RE.test(before) && !/(?:thông\s+qua|biểu\s+quyết)[^.;]{0,20}nghị\s+quyết/iu.test(before);
}

export function findTerm(doc: ArticleText, event: EventKind, year: number | null = null): Sourced<string> | null {
  let best: { start: number; value: Sourced<string> } | null = null;
  for (const s of leadFirst(doc, event === 'conference' ? LEAD_PARAGRAPHS : 2 * LEAD_PARAGRAPHS)) {
    for (const m of s.matchAll(TERM_RE)) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (b - a < 2 || b - a > 6) continue;
      // Elected bodies other than the Party committee (HĐND, Quốc hội) have their own terms ("HĐND huyện khóa XX, nhiệm kỳ …").
      const body = s.slice(Math.max(0, m.index! - 80), m.index!).replace(/\s*kh(?:óa|oá|oa)\s+(?:[IVXLC]{1,7}|\d{1,3})\s*,?\s*$/iu, '');
      if (OTHER_BODY_RE.test(body) || /bầu\s+cử/iu.test(s.slice(0, m.index!))) continue;
      const value = sourced(`${a}-${b}`, s);
      if (event === 'congress') {
        // The term under review is not the congress's: a resolution carried out, "Trong nhiệm kỳ …, Đảng bộ …".
        if (reviewedTerm(s.slice(0, m.index!), a, year)) continue;
        if (!best || a > best.start) best = { start: a, value };
      } else if (event === 'conference') {
        // The term of an upcoming congress named in a conference report is not the conference's.
        if (nearestMeeting(s, m.index!) === 'congress' && !conferenceTerm(s.slice(0, m.index!), a, year)) continue;
        return value;
      } else if (!best || a > best.start) {
        best = { start: a, value };
      }
    }
  }
  return best?.value ?? null;
}

// --- unit --------------------------------------------------------------------------------------

/** The unit whose Party committee holds the meeting (see the module contract), with its province when printed. */
export function findUnit(doc: ArticleText, reportsMeeting = false): Sourced<Unit> | null {
  const sentences = leadFirst(doc);
  const mentions = sentences.map((s) => ({ s, m: findUnitMentions(s) }));
  const provinceLevel = (x: UnitMention) => x.kind === 'tỉnh' || (x.kind === 'thành phố' && canonicalProvince(x.name) !== null);
  let chosen: { s: string; m: UnitMention } | null = null;
  for (const { s, m } of mentions) {
    const committee = actingCommittee(s, m.filter((x) => x.committee && !provinceLevel(x) && !guestCommittee(s, x)));
    if (committee) {
      chosen = { s, m: committee };
      break;
    }
    // "Đảng bộ Thị trấn đã tổ chức Đại hội": a committee of a kind with no name; the name is printed elsewhere.
    const kind = nameless(s);
    const named = kind ? doc.sentences.flatMap((x) => findUnitMentions(x.text)).find((x) => x.kind === kind) : undefined;
    if (named) {
      chosen = { s, m: named };
      break;
    }
  }
  if (!chosen) {
    // A unit merely mentioned is not the meeting's: only in a sentence that names a meeting, or in the title of a
    // meeting report or of a Party article ("Công an quận 12 bắt …" is news from the district, not its committee's).
    const titled = reportsMeeting || PARTY_RE.test(doc.title);
    for (const { s, m } of mentions.filter(({ s }) => (s === doc.title && titled) || CONGRESS_RE.test(s) || CONFERENCE_RE.test(s)).slice(0, 3)) {
      const first = m.find((x) => !provinceLevel(x) && !guestCommittee(s, x));
      if (first) {
        chosen = { s, m: first };
        break;
      }
    }
  }
  if (!chosen && reportsMeeting) {
    // An article reporting a meeting names its unit somewhere early, perhaps without a committee word; a sentence
    // naming only a province-level city ("Ngày 3/6 tại TP.HCM đã diễn ra buổi làm việc của lãnh đạo TP …") places
    // the meeting at that level, before any district named further down.
    for (const { s, m } of mentions) {
      const named = m.filter((x) => !guestCommittee(s, x));
      const first = named.find((x) => !provinceLevel(x)) ?? named.find((x) => x.kind === 'thành phố' && CITY_LEAD_RE.test(s));
      if (first) {
        chosen = { s, m: first };
        break;
      }
    }
  }
  if (!chosen) {
    // A committee acting further down in a meeting report ("Đảng bộ huyện X lãnh đạo …" after a long guest list), else
    // a province-level city's own congress ("Đại hội Đảng bộ thành phố Đà Nẵng").
    const rest = reportsMeeting ? doc.sentences.filter((x) => !sentences.includes(x.text)) : [];
    const everywhere = [...mentions, ...rest.map((x) => ({ s: x.text, m: findUnitMentions(x.text) }))];
    const committees = everywhere.flatMap(({ s, m }) => m.filter((x) => x.committee && !guestCommittee(s, x)).map((x) => ({ s, m: x })));
    chosen = committees.find((c) => !provinceLevel(c.m)) ?? committees[0] ?? null;
  }
  if (!chosen) return null;
  const { kind, name } = chosen.m;
  return sourced(makeUnit(kind, name, placeInProvince(doc, chosen.s, kind, name, mentions.flatMap((x) => x.m))), chosen.s);
}

/** A lead whose meeting is held by the city itself ("lãnh đạo TP", "Thành ủy", "UBND TP"). */
const CITY_LEAD_RE = /(?<![\p{L}])(?:lãnh\s+đạo\s+(?:TP|thành\s+phố)|Thành\s+ủy|UBND\s+(?:TP|thành\s+phố)|HĐND\s+(?:TP|thành\s+phố))(?![\p{L}])/u;

/** "lãnh đạo Huyện ủy X", "đại diện Đảng ủy Y": a committee sent to the meeting, not the one holding it. */
const GUEST_COMMITTEE_BEFORE_RE = /(?<![\p{L}])(?:lãnh\s+đạo|đại\s+diện)(?:\s+(?:các|của))?\s*$/iu;
const guestCommittee = (sentence: string, m: UnitMention) => GUEST_COMMITTEE_BEFORE_RE.test(sentence.slice(Math.max(0, m.index - 30), m.index));

/** Party words: an article whose title has one is about a committee's work. */
const PARTY_RE = new LookbehindRegExp(/(?<![\p{L}])(?:đảng|[ủu][ỷy](?![\p{L}])|bí\s+thư|chi\s+bộ|cấp\s+ủy)/iu);

const WARD_KINDS: ReadonlySet<UnitKind> = new Set(['phường', 'xã', 'thị trấn']);

/**
 * The committee that acts in a sentence: the one nearest before its reporting verb ("…, Ban Chấp hành Đảng bộ phường
 * X tổ chức …"), else the lowest-level one (higher committees direct or choose: "thực hiện chỉ đạo của Quận ủy Y").
 */
function actingCommittee(sentence: string, committees: UnitMention[]): UnitMention | undefined {
  if (committees.length <= 1) return committees[0];
  const verb = REPORTING_RE.exec(sentence);
  if (verb) {
    const before = committees.filter((c) => c.index < verb.index);
    if (before.length > 0) return before.at(-1);
  }
  const rank = (c: UnitMention) => UNIT_LEVEL_RANK[levelOf(c.kind, c.name) ?? 'district'];
  return [...committees].sort((a, b) => rank(a) - rank(b) || a.index - b.index)[0];
}

const NAMELESS_RE = /(?:đảng\s+bộ|đảng\s+ủy|đảng\s+uỷ)\s+(thị\s+trấn|phường|xã|quận|huyện|thị\s+xã)(?=\s+(?:\p{Ll}|lần|khóa|nhiệm)|[,.;]|$)/iu;

/** The kind of a committee printed without its unit's name ("Đảng bộ Thị Trấn tổ chức …"), else null. */
function nameless(sentence: string): UnitKind | null {
  const m = NAMELESS_RE.exec(sentence);
  return m ? (lowerText(m[1]!).replace(/\s+/g, ' ') as UnitKind) : null;
}

/**
 * The unit's province, strongest evidence first: a province printed in the unit's sentence or the title; the
 * national list when it places a district-level unit (or a ward under a district the article names) in one
 * province; the province the article prints most; the national list for a ward of a unique name.
 */
function placeInProvince(doc: ArticleText, sentence: string, kind: UnitKind | null, name: string, mentions: UnitMention[]): string | null {
  const near = [...findProvinceMentions(sentence), ...findProvinceMentions(doc.title)].map((p) => p.province);
  if (near.length > 0) return near[0]!;
  const others = new Set(mentions.filter((m) => m.name !== name).map((m) => lowerText(m.name)));
  const national = placeUnit(kind, name, others);
  const ward = kind !== null && WARD_KINDS.has(kind);
  const parentNamed = ward && national !== null && placeUnit(kind, name) !== national;
  if (national && (!ward || parentNamed)) return national;
  return articleProvince(doc) ?? neighbourProvince(doc, name) ?? national;
}

/**
 * The province most of the other units the article names are in, by the national list (each unit placed
 * unambiguously votes once): component communes of a merged ward, the parent district, neighbours.
 */
function neighbourProvince(doc: ArticleText, name: string): string | null {
  const votes = new Map<string, number>();
  const seen = new Set<string>([lowerText(name)]);
  for (const s of doc.sentences) {
    for (const m of findUnitMentions(s.text)) {
      const key = `${m.kind}|${lowerText(m.name)}`;
      if (seen.has(lowerText(m.name)) || seen.has(key)) continue;
      seen.add(key);
      const p = m.kind === 'tỉnh' || (m.kind === 'thành phố' && canonicalProvince(m.name)) ? canonicalProvince(m.name) : placeUnit(m.kind, m.name);
      if (p) votes.set(p, (votes.get(p) ?? 0) + 1);
    }
  }
  let best: string | null = null;
  for (const [p, n] of votes) if (best === null || n > votes.get(best)!) best = p;
  return best;
}

/**
 * The province an article places its unit in: the most printed province of the first paragraphs (qualified
 * mentions, "tỉnh X" / "TP.HCM", count double); null when none is printed.
 */
export function articleProvince(doc: ArticleText): string | null {
  const counts = new Map<string, number>();
  for (const s of leadFirst(doc, 8)) {
    for (const p of findProvinceMentions(s)) counts.set(p.province, (counts.get(p.province) ?? 0) + (p.qualified ? 2 : 1));
  }
  let best: string | null = null;
  for (const [p, n] of counts) if (best === null || n > counts.get(best)!) best = p;
  return best;
}
