/**
 * Event-card scoring against a labelled dataset's gold, field by field. Pure functions, no I/O.
 *
 * Contracts (per gold article found in the index, by its file name):
 * - Values are compared after `normalizeForMatch` (NFC, case-insensitive, whitespace squashed) and a per-field
 *   canonical form: the unit as "kind name" ("huyện Cần Giờ" = kind "huyện" + name "Cần Giờ"; a card unit
 *   without a kind never equals a gold unit, which always has one), nhiệm kỳ with "-" between the years, khóa in
 *   Roman numerals, a province without "tỉnh"/"thành phố"/"TP." and with "HCM" = "Hồ Chí Minh", dates as
 *   strings, chairs as the exact ordered list of names ([] = none).
 * - A null gold value is right only when the card's value is null too. Each field reports right/total over all
 *   gold articles found and over those whose gold value is non-null.
 * - Guests (gold `directing`): recall = gold names found among the card's guests / gold names, over the articles
 *   with gold guests; a name is found when its canonical form equals a guest's.
 * - Gold articles missing from the index are listed and left out of every figure.
 */
import { toRoman } from '../text/numbers.js';
import { canonicalProvince } from '../text/units.js';
import { cardFields, goldFields, type CardFieldsForScoring } from './card-fields.js';
import type { GoldArticle } from './labelled-dataset.js';
import { normalizeForMatch } from './metrics.js';
import type { EventCard } from '../types.js';

export const CARD_FIELDS = [
  'unit',
  'unitName',
  'unitKind',
  'level',
  'province',
  'event',
  'meeting',
  'congressTerm',
  'term',
  'published',
  'meetingDate',
  'chairs',
] as const;
export type CardField = (typeof CARD_FIELDS)[number];

export const CARD_FIELD_LABELS: Readonly<Record<CardField, string>> = {
  unit: 'unit (kind + name)',
  unitName: 'unit name (any kind)',
  unitKind: 'unit kind',
  level: 'level',
  province: 'province',
  event: 'event kind',
  meeting: 'meeting number',
  congressTerm: 'khóa',
  term: 'nhiệm kỳ',
  published: 'publication date',
  meetingDate: 'meeting date',
  chairs: 'chairs (exact list)',
};

/** 12 → "xii" (lowercase; 1..3999). */
const DASHES = /\s*[-‐‑‒–—]\s*/gu;

/** Comparison key of a province: its canonical name (text/units.ts: "TP.HCM" = "TP HCM" = "Thành phố Hồ Chí Minh"), else as printed. */
export function provinceKey(s: string): string {
  return normalizeForMatch(canonicalProvince(s) ?? s.replace(/^(tỉnh|thành phố|tp\.?)\s*/iu, '').replace(DASHES, '-'));
}

/** The canonical comparison key of one field, or null when the field is absent. */
export function fieldKey(field: CardField, f: CardFieldsForScoring): string | null {
  const n = (s: string | null) => (s === null ? null : normalizeForMatch(s));
  switch (field) {
    case 'unit':
      return f.unitName === null ? null : n(f.unitKind ? `${f.unitKind} ${f.unitName}` : f.unitName);
    case 'unitName':
      return n(f.unitName);
    case 'unitKind':
      return n(f.unitKind);
    case 'level':
      return f.level;
    case 'province':
      return f.province === null ? null : provinceKey(f.province);
    case 'event':
      return f.event;
    case 'meeting':
      return f.meeting === null ? null : String(f.meeting);
    case 'congressTerm': {
      const k = n(f.congressTerm);
      return k !== null && /^\d+$/.test(k) ? toRoman(Number(k)).toLowerCase() : k;
    }
    case 'term':
      return f.term === null ? null : normalizeForMatch(f.term).replace(DASHES, '-');
    case 'published':
      return n(f.published);
    case 'meetingDate':
      return n(f.meetingDate);
    case 'chairs':
      return f.chairs.length === 0 ? null : f.chairs.map((c) => normalizeForMatch(c)).join(' | ');
  }
}

export interface RightTotal {
  right: number;
  total: number;
}

export interface FieldScore {
  /** Over every gold article found in the index. */
  all: RightTotal;
  /** Over those whose gold value is non-null. */
  goldNonNull: RightTotal;
}

export interface GuestScore {
  /** Articles whose gold lists guests. */
  articles: number;
  gold: number;
  found: number;
  /** found / gold (1 when no gold guests). */
  recall: number;
  /** Articles whose every gold guest was found. */
  articlesComplete: number;
}

export interface CardRow {
  file: string;
  /** Fields scored wrong. */
  wrong: CardField[];
  /** Gold guests not found on the card. */
  guestsMissing: string[];
  card: CardFieldsForScoring;
}

export interface CardScores {
  goldArticles: number;
  found: number;
  /** Gold files not in the index. */
  missing: string[];
  fields: Record<CardField, FieldScore>;
  guests: GuestScore;
  rows: CardRow[];
}

export type ScorableArticle = { card: EventCard; publishedAt?: string | null };

/** The stored article for a gold file: its id is the file name, or a path ending in it when the name was taken. */
function articleLookup<A>(articles: ReadonlyMap<string, A>): (file: string) => A | undefined {
  const byBase = new Map<string, A>();
  for (const [id, a] of articles) {
    const base = id.slice(id.lastIndexOf('/') + 1);
    if (base !== id && !byBase.has(base)) byBase.set(base, a);
  }
  return (file) => articles.get(file) ?? byBase.get(file);
}

/** Scores the cards of the gold articles found in `articles` (see the module contract). */
export function scoreCards(gold: readonly GoldArticle[], articles: ReadonlyMap<string, ScorableArticle>): CardScores {
  const lookup = articleLookup(articles);
  const fields = Object.fromEntries(
    CARD_FIELDS.map((f) => [f, { all: { right: 0, total: 0 }, goldNonNull: { right: 0, total: 0 } }]),
  ) as Record<CardField, FieldScore>;
  const guests: GuestScore = { articles: 0, gold: 0, found: 0, recall: 1, articlesComplete: 0 };
  const missing: string[] = [];
  const rows: CardRow[] = [];
  for (const g of gold) {
    const article = lookup(g.file);
    if (!article) {
      missing.push(g.file);
      continue;
    }
    const card = cardFields(article);
    const want = goldFields(g);
    const wrong: CardField[] = [];
    for (const f of CARD_FIELDS) {
      const expected = fieldKey(f, want);
      const right = fieldKey(f, card) === expected;
      const s = fields[f];
      s.all.total++;
      if (right) s.all.right++;
      if (expected !== null) {
        s.goldNonNull.total++;
        if (right) s.goldNonNull.right++;
      }
      if (!right) wrong.push(f);
    }
    const have = new Set(card.guests.map((n) => normalizeForMatch(n)));
    const guestsMissing = want.guests.filter((n) => !have.has(normalizeForMatch(n)));
    if (want.guests.length > 0) {
      guests.articles++;
      guests.gold += want.guests.length;
      guests.found += want.guests.length - guestsMissing.length;
      if (guestsMissing.length === 0) guests.articlesComplete++;
    }
    rows.push({ file: g.file, wrong, guestsMissing, card });
  }
  guests.recall = guests.gold === 0 ? 1 : guests.found / guests.gold;
  return { goldArticles: gold.length, found: rows.length, missing, fields, guests, rows };
}
