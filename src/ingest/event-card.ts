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
 * - chairs, openedBy, concludedBy, chairNote, attendees, attendeeGroups: read by participants.ts (see its contract);
 *   their sentences may join a sentence hard-wrapped over several lines with single spaces.
 * - meetingDate / meetingEndDate: the meeting's first and last day as printed (lead first, ranges kept), resolved
 *   with dates.ts `findMeetingDate` against publishedAt / dateBound.
 * - sourceSite: the lead's source tag when it is a domain ("(Thanhuytphcm.vn)"), the unit portal
 *   when it is a byline abbreviation ("(NTL)" → Cổng thông tin điện tử quận Nam Từ Liêm), another
 *   short uppercase tag as printed; else `input.site` (e.g. the url's host).
 * - figures: ingest/figures.ts rows of the text's sentences (the card's unit, the meeting's year and term); none
 *   when the card has no unit (only units' figures are compared).
 * - Cost: linear in the text (about 0.5 ms per 2,000 characters, a third of it participants.ts).
 */
import type { EventCard, Sourced, Unit } from '../types.js';
import { BYLINE_UNITS, makeUnit, provinceOn } from '../text/units.js';
import { splitParagraphs, splitSentences } from '../text/sentences.js';
import { findMeetingDate } from './dates.js';
import { extractFigures } from './figures.js';
import { findEventKind, findKhoa, findNumbers, findTerm, findUnit } from './meeting.js';
import { findParticipants } from './participants.js';

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

// "họp" as a word: (?<!\w)…(?!\w) is \b here (both ends of "họp" are word characters) and runs far faster than \b
// under /iu in V8.
const MEETING_RE = /hội nghị|kỳ họp|phiên họp|cuộc họp|buổi làm việc|đại hội|(?<!\w)họp(?!\w)/iu;
const MEETING_FOLDED_RE = /hoi nghi|ky hop|phien hop|cuoc hop|buoi lam viec|dai hoi|\bhop\b/;
/** A sentence that mentions a meeting (diacritics optional). */
const isMeetingSentence = (s: string) => MEETING_RE.test(s) || (!/[^\x00-\x7f]/.test(s) && MEETING_FOLDED_RE.test(s.toLowerCase()));
const SOURCE_TAG_RE = /^\(([^()\n]{2,40})\)\s*(?:[-–—:]\s*)?(?=\S)/u;

const sourced = <T>(value: T, sentence: string): Sourced<T> => ({ value, sentence });

interface Doc {
  paragraphs: string[];
  /** Sentences in order, with the index of their paragraph. */
  sentences: Array<{ text: string; paragraph: number }>;
  /** splitSentences of each paragraph's text (read only). */
  split: Map<string, readonly string[]>;
  lead: string | null;
}

function analyse(text: string): Doc {
  const paragraphs = splitParagraphs(text);
  const sentences: Doc['sentences'] = [];
  const split = new Map<string, readonly string[]>();
  paragraphs.forEach((p, i) => {
    let own = split.get(p);
    if (!own) {
      own = splitSentences(p);
      split.set(p, own);
    }
    for (const s of own) sentences.push({ text: s, paragraph: i });
  });
  const lead = sentences.find((s) => s.paragraph < 3 && isMeetingSentence(s.text))?.text ?? null;
  return { paragraphs, sentences, split, lead };
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

  const term = findTerm(text, event.value, year(when));
  const people = findParticipants(doc.paragraphs, (p) => doc.split.get(p) ?? splitSentences(p), input.title);
  const hit = <T>(h: { person: T; sentence: string } | null) => (h ? sourced(h.person, h.sentence) : null);

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
    term,
    chairs: people.chairs.map((c) => sourced(c.person, c.sentence)),
    openedBy: hit(people.openedBy),
    concludedBy: hit(people.concludedBy),
    chairNote: people.chairNote,
    attendees: people.attendees.map((a) => sourced(a.person, a.sentence)),
    attendeeGroups: people.groups,
    author: input.author ? sourced(input.author, input.authorLine ?? input.author) : null,
    // Only a unit's figures are compared (answer/strategies/compare.ts): a card without a unit keeps none.
    figures: !unit ? [] : extractFigures({
      paragraphs: doc.paragraphs.map((p) => doc.split.get(p) ?? []),
      title: input.title,
      lead: doc.lead,
      unitId: unit?.value.id ?? null,
      year: year(when),
      term: term?.value ?? null,
    }),
    sourceSite: findSourceSite(doc, input),
  };
}
