/**
 * The two pages of an answer with a continuation (`Answer.more`, a term summary's rest): the first page shows
 * `answer` with the citations it marks, the continuation `more` with the citations it marks. An answer without
 * `more` is one page: its citations all stay with it.
 */
import type { Answer, Citation } from '../types.js';

/** The [n] numbers a text marks ("[3]", "[1–3, 5]" ranges included). */
export function markersIn(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(/\[(\d+(?:\s*[–-]\s*\d+)?(?:\s*,\s*\d+(?:\s*[–-]\s*\d+)?)*)\]/g)) {
    for (const part of m[1]!.split(',')) {
      const [a, b] = part.split(/[–-]/).map((x) => Number(x.trim())) as [number, number | undefined];
      for (let n = a; n <= (b ?? a); n++) out.add(n);
    }
  }
  return out;
}

const marked = (text: string, citations: readonly Citation[]) => {
  const shown = markersIn(text);
  return citations.filter((c) => shown.has(c.n));
};

/** The citations the first page lists: those its text marks when the answer has a continuation, else all. */
export function firstPageCitations(answer: Pick<Answer, 'answer' | 'more' | 'citations'>): Citation[] {
  return answer.more ? marked(answer.answer, answer.citations) : answer.citations;
}

/** The continuation as an answer of its own (its text, the citations it marks, no further page); null when none. */
export function continuation(answer: Answer): Answer | null {
  if (!answer.more) return null;
  const { more, ...rest } = answer;
  return { ...rest, answer: more, citations: marked(more, answer.citations) };
}
