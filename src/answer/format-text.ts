/**
 * Plain-text rendering of an Answer for terminals: the answer, then its sources, one line per article ("[1–3]
 * title — unit — outlet — publication date", the article id only for an untitled article), each quote printed once: a quote the answer already prints is not repeated under
 * its source. «» become the curly quotes Vietnamese prints (“…”). An answer with a continuation prints its first page
 * (answer/pages.ts); callers print `continuation(answer)` when asked.
 */
import type { Answer } from '../types.js';
import { citationsByArticle, markerRanges } from './citations.js';
import { firstPageCitations } from './pages.js';
import { ANSWER_MESSAGES, displayDate } from '../messages/answer.js';
import { botMessages } from '../messages/bot.js';

/** «» (which some answers use around quotes) as the curly quotes Vietnamese prints: “…”. */
export function displayQuotes(text: string): string {
  return text.replace(/«\s?/g, '“').replace(/\s?»/g, '”');
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Shortest clause whose presence in the answer shows it quotes the sentence (an excerpt of its clauses). */
const EXCERPT_MIN_CHARS = 20;

/** The answer already prints the quote: whole, or an excerpt of its clauses (answer/spans.ts excerpt). */
function printedIn(quote: string, printed: string): boolean {
  const whole = quote.replace(/…$/, '');
  if (printed.includes(whole)) return true;
  return whole.split(/(?<=;)\s+/).some((c) => c.replace(/;$/, '').length >= EXCERPT_MIN_CHARS && printed.includes(c.replace(/;$/, '')));
}

export function formatAnswerText(answer: Answer): string {
  const body = displayQuotes(answer.answer);
  const note = answer.mode === 'extractive' && answer.fallbackReason ? `\n\n(${answer.fallbackReason})` : '';
  if (!answer.grounded || answer.citations.length === 0) return `${body}${note}`;
  const printed = squash(body);
  const lines = [body, '', ANSWER_MESSAGES[answer.language ?? 'vi'].sources];
  for (const group of citationsByArticle(firstPageCitations(answer))) {
    const c = group[0]!;
    // As the bot names a source (title — unit — outlet — publication date); the article id only when untitled.
    const published = c.published !== undefined ? (c.published ? botMessages(answer.language ?? 'vi').publishedOn(displayDate(c.published)!) : null) : displayDate(c.date);
    const meta = [c.title || c.source, c.unit, c.outlet, published].filter(Boolean).join(' — ');
    lines.push(`[${markerRanges(group.map((g) => g.n))}] ${meta}`);
    if (c.url) lines.push(`    ${c.url}`);
    const shown = new Set<string>();
    for (const g of group) {
      // A quote of several passages joins them with " … ": each piece is printed once.
      const pieces = squash(g.quote)
        .split(/\s…\s/)
        .map((p) => p.trim())
        .filter((p) => p && p !== '…' && !shown.has(p) && !printedIn(p, printed));
      if (pieces.length === 0) continue;
      for (const p of pieces) shown.add(p);
      const quote = pieces.join(' … ');
      lines.push(`    “${quote.length > 400 ? `${quote.slice(0, 397)}…` : quote}”`);
    }
  }
  return `${lines.join('\n')}${note}`;
}
