/**
 * Chair and attendee questions, answered from event cards, quoting the card's source sentences.
 *
 * Contracts:
 * - The article is the first in reach (hits, then the scope) whose card holds the answer: a chair (or, scoped,
 *   who opened or concluded, or attendees); attendees or attendee groups (or, scoped, a chair).
 * - Without filters, only a card of the top retrieved article is trusted; the question's non-frame content must be
 *   in the article (cardSupported). Null when no article qualifies: the fact strategy answers instead.
 * - `people` lists whom the answer named, the one a pronoun refers to first (the chair, else who opened or
 *   concluded, else the first attendee).
 */
import { displayDate } from '../../messages/answer.js';
import type { NamedPerson, Sourced, Person } from '../../types.js';
import { articleOrder, cardCiter, cardSupported, personText, type Drafted, type StrategyInput } from './common.js';

export function answerChairOrAttendees(input: StrategyInput): Drafted | null {
  const { retriever, plan, retrieval, messages: m } = input;
  const scoped = retrieval.scope !== null;
  const candidates = articleOrder(retriever, retrieval.hits, retrieval.scope);
  const article = candidates.find((a) =>
    plan.intent === 'chair'
      ? a.card.chair !== null || (scoped && (a.card.openedBy || a.card.concludedBy || a.card.attendees.length > 0))
      : a.card.attendees.length > 0 || a.card.attendeeGroups.length > 0 || (scoped && a.card.chair !== null),
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
    if (s) people.push({ ...s.value, articleId: article.id, sentence: s.sentence });
  };
  const congress = card.event.value === 'congress';
  const meeting = m.meeting(
    (congress ? card.congressNumber?.value : card.meetingNumber?.value) ?? null,
    card.unit?.value.label ?? null,
    displayDate(card.meetingDate?.value ?? article.publishedAt),
    congress,
  );
  const lines: string[] = [];
  if (plan.intent === 'chair') {
    if (card.chair) {
      const n = cite(card.chair);
      named(card.chair);
      lines.push(`${m.chairedBy(card.chair.value.name, card.chair.value.role)}.`, `${meeting}.${n}`, `«${card.chair.sentence}»${n}`);
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
      if (plan.language === 'en' && card.attendees.length > 0) {
        lines.push(m.attendees);
        for (const a of card.attendees) lines.push(`• ${personText(a.value)}${cite(a)}`);
      }
      for (const a of card.attendees) {
        named(a);
        lines.push(`«${a.sentence}»${cite(a)}`);
      }
    }
  } else {
    // The meeting line states the meeting number: cite the sentence it was read from.
    const listed = card.attendees.length > 0 || card.attendeeGroups.length > 0;
    lines.push(`${meeting}.${card.meetingNumber ? cite(card.meetingNumber) : ''}`, listed ? m.attendees : m.noAttendees);
    const seen = new Set<string>();
    for (const a of card.attendees) {
      const n = cite(a);
      named(a);
      lines.push(`• ${personText(a.value)}${n}`);
      if (!seen.has(a.sentence)) {
        seen.add(a.sentence);
        lines.push(`  «${a.sentence}»${n}`);
      }
    }
    for (const g of card.attendeeGroups) lines.push(`• ${g.value}${cite(g)}`);
    if (card.chair) {
      named(card.chair);
      lines.push(`${m.chairedBy(card.chair.value.name, card.chair.value.role)}.${cite(card.chair)}`);
    }
  }
  if (citations.size === 0) return null;
  return { text: [...new Set(lines)].join('\n'), citations, used, intent: plan.intent, people };
}
