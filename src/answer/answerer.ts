/**
 * The offline question → Answer pipeline (extractive), and the shared "prepare" step the LLM mode reuses.
 * A question's path: plan (retrieve/query) → retrieval (the retriever port) → the first answer strategy that
 * answers (strategies/: summary, referent follow-up, chair and attendees, card field, facts) → Answer.
 *
 * Contracts:
 * - Never throws for a bad question: empty or unanswerable questions give grounded=false with a plain
 *   Vietnamese (or English) statement, and no citations.
 * - Every [n] in `answer` refers to `citations[n-1]`, whose chunk was retrieved for this question.
 * - A question naming a district is only ever answered from that district's articles.
 * - Chair/attendee questions are answered from event cards, quoting the card's source sentence.
 * - Every answer carries its `turn` (what a conversation keeps for follow-ups); follow-ups read the previous turn,
 *   never re-plan the previous question.
 */
import { ANSWER_MESSAGES, type NotFoundDetail } from '../messages/answer.js';
import { resolveFollowUp } from '../retrieve/query/follow-up.js';
import { planQuery, planRequest, type QueryPlan } from '../retrieve/query/plan.js';
import type { RetrievalResult, Retriever } from '../retrieve/retriever.js';
import type { Answer, AnswerFn, AskContext, AskRequest, Hit, Intent, Turn } from '../types.js';
import { answerCardField } from './strategies/card-field.js';
import { answerChairOrAttendees } from './strategies/chair-attendees.js';
import type { Drafted, StrategyInput } from './strategies/common.js';
import { answerFacts } from './strategies/facts.js';
import { answerReferent } from './strategies/referent.js';
import { answerSummary } from './strategies/summary.js';
import { answerTuning, type AnswerTuning } from './tuning.js';

export interface AnswererDeps {
  retriever: Retriever;
  /** Passages retrieved per question. */
  topK: number;
  tuning?: Partial<AnswerTuning>;
}

/** Everything retrieval decided for one question; the LLM mode builds its prompt from this. */
export interface Prepared {
  question: string;
  resolved: string;
  plan: QueryPlan;
  retrieval: RetrievalResult;
  /** The extractive answer (also the LLM mode's fallback). */
  extractive: Answer;
  /** Chunks the extractive answer used or considered, best first (cited chunks first). */
  hits: Hit[];
}

const EMPTY_RETRIEVAL: RetrievalResult = { hits: [], labels: [], scope: null, emptyReason: null };

function knownDistricts(retriever: Retriever): string[] {
  const names = new Set<string>();
  for (const a of retriever.articles.values()) if (a.card.district) names.add(a.card.district.value.name);
  return [...names].sort((a, b) => a.localeCompare(b, 'vi', { numeric: true }));
}

/** The drafted answer's chunks first (as hits), then the rest of the retrieval's hits. */
function toHits(drafted: Drafted, retrieval: RetrievalResult): Hit[] {
  const out: Hit[] = [];
  for (const c of drafted.used) out.push(retrieval.hits.find((x) => x.chunk.id === c.id) ?? { chunk: c, score: 0, views: {} });
  for (const h of retrieval.hits) if (!out.some((o) => o.chunk.id === h.chunk.id)) out.push(h);
  return out;
}

/** Retrieval + extractive answer for one question (or a command's request). */
export async function prepare(deps: AnswererDeps, question: string | AskRequest, context: AskContext = {}): Promise<Prepared> {
  const tuning = answerTuning(deps.tuning);
  const { retriever } = deps;
  const history = context.history ?? [];
  const asked = (typeof question === 'string' ? question : question.text).normalize('NFC').trim();
  const resolved = typeof question === 'string' ? resolveFollowUp(asked, history.map((t) => t.question)) : asked;
  const plan = typeof question === 'string' ? planQuery(resolved) : planRequest(question);
  const m = ANSWER_MESSAGES[plan.language];

  const answer = (intent: Intent, text: string, grounded: boolean, drafted?: Drafted): Answer => {
    const citations = drafted?.citations.list() ?? [];
    const turn: Turn = {
      question: resolved,
      intent,
      districts: plan.districts,
      articleIds: [...new Set(citations.map((c) => c.source))],
      people: drafted?.people ?? [],
    };
    return {
      question: asked,
      ...(resolved !== asked ? { resolvedQuestion: resolved } : {}),
      intent,
      mode: 'extractive',
      language: plan.language,
      answer: text,
      grounded,
      citations,
      turn,
    };
  };
  const done = (extractive: Answer, retrieval: RetrievalResult, hits: Hit[]): Prepared => ({ question: asked, resolved, plan, retrieval, extractive, hits });
  const refuse = (detail: NotFoundDetail, retrieval: RetrievalResult = EMPTY_RETRIEVAL): Prepared =>
    done(answer(plan.intent, m.notFound(detail), false), retrieval, []);
  const drafted = (d: Drafted, retrieval: RetrievalResult): Prepared =>
    done(answer(d.intent ?? plan.intent, d.text, d.citations.size > 0, d), retrieval, toHits(d, retrieval));

  if (!/[\p{L}\p{N}]/u.test(asked)) return refuse({ reason: 'empty-question' });
  if (retriever.articles.size === 0) return refuse({ reason: 'no-index' });

  const scopeDetail = (reason: NotFoundDetail['reason']): NotFoundDetail => ({
    reason,
    ...(plan.districts[0] ? { district: plan.districts[0].name } : {}),
    ...(plan.meetingNumber !== null ? { meetingNumber: plan.meetingNumber } : {}),
    ...(plan.term ? { term: plan.term } : {}),
    ...(plan.congress ? { congress: plan.congress } : {}),
    knownDistricts: knownDistricts(retriever),
  });

  if (plan.intent === 'summary') {
    if (plan.districts.length === 0) return refuse(scopeDetail('no-district'));
    const { scope, failure } = retriever.scope(plan);
    if (failure || !scope) return refuse(scopeDetail(failure ?? 'district'));
    const retrieval: RetrievalResult = { ...EMPTY_RETRIEVAL, scope };
    const summary = answerSummary(retriever, plan, scope, tuning, m);
    if (!summary) return refuse(scopeDetail('no-support'), retrieval);
    const hits = summary.used.map((chunk) => ({ chunk, score: 0, views: {} }));
    return done(answer('summary', summary.text, summary.citations.size > 0, summary), { ...retrieval, hits }, hits);
  }

  const retrieval = await retriever.retrieve(plan, { k: deps.topK });
  if (retrieval.emptyReason) return refuse(scopeDetail(retrieval.emptyReason), retrieval);
  if (retrieval.hits.length === 0) return refuse(scopeDetail('no-support'), retrieval);

  const referent = answerReferent(retriever, asked, history.at(-1));
  if (referent) return drafted(referent, retrieval);

  const input: StrategyInput = { retriever, plan, retrieval, tuning, messages: m };
  if (plan.intent === 'chair' || plan.intent === 'attendees') {
    const card = answerChairOrAttendees(input);
    if (card) return drafted(card, retrieval);
  }
  if (plan.cardField) {
    const field = answerCardField(input);
    if (field === 'absent') return refuse(scopeDetail('no-support'), retrieval);
    if (field) return drafted(field, retrieval);
  }
  const facts = answerFacts(input);
  return facts ? drafted(facts, retrieval) : refuse(scopeDetail('no-support'), retrieval);
}

/** The offline AnswerFn. */
export function createExtractiveAnswerer(deps: AnswererDeps): AnswerFn {
  return async (question, context) => (await prepare(deps, question, context)).extractive;
}
