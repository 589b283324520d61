/**
 * "ông ấy giữ chức vụ gì?" right after an answer that named people: the pronoun is the first person that answer
 * named with a role (the chair, else who opened or concluded, else the first attendee), read from the previous
 * turn: the earlier question is never planned or retrieved again.
 */
import type { Retriever } from '../../retrieve/retriever.js';
import { foldedWords } from '../../retrieve/query/words.js';
import type { Turn } from '../../types.js';
import { cardCiter, personText, type Drafted } from './common.js';

const PRONOUN = / (ong ay|ba ay|nguoi nay|nguoi do|dong chi ay|dong chi nay|vi nay|he|she|him|her) /;
const ROLE_ASKED = / (chuc vu|giu chuc|vai tro|cuong vi|la ai|role|position|title|who is) /;

/** The answer about the previous turn's person, or null when the question is not such a follow-up. */
export function answerReferent(retriever: Retriever, question: string, previous: Turn | undefined): Drafted | null {
  const f = foldedWords(question);
  if (!previous || !PRONOUN.test(f) || !ROLE_ASKED.test(f)) return null;
  if (previous.intent !== 'chair' && previous.intent !== 'attendees') return null;
  const person = previous.people.find((p) => p.role);
  if (!person) return null;
  const { citations, used, cite } = cardCiter(retriever, person.articleId);
  const n = cite(person.sentence);
  if (n === null) return null;
  return { text: [`${personText(person)}. [${n}]`, `«${person.sentence}» [${n}]`].join('\n'), citations, used, intent: 'fact' };
}

/** Words at most in a question whose pronoun can only point back ("ông ấy giữ chức vụ gì?"); longer ones say more. */
const SHORT_QUESTION_WORDS = 10;

/**
 * A short question about "ông ấy" / "người này" / "he" with no person to point back to (no earlier answer named
 * one): the answerer asks who is meant instead of guessing.
 */
export function unresolvedReferent(question: string, previous: Turn | undefined): boolean {
  const f = foldedWords(question);
  if (!PRONOUN.test(f) || f.trim().split(/\s+/).length > SHORT_QUESTION_WORDS) return false;
  return !previous || previous.people.length === 0;
}
