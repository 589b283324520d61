/**
 * Chair and attendee questions, answered from event cards, quoting the card's source sentences.
 *
 * Contracts:
 * - The article is the first in reach (hits, then the scope) whose card holds the answer: chairs (or, scoped,
 *   who opened or concluded, or attendees); attendees or attendee groups (or, scoped, chairs).
 * - Without filters, only a card of the top retrieved article is trusted. Other reports of the same meeting in
 *   reach (`sameMeeting`) complete its guest list; the question's non-frame content must be in the article or one of
 *   them (cardSupported). Null when no article qualifies: the fact strategy answers instead.
 * - Chairs (the article's own) are named in printed order, each cited (one chair: "Người chủ trì: …"; several: a
 *   heading, then one line each). Guests are listed those who direct first (marked), then the others, each in
 *   printed order (the article's, then the other reports' new names) and cited to the sentence they were read from.
 * - An attendee question naming a title ("Trưởng ban Tổ chức Thành ủy nào dự?") lists only the guests holding it
 *   (askedGuests), without the chairs.
 * - `people` lists whom the answer named, the one a pronoun refers to first: for a chair question the first chair,
 *   else who opened or concluded, else the first guest listed; for an attendee question the first guest listed.
 */
import { displayDate } from '../../messages/answer.js';
import type { EventCard, Guest, NamedPerson, Person, Sourced, StoredArticle } from '../../types.js';
import { fold } from '../../text/normalize.js';
import { isFunctionSyllable } from '../../retrieve/query/words.js';
import type { QueryPlan } from '../../retrieve/query/plan.js';
import { articleOrder, CARD_FRAME, cardCiter, cardSupported, MEETING_FRAME, personText, type Drafted, type StrategyInput } from './common.js';

/** Fewest of the question's words a guest's title must hold for the question to ask for that title. */
const ASKED_TITLE_MIN_WORDS = 2;

/**
 * The guests whose title the question asks for ("Trưởng ban Tổ chức Thành ủy nào dự?", "những lãnh đạo Trung ương
 * nào dự?"): those whose title holds the most of the question's words (frame, meeting and function words left
 * out), at least ASKED_TITLE_MIN_WORDS of them; every guest when no title holds that many.
 */
export function askedGuests<T extends { guest: Sourced<Guest> }>(plan: Pick<QueryPlan, 'clauses'>, guests: readonly T[]): T[] {
  const words = new Set(
    plan.clauses.flat().map((w) => fold(w.toLowerCase())).filter((w) => !CARD_FRAME.has(w) && !MEETING_FRAME.has(w) && !isFunctionSyllable(w)),
  );
  if (words.size === 0) return [...guests];
  const score = (g: Guest) => new Set(fold((g.role ?? '').toLowerCase()).split(/[^a-z0-9]+/).filter((w) => words.has(w))).size;
  const best = Math.max(0, ...guests.map((e) => score(e.guest.value)));
  return best < ASKED_TITLE_MIN_WORDS ? [...guests] : guests.filter((e) => score(e.guest.value) === best);
}

/**
 * Two cards report the same meeting: the same unit and event kind, no field that differs where both print it
 * (conference or congress number, meeting date, khóa, nhiệm kỳ), and at least one that agrees.
 */
export function sameMeeting(a: EventCard, b: EventCard): boolean {
  if (!a.unit || !b.unit || a.unit.value.id !== b.unit.value.id || a.event.value !== b.event.value) return false;
  const pairs: Array<[unknown, unknown]> = [
    [a.meetingNumber?.value, b.meetingNumber?.value],
    [a.congressNumber?.value, b.congressNumber?.value],
    [a.meetingDate?.value, b.meetingDate?.value],
    [a.khoa?.value, b.khoa?.value],
    [a.term?.value, b.term?.value],
  ];
  let agree = false;
  for (const [x, y] of pairs) {
    if (x === undefined || y === undefined) continue;
    if (x !== y) return false;
    agree = true;
  }
  return agree;
}

/** A guest and the article their sentence is in. */
interface GuestEntry {
  guest: Sourced<Guest>;
  articleId: string;
}

/** Guests of the reports in order, each name once, those who direct first (each part in printed order). */
export function guestList(reports: readonly StoredArticle[]): GuestEntry[] {
  const seen = new Set<string>();
  const all: GuestEntry[] = [];
  for (const r of reports) {
    for (const guest of r.card.attendees) {
      if (seen.has(guest.value.name)) continue;
      seen.add(guest.value.name);
      all.push({ guest, articleId: r.id });
    }
  }
  return [...all.filter((e) => e.guest.value.directs), ...all.filter((e) => !e.guest.value.directs)];
}

export function answerChairOrAttendees(input: StrategyInput): Drafted | null {
  const { retriever, plan, retrieval, messages: m } = input;
  const scoped = retrieval.scope !== null;
  const candidates = articleOrder(retriever, retrieval.hits, retrieval.scope);
  const article = candidates.find((a) =>
    plan.intent === 'chair'
      ? a.card.chairs.length > 0 || (scoped && (a.card.openedBy || a.card.concludedBy || a.card.attendees.length > 0))
      : a.card.attendees.length > 0 || a.card.attendeeGroups.length > 0 || (scoped && a.card.chairs.length > 0),
  );
  if (!article) return null;
  // Without filters, only trust a card whose article is the top retrieved one.
  if (!scoped && retrieval.hits[0]?.chunk.meta.articleId !== article.id) return null;
  const reports = [article, ...candidates.filter((a) => a.id !== article.id && sameMeeting(article.card, a.card))];
  if (!reports.some((r) => cardSupported(input, r.id))) return null;
  const card = article.card;
  const { citations, used, cite: citeSentence } = cardCiter(retriever, article.id);
  const cite = (s: Sourced<unknown>, articleId = article.id): string => {
    const n = citeSentence(s.sentence, articleId);
    return n === null ? '' : ` [${n}]`;
  };
  const people: NamedPerson[] = [];
  const named = (s: Sourced<Person> | null, articleId = article.id) => {
    if (s) people.push({ name: s.value.name, role: s.value.role, articleId, sentence: s.sentence });
  };
  const quotes = (list: ReadonlyArray<{ s: Sourced<unknown>; articleId: string }>, indent = '') => {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const { s, articleId } of list) {
      if (seen.has(s.sentence)) continue;
      seen.add(s.sentence);
      out.push(`${indent}«${s.sentence}»${cite(s, articleId)}`);
    }
    return out;
  };
  const congress = card.event.value === 'congress';
  const meeting = m.meeting(
    (congress ? card.congressNumber?.value : card.meetingNumber?.value) ?? null,
    card.unit?.value.label ?? null,
    displayDate(card.meetingDate?.value ?? article.publishedAt),
    congress,
  );
  const guests = guestList(reports);
  const guestLine = ({ guest: g, articleId }: GuestEntry) =>
    `• ${personText(g.value)}${g.value.directs ? `, ${m.directing}` : ''}${cite(g, articleId)}`;
  const chairs = card.chairs;
  const chairItem = (c: Sourced<Person>) => `• ${personText(c.value)}${cite(c)}`;
  const lines: string[] = [];
  if (plan.intent === 'chair') {
    if (chairs.length > 0) {
      for (const c of chairs) named(c);
      // The answer first, on one line: who chaired (every co-chair), cited; then the meeting, then the proof.
      if (chairs.length === 1) lines.push(`${m.chairedBy(chairs[0]!.value.name, chairs[0]!.value.role)}.${cite(chairs[0]!)}`);
      else lines.push(`${m.coChairs} ${chairs.map((c) => `${personText(c.value)}${cite(c)}`).join('; ')}.`);
      lines.push(`${meeting}.`, ...quotes(chairs.map((s) => ({ s, articleId: article.id }))));
    } else {
      // card.chairNote is written in Vietnamese at ingest; English answers state the same from the card's fields.
      lines.push(plan.language === 'vi' ? (card.chairNote ?? m.noChair) : m.noChair, `${meeting}.`);
      for (const [label, s] of [
        [m.openedBy, card.openedBy],
        [m.concludedBy, card.concludedBy],
      ] as const) {
        if (s) {
          named(s);
          lines.push(`${label}: ${personText(s.value)}.${cite(s)}`, `«${s.sentence}»${cite(s)}`);
        }
      }
      if (plan.language === 'en' && guests.length > 0) lines.push(m.attendees, ...guests.map(guestLine));
      for (const e of guests) named(e.guest, e.articleId);
      lines.push(...quotes(guests.map((e) => ({ s: e.guest, articleId: e.articleId }))));
    }
  } else {
    // The meeting line states the meeting number: cite the sentence it was read from.
    // The answer first, on one line: who attended (directing guests first), each cited; then the meeting, then
    // each proving sentence once.
    const number = congress ? card.congressNumber : card.meetingNumber;
    const asked = askedGuests(plan, guests);
    const narrowed = asked.length < guests.length;
    const listed = [
      ...asked.map((e) => `${personText(e.guest.value)}${e.guest.value.directs ? `, ${m.directing}` : ''}${cite(e.guest, e.articleId)}`),
      ...(narrowed ? [] : card.attendeeGroups.map((g) => `${g.value}${cite(g)}`)),
    ];
    lines.push(listed.length > 0 ? `${m.attendees} ${listed.join('; ')}.` : m.noAttendees, `${meeting}.${number ? cite(number) : ''}`);
    for (const e of asked) named(e.guest, e.articleId);
    lines.push(...quotes(asked.map((e) => ({ s: e.guest, articleId: e.articleId }))));
    // Asked for guests of one title, the answer is those guests; else the chairs complete who was there.
    if (!narrowed) {
      if (chairs.length === 1) lines.push(`${m.chairedBy(chairs[0]!.value.name, chairs[0]!.value.role)}.${cite(chairs[0]!)}`);
      else if (chairs.length > 1) lines.push(m.coChairs, ...chairs.map(chairItem));
      for (const c of chairs) named(c);
    }
  }
  if (citations.size === 0) return null;
  return { text: [...new Set(lines)].join('\n'), citations, used, intent: plan.intent, people };
}
