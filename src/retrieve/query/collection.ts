/**
 * Questions about the collection of meetings rather than about what one meeting said: the latest meeting, how many
 * meetings, which meetings (of a unit, a year, a term, a kind, a person), and small talk. Pure; reads folded whole
 * words (words.ts), so unaccented and English questions are recognised alike.
 *
 * Contracts:
 * - `collectionAsk` answers only when the meeting itself is what is asked for ("hội nghị gần đây nhất là gì?",
 *   "có bao nhiêu hội nghị?", "Trần Văn A chủ trì những hội nghị nào?"); a question asking for something of a meeting
 *   ("tại hội nghị gần nhất kết nạp bao nhiêu đảng viên?") is not one, but its `latest` flag (mentionsLatest) narrows
 *   the scope to the newest meeting.
 * - `event` is the kind the question names ("đại hội" → congress, "hội nghị" → conference), null for any meeting.
 */
import type { EventKind } from '../../types.js';
import { foldedWords } from './words.js';

export type CollectionKind = 'latest' | 'count' | 'list';

export interface CollectionAsk {
  kind: CollectionKind;
  /** The kind of meeting asked about, null for any. */
  event: Exclude<EventKind, 'other'> | null;
}

/** A meeting as a question names one (folded). */
const MEETING = '(?:hoi nghi|dai hoi|cuoc hop|buoi hop|phien hop|ky hop|meetings?|conferences?|congress(?:es)?|plenums?)';
const NEWEST = '(?:gan day nhat|moi nhat|gan nhat|sau cung|cuoi cung|latest|most recent|newest|last)';

const LATEST_RE = new RegExp(` (?:${MEETING} (?:\\w+ ){0,7}?${NEWEST}|(?:latest|most recent|newest|last) ${MEETING}) `);
/** After the newest meeting is named, the question asks only what or when it was. */
const ASKS_WHICH = / (?:la gi|la hoi nghi nao|la dai hoi nao|la cuoc hop nao|nao|khi nao|ngay nao|hom nao|luc nao|bao gio|what|which|when) /;
/** A count of meetings or reports. */
const COUNT_RE = new RegExp(` (?:(?:bao nhieu|may) (?:cuoc |buoi |phien )?${MEETING.replace('(?:', '(?:bai viet|bai bao|bai|')}|how many (?:meetings|conferences|congresses|articles|reports|plenums)) `);
/** A list of meetings: "những hội nghị nào", "dự hội nghị nào", "liệt kê các đại hội", "which meetings", "list the conferences". */
const LIST_RE = new RegExp(
  ` (?:(?:nhung|cac) ${MEETING} nao|(?:chu tri|du|tham du|ket luan|khai mac) ${MEETING} nao|${MEETING} nao (?:da )?(?:duoc )?(?:to chuc|dien ra|hop)|(?:liet ke|ke ten|danh sach) (?:tat ca )?(?:(?:nhung|cac) )?${MEETING}|which (?:meetings|conferences|congresses)|list (?:(?:the|all) )?(?:of )?(?:the )?(?:meetings|conferences|congresses)) `,
);

function eventOf(f: string): CollectionAsk['event'] {
  const congress = / (?:dai hoi|congress(?:es)?) /.test(f);
  const conference = / (?:hoi nghi|conferences?|plenums?) /.test(f);
  return congress === conference ? null : congress ? 'congress' : 'conference';
}

export function collectionAsk(question: string): CollectionAsk | null {
  const f = foldedWords(question);
  let kind: CollectionKind | null = null;
  if (COUNT_RE.test(f)) kind = 'count';
  else if (LIST_RE.test(f)) kind = 'list';
  else if (LATEST_RE.test(f) && (ASKS_WHICH.test(f.slice(f.search(LATEST_RE))) || / (?:what|which|when) (?:is|was|were) /.test(f))) kind = 'latest';
  return kind ? { kind, event: eventOf(f) } : null;
}

/**
 * The words saying the question is about the newest meeting ("gan day nhat" of "hội nghị gần đây nhất", "latest"
 * of "the latest congress"), folded: a filter span (the articles do not print them); null when none.
 */
export function latestSpan(question: string): string | null {
  const f = foldedWords(question);
  if (!LATEST_RE.test(f)) return null;
  return new RegExp(` (${NEWEST}) `).exec(f.slice(f.search(LATEST_RE)))?.[1] ?? null;
}

/** Greetings and thanks with nothing else asked ("hi", "chào bot", "cảm ơn nhé", "thanks!"), folded. */
const GREETING = '(?:xin )?chao|hi|hello|hey|alo';
const THANKS = 'cam on|cam ta|thank you|thanks|thanks a lot|ok|oke|okay|tot qua|hay qua|good|great';
const ADDRESS = '(?: (?:ban|bot|nhe|nha|nhieu|a|ad|admin|em|anh|chi|rat nhieu|so much|very much|you|there|all|moi nguoi))*';
const GREETING_RE = new RegExp(`^ (?:${GREETING})${ADDRESS} $`);
const THANKS_RE = new RegExp(`^ (?:${THANKS})${ADDRESS} $`);

/** Words only an English speaker would use in small talk (the reply is then in English). */
const ENGLISH_TALK = / (?:hello|thank|thanks|great|good|so much|very much|you|there|all) /;

export interface SmallTalk {
  kind: 'greeting' | 'thanks';
  english: boolean;
}

export function smallTalk(question: string): SmallTalk | null {
  const f = foldedWords(question).replace(/ {2,}/g, ' ');
  const kind = GREETING_RE.test(f) ? 'greeting' : THANKS_RE.test(f) ? 'thanks' : null;
  return kind ? { kind, english: ENGLISH_TALK.test(f) } : null;
}
