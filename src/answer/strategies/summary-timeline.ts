/**
 * A term summary's timeline: a unit's meetings (reports of one meeting merged) and, per meeting, its headline — the
 * clause of the report's opening that says what the meeting decided or was for. Pure.
 *
 * Contracts:
 * - `unitMeetings`: the reports grouped by meeting (collection.ts `meetingKey`; an undated report of a numbered
 *   meeting joins that meeting's dated reports), oldest first, undated ones last;
 *   at most `max`, the newest kept. A meeting's first report is the one whose card names the most (chairs, number,
 *   date), the one its line cites.
 * - `headlineOf`: among the first LEAD_SENTENCES sentences of each report (the title opens the first passage when
 *   the body does not print it), the first election ("tái đắc cử Bí thư", "bầu … Ban Chấp hành"), else decision
 *   ("thông qua", "thống nhất", "cho ý kiến"), else agenda clause ("đánh giá", "sơ kết", "triển khai"). An election
 *   is quoted from the start of its clause (who was elected), the others from their verb. The clause ends with its
 *   sentence; one longer than `maxChars` is cut at its last clause boundary (a comma, a semicolon, "và") that
 *   leaves at least MIN_HEADLINE_CHARS, else that sentence gives none. Sentences not ending a sentence (an excerpt
 *   cut off) give none. Else the report's title, when it is a sentence of the report, fits and names no meeting
 *   (a headline like "Phát huy tính tiên phong …"). Null when none does.
 */
import type { EventKind, StoredArticle } from '../../types.js';
import { fold } from '../../text/normalize.js';
import { clauseStartBefore } from '../../ingest/figures.js';
import { dateOf, meetingKey } from './collection.js';

/** Opening sentences of a report searched for its headline. */
export const LEAD_SENTENCES = 6;
/** A headline cut shorter than this says too little. */
export const MIN_HEADLINE_CHARS = 20;

export interface Meeting {
  reports: StoredArticle[];
  kind: EventKind;
  number: number | null;
  /** "YYYY-MM-DD" (or "YYYY-MM"), null when no report dates it. */
  date: string | null;
}

export interface Headline {
  text: string;
  sentence: string;
  articleId: string;
}

/** How much a card names: its first report is the richest. */
const richness = (a: StoredArticle) =>
  a.card.chairs.length * 2 + (a.card.meetingNumber || a.card.congressNumber ? 2 : 0) + (a.card.meetingDate ? 1 : 0) + (a.card.figures?.length ?? 0) / 100;

export function unitMeetings(articles: readonly StoredArticle[], max: number): Meeting[] {
  const groups = new Map<string, StoredArticle[]>();
  for (const a of articles) groups.set(meetingKey(a), [...(groups.get(meetingKey(a)) ?? []), a]);
  // An undated report of a numbered meeting joins that meeting's dated reports (same kind and number).
  for (const [key, reports] of groups) {
    const c = reports[0]!.card;
    const n = c.event.value === 'congress' ? c.congressNumber?.value : c.meetingNumber?.value;
    if (n === undefined || reports.some((r) => dateOf(r) !== null)) continue;
    const dated = [...groups.entries()].find(([k, rs]) => k !== key && rs.some((r) => dateOf(r) !== null) && sameNumbered(rs[0]!, reports[0]!));
    if (!dated) continue;
    dated[1].push(...reports);
    groups.delete(key);
  }
  const meetings = [...groups.values()].map((reports): Meeting => {
    const sorted = [...reports].sort((a, b) => richness(b) - richness(a) || a.id.localeCompare(b.id));
    const c = sorted[0]!.card;
    const number = c.event.value === 'congress' ? (c.congressNumber?.value ?? null) : (c.meetingNumber?.value ?? null);
    return { reports: sorted, kind: c.event.value, number, date: sorted.map(dateOf).find((d) => d !== null) ?? null };
  });
  // Oldest first, undated last; the newest `max` kept.
  meetings.sort((a, b) => (a.date === null ? 1 : 0) - (b.date === null ? 1 : 0) || (a.date ?? '').localeCompare(b.date ?? ''));
  const dated = meetings.filter((x) => x.date !== null);
  const undated = meetings.filter((x) => x.date === null);
  return [...dated.slice(-max), ...undated].slice(0, max);
}

/** Two reports of one unit's meeting of the same kind and number. */
function sameNumbered(a: StoredArticle, b: StoredArticle): boolean {
  const number = (x: StoredArticle) => (x.card.event.value === 'congress' ? x.card.congressNumber?.value : x.card.meetingNumber?.value);
  return a.card.event.value === b.card.event.value && a.card.unit?.value.id === b.card.unit?.value.id && number(a) === number(b);
}

/** Headline verbs by rank (folded): an election, a decision, an agenda. */
const ELECTION = /\b(?:tai dac cu|dac cu|trung cu|duoc bau|bau (?:ong|ba|dong chi|ban chap hanh|bch|\d+ dong chi|ban thuong vu|bi thu))\b/;
const DECISION = /\b(?:thong qua (?:nghi quyet|bao cao|de an|chuong trinh|ke hoach|du thao|danh sach|quy che|to trinh)|bieu quyet|quyet dinh|thong nhat (?:thong qua|ban hanh|chu truong|phuong an|de an)|ban hanh|cho y kien|kien toan)\b/;
const AGENDA = /\b(?:xem xet|danh gia(?! cao)|so ket(?! qua)|tong ket(?! qua)|kiem diem|quan triet|trien khai|ban (?:giai phap|phuong huong|nhiem vu))\b/;
const RANKED: readonly RegExp[] = [ELECTION, DECISION, AGENDA];
/** A title that only names the meeting ("Hội nghị lần thứ 14 - Ban Chấp hành …"), folded. */
const MEETING_WORDS = /\b(?:hoi nghi|dai hoi|lan thu)\b/;
/** A sentence that ends as a sentence (not an excerpt cut off mid-word). */
export const ENDS_SENTENCE = /[.!?…"”»)]\s*$/u;
/** Where a long clause may be cut (the text after it dropped). */
const CLAUSE_BOUNDARY = /(?:[,;]\s|\svà\s)/gu;

/** The clause of `sentence` from `from` to its end, cut to `maxChars` at a clause boundary; null when it cannot be. */
function clauseFrom(sentence: string, from: number, maxChars: number, fromVerb: boolean): string | null {
  // From its first letter or digit (a bullet or a dash before it is no part of it) to its end, without the period.
  let clause = sentence.slice(from).replace(/^[^\p{L}\p{N}]+/u, '').replace(/[\s.!?…]+$/u, '').trim();
  if (clause.length > maxChars) {
    let cut = -1;
    for (const m of clause.matchAll(CLAUSE_BOUNDARY)) if (m.index! <= maxChars && m.index! >= MIN_HEADLINE_CHARS) cut = m.index!;
    if (cut < 0) return null;
    clause = clause.slice(0, cut).trim();
  }
  // Brackets and quotes left open by a cut are closed by dropping the opening part.
  if ((clause.match(/[(“"]/gu)?.length ?? 0) > (clause.match(/[)”"]/gu)?.length ?? 0)) return null;
  if (clause.length < MIN_HEADLINE_CHARS) return null;
  // A clause quoted from its verb continues the line's sentence: its verb in lower case (not an acronym).
  const second = clause.charAt(1);
  return fromVerb && second && second === second.toLowerCase() ? clause.charAt(0).toLowerCase() + clause.slice(1) : clause;
}

/**
 * The meeting's headline (see the module contract). `sentencesOf(articleId)`: the report's sentences in reading
 * order (the title first when the body does not print it).
 */
export function headlineOf(meeting: Meeting, sentencesOf: (articleId: string) => string[], maxChars: number): Headline | null {
  for (const [rank, re] of RANKED.entries()) {
    for (const report of meeting.reports) {
      for (const sentence of sentencesOf(report.id).slice(0, LEAD_SENTENCES)) {
        if (!ENDS_SENTENCE.test(sentence) && sentence !== report.title) continue;
        const folded = fold(sentence);
        if (folded.length !== sentence.length) continue;
        const m = re.exec(folded);
        if (!m) continue;
        const from = rank === 0 ? clauseStartBefore(folded, m.index, 0) : m.index;
        const text = clauseFrom(sentence, from, maxChars, rank > 0);
        if (text) return { text: text.trim(), sentence, articleId: report.id };
      }
    }
  }
  // The report's own headline, when it says more than which meeting it was.
  for (const report of meeting.reports) {
    const title = sentencesOf(report.id).find((s) => s === report.title);
    if (title && title.length <= maxChars && !MEETING_WORDS.test(fold(title))) return { text: title, sentence: title, articleId: report.id };
  }
  return null;
}
