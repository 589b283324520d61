/**
 * Filters of a question, applied to articles: unit, meeting number, term, khóa, and "live" questions (about today:
 * only articles dated that day or later).
 *
 * Contracts:
 * - A unit named in the question is a hard filter: only articles of those units (by their cards); when no card names
 *   it, the articles whose card names no unit but whose text prints the unit ("huyện Cần Giờ"); when none does, the
 *   reports of lower-level units (same province when both are known) whose text prints it (a ward's report naming
 *   its district's congress). A scope read from text sets `printedUnit`. A mention the
 *   gazetteer knows no unit for scopes to the articles printing it ("quận La Tinh" of a page on Paris); when none
 *   does, or no article reports the units, it fails with 'unit': callers must abstain, never fall back to another unit.
 * - Meeting number, term, khóa and the meeting's year are hard only where a card is sure: an article passes when its card carries the
 *   value (a conference number for "Hội nghị … lần thứ 8", a congress number for "Đại hội … lần thứ XXIV", either
 *   when the question does not say), else when its text prints it ("lần thứ 8", both years of "nhiệm kỳ 2015-2020",
 *   "khóa XXIV", the year; an article without any date passes on its text alongside the dated ones that match):
 *   a congress report reviewing the previous term still answers about that term (by its text, and by its card: a
 *   congress opening the next term reviews this one). No article either way → `failure`.
 * - `printedIn(term)` gives the articles whose text holds a keyword token (from the index's doclists: the cost is the
 *   term's document frequency, never the number of articles); without it only the cards count.
 * - `latest` ("hội nghị gần đây nhất") keeps the articles of the newest meeting date among what the other filters
 *   left (by meeting date, else publication date; undated articles only when none is dated).
 */
import { toRoman } from '../text/numbers.js';
import { fold } from '../text/normalize.js';
import { rowDate } from '../index/article-rows.js';
import { sameProvince, UNIT_LEVEL_RANK } from '../text/units.js';
import type { ArticleRow, Unit } from '../types.js';
import type { QueryPlan } from './query/plan.js';

export type ScopeFailure = 'unit' | 'meeting' | 'term' | 'khoa' | 'year' | 'live';

export interface Scope {
  /** Article ids allowed by the plan's filters; null when the plan has none. */
  scope: Set<string> | null;
  failure: ScopeFailure | null;
  /** The articles of the question's units (before the other filters), when it names one: what a refusal can offer. */
  unitArticles?: Set<string>;
  /**
   * When the scope comes from text, not cards (no card names the unit): the unit's printed forms (folded pairs); an
   * answer's passage must print one of them, or it may be about another unit of the article.
   */
  printedUnit?: string[][];
}

/** The articles whose text holds a keyword token (folded or accented unigram or "a_b" pair). */
export type PrintedIn = (term: string) => ReadonlySet<string>;

/** Folded adjacent pairs of a phrase ("huyện Cần Giờ" → huyen_can, can_gio): all present = the phrase is printed. */
function pairsOf(phrase: string): string[] {
  const w = fold(phrase.toLowerCase()).split(/[^a-z0-9]+/).filter(Boolean);
  return w.length === 1 ? w : w.slice(1).map((x, i) => `${w[i]}_${x}`);
}

/** How a known unit is printed: by its name when that is two words or more ("Hải An"), else with its level ("Quận 8"). */
function unitForm(unit: { name: string; label: string }): string[] {
  const name = pairsOf(unit.name);
  return name.length === 1 && !name[0]!.includes('_') ? pairsOf(unit.label) : name;
}

/** Whether `unit` is of a lower level than `asked`, in the same province when both say (a ward of a district). */
function below(unit: Unit, asked: Unit): boolean {
  if (unit.level === null || asked.level === null || UNIT_LEVEL_RANK[unit.level] >= UNIT_LEVEL_RANK[asked.level]) return false;
  return unit.province === null || asked.province === null || sameProvince(unit.province, asked.province);
}

/** Whether the plan has a filter at all (without one the scope is null: every article). */
function filtered(plan: QueryPlan): boolean {
  return plan.unitMentions.length > 0 || plan.meeting !== null || plan.term !== null || plan.khoa !== null || plan.year !== null || plan.liveFrom !== null || plan.latest;
}

/** `rows`: every article's row (ArticleSource.rows). */
export function scopeArticles(rows: Iterable<ArticleRow>, plan: QueryPlan, printedIn?: PrintedIn): Scope {
  // No filter: nothing to scan (the pool below copies every article).
  if (!filtered(plan)) return { scope: null, failure: null };
  // Articles printing every term of one of the forms (null without a text index).
  const printing = (forms: string[][]): ((a: ArticleRow) => boolean) | null => {
    if (!printedIn) return null;
    const sets = forms.map((terms) => terms.map((t) => printedIn(t)));
    return (a) => sets.some((form) => form.every((s) => s.has(a.id)));
  };
  let pool = [...rows];
  let unitArticles: Set<string> | undefined;
  let printedUnit: string[][] | undefined;
  if (plan.unitMentions.length > 0) {
    const unknown = plan.unitMentions.filter((m) => !m.known);
    if (unknown.length > 0) {
      // A place no gazetteer knows ("quận La Tinh" of Paris, "tỉnh Manitoba"): the articles that print it, else none.
      // By its name alone: a page on Manitoba need not print "tỉnh Manitoba".
      printedUnit = unknown.map((m) => pairsOf(m.name));
      const prints = printing(printedUnit);
      pool = prints === null ? [] : pool.filter(prints);
      if (pool.length === 0) return { scope: new Set(), failure: 'unit' };
    } else {
      const ids = new Set(plan.units.map((u) => u.id));
      const sure = pool.filter((a) => a.unit !== null && ids.has(a.unit.id));
      if (sure.length === 0) printedUnit = plan.units.map(unitForm);
      const prints = printedUnit ? printing(printedUnit) : null;
      const all = pool;
      pool = prints === null ? sure : pool.filter((a) => a.unit === null && prints(a));
      // Still none: the reports of units below the asked ones that print it (a ward's report naming its district's
      // congress: "… Đại hội đại biểu Đảng bộ quận Đồ Sơn lần thứ 26").
      if (pool.length === 0 && prints !== null) pool = all.filter((a) => a.unit !== null && plan.units.some((u) => below(a.unit!, u)) && prints(a));
      if (pool.length === 0) return { scope: new Set(), failure: 'unit' };
      unitArticles = new Set(pool.map((a) => a.id));
    }
  }
  // [filter, card says yes, printed forms, card cannot say (then the printed form decides even when other cards say
  // yes), card says "related" (joins the cards that say yes)]
  type Test = (a: ArticleRow) => boolean;
  const soft: Array<[ScopeFailure, Test, string[][], Test?, Test?]> = [];
  const meeting = plan.meeting;
  if (meeting) {
    const byCard = (a: ArticleRow) =>
      (meeting.kind !== 'congress' && a.meetingNumber === meeting.value) || (meeting.kind !== 'conference' && a.congressNumber === meeting.value);
    soft.push(['meeting', byCard, [[`thu_${meeting.value}`], [`thu_${toRoman(meeting.value).toLowerCase()}`]]]);
  }
  if (plan.term !== null) {
    // Printed as "nhiệm kỳ 2015-2020", "giai đoạn 2015 - 2020", "5 năm (2015-2020)": both years in the text.
    const [from, to] = plan.term.split('-');
    // A congress opening the next term reviews this one ("nhiệm kỳ vừa qua").
    const reviews = (a: ArticleRow) => a.event === 'congress' && a.term?.startsWith(`${to}-`) === true;
    // A card without a term cannot say: its text decides, even when other cards say yes.
    soft.push(['term', (a) => a.term === plan.term, [[from!, to!]], (a) => a.term === null, reviews]);
  }
  if (plan.khoa !== null) soft.push(['khoa', (a) => a.khoa === plan.khoa, [[`khoa_${plan.khoa.toLowerCase()}`]]]);
  if (plan.year !== null) {
    const year = String(plan.year);
    soft.push(['year', (a) => rowDate(a)?.startsWith(year) === true, [[year]], (a) => rowDate(a) === null]);
  }
  for (const [name, byCard, printed, undated, related] of soft) {
    const sure = pool.some(byCard);
    // The text is read only where it can decide (no card says yes, or some cards cannot say).
    const prints = !sure || undated ? printing(printed) : null;
    // Printed forms decide for every article when no card says yes, else only for the cards that cannot say.
    const textDecides = (a: ArticleRow) => prints !== null && (!sure || undated?.(a) === true) && prints(a);
    pool = pool.filter((a) => byCard(a) || related?.(a) === true || textDecides(a));
    if (pool.length === 0) return { scope: new Set(), failure: name, ...(unitArticles ? { unitArticles } : {}) };
  }
  if (plan.liveFrom !== null) {
    const from = plan.liveFrom;
    pool = pool.filter((a) => (rowDate(a) ?? '') >= from);
    if (pool.length === 0) return { scope: new Set(), failure: 'live' };
  }
  if (plan.latest) {
    // The newest meeting of the scope: the articles of its (latest) date; undated ones only when none is dated.
    // Reports of a conference or congress first: other news of the unit is no meeting.
    const meetings = pool.filter((a) => a.event !== 'other');
    if (meetings.length > 0) pool = meetings;
    const newest = pool.reduce<string | null>((max, a) => {
      const d = rowDate(a);
      return d !== null && (max === null || d > max) ? d : max;
    }, null);
    if (newest !== null) pool = pool.filter((a) => rowDate(a) === newest);
  }
  return { scope: new Set(pool.map((a) => a.id)), failure: null, ...(unitArticles ? { unitArticles } : {}), ...(printedUnit ? { printedUnit } : {}) };
}
