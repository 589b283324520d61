/**
 * The event-card fields a labelled dataset's gold scores (see card-scoring.ts), read from a stored article's
 * EventCard (`cardFields`) or from a gold row (`goldFields`). Pure functions, no I/O.
 *
 * Contracts:
 * - `cardFields` maps the EventCard: unit name, kind, level (a province-level city scores as "city") and province
 *   from `card.unit`; the event kind; the meeting number of that event (a congress's or a conference's); khóa,
 *   nhiệm kỳ, meeting date, publication date (the card's, else the article's) as stored; chairs = card.chairs
 *   (names, in order); guests = card.attendees.
 * - `guests` a later EventCard may carry (names or persons, plain or Sourced) win over the mapping.
 * - Unit kinds are the seven of UNIT_KINDS; a unit string is split into kind + name by its leading kind word
 *   ("huyện Cần Giờ" → huyện + "Cần Giờ", "Quận 3" → quận + "3", "TX.Phú Mỹ" → thị xã + "Phú Mỹ").
 */
import type { EventCard } from '../types.js';

/** Longest first, so "thị xã" is found before "xã". */
export const UNIT_KINDS = ['thành phố', 'thị trấn', 'thị xã', 'phường', 'huyện', 'quận', 'xã'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export type UnitLevel = 'district' | 'ward' | 'city';
export type EventKind = 'conference' | 'congress' | 'other';
const LEVELS: readonly UnitLevel[] = ['district', 'ward', 'city'];
const EVENT_KINDS: readonly EventKind[] = ['conference', 'congress', 'other'];

/** Abbreviated kind prefixes as printed in the articles: "TP.", "TX.Phú Mỹ", "TT. Long Hải", "Q.3", "H. Củ Chi", "P.". */
const KIND_ABBREVIATIONS: ReadonlyArray<readonly [RegExp, UnitKind]> = [
  [/^tp(?:\.\s*|\s+)/iu, 'thành phố'],
  [/^tx(?:\.\s*|\s+)/iu, 'thị xã'],
  [/^tt(?:\.\s*|\s+)/iu, 'thị trấn'],
  [/^q(?:\.\s*|\s*(?=\d))/iu, 'quận'],
  [/^h\.\s*/iu, 'huyện'],
  [/^p\.\s*/iu, 'phường'],
];

/** Vietnamese names of the event kinds a card may use. */
const EVENT_WORDS: Readonly<Record<string, EventKind>> = { 'hội nghị': 'conference', 'đại hội': 'congress' };

/** Kinds whose level they fix; "thành phố" is a district (thuộc tỉnh) or a city (trực thuộc Trung ương). */
const KIND_LEVEL: Readonly<Partial<Record<UnitKind, UnitLevel>>> = {
  quận: 'district',
  huyện: 'district',
  'thị xã': 'district',
  phường: 'ward',
  xã: 'ward',
  'thị trấn': 'ward',
};

export interface CardFieldsForScoring {
  /** The unit's name without its kind word: "Cần Giờ", "3". */
  unitName: string | null;
  unitKind: UnitKind | null;
  level: UnitLevel | null;
  province: string | null;
  event: EventKind | null;
  meeting: number | null;
  /** khóa, as printed or stored ("XII"). */
  congressTerm: string | null;
  /** nhiệm kỳ, "YYYY-YYYY". */
  term: string | null;
  published: string | null;
  meetingDate: string | null;
  /** People who chaired, in order; [] when none. */
  chairs: string[];
  /** Senior guests (attended / directed), in order; [] when none. */
  guests: string[];
}

/** The gold schema's names for the fields above (gold.jsonl). */
export interface GoldCardRow {
  level: string;
  province: string;
  district: string;
  event: string;
  meeting: number | null;
  congress_term: string | null;
  term: string | null;
  published: string | null;
  meeting_date: string | null;
  chairs: string[];
  directing: string[];
}

const squash = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim();

/** A known kind word ("Huyện" → "huyện"), or null. */
export function unitKindOf(word: string | null | undefined): UnitKind | null {
  if (typeof word !== 'string') return null;
  const w = squash(word).toLowerCase();
  return (UNIT_KINDS as readonly string[]).includes(w) ? (w as UnitKind) : null;
}

/**
 * Splits "huyện Cần Giờ" into kind + name by its leading kind word or abbreviation; without one the kind is
 * `kindHint` (when a known kind) and the name is the whole string.
 */
export function splitUnit(text: string, kindHint?: string | null): { kind: UnitKind | null; name: string } {
  const t = squash(text);
  const lower = t.toLowerCase();
  for (const k of UNIT_KINDS) {
    if (lower.startsWith(`${k} `)) return { kind: k, name: t.slice(k.length + 1).trim() };
  }
  for (const [re, k] of KIND_ABBREVIATIONS) {
    const m = re.exec(t);
    if (m && t.length > m[0].length) return { kind: k, name: t.slice(m[0].length).trim() };
  }
  return { kind: unitKindOf(kindHint), name: t };
}

/** The level a kind fixes, else null ("thành phố" needs the card's own level). */
export function levelOfKind(kind: UnitKind | null): UnitLevel | null {
  return kind ? (KIND_LEVEL[kind] ?? null) : null;
}

/** A Sourced value's value ({value, sentence} → value); anything else unchanged. */
function unwrap(x: unknown): unknown {
  if (x !== null && typeof x === 'object' && 'value' in x && 'sentence' in x) return (x as { value: unknown }).value;
  return x;
}

function str(x: unknown): string | null {
  const v = unwrap(x);
  return typeof v === 'string' && v.trim() ? squash(v) : null;
}

/** A person's name: a string, {name}, or either Sourced. */
function personName(x: unknown): string | null {
  const v = unwrap(x);
  if (typeof v === 'string') return str(v);
  if (v !== null && typeof v === 'object' && 'name' in v) return str((v as { name: unknown }).name);
  return null;
}

function names(list: unknown): string[] | null {
  if (!Array.isArray(list)) return null;
  return list.map(personName).filter((n): n is string => n !== null);
}

function eventKind(x: unknown): EventKind | null {
  const v = unwrap(x);
  const word = typeof v === 'string' ? v : v !== null && typeof v === 'object' && 'kind' in v ? (v as { kind: unknown }).kind : null;
  if (typeof word !== 'string') return null;
  const w = squash(word).toLowerCase();
  return (EVENT_KINDS as readonly string[]).includes(w) ? (w as EventKind) : (EVENT_WORDS[w] ?? null);
}

/** Properties a later EventCard may carry (see the module contract); read defensively, whatever their type. */
interface LaterCardFields {
  unit?: unknown;
  level?: unknown;
  province?: unknown;
  event?: unknown;
  guests?: unknown;
}

/** The scored fields of a stored article's card (see the module contract). */
export function cardFields(article: { card: EventCard; publishedAt?: string | null }): CardFieldsForScoring {
  const card = article.card;
  const later = card as unknown as LaterCardFields;
  let unitName: string | null = null;
  let unitKind: UnitKind | null = null;
  let level: UnitLevel | null = null;
  let province: string | null = null;
  const unit = card.unit?.value ?? null;
  if (unit) {
    const split = splitUnit(unit.name, unit.kind ?? undefined);
    unitName = split.name;
    unitKind = split.kind;
    level = unit.level === 'province' ? 'city' : (unit.level ?? levelOfKind(unitKind));
    province = unit.province;
  }
  return {
    unitName,
    unitKind,
    level,
    province,
    event: card.event.value,
    meeting: (card.event.value === 'congress' ? card.congressNumber?.value : card.meetingNumber?.value) ?? null,
    congressTerm: card.khoa?.value ?? null,
    term: card.term?.value ?? null,
    published: card.publishedAt?.value ?? article.publishedAt ?? null,
    meetingDate: card.meetingDate?.value ?? null,
    chairs: card.chairs.map((c) => squash(c.value.name)),
    guests: names(later.guests) ?? card.attendees.map((a) => squash(a.value.name)),
  };
}

/** The same fields from a gold row. */
export function goldFields(g: GoldCardRow): CardFieldsForScoring {
  const unit = splitUnit(g.district);
  const level = (LEVELS as readonly string[]).includes(g.level) ? (g.level as UnitLevel) : null;
  return {
    unitName: unit.name || null,
    unitKind: unit.kind,
    level,
    province: str(g.province),
    event: eventKind(g.event),
    meeting: g.meeting,
    congressTerm: str(g.congress_term),
    term: str(g.term),
    published: str(g.published),
    meetingDate: str(g.meeting_date),
    chairs: g.chairs.map(squash),
    guests: g.directing.map(squash),
  };
}
