/**
 * Structured facts about the meeting an article reports (EventCard), read with generic patterns.
 * Pure function, no I/O; runs on any news text (unrelated articles get mostly-null cards).
 *
 * Contracts:
 * - Every Sourced value carries the sentence of `text` it was read from, verbatim. Metadata values
 *   (title/publishedAt/author/site) carry the printed line they came from when known, else the value.
 * - The lead sentence = the first sentence (in the first 3 paragraphs) that mentions a meeting;
 *   the meeting date prefers it over later sentences.
 * - unit, event, meetingNumber (a conference's), congressNumber, khoa, term: ingest/meeting.ts reads them from
 *   the title and the lead; a unit portal's byline abbreviation opening the lead ("(NTL)") gives the unit when the
 *   text names none.
 * - chair: the person next to "chủ trì" when it governs a meeting ("chủ trì hội nghị", "… chủ trì.",
 *   "do … chủ trì", "Chủ trì hội nghị có/là …"); agencies ("Sở X chủ trì, phối hợp") are not persons.
 *   Co-chairs: the first one listed. openedBy/concludedBy ("Phát biểu khai mạc hội nghị, X …",
 *   "Kết luận hội nghị, X …", "X phát biểu kết luận …") are filled only when chair is null; chairNote
 *   then says in Vietnamese that no chair is named and who opened/concluded or "dự và chỉ đạo".
 * - attendees/attendeeGroups: lists after "Đến dự có", "Dự hội nghị có", "Tham dự … có" (items split
 *   on ";" and before "đồng chí"), and "X dự (và chỉ đạo) hội nghị", within the first 4 paragraphs;
 *   items naming no person are groups. The chair is never also an attendee.
 * - meetingDate / meetingEndDate: the meeting's first and last day as printed (lead first, ranges kept), resolved
 *   with dates.ts `findMeetingDate` against publishedAt / dateBound.
 * - sourceSite: the lead's source tag when it is a domain ("(Thanhuytphcm.vn)"), the unit portal
 *   when it is a byline abbreviation ("(NTL)" → Cổng thông tin điện tử quận Nam Từ Liêm), another
 *   short uppercase tag as printed; else `input.site` (e.g. the url's host).
 * - Cost: linear in the text (about 0.2 ms per 2,000 characters); sentence splitting happens once.
 */
import type { EventCard, Person, Sourced, Unit } from '../types.js';
import { BYLINE_UNITS, makeUnit, provinceOn } from '../text/units.js';
import { splitParagraphs, splitSentences } from '../text/sentences.js';
import { findMeetingDate } from './dates.js';
import { findEventKind, findKhoa, findNumbers, findTerm, findUnit } from './meeting.js';
import { nameAtEnd, nameThenRole, personBefore, personInClause } from './people.js';

export interface EventCardInput {
  id: string;
  title: string;
  /** Cleaned article body (paragraphs separated by blank lines or line breaks). */
  text: string;
  /** Publication date "YYYY-MM-DD"; a month-only "YYYY-MM" is used as dateBound instead. */
  publishedAt: string | null;
  /** Not a publication date but a date the meeting is not after: a month-only stamp "YYYY-MM" or a page-render date. */
  dateBound?: string | null;
  author?: string | null;
  site?: string | null;
  /** Provenance of metadata values (printed lines), when known. */
  titleSentence?: string | null;
  publishedSentence?: string | null;
  authorLine?: string | null;
  siteSentence?: string | null;
}

const MEETING_RE = /hội nghị|kỳ họp|phiên họp|cuộc họp|buổi làm việc|đại hội|\bhọp\b/iu;
const MEETING_FOLDED_RE = /hoi nghi|ky hop|phien hop|cuoc hop|buoi lam viec|dai hoi|\bhop\b/;
/** A sentence that mentions a meeting (diacritics optional). */
const isMeetingSentence = (s: string) => MEETING_RE.test(s) || (!/[^\x00-\x7f]/.test(s) && MEETING_FOLDED_RE.test(s.toLowerCase()));
const SOURCE_TAG_RE = /^\(([^()\n]{2,40})\)\s*(?:[-–—:]\s*)?(?=\S)/u;

const sourced = <T>(value: T, sentence: string): Sourced<T> => ({ value, sentence });

interface Doc {
  paragraphs: string[];
  /** Sentences in order, with the index of their paragraph. */
  sentences: Array<{ text: string; paragraph: number }>;
  lead: string | null;
  /** sentences[i].text.toLowerCase(), computed on first use. */
  lower?: string[];
}

function analyse(text: string): Doc {
  const paragraphs = splitParagraphs(text);
  const sentences: Doc['sentences'] = [];
  paragraphs.forEach((p, i) => {
    for (const s of splitSentences(p)) sentences.push({ text: s, paragraph: i });
  });
  const lead = sentences.find((s) => s.paragraph < 3 && isMeetingSentence(s.text))?.text ?? null;
  return { paragraphs, sentences, lead };
}

// --- people -----------------------------------------------------------------------------------

/** Start of the clause that ends at `end`: after the last ";", ":", sentence-internal "." or a connector. */
function clauseBefore(sentence: string, end: number): string {
  const left = sentence.slice(0, end);
  let start = 0;
  const re = /[;:]\s*|\s(?:do|có|là|gồm|bởi|với sự tham dự của|dưới sự chủ trì của)\s+/giu;
  for (let m = re.exec(left); m; m = re.exec(left)) start = m.index + m[0].length;
  // Leading adverbials such as "Tại hội nghị, " or "(Thanhuytphcm.vn) - Chiều 5/10, " are not part of a role.
  let clause = left.slice(start);
  clause = clause.replace(SOURCE_TAG_RE, '');
  const comma = /^(?:tại|trong|sau|trước|chiều|sáng|tối|trưa|ngày|hôm|phát biểu|theo)[^,]{0,60},\s*/iu.exec(clause);
  if (comma) clause = clause.slice(comma[0].length);
  return clause;
}

/** Drop auxiliaries between a person and the action: "X đã trực tiếp", "X đã dự và" (+ chủ trì). */
function stripTrailingAuxiliaries(clause: string): string {
  let out = clause;
  for (;;) {
    const next = out.replace(/\s+(?:đã|sẽ|cùng|cũng|đồng thời|trực tiếp|đích thân|vừa|dự và|tham dự và|phát biểu và|đến)\s*$/iu, '');
    if (next === out) return out;
    out = next;
  }
}

const CHAIR_RE = /(?<![\p{L}])(đồng\s+)?chủ\s+trì(?![\p{L}])/giu;
const CHAIR_OBJECT_RE =
  /^\s*(?:và\s+(?:điều hành|phát biểu)[^,.;]*\s*)?(?:,\s*(?:điều hành|phát biểu)[^,.;]*)?(?:hội nghị|cuộc|buổi|phiên|kỳ họp|lễ|hội thảo|tọa đàm|đại hội|họp|sự kiện|chương trình|[.;]|$)/iu;

interface PersonHit {
  person: Person;
  sentence: string;
}

function findChair(doc: Doc): PersonHit | null {
  for (const { text: s } of doc.sentences) {
    if (!/chủ\s+trì/iu.test(s)) continue;
    CHAIR_RE.lastIndex = 0;
    for (let m = CHAIR_RE.exec(s); m; m = CHAIR_RE.exec(s)) {
      const after = s.slice(m.index + m[0].length);
      const before = s.slice(0, m.index);
      // "Chủ trì hội nghị có/là đồng chí X, …" / "dưới sự chủ trì của đồng chí X".
      const lead = /^\s*(?:hội nghị\s+)?(?:có|là|gồm)\s+(?:các\s+)?(?:đồng\s+chí\s*:?\s*)?(.*)$/iu.exec(after) ??
        (/sự\s*$/iu.test(before) ? /^\s*của\s+(.*)$/iu.exec(after) : null);
      if (lead) {
        const p = nameThenRole(lead[1]!.split(/[;]/)[0]!) ?? personInClause(lead[1]!.split(/[;]/)[0]!);
        if (p) return { person: p, sentence: s };
        continue;
      }
      if (!CHAIR_OBJECT_RE.test(after)) continue;
      // Co-chairs listed as "Các đồng chí: A, ROLE; B, ROLE (đồng) chủ trì": the first one is reported.
      const list = /^(?:.*?[,.]\s+)?(?:các\s+đồng\s+chí|các\s+ông)\s*:\s*(.+)$/iu.exec(stripTrailingAuxiliaries(before));
      if (list && list[1]!.includes(';')) {
        const first = listItems(list[1]!)[0];
        const p = first ? nameThenRole(first, false) ?? personBefore(first) : null;
        if (p) return { person: p, sentence: s };
      }
      const clause = stripTrailingAuxiliaries(clauseBefore(s, m.index));
      const p = personBefore(clause);
      if (p) return { person: p, sentence: s };
    }
  }
  return null;
}

const GROUP_JOINT_RE =
  /\s+(?:cùng|và)\s+(?:với\s+)?(?=(?:các\s+)?(?:đại\s+diện|lãnh\s+đạo|đông\s+đảo|nhiều|cán\s+bộ|đoàn|các\s+đồng\s+chí|các)(?![\p{L}]))/u;

/** Group/person items of an attendance list: split on ";", then on ", đồng chí" / " và đồng chí". */
function listItems(list: string): string[] {
  return list
    .replace(/[.…]+\s*$/u, '')
    .split(/\s*;\s*|,\s*(?=(?:đồng\s+chí|ông|bà)\s+\p{Lu})|\s+(?:và|cùng)\s+(?=(?:đồng\s+chí|ông|bà)\s+\p{Lu})/u)
    .flatMap((item) => {
      // "… Nguyễn Văn A cùng đại diện lãnh đạo các sở": a person, then a group.
      const m = GROUP_JOINT_RE.exec(item);
      if (!m) return [item];
      const left = item.slice(0, m.index);
      return nameAtEnd(left.replace(/^[^:]{0,80}:\s*/u, '')) ? [left, item.slice(m.index + m[0].length)] : [item];
    })
    // "Ủy viên Bộ Chính trị: Thủ tướng X" — a list heading before ":" is dropped.
    .map((x) => x.replace(/^[^:]{0,80}:\s*/u, '').replace(/^(?:các\s+)?(?:đồng\s+chí)\s*:?\s*$/iu, '').trim())
    .filter((x) => x.length > 0);
}

/** "Tổng Bí thư A, Chủ tịch nước B, Ủy viên X, Phó Thủ tướng C": consecutive "ROLE NAME" items. */
function roleNameList(item: string): Person[] {
  const out: Person[] = [];
  let pending: string[] = [];
  for (const seg of item.split(/\s*,\s*/)) {
    const p = nameAtEnd(seg);
    if (p && (p.role !== '' || pending.length > 0 || out.length > 0)) {
      out.push({ name: p.name, role: [...pending, p.role].filter(Boolean).join(', ') });
      pending = [];
    } else {
      pending.push(seg);
    }
  }
  return pending.length === 0 ? out : out.length > 1 ? out : [];
}

const ATTEND_LEAD_RE =
  /^(?:.*?[,;]\s*)?(?:cùng\s+)?(?:đến\s+|về\s+|tham\s+)?dự(?:\s+và\s+chỉ\s+đạo)?(?:\s+(?:hội nghị|buổi|phiên|lễ)[^,;:]{0,40}?)?\s+(?:có|còn có)\s+(?:sự\s+(?:hiện\s+diện|tham\s+dự)\s+của\s+)?(?:các\s+)?(?:đồng\s+chí\s*:?\s*)?(.+)$/iu;
const ATTEND_AFTER_RE = /(?<![\p{L}])(?:dự\s+và\s+chỉ\s+đạo|đến\s+dự|tham\s+dự|dự)\s+(?:hội nghị|buổi|phiên|kỳ họp|lễ)/giu;

interface Attendance {
  people: Array<PersonHit & { directs: boolean }>;
  groups: Sourced<string>[];
}

function findAttendees(doc: Doc): Attendance {
  const people: Attendance['people'] = [];
  const groups: Sourced<string>[] = [];
  const seen = new Set<string>();
  const add = (person: Person, sentence: string, directs: boolean) => {
    if (seen.has(person.name)) return;
    seen.add(person.name);
    people.push({ person, sentence, directs });
  };
  for (const { text: s, paragraph } of doc.sentences) {
    if (paragraph >= 4) break;
    if (!/dự/iu.test(s)) continue;
    const lead = ATTEND_LEAD_RE.exec(s);
    if (lead && !/\bchủ\s+trì\b/iu.test(s.slice(0, lead.index + 1))) {
      const directs = /chỉ\s+đạo/iu.test(s.slice(0, s.length - lead[1]!.length));
      for (const item of listItems(lead[1]!)) {
        if (/^(?:đại\s+diện|lãnh\s+đạo|các|đông\s+đảo|nhiều|cán\s+bộ)(?![\p{L}])/iu.test(item)) {
          groups.push(sourced(item, s));
          continue;
        }
        const list = roleNameList(item);
        if (list.length > 1) {
          for (const p of list) add(p, s, directs);
          continue;
        }
        const p = nameThenRole(item, false) ?? personBefore(item);
        if (p) add(p, s, directs);
        else groups.push(sourced(item, s));
      }
      continue;
    }
    ATTEND_AFTER_RE.lastIndex = 0;
    const m = ATTEND_AFTER_RE.exec(s);
    if (m && !/^\s*(?:và|,)/.test(s.slice(m.index + m[0].length, m.index + m[0].length + 3))) {
      const clause = stripTrailingAuxiliaries(clauseBefore(s, m.index));
      for (const item of listItems(clause)) {
        const p = personBefore(item);
        if (p) add(p, s, /chỉ\s+đạo/iu.test(m[0]));
      }
    }
  }
  return { people, groups };
}

/** "Phát biểu khai mạc hội nghị, đồng chí X - ROLE nhấn mạnh …" or "X khai mạc hội nghị". */
function findActor(doc: Doc, verb: 'khai mạc' | 'kết luận'): PersonHit | null {
  const leadRe = new RegExp(`^(?:(?:trước đó|sau đó|cuối cùng|tại [^,]{0,40}),\\s*)?(?:phát\\s+biểu\\s+)?${verb.replace(' ', '\\s+')}(?:\\s+(?:tại\\s+)?(?:hội nghị|buổi|phiên|kỳ họp))?\\s*,\\s*(.+)$`, 'iu');
  const afterRe = new RegExp(`(?<![\\p{L}])(?:phát\\s+biểu\\s+)?${verb.replace(' ', '\\s+')}\\s+(?:tại\\s+)?(?:hội nghị|buổi|phiên|kỳ họp)`, 'iu');
  const lower = (doc.lower ??= doc.sentences.map((x) => x.text.toLowerCase()));
  for (let i = 0; i < doc.sentences.length; i++) {
    const s = doc.sentences[i]!.text;
    if (!lower[i]!.includes(verb)) continue;
    const lead = leadRe.exec(s);
    if (lead) {
      const p = personInClause(lead[1]!);
      if (p) return { person: p, sentence: s };
    }
    const m = afterRe.exec(s);
    if (m) {
      const clause = stripTrailingAuxiliaries(clauseBefore(s, m.index));
      const p = personBefore(clause);
      if (p) return { person: p, sentence: s };
    }
  }
  return null;
}

const describe = (p: Person) => `đồng chí ${p.name}${p.role ? ` (${p.role})` : ''}`;

function chairNote(opened: PersonHit | null, concluded: PersonHit | null, directors: Person[]): string {
  if (opened || concluded) {
    if (opened && concluded && opened.person.name === concluded.person.name) {
      return `Bài viết không nêu người chủ trì hội nghị; ${describe(opened.person)} phát biểu khai mạc và kết luận hội nghị.`;
    }
    const parts: string[] = [];
    if (opened) parts.push(`${describe(opened.person)} phát biểu khai mạc hội nghị`);
    if (concluded) parts.push(`${describe(concluded.person)} kết luận hội nghị`);
    return `Bài viết không nêu người chủ trì hội nghị; ${parts.join('; ')}.`;
  }
  if (directors.length > 0) {
    return `Bài viết không nêu người chủ trì, người khai mạc hay kết luận hội nghị; ${directors.map(describe).join(', ')} dự và chỉ đạo hội nghị.`;
  }
  return 'Bài viết không nêu người chủ trì hội nghị.';
}

// --- source site ------------------------------------------------------------------------------

function findSourceSite(doc: Doc, input: EventCardInput): Sourced<string> | null {
  const tagged = doc.sentences.slice(0, 3).find((s) => SOURCE_TAG_RE.test(s.text));
  if (tagged) {
    const tag = SOURCE_TAG_RE.exec(tagged.text)![1]!.trim();
    if (/^[\p{L}\d-]+(?:\.[\p{L}\d-]+)+$/u.test(tag)) return sourced(tag, tagged.text);
    const byline = BYLINE_UNITS.find((b) => b.abbreviation === tag);
    if (byline) return sourced(`Cổng thông tin điện tử ${byline.kind} ${byline.name} (${tag})`, tagged.text);
    if (/^[\p{Lu}\d&-]{2,12}$/u.test(tag)) return sourced(tag, tagged.text);
  }
  if (input.site) return sourced(input.site, input.siteSentence ?? input.site);
  return null;
}

// --- card -------------------------------------------------------------------------------------

const year = (date: string | null | undefined): number | null => (date ? Number(date.slice(0, 4)) : null);

/** The unit of a byline abbreviation opening the lead ("(NTL) Sáng ngày 23/6, …"), when the text names none. */
function bylineUnit(doc: Doc): Sourced<Unit> | null {
  const first = doc.sentences[0];
  const tag = first ? SOURCE_TAG_RE.exec(first.text)?.[1] : undefined;
  const byline = tag ? BYLINE_UNITS.find((b) => b.abbreviation === tag) : undefined;
  return first && byline ? sourced(makeUnit(byline.kind, byline.name, byline.province), first.text) : null;
}

const FULL_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function extractEventCard(input: EventCardInput): EventCard {
  const doc = analyse(input.text);
  const text = { title: input.title, sentences: doc.sentences, lead: doc.lead };
  const event = findEventKind(text);
  const found = findUnit(text, event.value !== 'other') ?? bylineUnit(doc);
  const numbers = findNumbers(text, found?.value ?? null);
  // A month-only date is no publication date (it only bounds the meeting date).
  const fullDate = input.publishedAt && FULL_DATE_RE.test(input.publishedAt) ? input.publishedAt : null;
  const publishedAt = fullDate ? sourced(fullDate, input.publishedSentence ?? fullDate) : null;
  const meeting = findMeetingDate({
    sentences: doc.sentences.map((s) => s.text),
    lead: doc.lead,
    paragraphs: doc.paragraphs,
    publishedAt: fullDate,
    bound: input.dateBound ?? (fullDate ? null : input.publishedAt),
  });
  const meetingDate = meeting ? sourced(meeting.date, meeting.sentence) : null;
  // The province as of the meeting: a report after the 2025 reform places its unit in the merged province.
  const when = meetingDate?.value ?? input.publishedAt ?? input.dateBound ?? null;
  const unit = found ? sourced({ ...found.value, province: provinceOn(found.value.province, when) }, found.sentence) : null;

  const chairHit = findChair(doc);
  const attendance = findAttendees(doc);
  const attendees = attendance.people
    .filter((a) => a.person.name !== chairHit?.person.name)
    .map((a) => sourced(a.person, a.sentence));
  let openedBy: PersonHit | null = null;
  let concludedBy: PersonHit | null = null;
  if (!chairHit) {
    openedBy = findActor(doc, 'khai mạc');
    concludedBy = findActor(doc, 'kết luận');
  }
  const directors = attendance.people.filter((a) => a.directs).map((a) => a.person);

  return {
    articleId: input.id,
    title: sourced(input.title, input.titleSentence ?? input.title),
    publishedAt,
    meetingDate,
    meetingEndDate: meeting?.endDate ? sourced(meeting.endDate, meeting.endSentence ?? meeting.sentence) : null,
    unit,
    event,
    meetingNumber: event.value === 'conference' ? numbers.conference : null,
    congressNumber: event.value === 'congress' ? numbers.congress : null,
    khoa: findKhoa(text, event.value, numbers.congress?.value ?? null),
    term: findTerm(text, event.value, year(when)),
    chair: chairHit ? sourced(chairHit.person, chairHit.sentence) : null,
    openedBy: openedBy ? sourced(openedBy.person, openedBy.sentence) : null,
    concludedBy: concludedBy ? sourced(concludedBy.person, concludedBy.sentence) : null,
    chairNote: chairHit ? null : chairNote(openedBy, concludedBy, directors),
    attendees,
    attendeeGroups: attendance.groups,
    author: input.author ? sourced(input.author, input.authorLine ?? input.author) : null,
    sourceSite: findSourceSite(doc, input),
  };
}
