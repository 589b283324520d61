/**
 * Plain-text rendering of an Answer for terminals: the answer, then its sources, one line per article ("[1–3]
 * title — unit — date (file)"), each quote printed once: a quote the answer already prints is not repeated under
 * its source. «» become the curly quotes Vietnamese prints (“…”).
 */
import type { Answer, Citation } from '../types.js';
import { ANSWER_MESSAGES, displayDate } from '../messages/answer.js';

/** «» (which some answers use around quotes) as the curly quotes Vietnamese prints: “…”. */
export function displayQuotes(text: string): string {
  return text.replace(/«\s?/g, '“').replace(/\s?»/g, '”');
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Ascending marker numbers as ranges: [1, 2, 3, 5] → "1–3, 5". */
function markerRanges(numbers: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    out.push(j > i ? `${numbers[i]}–${numbers[j]}` : String(numbers[i]));
    i = j;
  }
  return out.join(', ');
}

export function formatAnswerText(answer: Answer): string {
  const body = displayQuotes(answer.answer);
  const note = answer.mode === 'extractive' && answer.fallbackReason ? `\n\n(${answer.fallbackReason})` : '';
  if (!answer.grounded || answer.citations.length === 0) return `${body}${note}`;
  const printed = squash(body);
  const lines = [body, '', ANSWER_MESSAGES[answer.language ?? 'vi'].sources];
  const byArticle = new Map<string, Citation[]>();
  for (const c of [...answer.citations].sort((a, b) => a.n - b.n)) {
    const key = `${c.source}\u0000${c.title}\u0000${c.url ?? ''}`;
    byArticle.set(key, [...(byArticle.get(key) ?? []), c]);
  }
  for (const group of byArticle.values()) {
    const c = group[0]!;
    const meta = [c.title, c.unit, displayDate(c.date)].filter(Boolean).join(' — ');
    lines.push(`[${markerRanges(group.map((g) => g.n))}] ${meta} (${c.source})`);
    if (c.url) lines.push(`    ${c.url}`);
    const shown = new Set<string>();
    for (const g of group) {
      // A quote of several passages joins them with " … ": each piece is printed once.
      const pieces = squash(g.quote)
        .split(/\s…\s/)
        .map((p) => p.trim())
        .filter((p) => p && p !== '…' && !shown.has(p) && !printed.includes(p.replace(/…$/, '')));
      if (pieces.length === 0) continue;
      for (const p of pieces) shown.add(p);
      const quote = pieces.join(' … ');
      lines.push(`    “${quote.length > 400 ? `${quote.slice(0, 397)}…` : quote}”`);
    }
  }
  return `${lines.join('\n')}${note}`;
}
