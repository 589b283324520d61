/**
 * A question asking for one event-card field ("diễn ra ngày nào?", "lần thứ mấy?", "khóa mấy?", "ai viết?"),
 * answered from the card with the sentence it was read from.
 *
 * Contracts:
 * - The article is the first in reach (hits, then the scope) whose card has the field; without filters only the
 *   top retrieved article's card is trusted, and the question's non-frame content must be in the article.
 * - 'absent' when the question is scoped (district, meeting…) and none of those articles states a field the card
 *   always records when printed (khóa, nhiệm kỳ, lần thứ: ALWAYS_RECORDED); openers, concluders and authors are
 *   recorded only in some cases, so their absence gives null (the fact strategy answers).
 */
import { displayDate } from '../../messages/answer.js';
import type { CardField } from '../../retrieve/query/intent.js';
import type { Person } from '../../types.js';
import { articleFrame, articleOrder, cardCiter, cardSupported, personText, type Drafted, type StrategyInput } from './common.js';

const ALWAYS_RECORDED: ReadonlySet<CardField> = new Set(['khoa', 'term', 'meetingNumber', 'congressNumber']);

export function answerCardField(input: StrategyInput): Drafted | 'absent' | null {
  const { retriever, plan, retrieval, messages: m } = input;
  const field = plan.cardField;
  if (!field) return null;
  const article = articleOrder(retriever, retrieval.hits, retrieval.scope).find((a) => a.card[field] !== null);
  if (!article) return retrieval.scope !== null && ALWAYS_RECORDED.has(field) ? 'absent' : null;
  if (retrieval.scope === null && retrieval.hits[0]?.chunk.meta.articleId !== article.id) return null;
  if (!cardSupported(input, article.id)) return null;
  const value = article.card[field]!;
  const { citations, used, cite } = cardCiter(retriever, article.id);
  const n = cite(value.sentence);
  if (n === null) return null;
  const v = value.value as unknown;
  const shown =
    field === 'meetingDate'
      ? displayDate(String(v))
      : field === 'meetingNumber' || field === 'congressNumber'
        ? m.meetingNumberValue(Number(v))
        : typeof v === 'object' && v !== null && 'name' in v
          ? personText(v as Person)
          : String(v);
  const text = [articleFrame(retriever, article.id, m), `${m.fieldLabel[field]}: ${shown}. [${n}]`, `«${value.sentence}» [${n}]`].join('\n');
  return { text, citations, used, intent: 'fact' };
}
