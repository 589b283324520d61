/**
 * Questions about the collection, answered from the event cards: the latest meeting, how many and which meetings
 * (of the scope: unit, year, term, kind), and the meetings a person chaired or attended (a person index).
 *
 * Contracts:
 * - Reports of one meeting (same unit, kind, number and date) count once; meetings are listed newest first, dated
 *   ones before undated ones, at most MAX_LISTED_MEETINGS (the rest are counted, not listed).
 * - Only conferences and congresses are meetings here ("other" reports — previews, reviews — are not counted).
 * - A person is matched when the question prints the whole name of a chair or guest of a card in scope (folded, so
 *   unaccented questions match); the person's meetings are those they chaired (a chair question), attended (an
 *   attendee question), or either.
 * - Every listed meeting cites the sentence its card read the number (else the date, else the meeting kind, else
 *   the title) from, and in a person's list also the sentence naming the person's part;
 *   null when no meeting is in scope (the answerer refuses).
 */
import type { CollectionAsk } from '../../retrieve/query/collection.js';
import { foldedWords } from '../../retrieve/query/words.js';
import { displayDate } from '../../messages/answer.js';
import type { ArticleSource } from '../../index/article-rows.js';
import type { Chunk, NamedPerson, StoredArticle } from '../../types.js';
import { isSurname } from '../../text/names.js';
import { CitationSet } from '../citations.js';
import type { Drafted, StrategyInput } from './common.js';

/** Meetings listed in one answer at most. */
export const MAX_LISTED_MEETINGS = 8;

interface Meeting {
  /** The reports of this meeting, the first one cited. */
  articles: StoredArticle[];
  date: string | null;
  /** The person's part in it, in person mode. */
  part?: 'chair' | 'conclude' | 'open' | 'attend';
  sentence: string;
  /** The sentence naming the person's part, in person mode. */
  partSentence?: string;
}

export const dateOf = (a: StoredArticle) => a.card.meetingDate?.value ?? a.publishedAt ?? null;

/** Reports of one meeting (same unit, kind, number and date) share this key; an undated, unnumbered report is its own. */
export function meetingKey(a: StoredArticle): string {
  const c = a.card;
  const n = c.event.value === 'congress' ? c.congressNumber?.value : c.meetingNumber?.value;
  const date = dateOf(a);
  if (n === undefined && date === null) return a.id;
  // A unit holds each numbered congress once (reports of its sessions print different days); conference numbers
  // start again each term, so their day tells them apart.
  if (c.event.value === 'congress' && n !== undefined && c.unit) return `${c.unit.value.id}|congress|${n}`;
  return `${c.unit?.value.id ?? a.id}|${c.event.value}|${n ?? ''}|${date ?? ''}`;
}

/** The card people whose whole name the question prints, with their part. */
function peopleAsked(question: string, articles: StoredArticle[]): Map<string, string> {
  const f = foldedWords(question);
  const found = new Map<string, string>();
  for (const a of articles) {
    for (const p of cardPeople(a)) {
      const name = p.value.name;
      const key = foldedWords(name);
      if (key.trim().split(' ').length >= 2 && f.includes(key)) found.set(key, name);
    }
  }
  return found;
}

/** One person a card names: the card's position in the collection, the person's among cardPeople, the name printed. */
interface PersonEntry {
  order: number;
  rank: number;
  id: string;
  name: string;
}

/**
 * Folded whole names (foldedWords, two words or more) → every meeting card (conference, congress) naming them, in
 * collection order; built once per collection from the rows, reading only the meeting reports' cards.
 */
const personIndexes = new WeakMap<ArticleSource, Map<string, PersonEntry[]>>();

function personIndex(articles: ArticleSource): Map<string, PersonEntry[]> {
  let index = personIndexes.get(articles);
  if (index) return index;
  index = new Map();
  let order = 0;
  for (const row of articles.rows) {
    const at = order++;
    const a = row.event !== 'other' ? articles.get(row.id) : undefined;
    if (!a) continue;
    cardPeople(a).forEach((p, rank) => {
      const key = foldedWords(p.value.name);
      if (key.trim().split(' ').length < 2) return;
      const entries = index!.get(key);
      if (entries) entries.push({ order: at, rank, id: a.id, name: p.value.name });
      else index!.set(key, [{ order: at, rank, id: a.id, name: p.value.name }]);
    });
  }
  personIndexes.set(articles, index);
  return index;
}

/**
 * `peopleAsked` over every meeting report `inPool` accepts (by id), in collection order, from the person index: the
 * same names in the same order, without reading every card. Also returns each found name's cards (ids, collection
 * order).
 */
function peopleAskedIndexed(
  question: string,
  articles: ArticleSource,
  inPool: (id: string) => boolean,
): { found: Map<string, string>; cards: Map<string, string[]> } {
  const index = personIndex(articles);
  // Every key the question `includes` runs from one of its spaces to a later one (foldedWords puts one at each end).
  const f = foldedWords(question);
  const spaces: number[] = [];
  for (let i = f.indexOf(' '); i >= 0; i = f.indexOf(' ', i + 1)) spaces.push(i);
  const hits: Array<{ key: string; first: PersonEntry; last: PersonEntry; ids: string[] }> = [];
  const seen = new Set<string>();
  for (let i = 0; i < spaces.length; i++) {
    for (let j = i + 1; j < spaces.length; j++) {
      const key = f.slice(spaces[i], spaces[j]! + 1);
      const entries = seen.has(key) ? undefined : index.get(key);
      seen.add(key);
      if (!entries) continue;
      const kept = entries.filter((e) => inPool(e.id));
      if (kept.length === 0) continue;
      const ids = kept.map((e) => e.id).filter((id, k, all) => k === 0 || all[k - 1] !== id);
      hits.push({ key, first: kept[0]!, last: kept[kept.length - 1]!, ids });
    }
  }
  // A Map keeps a key where it was first set: order by each name's first card and place on it.
  hits.sort((a, b) => a.first.order - b.first.order || a.first.rank - b.first.rank);
  return { found: new Map(hits.map((h) => [h.key, h.last.name])), cards: new Map(hits.map((h) => [h.key, h.ids])) };
}

/** Everyone a card names: chairs, who opened and concluded the meeting, guests. */
function cardPeople(a: StoredArticle) {
  return [...a.card.chairs, ...(a.card.openedBy ? [a.card.openedBy] : []), ...(a.card.concludedBy ? [a.card.concludedBy] : []), ...a.card.attendees];
}

/** A person's name as a question prints it: two to four capitalised words, the first a surname ("Trần Kim Yến"). */
function printedPerson(question: string): string | null {
  for (const m of question.matchAll(/(?<![\p{L}])\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,3}(?![\p{L}])/gu)) {
    const words = m[0].split(/\s+/);
    if (isSurname(words[0]!)) return m[0];
  }
  return null;
}

export function answerCollection(input: StrategyInput, ask: CollectionAsk, scope: ReadonlySet<string> | null): Drafted | null {
  const { retriever, plan, messages: m } = input;
  const articles = retriever.articles;
  // Rows first: only the meeting reports asked about are read in full.
  const meeting = (id: string): boolean => {
    const event = articles.row(id)?.event;
    return event !== undefined && event !== 'other' && (ask.event === null || event === ask.event);
  };
  const read = (ids: Iterable<string>): StoredArticle[] =>
    [...ids].filter(meeting).map((id) => articles.get(id)).filter((a): a is StoredArticle => a !== undefined);
  // Without a scope, the person index finds the names (and their cards) instead of reading every card.
  const indexed = scope === null ? peopleAskedIndexed(plan.question, articles, meeting) : null;
  let pool: StoredArticle[] | null = indexed === null ? read(scope!) : null;

  const people = indexed?.found ?? peopleAsked(plan.question, pool!);
  const person = people.size > 0 ? [...people.values()].sort((a, b) => b.length - a.length)[0]! : null;
  // A person the question names whom no card in scope names: none of these meetings is theirs.
  const printed = person ? null : printedPerson(plan.question);
  if (printed) return { text: m.collectionNoPerson(printed), citations: new CitationSet(), used: [], intent: 'collection' };
  const personKey = person ? foldedWords(person) : null;
  const wants = plan.intent === 'chair' ? ['chair'] : plan.intent === 'attendees' ? ['attend'] : ['chair', 'attend'];
  // Only the person's cards can be theirs (the loop below skips every other one).
  pool ??= read(indexed && personKey ? indexed.cards.get(personKey)! : articles.keys());

  const meetings = new Map<string, Meeting>();
  for (const a of pool) {
    let part: Meeting['part'];
    const number = a.card.event.value === 'congress' ? a.card.congressNumber : a.card.meetingNumber;
    const sentence = number?.sentence ?? a.card.meetingDate?.sentence ?? a.card.event.sentence ?? a.card.title.sentence;
    let partSentence: string | undefined;
    if (personKey) {
      // A meeting without a chair is led by whoever concluded or opened it: a chair question finds those too.
      const is = (p: { value: { name: string } } | null) => p !== null && foldedWords(p.value.name) === personKey;
      const chair = a.card.chairs.find(is);
      const guest = a.card.attendees.find(is);
      const led = a.card.chairs.length === 0;
      if (chair && wants.includes('chair')) [part, partSentence] = ['chair', chair.sentence];
      else if (led && is(a.card.concludedBy) && wants.includes('chair')) [part, partSentence] = ['conclude', a.card.concludedBy!.sentence];
      else if (led && is(a.card.openedBy) && wants.includes('chair')) [part, partSentence] = ['open', a.card.openedBy!.sentence];
      else if (guest && wants.includes('attend')) [part, partSentence] = ['attend', guest.sentence];
      else continue;
    }
    const key = meetingKey(a);
    const known = meetings.get(key);
    if (known) {
      // The meeting's day and its lead report come from a report that prints the day (the earliest such).
      const date = dateOf(a);
      if (date !== null && (known.date === null || date < known.date)) {
        known.date = date;
        known.articles.unshift(a);
      } else known.articles.push(a);
    }
    else meetings.set(key, { articles: [a], date: dateOf(a), sentence, ...(part ? { part } : {}), ...(partSentence ? { partSentence } : {}) });
  }
  if (meetings.size === 0) return null;
  const ordered = [...meetings.values()].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));

  const citations = new CitationSet();
  const used: Chunk[] = [];
  const citeOne = (articleId: string, sentence: string): string => {
    const chunk = retriever.chunkForSentence(articleId, sentence);
    if (!chunk) return '';
    if (!used.includes(chunk)) used.push(chunk);
    return ` [${citations.cite(chunk, sentence)}]`;
  };
  const cite = (meeting: Meeting): string => {
    const id = meeting.articles[0]!.id;
    const part = meeting.partSentence && meeting.partSentence !== meeting.sentence ? citeOne(id, meeting.partSentence) : '';
    const own = citeOne(id, meeting.sentence);
    return part && part !== own ? `${own}${part}` : own;
  };
  const describe = (meeting: Meeting, withUnit: boolean): string => {
    const c = meeting.articles[0]!.card;
    const n = c.event.value === 'congress' ? (c.congressNumber?.value ?? null) : (c.meetingNumber?.value ?? null);
    return m.collectionMeeting(c.event.value, n, withUnit ? (c.unit?.value.label ?? null) : null, displayDate(meeting.date), meeting.part ?? null);
  };
  const units = new Set(ordered.map((x) => x.articles[0]!.card.unit?.value.id ?? null));
  const oneUnit = units.size === 1 && !units.has(null) ? ordered[0]!.articles[0]!.card.unit!.value.label : null;

  let text: string;
  if (ask.kind === 'latest' && !person) {
    const latest = ordered[0]!;
    text = `${m.collectionLatest(describe(latest, true), ordered.length)}${cite(latest)}`;
  } else {
    const listed = ordered.slice(0, MAX_LISTED_MEETINGS);
    // A person's meetings name their units (a person moves between units); a unit's list names it once, above.
    // "Ai chủ trì hội nghị nào?": each meeting with who led it (its chairs, else who concluded it), cited.
    const led = (x: Meeting): string => {
      if (person || plan.intent !== 'chair') return '';
      const a = x.articles[0]!;
      const leaders = a.card.chairs.length > 0 ? a.card.chairs : a.card.concludedBy ? [a.card.concludedBy] : [];
      if (leaders.length === 0) return '';
      const part = a.card.chairs.length > 0 ? 'chair' : 'conclude';
      return ` — ${m.collectionLeader(part, leaders.map((p) => p.value.name))}${citeOne(a.id, leaders[0]!.sentence)}`;
    };
    const lines = listed.map((x) => `• ${describe(x, person !== null || oneUnit === null)}${cite(x)}${led(x)}`);
    const more = ordered.length - listed.length;
    text = [m.collectionHeading(ordered.length, ask.event, person ? null : oneUnit, person), ...lines, ...(more > 0 ? [m.collectionMore(more)] : [])].join('\n');
  }
  const named: NamedPerson[] = [];
  if (personKey) {
    const first = ordered[0]!;
    const p = cardPeople(first.articles[0]!).find((x) => foldedWords(x.value.name) === personKey);
    if (p) named.push({ name: p.value.name, role: p.value.role, articleId: first.articles[0]!.id, sentence: p.sentence });
  }
  return { text, citations, used, intent: 'collection', people: named };
}
