/**
 * Who chaired, opened, concluded and attended the meeting a report describes, read from its paragraphs with
 * general patterns of Vietnamese news. Pure functions, no I/O.
 *
 * Contracts:
 * - Reading view: a paragraph that does not end a sentence (no final . ! ? … : ;) continues into the next one
 *   when that one starts in lowercase, the first ends with "," or a dash, or a person's name runs across the break
 *   (text hard-wrapped inside sentences and names: "Bí thư Tỉnh\nủy", "Nguyễn Mạnh\nHiển, …"); the pieces are
 *   joined with one space. A photo caption glued to the next sentence
 *   ("… đại hội.Đồng chí …") is split off. Every `sentence` below is a sentence of that view: a verbatim piece of
 *   the text, except that a hard line break inside it reads as one space.
 * - chairs: every person the text says chairs ("chủ trì", "đồng chủ trì", "cùng chủ trì", "chủ trì và kết luận";
 *   "điều hành" followed by a meeting word), in printed order, from the first sentence that names any: lists
 *   before the verb ("đồng chí A – ROLE; đồng chí B – ROLE cùng chủ trì", "Ông A, ROLE; bà B, ROLE đồng chủ trì",
 *   "ROLE A và ROLE B đồng chủ trì"), title first ("Bí thư Quận ủy Quận 1 Trần Kim Yến chủ trì") and lists after
 *   it ("Tham dự và chủ trì hội nghị có các đồng chí: A, ROLE; B, ROLE", "Chủ trì hội nghị là …", "dưới sự chủ
 *   trì của các đồng chí: …"). Agencies ("Sở X chủ trì, phối hợp"), groups ("Đoàn Chủ tịch điều hành") and
 *   people who only open, conclude or present a report are not chairs.
 * - openedBy / concludedBy: "Phát biểu khai mạc (hội nghị), X …", "X khai mạc hội nghị", "Kết luận hội nghị, X …";
 *   in a speech transcript, the byline under its title ("Lời khai mạc …" then "(Do đồng chí X, … đọc)");
 *   only looked for when no chair is named; chairNote (Vietnamese) then says that no chair is named and who
 *   opened/concluded, else who attended and directed.
 * - attendees: guests in printed order, each once (the first sentence naming them, or the first saying they
 *   direct); `directs` when the text says they direct ("dự và chỉ đạo", "phát biểu chỉ đạo", "… - ROLE - chỉ đạo").
 *   Read from: lists after an attendance lead ("Dự Đại hội có các đồng chí: A, ROLE; B, ROLE", "Tới dự, tặng hoa
 *   chúc mừng có …", "Dự và chỉ đạo đại hội, có đồng chí …", "Đại hội có sự tham dự của ROLE A, ROLE B"; a second
 *   list after "…; cùng dự có" does not direct); people
 *   before an attendance verb ("A, ROLE dự và chỉ đạo Đại hội", "ROLE A dự, chỉ đạo Đại hội", "Các đồng chí: A,
 *   ROLE; B, ROLE đã dự Đại hội", "ROLE A, cùng 286 đại biểu … đã tham dự", "A, ROLE dự và phát biểu tại hội
 *   nghị"); "Dự và phát biểu (chỉ đạo) đại hội, đồng chí A, ROLE …"; directing speeches ("Phát biểu chỉ đạo Đại hội, ông A - ROLE nhấn mạnh"); speech
 *   salutations ("Kính thưa đồng chí A, ROLE;"); and speakers whose title belongs to a higher level than the
 *   meeting's unit ("Phát biểu tại hội nghị, bà A, Phó Bí thư Tỉnh ủy ghi nhận …"). A speaker whose title names
 *   the meeting's own level (Quận ủy/huyện … at a district meeting, Đảng ủy/phường/xã at a ward meeting) is a host,
 *   not a guest. A shared title before a list ("các đồng chí Ủy viên Ban Thường vụ Thành ủy: A, ROLE; …") opens
 *   each listed role. Items naming no person are groups (`groups`), except counts of delegates. Chairs are never
 *   attendees.
 * - Cost: linear in the text (about 0.15 ms per 1,500-character report); sentences are filtered by keyword before
 *   any pattern runs.
 */
import type { Guest, Person, Sourced } from '../types.js';
import { lowerText } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import { firstName, nameAtEnd, nameThenRole, personBefore, readNameThenRole, readPersonInClause, roleBefore } from './people.js';

export interface PersonHit {
  person: Person;
  sentence: string;
}

export interface GuestHit {
  person: Guest;
  sentence: string;
}

export interface Participants {
  chairs: PersonHit[];
  openedBy: PersonHit | null;
  concludedBy: PersonHit | null;
  /** Null when a chair is named. */
  chairNote: string | null;
  attendees: GuestHit[];
  groups: Sourced<string>[];
}

// --- reading view -------------------------------------------------------------------------------

/** A paragraph ending like this has ended its sentence. */
const SENTENCE_END_RE = /[.!?…:;]["”’»)\]]*\s*$/u;
/** "… đại hội.Đồng chí …": a caption glued to the next sentence (a lowercase word or number, a period, a capital). */
const GLUED_RE = /(?<=[\p{Ll}\d]{2}[.!?])(?=\p{Lu}\p{Ll})/u;
/** A sentence where GLUED_RE may split: a period, "!" or "?" right before a capital. */
const GLUE_HINT_RE = /[.!?]\p{Lu}/u;

/** Up to three capitalised syllables ending a line / opening a line before a title or a verb. */
const NAME_TAIL_RE = /(?:\p{Lu}[\p{Ll}\p{M}]*[ \t]+){0,2}\p{Lu}[\p{Ll}\p{M}]*$/u;
const NAME_HEAD_RE = /^\p{Lu}[\p{Ll}\p{M}]*(?:[ \t]+\p{Lu}[\p{Ll}\p{M}]*){0,2}(?=\s*[,(–—-]|\s+\p{Ll})/u;

/** A person's name broken by a line break: "… đồng chí Nguyễn Mạnh" + "Hiển, Bí thư …". */
function nameAcross(prev: string, next: string): boolean {
  const tail = NAME_TAIL_RE.exec(prev)?.[0];
  const head = tail ? NAME_HEAD_RE.exec(next)?.[0] : undefined;
  if (!tail || !head) return false;
  const n = firstName(`${tail} ${head}`);
  return n !== null && n.index < tail.length && n.end > tail.length;
}

/** Does paragraph `next` continue the sentence `prev` leaves open (see the module contract)? */
function continues(prev: string, next: string): boolean {
  if (SENTENCE_END_RE.test(prev)) return false;
  return /^\p{Ll}/u.test(next) || /[,–—-]\s*$/u.test(prev) || nameAcross(prev, next);
}

/** Sentences of a paragraph: `splitSentences(paragraph)` (a caller may pass one that reuses its own split; read only). */
export type ParagraphSplitter = (paragraph: string) => readonly string[];

/** Sentences of the reading view (see the module contract), in order. */
export function readingSentences(paragraphs: readonly string[], split: ParagraphSplitter = splitSentences): string[] {
  const merged: string[] = [];
  for (const p of paragraphs) {
    const prev = merged.at(-1);
    if (prev !== undefined && continues(prev, p)) {
      merged[merged.length - 1] = `${prev.trimEnd()} ${p.trimStart()}`;
    } else {
      merged.push(p);
    }
  }
  const out: string[] = [];
  for (const p of merged) {
    for (const s of split(p)) {
      if (!GLUE_HINT_RE.test(s)) out.push(s);
      else for (const piece of s.split(GLUED_RE)) if (piece.trim()) out.push(piece.trim());
    }
  }
  return out;
}

// --- shared pieces ------------------------------------------------------------------------------

/** A source tag opening a lead: "(PLO)- ", "(Thanhuytphcm.vn) - ". */
const SOURCE_TAG_RE = /^\([^()\n]{2,40}\)\s*(?:[-–—:]\s*)?/u;
/** Leading adverbials that are not part of a person's clause: "Sáng 5/10, ", "Tại hội nghị, ", "Về phía Trung ương, ". */
const ADVERBIAL_RE =
  /^(?:[-–•*+]\s*)?(?:(?:(?:tại|trong|sau|trước|chiều|sáng|tối|trưa|ngày|hôm|theo|tiếp đó|trước đó|sau đó|cuối cùng)[^,]{0,60}|về\s+phía(?:\s+[^,\s]+){1,3}),\s*)+/iu;

/** A clause without its source tag and leading adverbials. */
function clauseStart(text: string): string {
  return text.replace(/^\s+/, '').replace(SOURCE_TAG_RE, '').replace(ADVERBIAL_RE, '');
}

/** Drop auxiliaries between a person and the action: "X đã trực tiếp", "X đã dự và" (+ chủ trì). */
function stripTrailingAuxiliaries(clause: string): string {
  let out = clause;
  for (;;) {
    const next = out.replace(/[\s,]+(?:đã|sẽ|cùng|cũng|đồng|đồng thời|trực tiếp|đích thân|vừa|dự và|tham dự và|phát biểu và|đến)\s*$/iu, '');
    if (next === out) return out.replace(/[\s,;:–—-]+$/u, '');
    out = next;
  }
}

/** Words that open a group item rather than a person: "đại diện …", "các đồng chí …", "236 đại biểu …". */
const GROUP_START = '(?:các|một\\s+số|đại\\s+diện|lãnh\\s+đạo|nguyên\\s+lãnh\\s+đạo|đông\\s+đảo|nhiều|cán\\s+bộ|đại\\s+biểu|toàn\\s+thể|thành\\s+viên|\\d)';
const GROUP_START_RE = new RegExp(`^${GROUP_START}(?![\\p{L}])`, 'iu');
/** "…, cùng 286 đại biểu …" / "… và các đồng chí …": where a person is followed by a group in one item. */
const GROUP_JOINT_RE = new RegExp(`(?:\\s*,\\s*|\\s+)(?:cùng|và)\\s+(?:với\\s+)?(?=${GROUP_START}(?![\\p{L}]))|\\s*,\\s*(?=(?:đại\\s+diện|lãnh\\s+đạo|cùng)\\s)`, 'iu');
const GROUP_JOINTS_RE = new RegExp(GROUP_JOINT_RE.source, 'giu');
/** A count of delegates ("226 đại biểu chính thức"): neither a guest nor a group worth listing. */
const COUNT_RE = /^(?:hơn|gần|trên|khoảng)?\s*\d/u;
/** "các đồng chí Ủy viên Ban Thường vụ Thành ủy: …": a list heading, possibly a shared title. */
const HEADING_RE = /^(.{0,100}?):\s*(.*)$/su;

/**
 * Where a list splits into items: ";", and before "đồng chí/ông/bà NAME" after a comma or "và"/"cùng" (with up to
 * two lowercase words between: "và khách mời đồng chí …").
 */
const ITEM_SPLIT_RE =
  /\s*;\s*|,\s*(?=(?:đồng\s+chí|đ\/c|ông|bà)\s+\p{Lu})|\s+(?:và|cùng)\s+(?:\p{Ll}+\s+){0,2}?(?=(?:đồng\s+chí|đ\/c|ông|bà)\s+\p{Lu})/u;

interface ListRead {
  people: Person[];
  groups: string[];
}

/** Title-first persons in a comma list: "ROLE A, ROLE B, ROLE C" (each title read back to the previous name). */
function titledNames(text: string): Person[] {
  const segs = text.split(/\s*,\s*/);
  const out: Person[] = [];
  let from = 0;
  for (let i = 0; i < segs.length; i++) {
    const end = nameAtEnd(segs[i]!);
    if (!end) continue;
    const p = nameAtEnd(segs.slice(from, i + 1).join(', '));
    if (p) out.push(p);
    from = i + 1;
  }
  return out;
}

/**
 * One list item's persons: "đồng chí A, ROLE", "ROLE A", "ROLE A, ROLE B", "ROLE A và ROLE B", else the person the item
 * ends with (the first item of a list may carry an unrelated opening: "Sáng 29/9, …, đồng chí A – ROLE").
 */
function itemPersons(item: string): Person[] {
  const t = item.replace(/^(?:và|cùng)\s+/iu, '').trim();
  const first = nameThenRole(t, false);
  if (first) return [first];
  const titled = titledNames(t);
  if (titled.length > 0 && nameAtEnd(t)) {
    // "ROLE A và ROLE B": split where the left part ends with a name.
    const joined = /^(.*\S)\s+(?:và|cùng)\s+(\S.*)$/u.exec(t);
    if (joined && titled.length === 1 && nameAtEnd(joined[1]!)) return [...itemPersons(joined[1]!), ...itemPersons(joined[2]!)];
    return titled;
  }
  const p = personEnding(t);
  return p ? [p] : [];
}

/** An item cut where a person is followed by a group ("A, ROLE và các đồng chí …") and before a count ("… cùng 250 đại biểu"). */
function personGroupParts(item: string): string[] {
  const parts: string[] = [];
  let from = 0;
  const re = GROUP_JOINTS_RE;
  re.lastIndex = 0;
  for (let m = re.exec(item); m; m = re.exec(item)) {
    const left = item.slice(from, m.index);
    const count = COUNT_RE.test(item.slice(m.index + m[0].length));
    if (!count && itemPersons(left.replace(HEADING_RE, '$2')).length === 0) continue;
    parts.push(left);
    from = m.index + m[0].length;
  }
  parts.push(item.slice(from));
  return parts;
}

/** Prefix a shared heading title to a role: "Ủy viên Ban Thường vụ Thành ủy" + "Phó Chủ tịch UBND TP". */
function withHeading(p: Person, heading: string): Person {
  if (!heading || lowerText(p.role).includes(lowerText(heading))) return p;
  return { name: p.name, role: p.role ? `${heading}, ${p.role}` : heading };
}

/**
 * The persons and groups of a list: items split on ";", before "đồng chí/ông/bà", and between a person and a
 * group ("… cùng 250 đại biểu"); a "HEADING:" opens the rest of the list (a title heading prefixes each role).
 */
function readList(list: string): ListRead {
  const people: Person[] = [];
  const groups: string[] = [];
  let heading = '';
  const items = list
    .replace(/[\s.…]+$/u, '')
    .split(ITEM_SPLIT_RE);
  for (const item of items) {
    for (const raw of personGroupParts(item.trim().replace(/[\s.…]+$/u, ''))) {
      let part = raw.trim().replace(/^(?:và|cùng)\s+(?:với\s+)?/iu, '');
      const head = HEADING_RE.exec(part);
      if (head) {
        heading = roleBefore(head[1]!.replace(/^(?:về\s+phía\s+[^,]+,\s*)?(?:các\s+)?(?:đồng\s+chí|ông|bà)?\s*/iu, ''));
        part = head[2]!.trim();
      }
      if (!part) continue;
      // "226 đại biểu chính thức, đại diện cho …": a count of delegates and what it represents.
      if (COUNT_RE.test(part)) break;
      const named = /^các\s+(?:đồng\s+chí|ông|bà)\s/iu.test(part) || !GROUP_START_RE.test(part) ? itemPersons(part) : [];
      if (named.length > 0) people.push(...named.map((p) => withHeading(p, heading)));
      else if (!/^(?:các\s+)?(?:đồng\s+chí)\s*$/iu.test(part)) groups.push(part);
    }
  }
  return { people, groups };
}

// --- levels: who is a host, who a guest ----------------------------------------------------------

type MeetingLevel = 'ward' | 'district' | 'provincial-city';

/** The meeting's unit kind, from the first sentence naming a committee of a unit. */
const UNIT_KIND_RE =
  /(?:đảng\s+bộ|đảng\s+ủy|ban\s+chấp\s+hành|bch|quận\s+ủy|huyện\s+ủy|thị\s+ủy|thành\s+ủy)(?:\s+đảng\s+bộ)?\s+(phường|xã|thị\s+trấn|tt\.|quận|huyện|thị\s+xã|tx\.|thành\s+phố|tp\.?)(?![\p{L}])/iu;

function unitLevel(sentences: readonly string[]): MeetingLevel | null {
  for (const s of sentences.slice(0, 8)) {
    const m = UNIT_KIND_RE.exec(lowerText(s));
    if (!m) continue;
    const kind = m[1]!.replace(/\s+/g, ' ');
    if (/^(?:phường|xã|thị trấn|tt\.)$/u.test(kind)) return 'ward';
    if (/^(?:thành phố|tp\.?)$/u.test(kind)) return 'provincial-city';
    return 'district';
  }
  return null;
}

const W = (words: string) => new RegExp(`(?<![\\p{L}])(?:${words})(?![\\p{L}])`, 'u');
const WARD_HOST_RE = W('đảng ủy|phường|xã(?! hội)|thị trấn');
const DISTRICT_HOST_RE = W('quận ủy|huyện ủy|thị ủy|quận|huyện|thị xã');
const CITY_HOST_RE = W('thành ủy|thành phố|tp');
/** Titles of a level above a district or ward. */
const SENIOR_RE = W('tỉnh ủy|tỉnh|trung ương|bộ chính trị|ban bí thư|quốc hội|chính phủ|bộ trưởng|thứ trưởng|thành ủy|thành phố|tp|quận ủy|huyện ủy|thị ủy|quận|huyện|thị xã');

/** Does `role` name the meeting's own level (its holder hosts rather than visits)? */
function isHostRole(role: string, level: MeetingLevel | null): boolean {
  const r = lowerText(role);
  if (WARD_HOST_RE.test(r)) return true;
  if (level === 'ward') return false;
  if (DISTRICT_HOST_RE.test(r)) return true;
  return level === 'provincial-city' && CITY_HOST_RE.test(r);
}

/** A guest by title: a role of a higher level than the meeting's unit. */
const isSeniorRole = (role: string, level: MeetingLevel | null) => role !== '' && SENIOR_RE.test(lowerText(role)) && !isHostRole(role, level);

// --- chairs ---------------------------------------------------------------------------------------

const CHAIR_RE = /(?<![\p{L}])(?:(?:đồng|cùng)\s+)?(chủ\s+trì|điều\s+hành)(?![\p{L}])/giu;
const MEETING_WORD = '(?:hội nghị|đại hội|cuộc|buổi|phiên|kỳ họp|lễ|hội thảo|tọa đàm|họp|sự kiện|chương trình)';
/** What may follow "chủ trì" when it governs a meeting. */
const CHAIR_OBJECT_RE = new RegExp(
  `^\\s*(?:(?:,\\s*|và\\s+)(?:điều hành|phát biểu|kết luận|khai mạc)[^,.;]*?\\s*)?(?:${MEETING_WORD}|[.;]|$)`,
  'iu',
);
const RUN_OBJECT_RE = new RegExp(`^\\s*${MEETING_WORD}`, 'iu');
/** "Chủ trì hội nghị có/là …", "Tham dự và chủ trì hội nghị có các đồng chí: …". */
const CHAIR_LIST_AFTER_RE = new RegExp(
  `^\\s*(?:${MEETING_WORD}[^,;:]{0,40}?\\s*,?\\s*)?(?:(?:có|là|gồm)\\s+|:\\s*)(?!sự\\s)(?:các\\s+)?(?:đồng\\s+chí|ông|bà)?\\s*:?\\s*(.+)$`,
  'iu',
);

/** Items of a list printed before a verb, read from the last: stops at the first item naming no person or at a heading. */
function subjectList(subject: string): Person[] {
  const items = subject.split(ITEM_SPLIT_RE);
  const out: Person[][] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const item = i === 0 ? clauseStart(items[i]!) : items[i]!;
    const heading = HEADING_RE.exec(item);
    const body = heading ? heading[2]! : item;
    const persons = itemPersons(body);
    if (persons.length === 0) break;
    out.unshift(persons);
    if (heading) break;
  }
  return out.flat();
}

/** An honorific ("đồng chí", "ông", "bà", "đ/c") before a capitalised word. */
const HONORIFIC_AT_RE = /(?:^|[\s,;:])(?:đồng\s+chí|đ\/c|ông|bà)\s+(?=\p{Lu})/giu;

/**
 * The person a clause ends with, right before its verb: "… ROLE NAME", or "… đồng chí NAME, ROLE" whose role runs
 * to the end of the clause (a person followed by more words, "ông A (ROLE) tặng hoa cho …", is not the subject).
 */
function personEnding(clause: string): Person | null {
  const t = clause.replace(/[\s,;:–—-]+$/u, '');
  const end = nameAtEnd(t);
  if (end) return end;
  const starts = [0];
  HONORIFIC_AT_RE.lastIndex = 0;
  for (let m = HONORIFIC_AT_RE.exec(t); m; m = HONORIFIC_AT_RE.exec(t)) starts.push(m.index);
  for (const start of starts.reverse()) {
    const read = readNameThenRole(t.slice(start).replace(/^[\s,;:]+/u, ''), false);
    if (read && read.rest === '') return read.person;
  }
  return null;
}

function chairsIn(sentence: string): Person[] {
  CHAIR_RE.lastIndex = 0;
  for (let m = CHAIR_RE.exec(sentence); m; m = CHAIR_RE.exec(sentence)) {
    const runs = /^điều/iu.test(m[1]!);
    const before = sentence.slice(0, m.index);
    const after = sentence.slice(m.index + m[0].length);
    if (runs && !RUN_OBJECT_RE.test(after)) continue;
    // The people before the verb ("A, ROLE; B, ROLE cùng chủ trì hội nghị"), else a list after it ("Chủ trì hội nghị
    // có/là/: …", "dưới sự chủ trì của …").
    if (CHAIR_OBJECT_RE.test(after)) {
      const persons = subjectList(withoutGroupTail(stripTrailingAuxiliaries(before)));
      if (persons.length > 0) return persons;
    }
    const lead = /sự\s*$/iu.test(before) ? /^\s*của\s+(?:các\s+)?(?:đồng\s+chí|ông|bà)?\s*:?\s*(.+)$/iu.exec(after) : CHAIR_LIST_AFTER_RE.exec(after);
    const persons = lead ? readList(lead[1]!).people : [];
    if (persons.length > 0) return persons;
  }
  return [];
}

// --- openers and concluders -----------------------------------------------------------------------

function actorIn(sentence: string, verb: 'khai mạc' | 'kết luận'): Person | null {
  const v = verb.replace(' ', '\\s+');
  const lead = new RegExp(`^(?:phát\\s+biểu\\s+)?${v}(?:\\s+(?:tại\\s+)?(?:hội nghị|buổi|phiên|kỳ họp|đại hội))?\\s*,\\s*(.+)$`, 'iu').exec(clauseStart(sentence));
  if (lead) {
    const p = readPersonInClause(lead[1]!)?.person;
    if (p) return p;
  }
  const m = new RegExp(`(?<![\\p{L}])(?:phát\\s+biểu\\s+)?${v}\\s+(?:tại\\s+)?(?:hội nghị|buổi|phiên|kỳ họp)`, 'iu').exec(sentence);
  if (!m) return null;
  const clause = stripTrailingAuxiliaries(clauseStart(lastClause(sentence.slice(0, m.index))));
  return personEnding(clause) ?? personBefore(clause);
}

/** The clause that ends a text: after its last ";", ":" or "do/có/là …" connector. */
function lastClause(text: string): string {
  let start = 0;
  const re = /[;:]\s*|\s(?:do|có|là|gồm|bởi|với sự tham dự của|dưới sự chủ trì của)\s+/giu;
  for (let m = re.exec(text); m; m = re.exec(text)) start = m.index + m[0].length;
  return text.slice(start);
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

// --- guests ---------------------------------------------------------------------------------------

/** "dự" as attending, not "dự thảo/dự án/dự kiến …". */
const ATTEND_VERB = 'dự(?![\\p{L}])(?!\\s+(?:thảo|án|toán|kiến|báo|khuyết|định|trữ|phòng|bị|thính|tính|đoán|luật))';
const ATTEND = `(?:(?:cùng|đến|tới|về)\\s+)?(?:tham\\s+)?${ATTEND_VERB}`;
/** What may follow "dự": "và (phát biểu) chỉ đạo", ", chỉ đạo", "và phát biểu", "chúc mừng", "tặng hoa (chúc mừng)". */
const ATTEND_EXTRAS =
  '((?:\\s*(?:,|và)?\\s*(?:phát\\s+biểu(?:\\s+chỉ\\s+đạo)?|chỉ\\s+đạo)|\\s*(?:,|và)?\\s*(?:tặng\\s+hoa\\s+)?chúc\\s+mừng|\\s*(?:,|và)?\\s*tặng\\s+hoa)*)';
/** An attendance lead, then the list: "Tới dự, tặng hoa chúc mừng có …", "Dự và chỉ đạo đại hội, có đồng chí …". */
const ATTEND_LEAD_RE = new RegExp(
  `^(?:.*?[,;:]\\s*)??${ATTEND}${ATTEND_EXTRAS}(?:\\s+(?:tại\\s+)?${MEETING_WORD}[^,;:]{0,40}?)?\\s*,?\\s*(?:có|còn\\s+có|gồm)\\s+(?:sự\\s+(?:hiện\\s+diện|tham\\s+dự|có\\s+mặt)\\s+của\\s+)?(?:các\\s+)?(?:đồng\\s+chí|đ\\/c)?\\s*:?\\s*(.+)$`,
  'iu',
);
/** A second attendance lead inside a list: "…; cùng dự có các đồng chí: …". */
const SECOND_LEAD_RE = new RegExp(`[;,]\\s*(?:cùng\\s+)?(?:tham\\s+)?dự(?:\\s+${MEETING_WORD})?\\s+(?:còn\\s+)?có\\s+(?:các\\s+)?(?:đồng\\s+chí\\s*:?\\s*)?`, 'iu');
/** "Đại hội có sự tham dự của ROLE A, ROLE B cùng 233 đại biểu". */
const PRESENCE_RE = /(?:có|với)\s+sự\s+(?:tham\s+dự|hiện\s+diện|có\s+mặt)\s+(?:và\s+chỉ\s+đạo\s+)?của\s+(?:các\s+)?(?:đồng\s+chí\s*:?\s*)?(.+)$/iu;
/** "Dự và (phát biểu) chỉ đạo đại hội, đồng chí A, ROLE …", "Dự và phát biểu tại hội nghị, bà A …" (no "có"). */
const DIRECT_LEAD_RE = new RegExp(`^(?:tham\\s+)?dự\\s+và\\s+(?:phát\\s+biểu(?:\\s+chỉ\\s+đạo)?|chỉ\\s+đạo)(?:\\s+(?:tại\\s+)?${MEETING_WORD}[^,]{0,40}?)?\\s*,\\s*(.+)$`, 'iu');
/** An attendance verb after the people: "… dự và chỉ đạo Đại hội", "… dự, chỉ đạo Đại hội", "… đã tham dự.". */
const ATTEND_AFTER_RE = new RegExp(
  `(?<![\\p{L}])${ATTEND}${ATTEND_EXTRAS}(?=\\s*(?:tại\\s+)?${MEETING_WORD}|\\s*[.;]|\\s*$)`,
  'giu',
);
/** "Phát biểu chỉ đạo (tại) Đại hội, X …". */
const DIRECTING_SPEECH_RE = new RegExp(`^phát\\s+biểu\\s+chỉ\\s+đạo(?:\\s+(?:tại\\s+)?${MEETING_WORD}[^,]{0,40}?)?\\s*,\\s*(.+)$`, 'iu');
/** "Phát biểu tại hội nghị, X …": a speaker. */
const SPEECH_RE = new RegExp(`^phát\\s+biểu(?:\\s+(?:tại|trong)\\s+${MEETING_WORD}[^,]{0,40}?)?\\s*,\\s*(.+)$`, 'iu');
/** What a guest does right after being named: "… chỉ đạo", "… biểu dương", "… tặng hoa chúc mừng". */
const GUEST_VERB_RE =
  /^[\s,–—-]*(?:(?:đã|cũng|đồng thời)\s+)?(?:(phát\s+biểu\s+)?(chỉ\s+đạo)(?!\s+(?:của|từ))|biểu\s+dương|ghi\s+nhận|đánh\s+giá\s+cao|chúc\s+mừng|tặng\s+hoa|trao\s+(?:hoa|tặng|quyết\s+định)|phát\s+biểu|yêu\s+cầu|đề\s+nghị|lưu\s+ý|nhấn\s+mạnh|gợi\s+ý)(?![\p{L}])/iu;
/** How far into a sentence a speaker's verb may start (an opening phrase, a name and a long title). */
const SPEAKER_VERB_REACH = 320;
/** Sentences worth the speaker patterns: a guest verb near the start. */
const SPEAKER_HINT_RE = /chỉ\s+đạo|biểu\s+dương|ghi\s+nhận|đánh\s+giá\s+cao|chúc\s+mừng|tặng\s+hoa|trao|phát\s+biểu|yêu\s+cầu|đề\s+nghị|lưu\s+ý|nhấn\s+mạnh|gợi\s+ý/iu;
/** "Kính thưa đồng chí A, ROLE;" — a speech's salutation. */
const SALUTATION_RE = /^[-–•*+\s]*(?:kính\s+)?thưa\s+(?:các\s+)?(?:đồng\s+chí|ông|bà)\s+(.+)$/iu;
/** Sentences worth a guest pattern at all (a text with an ATTEND has an ATTEND_VERB, which is faster to find). */
const GUEST_HINT_RE = new RegExp(`${ATTEND_VERB}|chỉ\\s+đạo|thưa|phát\\s+biểu|biểu\\s+dương|ghi\\s+nhận|đánh\\s+giá|chúc\\s+mừng|tặng|trao|yêu\\s+cầu|đề\\s+nghị|nhấn\\s+mạnh|lưu\\s+ý|gợi\\s+ý`, 'iu');

interface GuestFound {
  person: Person;
  directs: boolean;
}

class GuestList {
  readonly hits: GuestHit[] = [];
  readonly groups: Sourced<string>[] = [];
  private readonly byName = new Map<string, GuestHit>();

  add(person: Person, sentence: string, directs: boolean): void {
    const seen = this.byName.get(person.name);
    if (!seen) {
      const hit: GuestHit = { person: { ...person, directs }, sentence };
      this.byName.set(person.name, hit);
      this.hits.push(hit);
      return;
    }
    if (!seen.person.role && person.role) seen.person.role = person.role;
    if (directs && !seen.person.directs) {
      seen.person.directs = true;
      seen.sentence = sentence;
    }
  }

  group(text: string, sentence: string): void {
    if (!this.groups.some((g) => g.value === text)) this.groups.push({ value: text, sentence });
  }
}

/** A subject without the group after its people: "ROLE A, cùng 286 đại biểu …" → "ROLE A". */
function withoutGroupTail(subject: string): string {
  const joint = GROUP_JOINT_RE.exec(subject);
  return joint ? subject.slice(0, joint.index) : subject;
}

/** The persons printed before an attendance verb at `index` of `sentence`. */
function attendingSubject(sentence: string, index: number): Person[] {
  const subject = withoutGroupTail(stripTrailingAuxiliaries(sentence.slice(0, index)));
  const colon = subject.lastIndexOf(':');
  if (colon >= 0) return readList(subject.slice(colon + 1)).people;
  const has = /^(.*?[\s,])(?:có|còn\s+có)\s+(?:các\s+)?(?:đồng\s+chí\s*)?/iu.exec(subject);
  if (has && has[1]!.length < 80) return readList(subject.slice(has[0].length)).people;
  if (/;/.test(subject)) return subjectList(subject);
  const start = clauseStart(lastClause(subject));
  const titled = titledNames(start);
  if (titled.length > 1 && nameAtEnd(start)) return titled;
  const p = personEnding(start);
  return p ? [p] : [];
}

/** A person opening `clause` and what they do right after (GUEST_VERB_RE), or null. */
function speaker(clause: string): { person: Person; verb: RegExpExecArray } | null {
  const read = readPersonInClause(clause);
  if (!read) return null;
  const verb = GUEST_VERB_RE.exec(read.rest.replace(/^[\s)]*[-–—]\s*/u, ''));
  return verb ? { person: read.person, verb } : null;
}

function guestsIn(sentence: string, level: MeetingLevel | null): { found: GuestFound[]; groups: string[] } {
  const found: GuestFound[] = [];
  const groups: string[] = [];
  const s = clauseStart(sentence);

  const salutation = SALUTATION_RE.exec(s);
  if (salutation) {
    for (const item of salutation[1]!.split(/\s*;\s*/)) {
      const p = nameThenRole(item, false);
      if (p) found.push({ person: p, directs: false });
    }
    return { found, groups };
  }

  const lead = ATTEND_LEAD_RE.exec(s);
  if (lead && !/chủ\s+trì/iu.test(s.slice(0, s.length - lead[2]!.length))) {
    const directs = /chỉ\s+đạo/iu.test(lead[1]!) || /chỉ\s+đạo/iu.test(s.slice(0, s.length - lead[2]!.length));
    // "…; cùng dự có các đồng chí …": a second list, of guests who do not direct.
    const [first, second] = lead[2]!.split(SECOND_LEAD_RE);
    for (const [part, partDirects] of [[first, directs], [second, false]] as const) {
      if (!part) continue;
      const list = readList(part);
      for (const p of list.people) found.push({ person: p, directs: partDirects });
      groups.push(...list.groups);
    }
    return { found, groups };
  }

  const presence = PRESENCE_RE.exec(s);
  if (presence) {
    for (const p of readList(presence[1]!).people) found.push({ person: p, directs: /chỉ\s+đạo/iu.test(presence[0]) });
    if (found.length > 0) return { found, groups };
  }

  const directLead = DIRECT_LEAD_RE.exec(s);
  if (directLead) {
    const p = readPersonInClause(directLead[1]!)?.person;
    if (p) return { found: [{ person: p, directs: /chỉ\s+đạo/iu.test(s.slice(0, s.length - directLead[1]!.length)) }], groups };
  }

  ATTEND_AFTER_RE.lastIndex = 0;
  for (let m = ATTEND_AFTER_RE.exec(sentence); m; m = ATTEND_AFTER_RE.exec(sentence)) {
    const tail = sentence.slice(m.index + m[0].length);
    if (/^\s*(?:và|,)\s*chủ\s+trì/iu.test(tail) || /chủ\s+trì\s*$/iu.test(sentence.slice(0, m.index))) continue;
    const directs = /chỉ\s+đạo/iu.test(m[0]);
    const people = attendingSubject(sentence, m.index);
    for (const p of people) found.push({ person: p, directs });
    if (people.length > 0) return { found, groups };
  }

  const speech = DIRECTING_SPEECH_RE.exec(s);
  if (speech) {
    const p = readPersonInClause(speech[1]!)?.person;
    if (p && !isHostRole(p.role, level)) return { found: [{ person: p, directs: true }], groups };
  }
  // A speaker opens the sentence: their verb follows a name and a title.
  const verbAt = SPEAKER_HINT_RE.exec(s)?.index ?? -1;
  if (verbAt < 0 || verbAt > SPEAKER_VERB_REACH) return { found, groups };
  const spoke = SPEECH_RE.exec(s);
  const who = speaker(spoke ? spoke[1]! : s);
  if (who) {
    const directs = who.verb[2] !== undefined;
    if (directs ? !isHostRole(who.person.role, level) : isSeniorRole(who.person.role, level)) found.push({ person: who.person, directs });
  } else if (spoke) {
    const p = readPersonInClause(spoke[1]!)?.person;
    if (p && isSeniorRole(p.role, level)) found.push({ person: p, directs: false });
  }
  return { found, groups };
}

// --- all participants -----------------------------------------------------------------------------

/**
 * Chairs, openers, concluders and guests of the meeting reported in `paragraphs` (see the module contract). `split`:
 * as for readingSentences.
 */
/** Sentences read for a speech's title and byline at the head of a transcript. */
const BYLINE_HEAD_SENTENCES = 4;
/** "(Do đồng chí X, Bí thư Quận ủy đọc)", "(Đồng chí X trình bày)": the reader of a speech transcript. */
const BYLINE_RE = /^\(\s*(?:do\s+)?(?:đồng\s+chí|đ\/c|ông|bà)\s+(.+?)[\s,]+(?:đọc|trình\s+bày)\s*\)\.?$/iu;
/** The speech a transcript's title names: opening ("Lời / Diễn văn / Phát biểu khai mạc") or closing ("bế mạc"). */
const SPEECH_TITLE_RE = /(?<![\p{L}])(?:lời|diễn\s+văn|bài\s+phát\s+biểu|phát\s+biểu)\s+(khai\s+mạc|bế\s+mạc)(?![\p{L}])/iu;

/**
 * The reader of a speech transcript: a byline among the first sentences ("(Do đồng chí X, … đọc)") after a speech
 * title (an opening or closing speech) in the article's title or in a sentence before it; null when the text is no
 * such transcript.
 */
function speechReader(sentences: readonly string[], title: string | undefined): { speech: 'open' | 'close'; hit: PersonHit } | null {
  const head = sentences.slice(0, BYLINE_HEAD_SENTENCES);
  for (let i = 0; i < head.length; i++) {
    const m = BYLINE_RE.exec(head[i]!.trim());
    if (!m) continue;
    const named = [title ?? '', ...head.slice(0, i)].map((s) => SPEECH_TITLE_RE.exec(s)).find((x) => x !== null);
    const person = named ? readPersonInClause(m[1]!)?.person : null;
    if (!named || !person) return null;
    return { speech: /khai/iu.test(named[1]!) ? 'open' : 'close', hit: { person, sentence: head[i]! } };
  }
  return null;
}

/** `title`: the article's title (a speech transcript's title names the speech; see speechReader). */
export function findParticipants(paragraphs: readonly string[], split: ParagraphSplitter = splitSentences, title?: string): Participants {
  const sentences = readingSentences(paragraphs, split);
  // Only guest patterns need the meeting's level: read when the first sentence worth them comes.
  let level: MeetingLevel | null | undefined;

  let chairs: PersonHit[] = [];
  for (const s of sentences) {
    if (!/chủ\s+trì|điều\s+hành/iu.test(s)) continue;
    const persons = chairsIn(s);
    if (persons.length > 0) {
      const seen = new Set<string>();
      chairs = persons.filter((p) => !seen.has(p.name) && seen.add(p.name)).map((person) => ({ person, sentence: s }));
      break;
    }
  }

  const guests = new GuestList();
  const chairNames = new Set(chairs.map((c) => c.person.name));
  for (const s of sentences) {
    if (!GUEST_HINT_RE.test(s)) continue;
    if (level === undefined) level = unitLevel(sentences);
    const { found, groups } = guestsIn(s, level);
    for (const g of found) if (!chairNames.has(g.person.name)) guests.add(g.person, s, g.directs);
    for (const g of groups) guests.group(g, s);
  }

  let openedBy: PersonHit | null = null;
  let concludedBy: PersonHit | null = null;
  if (chairs.length === 0) {
    // A speech's transcript names its reader under its title: "Lời khai mạc Đại hội …" then "(Do đồng chí X, Bí
    // thư … đọc)".
    const byline = speechReader(sentences, title);
    if (byline?.speech === 'open') openedBy = byline.hit;
    else if (byline?.speech === 'close') concludedBy = byline.hit;
    for (const s of sentences) {
      const lower = s.toLowerCase();
      if (!openedBy && lower.includes('khai mạc')) {
        const p = actorIn(s, 'khai mạc');
        if (p) openedBy = { person: p, sentence: s };
      }
      if (!concludedBy && lower.includes('kết luận')) {
        const p = actorIn(s, 'kết luận');
        if (p) concludedBy = { person: p, sentence: s };
      }
      if (openedBy && concludedBy) break;
    }
  }
  const directors = guests.hits.filter((g) => g.person.directs).map((g) => g.person);

  return {
    chairs,
    openedBy,
    concludedBy,
    chairNote: chairs.length > 0 ? null : chairNote(openedBy, concludedBy, directors.map(({ name, role }) => ({ name, role }))),
    attendees: guests.hits,
    groups: guests.groups,
  };
}
