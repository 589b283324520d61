/** Plain-text rendering of an Answer for terminals: the answer, then numbered sources with quotes. */
import type { Answer } from '../types.js';
import { ANSWER_MESSAGES, displayDate } from '../messages/answer.js';

export function formatAnswerText(answer: Answer): string {
  if (!answer.grounded || answer.citations.length === 0) return answer.answer;
  const lines = [answer.answer, '', ANSWER_MESSAGES[answer.language ?? 'vi'].sources];
  for (const c of answer.citations) {
    const meta = [c.title, c.unit, displayDate(c.date)].filter(Boolean).join(' — ');
    lines.push(`[${c.n}] ${meta} (${c.source})`);
    if (c.url) lines.push(`    ${c.url}`);
    lines.push(`    «${c.quote.length > 400 ? `${c.quote.slice(0, 397)}…` : c.quote}»`);
  }
  if (answer.mode === 'extractive' && answer.fallbackReason) lines.push('', `(${answer.fallbackReason})`);
  return lines.join('\n');
}
