/**
 * RawDocument → Article: clean, read title/date/author, extract the event card. Pure function.
 *
 * Contracts:
 * - Metadata wins over the text: a record's/page's title, url and date are used when given; the
 *   text's heading line, dateline and byline fill the gaps.
 * - `publishedAt` is "YYYY-MM-DD", "YYYY-MM" or null (unparseable metadata dates fall back to the dateline).
 * - `title` is never empty: metadata title, heading line, derived from the first sentence, else the id.
 * - Deterministic: the same RawDocument always gives the same Article.
 */
import type { Article } from '../types.js';
import { cleanArticleText } from './clean.js';
import { parsePublishedDate } from './dates.js';
import { extractEventCard } from './event-card.js';
import type { RawDocument } from './load.js';

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

export function toArticle(raw: RawDocument): Article {
  const cleaned = cleanArticleText(raw.text, { title: raw.title });
  const metaDate = parsePublishedDate(raw.date);
  const publishedAt = metaDate ?? cleaned.date;
  const publishedSentence = metaDate ? raw.date : cleaned.dateLine;
  const title = cleaned.title ?? raw.id;
  const site = hostOf(raw.url);
  const card = extractEventCard({
    id: raw.id,
    title,
    text: cleaned.body,
    publishedAt,
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
  };
}
