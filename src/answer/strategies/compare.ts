/**
 * One figure compared across units, from the cards' figure rows (ingest/figures.ts): "Quận nào kết nạp nhiều đảng
 * viên nhất?", "so sánh thu ngân sách các quận".
 *
 * Contracts:
 * - Units of the level the question asks ("quận nào": district level) are compared, and the units it names.
 * - A row matches when its indicator and measure hold every syllable of the question's indicator (one may be
 *   missing from an indicator of LONG_INDICATOR syllables or more). Per unit one row: the best match (fewest
 *   syllables beyond the question's), then the newest report's, then the first printed.
 * - Only rows of one measure are ranked: the measure most units print (a percentage per year counts as a
 *   percentage, "đảng viên mới" party members, "lao động" people; on a tie an amount before a share of the plan); a unit printing the figure in another measure ("78,8% dự toán" beside "tỷ đồng") is listed,
 *   marked, not ranked.
 * - Figures are ranked only when they all cover the same stated period: then a superlative answers the top unit
 *   first ("Nhiều nhất: Quận 12 — 596 đảng viên (…)"), the others after; a comparison lists them largest first.
 *   Otherwise the answer says the periods differ and lists the figures by period (each period's largest first),
 *   never one ranking across periods.
 * - Every line cites the sentence its figure was read from (and, when the period was read from another sentence,
 *   that one too); a unit the question names with no matching row is listed as stating none. Null when no row in
 *   scope matches (the answerer then answers from passages).
 */
import type { ArticleSource } from '../../index/article-rows.js';
import type { CompareAsk } from '../../retrieve/query/compare.js';
import { fold } from '../../text/normalize.js';
import type { Chunk, Figure, StoredArticle } from '../../types.js';
import { CitationSet } from '../citations.js';
import type { Drafted, StrategyInput } from './common.js';

/** An indicator of this many syllables or more matches a row lacking one of them. */
export const LONG_INDICATOR = 4;
/** Units listed in one answer at most (the largest figures). */
export const MAX_COMPARED_UNITS = 12;

interface Candidate {
  article: StoredArticle;
  row: Figure;
  /** Row syllables beyond the question's indicator. */
  extra: number;
  date: string;
  order: number;
}

/** A row's indicator and measure syllables; a row counting people also holds every people noun ("lao động" = "người"). */
function rowWords(row: Figure): Set<string> {
  const measures = PEOPLE.has(measureKey(row.measure)) ? [row.measure, ...PEOPLE] : [row.measure];
  return new Set([...row.indicator.split(' '), ...measures.flatMap((x) => fold(x).toLowerCase().split(/[^a-z0-9]+/))].filter(Boolean));
}

/** Nouns that count people: one measure. */
const PEOPLE: ReadonlySet<string> = new Set(['người', 'lao động']);
const PEOPLE_FOLDED = [...PEOPLE].map((x) => fold(x).toLowerCase());
/** Measures compared as one: "%/năm" is a percentage, "đảng viên mới" / "tân đảng viên" are party members, "lao động" people. */
export function measureKey(measure: string): string {
  if (measure.startsWith('%')) return measure.replace(/\/năm$/, '');
  const noun = measure.replace(/^tân |\s+mới$/u, '');
  return PEOPLE.has(noun) ? 'người' : noun;
}

function better(a: Candidate, b: Candidate): number {
  return a.extra - b.extra || b.date.localeCompare(a.date) || a.order - b.order;
}

/**
 * The ids of a collection's articles whose card has a unit and figure rows, in collection order (built once per
 * collection, reading only the cards whose row has a unit; ids, so the cards stay in the source's cache).
 */
const figureCards = new WeakMap<ArticleSource, string[]>();

function withFigures(articles: ArticleSource): string[] {
  let list = figureCards.get(articles);
  if (!list) {
    list = articles.rows
      .filter((r) => r.unit !== null && (articles.get(r.id)?.card.figures?.length ?? 0) > 0)
      .map((r) => r.id);
    figureCards.set(articles, list);
  }
  return list;
}

/**
 * Whether `word` can be one of rowWords(row): each of them is a piece of the row's indicator, of its folded measure
 * or of the people nouns, so a word in none of these texts is not (a cheap test before building the set).
 */
function mayHold(row: Figure, word: string): boolean {
  if (row.indicator.includes(word) || fold(row.measure).toLowerCase().includes(word)) return true;
  return PEOPLE.has(measureKey(row.measure)) && PEOPLE_FOLDED.some((x) => x.includes(word));
}

export function answerCompare(input: StrategyInput, ask: CompareAsk, scope: ReadonlySet<string> | null): Drafted | null {
  const { retriever, plan, messages: m } = input;
  const slack = ask.indicator.length >= LONG_INDICATOR ? 1 : 0;
  const best = new Map<string, Candidate>();
  // Without a scope, only the cards with figure rows (the rest hold none to compare); rows first: only reports of a
  // unit are read in full.
  const ids = scope ?? withFigures(retriever.articles);
  for (const id of ids) {
    if (!retriever.articles.row(id)?.unit) continue;
    const article = retriever.articles.get(id);
    const unit = article?.card.unit?.value;
    if (!article || !unit) continue;
    // "quận nào" compares district-level units (a unit the question names always counts).
    if (ask.level && unit.level && unit.level !== ask.level && !plan.units.some((u) => u.id === unit.id)) continue;
    const date = article.card.meetingDate?.value ?? article.publishedAt ?? '';
    (article.card.figures ?? []).forEach((row, order) => {
      if (ask.indicator.filter((w) => !mayHold(row, w)).length > slack) return;
      const words = rowWords(row);
      const missing = ask.indicator.filter((w) => !words.has(w)).length;
      if (missing > slack) return;
      const candidate: Candidate = { article, row, extra: words.size - (ask.indicator.length - missing) + missing, date, order };
      const known = best.get(unit.id);
      if (!known || better(candidate, known) < 0) best.set(unit.id, candidate);
    });
  }
  if (best.size === 0) return null;

  const chosen = [...best.values()].sort(better);
  const counts = new Map<string, number>();
  for (const c of chosen) counts.set(measureKey(c.row.measure), (counts.get(measureKey(c.row.measure)) ?? 0) + 1);
  // The measure most units print; on a tie an amount ("tỷ đồng") before a share ("% dự toán").
  const share = (key: string) => (key.startsWith('% ') ? 1 : 0);
  const measure = [...counts].sort((a, b) => b[1] - a[1] || share(a[0]) - share(b[0]))[0]![0];
  const ranked = chosen.filter((c) => measureKey(c.row.measure) === measure).sort((a, b) => b.row.value - a.row.value);
  const otherMeasure = chosen.filter((c) => measureKey(c.row.measure) !== measure);

  const citations = new CitationSet();
  const used: Chunk[] = [];
  const cite = (c: Candidate): string => {
    const marks: number[] = [];
    for (const sentence of [c.row.sentence, c.row.periodSentence]) {
      if (!sentence) continue;
      const chunk = retriever.chunkForSentence(c.article.id, sentence);
      if (!chunk) continue;
      if (!used.includes(chunk)) used.push(chunk);
      const n = citations.cite(chunk, sentence);
      if (!marks.includes(n)) marks.push(n);
    }
    return marks.map((n) => ` [${n}]`).join('');
  };
  const line = (c: Candidate) => m.compareLine(c.article.card.unit!.value.label, c.row.text, c.row.period ?? m.compareNoPeriod);

  const periods = [...new Set(ranked.map((c) => c.row.period))];
  const alike = periods.length === 1 && periods[0] !== null;
  const lines: string[] = [];
  if (alike && ask.kind !== 'compare' && ranked.length >= 2) {
    const order = ask.kind === 'least' ? [...ranked].reverse() : ranked;
    const [top, ...rest] = order.slice(0, MAX_COMPARED_UNITS);
    lines.push(`${m.compareTop(ask.kind, measure.startsWith('%'), line(top!))}${cite(top!)}`);
    if (rest.length > 0) lines.push(m.compareOthers, ...rest.map((c) => `• ${line(c)}${cite(c)}`));
  } else if (alike || ranked.length === 1) {
    lines.push(m.compareHeading(ranked.length), ...ranked.slice(0, MAX_COMPARED_UNITS).map((c) => `• ${line(c)}${cite(c)}`));
  } else {
    // By period: the periods whose largest figure is largest first, each period's figures largest first.
    const groups = periods.map((p) => ranked.filter((c) => c.row.period === p));
    const listed = groups.flat().slice(0, MAX_COMPARED_UNITS);
    lines.push(m.compareUnlikePeriods(periods.map((p) => p ?? m.compareNoPeriod)));
    lines.push(...listed.map((c) => `• ${line(c)}${cite(c)}`));
  }
  lines.push(...otherMeasure.slice(0, MAX_COMPARED_UNITS).map((c) => `• ${line(c)} — ${m.compareOtherMeasure}${cite(c)}`));
  for (const u of plan.units) if (!best.has(u.id)) lines.push(`• ${m.compareMissing(u.label)}`);
  return { text: lines.join('\n'), citations, used, intent: 'collection', people: [] };
}
