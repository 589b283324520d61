/**
 * Chair and attendee questions, answered from event cards, quoting the card's source sentences.
 *
 * Contracts:
 * - The article is the first in reach (hits, then the scope) whose card holds the answer: chairs (or, scoped,
 *   who opened or concluded, or attendees); attendees or attendee groups (or, scoped, chairs).
 * - Without filters, only a card of the top retrieved article is trusted; the question's non-frame content must be
 *   in the article (cardSupported). Null when no article qualifies: the fact strategy answers instead.
 * - Chairs are named in printed order, each cited (one chair: "Người chủ trì: …"; several: a heading, then one line
 *   each). Attendees are listed guests who direct first (marked), then the others, each in printed order and cited.
 * - `people` lists whom the answer named, the one a pronoun refers to first (the first chair, else who opened or
 *   concluded, else the first attendee listed).
 */
import { displayDate } from '../../messages/answer.js';
import type { Guest, NamedPerson, Person, Sourced } from '../../types.js';
import { articleOrder, cardCiter, cardSupported, personText, type Drafted, type StrategyInput } from './common.js';

/** Attendees who direct first, then the rest, each group in printed order. */
export function directingFirst(attendees: readonly Sourced<Guest>[]): Sourced<Guest>[] {
  return [...attendees.filter((a) => a.value.directs), ...attendees.filter((a) => !a.value.directs)];
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
  if (!cardSupported(input, article.id)) return null;
  const card = article.card;
  const { citations, used, cite: citeSentence } = cardCiter(retriever, article.id);
  const cite = (s: Sourced<unknown>): string => {
    const n = citeSentence(s.sentence);
    return n === null ? '' : ` [${n}]`;
  };
  const people: NamedPerson[] = [];
  const named = (s: Sourced<Person> | null) => {
    if (s) people.push({ name: s.value.name, role: s.value.role, articleId: article.id, sentence: s.sentence });
  };
  const quotes = (list: readonly Sourced<unknown>[], indent = '') => {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const s of list) {
      if (seen.has(s.sentence)) continue;
      seen.add(s.sentence);
      out.push(`${indent}«${s.sentence}»${cite(s)}`);
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
  const guestLine = (a: Sourced<Guest>) => `• ${personText(a.value)}${a.value.directs ? `, ${m.directing}` : ''}${cite(a)}`;
  const lines: string[] = [];
  if (plan.intent === 'chair') {
    const chairs = card.chairs;
    if (chairs.length === 1) {
      const chair = chairs[0]!;
      const n = cite(chair);
      named(chair);
      lines.push(`${m.chairedBy(chair.value.name, chair.value.role)}.`, `${meeting}.${n}`, `«${chair.sentence}»${n}`);
    } else if (chairs.length > 1) {
      lines.push(m.coChairs);
      for (const c of chairs) {
        named(c);
        lines.push(`• ${personText(c.value)}${cite(c)}`);
      }
      lines.push(`${meeting}.${cite(chairs[0]!)}`, ...quotes(chairs));
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
      const guests = directingFirst(card.attendees);
      if (plan.language === 'en' && guests.length > 0) {
        lines.push(m.attendees);
        for (const a of guests) lines.push(guestLine(a));
      }
      for (const a of guests) named(a);
      lines.push(...quotes(guests));
    }
  } else {
    // The meeting line states the meeting number: cite the sentence it was read from.
    const listed = card.attendees.length > 0 || card.attendeeGroups.length > 0;
    lines.push(`${meeting}.${card.meetingNumber ? cite(card.meetingNumber) : ''}`, listed ? m.attendees : m.noAttendees);
    const seen = new Set<string>();
    for (const a of directingFirst(card.attendees)) {
      named(a);
      lines.push(guestLine(a));
      if (!seen.has(a.sentence)) {
        seen.add(a.sentence);
        lines.push(`  «${a.sentence}»${cite(a)}`);
      }
    }
    for (const g of card.attendeeGroups) lines.push(`• ${g.value}${cite(g)}`);
    if (card.chairs.length === 1) {
      named(card.chairs[0]!);
      lines.push(`${m.chairedBy(card.chairs[0]!.value.name, card.chairs[0]!.value.role)}.${cite(card.chairs[0]!)}`);
    } else if (card.chairs.length > 1) {
      lines.push(m.coChairs);
      for (const c of card.chairs) {
        named(c);
        lines.push(`• ${personText(c.value)}${cite(c)}`);
      }
    }
  }
  if (citations.size === 0) return null;
  return { text: [...new Set(lines)].join('\n'), citations, used, intent: plan.intent, people };
}
