/**
 * Article → retrieval chunks. Pure function.
 *
 * Contracts:
 * - Chunks never cross articles; their texts, joined, contain every paragraph of the article in order (after the
 *   headline, see below).
 * - The lead (first) paragraph is its own chunk (split by sentences when longer than maxChars).
 * - Other paragraphs shorter than minChars (headings, one-liners) are merged with the following
 *   paragraph(s) ("\n\n" between them) while the chunk stays within maxChars; a short last paragraph
 *   joins the previous chunk when it fits.
 * - A paragraph longer than maxChars is split on sentence boundaries into pieces ≤ maxChars; a single
 *   sentence longer than maxChars is split at "; " / ", " / spaces (never inside a word).
 * - Chunk texts are verbatim slices of the article text (whole paragraphs joined by "\n\n", or runs
 *   of sentences with their printed spacing), except the headline: a title of HEADLINE_MIN_WORDS words or more
 *   that the text does not print opens the first chunk as its own paragraph (it often states the report's main fact).
 * - ids are `${article.id}#${ordinal}` (0-based); the same text always gives the same chunks.
 * - Every chunk carries ChunkMeta (date = meeting date if known, else publication date) and
 *   header = "title — district — date" with missing parts omitted.
 */
import type { Article, Chunk, ChunkMeta, StoredArticle } from '../types.js';
import { sentenceSpans, splitParagraphs } from '../text/sentences.js';

export interface ChunkOptions {
  /** Upper bound of a chunk's text length in UTF-16 units (default 700). */
  maxChars?: number;
  /** Paragraphs shorter than this are merged with the next (default 200). */
  minChars?: number;
}

export const DEFAULT_MAX_CHARS = 700;
export const DEFAULT_MIN_CHARS = 200;

/** Split one over-long sentence at "; ", ", " or a space, each piece ≤ max. */
function splitLong(sentence: string, max: number): string[] {
  const out: string[] = [];
  let rest = sentence;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = Math.max(window.lastIndexOf('; '), window.lastIndexOf(', '));
    if (cut < max / 3) cut = window.lastIndexOf(' ');
    if (cut <= 0) cut = max;
    else cut += 1;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * Pieces of a paragraph, each ≤ max, grouping whole sentences greedily. Pieces are verbatim slices
 * of the paragraph (spacing between grouped sentences is kept as printed).
 */
function splitParagraph(paragraph: string, max: number): string[] {
  if (paragraph.length <= max) return [paragraph];
  const pieces: string[] = [];
  let start = -1;
  let end = -1;
  const flush = () => {
    if (start >= 0) pieces.push(paragraph.slice(start, end));
    start = -1;
  };
  for (const [a, b] of sentenceSpans(paragraph)) {
    if (b - a > max) {
      flush();
      pieces.push(...splitLong(paragraph.slice(a, b), max));
      continue;
    }
    if (start >= 0 && b - start > max) flush();
    if (start < 0) start = a;
    end = b;
  }
  flush();
  return pieces;
}

export function chunkMeta(article: StoredArticle): ChunkMeta {
  const card = article.card;
  return {
    articleId: article.id,
    title: article.title,
    url: article.url,
    unitId: card.unit?.value.id ?? null,
    unitLabel: card.unit?.value.label ?? null,
    date: card.meetingDate?.value ?? article.publishedAt ?? null,
    meetingNumber: card.meetingNumber?.value ?? null,
    congressNumber: card.congressNumber?.value ?? null,
    term: card.term?.value ?? null,
    khoa: card.khoa?.value ?? null,
  };
}

export function chunkHeader(meta: ChunkMeta): string {
  return [meta.title, meta.unitLabel, meta.date].filter((x): x is string => !!x && x.trim() !== '').join(' — ');
}

/** A title of at least this many words is a headline, quoted like a sentence (shorter ones name a page: "Đế quốc La Mã Thần thánh"). */
export const HEADLINE_MIN_WORDS = 8;

/** The headline the first chunk opens with: the title, when it is a headline the text does not print. */
export function headlineOf(article: Pick<Article, 'title' | 'text'>): string | null {
  const title = article.title.trim();
  if (title.split(/\s+/).length < HEADLINE_MIN_WORDS) return null;
  const opening = article.text.slice(0, title.length + 200);
  return opening.includes(title) ? null : title;
}

export function chunkArticle(article: Article, options: ChunkOptions = {}): Chunk[] {
  const max = Math.max(50, options.maxChars ?? DEFAULT_MAX_CHARS);
  const min = Math.min(options.minChars ?? DEFAULT_MIN_CHARS, max);
  const paragraphs = splitParagraphs(article.text);
  const texts: string[] = [];

  if (paragraphs.length > 0) texts.push(...splitParagraph(paragraphs[0]!, max));
  // The headline states the report's main fact ("Ông A tái đắc cử Bí thư Huyện ủy B"): it opens the first chunk
  // (or is a chunk of its own when that would pass maxChars), so answers can quote it.
  const headline = headlineOf(article);
  if (headline !== null) {
    if (texts.length > 0 && headline.length + 2 + texts[0]!.length <= max) texts[0] = `${headline}\n\n${texts[0]}`;
    else texts.unshift(...splitParagraph(headline, max));
  }

  let pending = '';
  let pendingShort = false;
  for (const paragraph of paragraphs.slice(1)) {
    const pieces = splitParagraph(paragraph, max);
    for (const piece of pieces) {
      if (pending && pendingShort && pending.length + 2 + piece.length <= max) {
        pending = `${pending}\n\n${piece}`;
        pendingShort = pending.length < min;
        continue;
      }
      if (pending) texts.push(pending);
      pending = piece;
      pendingShort = piece.length < min;
    }
  }
  if (pending) {
    const last = texts.length > 1 ? texts[texts.length - 1]! : null;
    if (pendingShort && last !== null && last.length + 2 + pending.length <= max) texts[texts.length - 1] = `${last}\n\n${pending}`;
    else texts.push(pending);
  }

  const meta = chunkMeta(article);
  const header = chunkHeader(meta);
  return texts.map((text, ordinal) => ({ id: `${article.id}#${ordinal}`, ordinal, text, header, meta: { ...meta } }));
}
