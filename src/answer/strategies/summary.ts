/**
 * The term summary of one unit (/tomtat, "Tóm tắt nhiệm kỳ của quận Bình Tân"): a heading, a timeline of its
 * meetings and its key figures by theme on one phone screen, the rest (more meetings and figures, the themes'
 * sentences, the tasks ahead) in a continuation the bot shows on request ("Xem thêm").
 *
 * Contracts:
 * - Reports: the scope's meeting reports (conferences and congresses, or cards naming a number or chairs; every
 *   article of the scope when none is one). The term: the plan's, else the newest dated report's; then only reports
 *   of that term (a report stating no term counts when its date falls within the term's years; an undated one does
 *   not). Meetings:
 *   summary-timeline.ts (reports of one meeting merged, at most tuning.summary.meetings, the newest).
 * - Heading: unit, term, how many meetings of each kind and the months they span (messages' summaryHeading); one
 *   meeting is said to be the only one.
 * - Timeline: one line per meeting, oldest first — date, kind and number, who chaired (else concluded), the
 *   headline clause — citing the headline's sentence (else the card's number, date or kind sentence) and the chair's.
 * - Key figures: summary-figures.ts series, under their topic; each point cites the sentence it was read from; a
 *   series of more than tuning.summary.seriesPoints points shows its first and its newest ones ("… →" between).
 * - The first page (`text`) holds the heading and, in this order of priority, the newest meetings' lines
 *   (TIMELINE_FIRST of them), then a figure series (at most tuning.summary.screenFiguresPerTheme per topic) and an
 *   older meeting in turn, then the other series — each only while the page with its sources block (as the bot
 *   prints it) stays within tuning.summary.screenChars. Lines print in their section's order whatever their priority.
 * - The continuation (`more`, null when empty): the timeline lines and series left out, then per theme (tasks
 *   last) at most tuning.summary.perTheme sentences about it (summary-themes.ts), figures first, in reading order —
 *   never a sentence already cited for a headline or a figure, a near-duplicate of one shown, or one an excerpt cut
 *   off; within tuning.summary.moreChars. Its [n] continue the first page's numbering (one CitationSet).
 * - Every line is whole: no sentence is cut; a headline is a whole clause.
 */
import type { AnswerMessages, SummaryTheme } from '../../messages/answer.js';
import { displayDate } from '../../messages/answer.js';
import type { QueryPlan } from '../../retrieve/query/plan.js';
import type { Retriever } from '../../retrieve/retriever.js';
import { splitSentences } from '../../text/sentences.js';
import { fold } from '../../text/normalize.js';
import type { Chunk, StoredArticle } from '../../types.js';
import { CitationSet } from '../citations.js';
import type { AnswerTuning } from '../tuning.js';
import type { Drafted } from './common.js';
import { figureSeries, type FigureSeries } from './summary-figures.js';
import { sentenceTheme, TOPICS, type Topic } from './summary-themes.js';
import { ENDS_SENTENCE, headlineOf, unitMeetings, type Meeting } from './summary-timeline.js';

/** The newest meetings' lines placed before any figure on the first page. */
export const TIMELINE_FIRST = 2;
/** Theme sentences shorter than this (in words) are fragments. */
const MIN_SENTENCE_WORDS = 8;
/** Two sentences sharing more than this share of their words say the same thing. */
const DUPLICATE_JACCARD = 0.6;
/** Characters a source line adds besides its title and unit: "[1–3, 5] ", " — ", " — dd/mm/yyyy", the line break (rounded up). */
const SOURCE_LINE_FRAME = 26;

const THEME_ORDER: readonly SummaryTheme[] = [...TOPICS, 'tasks'];

/** A summary with its continuation. */
export interface SummaryDraft extends Drafted {
  more: string | null;
}

/** A sentence an item cites, in the article it is read from. */
interface Ref {
  articleId: string;
  sentence: string;
}

/** One line of the summary: its section and its text given the citation markers of its refs. */
interface Item {
  section: 'timeline' | Topic | 'tasks';
  /** Sort key within its section. */
  order: number;
  render: (mark: (ref: Ref) => string) => string;
  refs: Ref[];
}

/** An article is a meeting report: a conference or congress, or a card naming a number or chairs. */
function isMeetingReport(a: StoredArticle): boolean {
  return a.card.event.value !== 'other' || a.card.meetingNumber !== null || a.card.chairs.length > 0;
}

/** The reports of the term the summary covers (see the module contract) and that term. */
function termReports(articles: StoredArticle[], planTerm: string | null): { reports: StoredArticle[]; term: string | null } {
  const date = (a: StoredArticle) => a.card.meetingDate?.value ?? a.publishedAt ?? '';
  const newest = [...articles].sort((a, b) => date(b).localeCompare(date(a))).find((a) => a.card.term);
  const term = planTerm ?? newest?.card.term?.value ?? null;
  if (!term) return { reports: articles, term: null };
  const [from, to] = term.split('-').map(Number) as [number, number];
  const inTerm = (a: StoredArticle) => {
    if (a.card.term) return a.card.term.value === term;
    const year = Number(date(a).slice(0, 4));
    return year >= from && year <= to;
  };
  const reports = articles.filter(inTerm);
  return { reports: reports.length > 0 ? reports : articles, term: reports.length > 0 ? term : null };
}

/** "2023-12-05" → "12/2023" (the heading's months). */
const monthOf = (date: string | null) => (date && /^\d{4}-\d{2}/.test(date) ? `${Number(date.slice(5, 7))}/${date.slice(0, 4)}` : null);

const wordsOf = (s: string) => new Set(fold(s).split(/[^a-z0-9]+/).filter(Boolean));
function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

export function answerSummary(retriever: Retriever, plan: QueryPlan, scope: Set<string>, tuning: AnswerTuning, m: AnswerMessages): SummaryDraft | null {
  const t = tuning.summary;
  const all = [...scope].map((id) => retriever.articles.get(id)).filter((a): a is StoredArticle => a !== undefined);
  const meetingReports = all.filter(isMeetingReport);
  const { reports, term } = termReports(meetingReports.length > 0 ? meetingReports : all, plan.term);
  const meetings = unitMeetings(reports, t.meetings);
  if (meetings.length === 0) return null;
  const unit = plan.units[0]?.label ?? meetings[0]!.reports[0]!.card.unit?.value.label ?? '';

  // Sentences of each report, in reading order, with their chunks.
  const sentenceCache = new Map<string, Array<{ text: string; chunk: Chunk }>>();
  const sentencesIn = (id: string) => {
    let found = sentenceCache.get(id);
    if (!found) sentenceCache.set(id, (found = retriever.chunksOf(id).flatMap((chunk) => splitSentences(chunk.text).map((text) => ({ text, chunk })))));
    return found;
  };

  // Timeline items.
  const items: Item[] = [];
  const headlineSentences = new Set<string>();
  meetings.forEach((meeting, i) => {
    const first = meeting.reports[0]!;
    const c = first.card;
    const headline = headlineOf(meeting, (id) => sentencesIn(id).map((s) => s.text), t.headlineChars);
    if (headline) headlineSentences.add(headline.sentence);
    const chair = meeting.reports.map((r) => r.card.chairs[0]).find(Boolean);
    const concluder = chair ? undefined : meeting.reports.map((r) => r.card.concludedBy).find(Boolean);
    const owner = chair ? meeting.reports.find((r) => r.card.chairs[0] === chair)! : concluder ? meeting.reports.find((r) => r.card.concludedBy === concluder)! : first;
    const person = chair ?? concluder;
    const frame = (meeting.kind === 'congress' ? c.congressNumber : c.meetingNumber)?.sentence ?? c.meetingDate?.sentence ?? c.event.sentence;
    const refs: Ref[] = [headline ? { articleId: headline.articleId, sentence: headline.sentence } : { articleId: first.id, sentence: frame }];
    if (person) refs.push({ articleId: owner.id, sentence: person.sentence });
    items.push({
      section: 'timeline',
      order: i,
      refs,
      render: (mark) =>
        `• ${m.summaryMeeting(
          displayDate(meeting.date),
          m.meetingItem(meeting.kind, meeting.number, null),
          person ? { name: person.value.name, part: chair ? 'chair' : 'conclude' } : null,
          headline?.text ?? null,
        )}${marks(refs, mark)}`,
    });
  });

  // Figure items.
  const series = figureSeries(meetings.map((x) => x.reports));
  const figureItems = series.map((s: FigureSeries, i): Item => {
    // The first point and the newest ones: how the figure moved over the term, on one line.
    const points = s.points.length > t.seriesPoints ? [s.points[0]!, ...s.points.slice(-(t.seriesPoints - 1))] : s.points;
    const refs = points.map((p) => ({ articleId: p.article.id, sentence: p.row.sentence }));
    return {
      section: s.topic,
      order: i,
      refs,
      render: (mark) =>
        `• ${m.summaryFigures(
          s.label,
          points.map((p, j) => `${m.summaryFigure(p.row.text, p.row.period)}${marks([refs[j]!], mark)}`),
          points.length < s.points.length,
        )}`,
    };
  });

  // The first page: heading, then items by priority while the page fits.
  const heading = m.summaryHeading({
    unit,
    term,
    counts: {
      conference: meetings.filter((x) => x.kind === 'conference').length,
      congress: meetings.filter((x) => x.kind === 'congress').length,
      other: meetings.filter((x) => x.kind === 'other').length,
    },
    first: monthOf(meetings.find((x) => x.date)?.date ?? null),
    last: monthOf(meetings.filter((x) => x.date).at(-1)?.date ?? null),
  });
  const timeline = items.slice().reverse();
  const perTopic = new Map<string, number>();
  const capped = figureItems.filter((x) => {
    const n = (perTopic.get(x.section) ?? 0) + 1;
    perTopic.set(x.section, n);
    return n <= t.screenFiguresPerTheme;
  });
  // The newest meetings first, then meetings and figure series in turn, then the other series while room is left.
  const priority = timeline.slice(0, TIMELINE_FIRST);
  for (let i = TIMELINE_FIRST, j = 0; i < timeline.length || j < capped.length; i++, j++) {
    if (j < capped.length) priority.push(capped[j]!);
    if (i < timeline.length) priority.push(timeline[i]!);
  }
  priority.push(...figureItems.filter((x) => !capped.includes(x)));
  const screen: Item[] = [];
  for (const item of priority) {
    if (visibleChars(retriever, heading, [...screen, item], m) <= t.screenChars) screen.push(item);
  }

  const citations = new CitationSet();
  const used: Chunk[] = [];
  const cited = new Set<string>();
  const mark = (ref: Ref): string => {
    const chunk = sentencesIn(ref.articleId).find((s) => s.text === ref.sentence)?.chunk ?? retriever.chunkForSentence(ref.articleId, ref.sentence);
    if (!chunk) return '';
    if (!used.includes(chunk)) used.push(chunk);
    cited.add(ref.sentence);
    return `[${citations.cite(chunk, ref.sentence)}]`;
  };
  const text = [heading, ...renderSections(screen, mark, m)].join('\n');

  // The continuation: what the first page left out, then the themes' sentences.
  const rest = [...items, ...figureItems].filter((x) => !screen.includes(x));
  for (const x of [...items, ...figureItems]) for (const r of x.refs) cited.add(r.sentence);
  const themed = themeItems(meetings, sentencesIn, cited, headlineSentences, t.perTheme);
  const more: Item[] = [];
  const moreTitle = m.summaryMoreTitle(unit);
  for (const item of [...rest, ...themed]) {
    if (visibleChars(retriever, moreTitle, [...more, item], m) <= t.moreChars) more.push(item);
  }
  const moreText = more.length > 0 ? [moreTitle, ...renderSections(more, mark, m)].join('\n') : null;
  return { text, more: moreText, citations, used, intent: 'summary' };
}

/** " [1] [2]": the markers of an item's refs, each once. */
function marks(refs: Ref[], mark: (ref: Ref) => string): string {
  const out: string[] = [];
  for (const r of refs) {
    const n = mark(r);
    if (n && !out.includes(n)) out.push(n);
  }
  return out.map((n) => ` ${n}`).join('');
}

/** Items as lines under their sections' headings, sections in order (timeline, topics, tasks). */
function renderSections(items: Item[], mark: (ref: Ref) => string, m: AnswerMessages): string[] {
  const lines: string[] = [];
  for (const section of ['timeline', ...THEME_ORDER] as const) {
    const inSection = items.filter((x) => x.section === section).sort((a, b) => a.order - b.order);
    if (inSection.length === 0) continue;
    lines.push('', section === 'timeline' ? m.summaryTimeline : `${m.themes[section]}:`);
    for (const x of inSection) lines.push(x.render(mark));
  }
  return lines;
}

/**
 * Visible characters of a page: its heading, its items as rendered (markers counted as "[n]") and its sources block
 * as the bot prints it (one line per article cited: title — unit — date).
 */
function visibleChars(retriever: Retriever, heading: string, items: Item[], m: AnswerMessages): number {
  const articles = new Set<string>();
  const body = [heading, ...renderSections(items, (ref) => (articles.add(ref.articleId), '[n]'), m)].join('\n').length;
  let sources = m.sources.length + 2;
  for (const id of articles) {
    const a = retriever.articles.get(id);
    sources += (a?.title.length ?? 0) + (a?.card.unit?.value.label.length ?? 0) + SOURCE_LINE_FRAME;
  }
  return body + sources;
}

/**
 * Per theme, the sentences about it (summary-themes.ts), best first by how many figures they print, at most
 * `perTheme`, in reading order; never a sentence in `taken` or `headlines`, a near-duplicate of a chosen one, a
 * fragment, or one an excerpt cut off.
 */
function themeItems(
  meetings: Meeting[],
  sentencesIn: (id: string) => Array<{ text: string; chunk: Chunk }>,
  taken: ReadonlySet<string>,
  headlines: ReadonlySet<string>,
  perTheme: number,
): Item[] {
  const candidates: Array<{ theme: SummaryTheme; text: string; articleId: string; figures: number; order: number; words: Set<string> }> = [];
  let order = 0;
  for (const meeting of meetings) {
    for (const report of meeting.reports) {
      let previous: SummaryTheme | null = null;
      let chunkId = '';
      for (const { text, chunk } of sentencesIn(report.id)) {
        order++;
        if (chunk.id !== chunkId) [previous, chunkId] = [null, chunk.id];
        const theme = sentenceTheme(text, previous);
        previous = theme;
        if (!theme || taken.has(text) || headlines.has(text) || !ENDS_SENTENCE.test(text)) continue;
        if (text.split(/\s+/).length < MIN_SENTENCE_WORDS) continue;
        const figures = text.match(/\d+(?:[.,]\d+)*/g)?.length ?? 0;
        candidates.push({ theme, text, articleId: report.id, figures: Math.min(figures, 4), order, words: wordsOf(text) });
      }
    }
  }
  const out: Item[] = [];
  const chosen: Array<Set<string>> = [];
  for (const theme of THEME_ORDER) {
    const picked: typeof candidates = [];
    for (const c of candidates.filter((x) => x.theme === theme).sort((a, b) => b.figures - a.figures || a.order - b.order)) {
      if (picked.length === perTheme) break;
      if (chosen.some((w) => jaccard(w, c.words) > DUPLICATE_JACCARD)) continue;
      picked.push(c);
      chosen.push(c.words);
    }
    for (const p of picked) {
      const ref = { articleId: p.articleId, sentence: p.text };
      out.push({ section: theme, order: 1_000_000 + p.order, refs: [ref], render: (mark) => `• ${p.text}${marks([ref], mark)}` });
    }
  }
  return out;
}
