/**
 * RawDocument → Article: clean, read title/date/author, extract the event card. Pure function.
 *
 * Contracts:
 * - Metadata wins over the text: a record's/page's title, url and date are used when given; the
 *   text's heading line, dateline and byline fill the gaps.
 * - `publishedAt` is "YYYY-MM-DD" or null (unparseable metadata dates fall back to the text's stamp); a month-only
 *   date (metadata or stamp) or a page-render header is no publication date: it only bounds the meeting date.
 * - `title` is never empty: metadata title, heading line, derived from the first sentence, else the id.
 * - Deterministic: the same RawDocument always gives the same Article.
 * - Instruction-like text aimed at an AI assistant is not in `text`; it is listed in `instructions` (clean.ts).
 */
import type { Article } from '../types.js';
import { cleanArticleText } from './clean.js';
import { parsePublishedDate } from './dates.js';
import { extractEventCard } from './event-card.js';
import type { RawDocument } from './load.js';
import { hostOf } from '../text/host.js';

/** "YYYY-MM-DD". */
const FULL_DATE_LENGTH = 10;

export function toArticle(raw: RawDocument): Article {
  const cleaned = cleanArticleText(raw.text, { title: raw.title });
  const metaDate = parsePublishedDate(raw.date);
  const metaFull = metaDate !== null && metaDate.length === FULL_DATE_LENGTH ? metaDate : null;
  const publishedAt = metaFull ?? cleaned.date;
  const publishedSentence = metaFull ? raw.date : cleaned.dateLine;
  const dateBound = metaFull ? null : (cleaned.dateBound ?? metaDate);
  const title = cleaned.title ?? raw.id;
  const site = hostOf(raw.url);
  const card = extractEventCard({
    id: raw.id,
    title,
    text: cleaned.body,
    publishedAt,
    dateBound,
    author: cleaned.author,
    site,
    titleSentence: cleaned.titleSentence,
    publishedSentence,
    authorLine: cleaned.authorLine,
    siteSentence: raw.url,
  });
  return {
    id: raw.id,
    title,
    url: raw.url,
    publishedAt,
    text: cleaned.body,
    card,
    contentHash: raw.contentHash,
    ...(cleaned.instructions.length > 0 ? { instructions: cleaned.instructions } : {}),
  };
}
