/**
 * The verdict on a yes/no check of a stated figure ("Quận 12 kết nạp 600 đảng viên đúng không?"), read from the
 * sentences a facts answer quotes.
 *
 * Contract: the first quoted sentence (in citation order) printing a figure for the question's noun decides: the
 * same value → "Đúng — …", another → "Không — bài viết nêu 596 đảng viên, không phải 600.", cited to that
 * sentence's passage; the verdict line goes first, then that sentence alone (its clauses printing the figure). No sentence prints one → the answer is
 * returned unchanged (no verdict is guessed).
 */
import { figuresFor, figureValue, type StatedFigure } from '../../retrieve/query/check.js';
import type { AnswerMessages } from '../../messages/answer.js';
import type { Drafted } from './common.js';
import { excerpt } from '../spans.js';

/** A quote line of a facts answer: «…» [n], after its unit in parentheses when several articles are quoted. */
const QUOTED = /^(?:\([^()]+\)\s)?«/;

export function withVerdict(drafted: Drafted, check: StatedFigure, messages: AnswerMessages): Drafted {
  for (const citation of drafted.citations.list()) {
    for (const sentence of citation.quote.split(' … ')) {
      const printed = figuresFor(sentence, check.noun)[0];
      if (printed === undefined) continue;
      const same = figureValue(printed.value) === figureValue(check.value);
      const verdict = messages.checkVerdict(same, printed.text, check.noun === '%' ? `${check.value}%` : check.value);
      // A long quoted sentence is cut to its clauses printing the figure (the citation keeps it whole).
      // The sentence deciding the verdict proves it: the other quotes go.
      const body = drafted.text
        .split('\n')
        .filter((l) => !QUOTED.test(l) || l.includes(sentence))
        .map((l) => (l.includes(sentence) ? l.replace(sentence, excerpt(sentence, [printed.text])) : l));
      return { ...drafted, text: `${verdict} [${citation.n}]\n${body.join('\n')}` };
    }
  }
  return drafted;
}
