/**
 * The bot's messages rendered as Telegram HTML: pipeline values (answers, citations, corpus facts, event cards)
 * put into the texts of src/messages/bot.ts. Pure functions, no I/O.
 *
 * Contracts:
 * - Every piece of article, pipeline or user text goes through `escapeHtml` (or `link`) before it reaches a
 *   message; the only raw markup is the fixed tags written here and in the messages (a, b, i, blockquote).
 * - User-facing copy is Vietnamese; answers whose `language` is 'en' get an English frame
 *   (sources heading, citation details).
 * - Dates "YYYY-MM-DD" render as "dd/mm/yyyy", "YYYY-MM" as "mm/yyyy"; anything else unchanged.
 */
import { botMessages, vi, type ArticleLine, type BotMessages } from '../messages/bot.js';
import type { Answer, Citation, CorpusInfo, EventCard, Language } from '../types.js';
import { fold } from '../text/normalize.js';
import { escapeHtml, link } from './html.js';
import { ALERT_MAX_CHARS } from './limits.js';
import type { UploadRecord } from './types.js';
import { citationsByArticle, markerRanges } from '../answer/citations.js';
import { displayQuotes } from '../answer/format-text.js';
import { firstPageCitations } from '../answer/pages.js';

export { displayQuotes };

/** Example district when the corpus has none. */
const FALLBACK_DISTRICT = 'Quận 8';

export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(date);
  if (m) return `${m[2]}/${m[1]}`;
  return date;
}

function dateRange(first: string | null, last: string | null, messages: BotMessages = vi): string {
  const a = formatDate(first);
  const b = formatDate(last);
  if (a && b) return a === b ? a : messages.dateRange(a, b);
  return a || b;
}

/**
 * "[1] title — unit — outlet — đăng ngày 23/06/2022" with the title linked when the citation has an http(s) URL.
 * A citation made with its article's details (`published` present) shows the outlet and the publication date,
 * labelled (none when unknown: the meeting's date is the answer's to say); one made without them, its date.
 * `numbers`: every marker citing this article (default c.n), shown as ranges: "[1–3, 5]".
 */
export function formatSourceLine(c: Citation, numbers: readonly number[] = [c.n], messages: BotMessages = vi): string {
  const parts = [link(c.url, c.title || c.source)];
  if (c.unit) parts.push(escapeHtml(c.unit));
  if (c.outlet) parts.push(escapeHtml(c.outlet));
  if (c.published !== undefined) {
    if (c.published) parts.push(escapeHtml(messages.publishedOn(formatDate(c.published))));
  } else if (c.date) parts.push(escapeHtml(formatDate(c.date)));
  return `[${markerRanges(numbers)}] ${parts.join(' — ')}`;
}

/** A line of an answer that is a quote and its markers: “…” [1], after its unit in parentheses: (Quận 8) “…” [2]. */
const QUOTE_LINE = /^(?:\([^()]+\)\s)?“.+”(?:\s*\[\d+(?:[–,]\s?\d+)*\])*\.?$/;

/** Answer text as HTML: escaped, each quote line an expandable blockquote (a phone shows its first lines). */
function answerBody(text: string): string {
  return text
    .split('\n')
    .map((line) => (QUOTE_LINE.test(line.trim()) ? `<blockquote expandable>${escapeHtml(line.trim())}</blockquote>` : escapeHtml(line)))
    .join('\n');
}

/**
 * The answer message: the answer text (with its [n] markers; a grounded answer's first line in bold), then a sources block, then, for an
 * extractive answer standing in for a failed LLM one, its `fallbackReason` in italics.
 * Answers that are not grounded are sent as their text alone (plus that note).
 */
export function formatAnswer(answer: Answer): string {
  const text = displayQuotes(answer.answer.trim());
  const note = answer.mode === 'extractive' && answer.fallbackReason ? `\n\n<i>(${escapeHtml(answer.fallbackReason)})</i>` : '';
  if (!answer.grounded || answer.citations.length === 0) return `${escapeHtml(text)}${note}`;
  // A grounded answer's first line is its direct answer: in bold.
  const cut = text.indexOf('\n');
  const body = cut < 0 ? `<b>${escapeHtml(text)}</b>` : `<b>${escapeHtml(text.slice(0, cut))}</b>\n${answerBody(text.slice(cut + 1))}`;
  const messages = botMessages(answer.language);
  // One line per article: a summary quoting 12 passages of one article lists it once, "[1–12] title …".
  // An answer with a continuation lists only the sources its first page marks (answer/pages.ts).
  const lines = citationsByArticle(firstPageCitations(answer)).map((group) => formatSourceLine(group[0]!, group.map((c) => c.n), messages));
  const heading = messages.sourcesHeading;
  return `${body}\n\n<b>${heading}</b>\n${lines.join('\n')}${note}`;
}

/** Quotes longer than this are shortened in the citation detail (the article stays one tap away). */
export const MAX_QUOTE_CHARS = 3000;

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The message shown when a citation button is pressed: the article (title, linked), its unit, outlet and publication
 * date as the source lines give them (a citation without its article's details: its date), then the quoted passage.
 * No file name: the article is named by its title.
 */
export function formatCitationDetail(c: Citation, language: Language = 'vi'): string {
  const lines = [`<b>[${c.n}]</b> ${link(c.url, c.title || c.source)}`];
  const published = c.published !== undefined ? (c.published ? botMessages(language).publishedOn(formatDate(c.published)) : null) : formatDate(c.date);
  const meta = [c.unit, c.outlet, published].filter(Boolean).map((s) => escapeHtml(String(s)));
  if (meta.length) lines.push(meta.join(' · '));
  lines.push(`<blockquote>${escapeHtml(truncate(c.quote.trim(), MAX_QUOTE_CHARS))}</blockquote>`);
  return lines.join('\n');
}

/**
 * A citation as a callback alert (groups: nothing is posted to the whole group): "[n] unit · date", then the
 * quote in curly quotes, cut to fit Telegram's ALERT_MAX_CHARS. Plain text.
 */
export function formatCitationAlert(c: Citation): string {
  const head = [`[${c.n}]`, [c.unit, formatDate(c.date)].filter(Boolean).join(' · ') || c.title].filter(Boolean).join(' ');
  const room = ALERT_MAX_CHARS - head.length - 3;
  const quote = c.quote.replace(/\s+/g, ' ').trim();
  const shown = quote.length <= room ? quote : `${quote.slice(0, Math.max(0, room - 1)).trimEnd()}…`;
  return `${head}\n“${shown}”`.slice(0, ALERT_MAX_CHARS);
}

/** Three example questions built from the corpus; in Vietnamese the third is written without diacritics. */
export function exampleQuestions(info: CorpusInfo, language: Language = 'vi'): [string, string, string] {
  const names = info.units.map((d) => d.label);
  const a = names[0] ?? FALLBACK_DISTRICT;
  const b = names[1] ?? a;
  const c = names[2] ?? a;
  const m = botMessages(language);
  const third = m.summaryQuestion(c);
  return [m.exampleChairQuestion(a), m.exampleAttendeesQuestion(b), language === 'vi' ? fold(third) : third];
}

function districtNames(info: CorpusInfo, max = 6): string {
  const names = info.units.map((d) => d.label);
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown}, …` : shown;
}

export function formatStart(info: CorpusInfo, firstName?: string, language: Language = 'vi'): string {
  const [q1, q2, q3] = exampleQuestions(info, language);
  const m = botMessages(language);
  return m.start({
    name: firstName ? escapeHtml(firstName) : undefined,
    articles: info.articleCount,
    districts: info.units.length,
    districtNames: escapeHtml(districtNames(info)),
    range: escapeHtml(dateRange(info.firstDate, info.lastDate, m)),
    examples: [escapeHtml(q1), escapeHtml(q2), escapeHtml(q3)],
  });
}

export function formatHelp(info: CorpusInfo, isAdmin: boolean, language: Language = 'vi', terminal = false): string {
  const [q1] = exampleQuestions(info, language);
  return botMessages(language).help({ example: escapeHtml(q1), admin: isAdmin, terminal });
}

export function formatDistricts(info: CorpusInfo, language: Language = 'vi'): string {
  const m = botMessages(language);
  return m.districts(
    info.units.map((d) => ({ name: escapeHtml(d.label), articles: d.articleCount, range: escapeHtml(dateRange(d.firstDate, d.lastDate, m)) })),
  );
}

/** Said once when the bot is added to a group. */
export function formatGroupGreeting(info: CorpusInfo, username: string, language: Language = 'vi'): string {
  const [q1] = exampleQuestions(info, language);
  return botMessages(language).groupGreeting({ handle: `@${escapeHtml(username)}`, articles: info.articleCount, units: info.units.length, example: escapeHtml(q1) });
}

/** /baiviet: the newest uploads (at most `max`). */
export function formatArticles(records: readonly UploadRecord[], language: Language = 'vi', max = 10): string {
  const m = botMessages(language);
  if (records.length === 0) return escapeHtml(m.articlesEmpty);
  const lines: ArticleLine[] = records.slice(0, max).map((r) => ({
    id: escapeHtml(r.id),
    title: escapeHtml(r.title),
    unit: escapeHtml(r.unit ?? ''),
    date: escapeHtml(formatDate(r.date)),
    by: escapeHtml(r.uploadedBy?.name ?? ''),
    added: escapeHtml(formatDate(r.uploadedAt.slice(0, 10))),
  }));
  return m.articles(lines, records.length);
}

export function formatSummaryUsage(info: CorpusInfo, language: Language = 'vi'): string {
  return botMessages(language).summaryUsage({
    example: escapeHtml(info.units[0]?.label ?? FALLBACK_DISTRICT),
    districts: escapeHtml(info.units.map((d) => d.label).join(', ')),
  });
}

/** Reply to an admin upload: the event card the pipeline extracted. */
export function formatEventCard(card: EventCard, fileName: string, language: Language = 'vi'): string {
  return botMessages(language).eventCard({
    fileName: escapeHtml(fileName),
    title: escapeHtml(card.title.value),
    district: card.unit ? escapeHtml(card.unit.value.label) : undefined,
    date: card.meetingDate ? escapeHtml(formatDate(card.meetingDate.value)) : undefined,
    meetingNumber: card.meetingNumber ? card.meetingNumber.value : undefined,
    congress: card.khoa ? escapeHtml(card.khoa.value) : undefined,
    term: card.term ? escapeHtml(card.term.value) : undefined,
    chairs: card.chairs.map(({ value: c }) => ({ name: escapeHtml(c.name), role: c.role ? escapeHtml(c.role) : undefined })),
    chairNote: card.chairNote ? escapeHtml(card.chairNote) : undefined,
  });
}
