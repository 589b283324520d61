/** Test helper: the conversation turns after asking `questions` in order (each with the turns before it). */
import { planQuery } from '../retrieve/query/plan.js';
import type { AnswerFn, Turn } from '../types.js';

export async function turnsAfter(ask: AnswerFn, questions: readonly string[]): Promise<Turn[]> {
  const turns: Turn[] = [];
  for (const q of questions) {
    const a = await ask(q, { history: turns });
    if (a.turn) turns.push(a.turn);
  }
  return turns;
}

/** A turn that asked `question` (a fact question naming no district, citing nothing, unless `extra` says so). */
export function turn(question: string, extra: Partial<Turn> = {}): Turn {
  return { question, intent: 'fact', units: [], meeting: null, articleIds: [], people: [], ...extra };
}

/** The turn a question leaves, as its plan reads it (no answer: nothing cited, nobody named). */
export function plannedTurn(question: string): Turn {
  const plan = planQuery(question);
  return turn(question, { intent: plan.intent, units: plan.units, meeting: plan.meeting ? { value: plan.meeting.value, kind: plan.meeting.kind } : null });
}
