/**
 * The offline question → Answer pipeline (extractive), and the shared "prepare" step the LLM mode reuses.
 * A question's path: plan (retrieve/query) → retrieval (the retriever port) → the first answer strategy that
 * answers (strategies/: small talk, collection, figure comparison, summary, referent follow-up, chair and attendees, card field,
 * facts) → Answer.
 *
 * Contracts:
 * - Never throws for a bad question: empty or unanswerable questions give grounded=false with a plain
 *   Vietnamese (or English) statement, and no citations.
 * - Every [n] in `answer` refers to `citations[n-1]`, whose chunk was retrieved for this question.
 * - A question naming a unit (district, ward, commune) is only ever answered from that unit's articles; a unit no
 *   article covers is refused, with covered units of similar names offered.
 * - Chair/attendee questions are answered from event cards, quoting the card's source sentence.
 * - Every answer carries its `turn` (what a conversation keeps for follow-ups); follow-ups read the previous turn,
 *   never re-plan the previous question.
 */
import { ANSWER_MESSAGES, displayDate, MAX_LISTED_UNITS, type AnswerMessages, type NotFoundDetail } from '../messages/answer.js';
import { resolveFollowUp } from '../retrieve/query/follow-up.js';
import { languageOf } from '../retrieve/query/language.js';
import { planQuery, planRequest, type QueryPlan } from '../retrieve/query/plan.js';
import type { RetrievalResult, Retriever } from '../retrieve/retriever.js';
import { rowDate } from '../index/article-rows.js';
import type { Gazetteer } from '../text/gazetteer.js';
import type { Answer, AnswerFn, AskContext, AskRequest, Citation, Hit, Intent, Turn, Unit, UnitChoice } from '../types.js';
import { answerCardField } from './strategies/card-field.js';
import { answerChairOrAttendees } from './strategies/chair-attendees.js';
import { answerCollection } from './strategies/collection.js';
import { answerCompare } from './strategies/compare.js';
import { CARD_FRAME, fromOutlet, MEETING_FRAME, sourceNames, type Drafted, type StrategyInput } from './strategies/common.js';
import { fold } from '../text/normalize.js';
import { FOLDED_STOPWORDS } from '../text/tokenize.js';
import { withVerdict } from './strategies/check.js';
import { answerFacts } from './strategies/facts.js';
import { answerReferent, unresolvedReferent } from './strategies/referent.js';
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

/** Distinct units of the meetings (conferences, congresses) the given articles report, in order, at most MAX_LISTED_UNITS. */
function meetingUnits(retriever: Retriever, ids: Iterable<string>): Unit[] {
  const units: Unit[] = [];
  for (const id of ids) {
    const row = retriever.articles.row(id);
    const u = row && row.event !== 'other' ? row.unit : undefined;
    if (u && !units.some((x) => x.id === u.id)) units.push(u);
    if (units.length === MAX_LISTED_UNITS) break;
  }
  return units;
}

/** Question words of a card question that name nothing ("ai", "nào", "khi nào", "who", "when"), folded. */
const QUESTION_FRAME: ReadonlySet<string> = new Set('ai nao khi gi bao gio luc hom ngay dau who when what which where'.split(' '));

/** The question holds only card-frame, meeting-frame, question and function words: nothing to retrieve by. */
function frameOnly(plan: QueryPlan): boolean {
  return plan.clauses
    .flat()
    .map((w) => fold(w.toLowerCase()))
    .every((w) => FOLDED_STOPWORDS.has(w) || CARD_FRAME.has(w) || MEETING_FRAME.has(w) || QUESTION_FRAME.has(w));
}

/**
 * `meetingUnits` of every article taken newest meeting (else publication) date first (ties in collection order),
 * without sorting every article: each unit's first row in that order is its newest, the earliest on a tie.
 */
function newestMeetingUnits(retriever: Retriever): Unit[] {
  const newest = new Map<string, { unit: Unit; date: string; order: number }>();
  let order = 0;
  for (const r of retriever.articles.rows) {
    const at = order++;
    const u = r.event !== 'other' ? r.unit : null;
    if (!u) continue;
    const date = rowDate(r) ?? '';
    const known = newest.get(u.id);
    if (!known || date.localeCompare(known.date) > 0) newest.set(u.id, { unit: u, date, order: at });
  }
  return [...newest.values()]
    .sort((a, b) => b.date.localeCompare(a.date) || a.order - b.order)
    .slice(0, MAX_LISTED_UNITS)
    .map((x) => x.unit);
}

/** Covered units, when there are few enough to list in a refusal (else empty). */
function coveredUnits(retriever: Retriever): Unit[] {
  const units = new Map<string, Unit>();
  for (const r of retriever.articles.rows) {
    if (r.unit) units.set(r.unit.id, r.unit);
    if (units.size > MAX_LISTED_UNITS) return [];
  }
  return [...units.values()].sort((a, b) => a.label.localeCompare(b.label, 'vi', { numeric: true }));
}

function knownUnits(retriever: Retriever): string[] | undefined {
  const units = coveredUnits(retriever);
  return units.length > 0 ? units.map((u) => u.label) : undefined;
}

/** The meetings the given articles report, newest first, as a refusal lists them. */
function availableMeetings(retriever: Retriever, ids: Iterable<string>, m: AnswerMessages): string[] {
  const items = new Map<string, string>();
  for (const id of ids) {
    const r = retriever.articles.row(id);
    if (!r) continue;
    const n = r.event === 'congress' ? r.congressNumber : r.meetingNumber;
    const date = rowDate(r) ?? '';
    const label = m.meetingItem(r.event, n, displayDate(date || null));
    if (!items.has(label)) items.set(label, date);
  }
  return [...items].sort((a, b) => b[1].localeCompare(a[1])).slice(0, MAX_LISTED_UNITS).map(([label]) => label);
}

/**
 * A question naming its source ("… theo bài phỏng vấn VOH?", "báo X đưa tin …") is answered from that outlet's
 * articles when the hits hold one and another's too: the other articles' hits (and scope) are left out. Otherwise the
 * retrieval is returned as is.
 */
function fromNamedSource(retriever: Retriever, question: string, retrieval: RetrievalResult): RetrievalResult {
  const names = sourceNames(question);
  if (names.length === 0) return retrieval;
  const ids = [...new Set(retrieval.hits.map((h) => h.chunk.meta.articleId))];
  const sourced = new Set(ids.filter((id) => {
    const article = retriever.articles.get(id);
    return article !== undefined && fromOutlet(article, names);
  }));
  if (sourced.size === 0 || sourced.size === ids.length) return retrieval;
  const kept = retrieval.hits.flatMap((h, i) => (sourced.has(h.chunk.meta.articleId) ? [i] : []));
  return {
    ...retrieval,
    hits: kept.map((i) => retrieval.hits[i]!),
    labels: kept.map((i) => retrieval.labels[i]!),
    scope: retrieval.scope ? new Set([...retrieval.scope].filter((id) => sourced.has(id))) : null,
  };
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
  const { retriever } = deps;
  const history = context.history ?? [];
  const asked = (typeof question === 'string' ? question : question.text).normalize('NFC').trim();
  const lines = typeof question === 'string' ? questionLines(asked) : [];
  if (lines.length > 1) {
    // Several questions, one a line: each answered in turn (a later one may follow an earlier one), one after the other.
    const parts: Prepared[] = [];
    const turns = [...history];
    for (const line of lines) {
      const part = await prepare(deps, line, { ...context, history: turns });
      parts.push(part);
      if (part.extractive.turn) turns.push(part.extractive.turn);
    }
    return joinParts(parts[parts.length - 1]!.plan, parts, lines, asked);
  }
  const gazetteer = retriever.gazetteer;
  const resolved = typeof question === 'string' ? resolveFollowUp(asked, history.at(-1), gazetteer) : asked;
  const parsed = typeof question === 'string' ? planQuery(resolved, gazetteer) : planRequest(question, gazetteer);
  // A question whose words say no language ("hi") is answered in the asker's.
  const planned = typeof question === 'string' && context.language && !parsed.smallTalk?.english && languageOf(asked) === null ? { ...parsed, language: context.language } : parsed;
  const whole = context.unitId ? withUnit(planned, resolved, context.unitId, gazetteer) : planned;
  if (whole.parts && whole.intent !== 'summary' && !whole.collection && !whole.compare && !whole.smallTalk) {
    // "Ai chủ trì hội nghị Quận 8 và Quận 11?": each unit's answer, one after the other.
    const parts: Prepared[] = [];
    for (const [i, units] of whole.parts.entries()) {
      parts.push(await answerPlan(deps, asked, resolved, { ...whole, units, unitMentions: [whole.unitMentions[i]!], parts: null }, history));
    }
    return joinParts(whole, parts, whole.unitMentions.map((x) => x.label));
  }
  return answerPlan(deps, asked, resolved, whole, history);
}

/**
 * The plan of a question asked again for the unit a tapped choice names: a unit mention of the question (the
 * misspelled or ambiguous one) is replaced by the unit's label and planned again; a question naming none gets
 * the unit as its filter. An id no gazetteer entry has leaves the plan as it was.
 */
function withUnit(plan: QueryPlan, question: string, unitId: string, gazetteer: Gazetteer): QueryPlan {
  const unit = gazetteer.entries.find((e) => e.unit.id === unitId)?.unit;
  if (!unit) return plan;
  const mention = gazetteer.find(question).find((x) => x.units.length === 0) ?? gazetteer.find(question)[0];
  const replanned = mention ? planQuery(`${question.slice(0, mention.index)}${unit.label}${question.slice(mention.index + mention.length)}`, gazetteer) : plan;
  return { ...replanned, units: [unit], unitMentions: [{ label: unit.label, name: unit.name, known: true }], parts: null };
}

/**
 * A message holding several questions, one a line, each ending with "?" ("Ai chủ trì…?\nQuận 12 kết nạp…?"): its
 * lines; otherwise none (one question, however it is wrapped).
 */
function questionLines(text: string): string[] {
  const lines = text.split(/\n+/).map((l) => l.trim()).filter((l) => /[\p{L}\p{N}]/u.test(l));
  return lines.length > 1 && lines.every((l) => /[?？]$/.test(l)) ? lines : [];
}

/**
 * Parts' answers, each headed by its label (its unit, or its question), citations renumbered in order; grounded
 * when any part is. `asked`: the whole message, when the parts are its lines (the turn is the last line's).
 */
function joinParts(plan: QueryPlan, parts: Prepared[], labels: string[], asked?: string): Prepared {
  let offset = 0;
  const texts: string[] = [];
  const citations: Citation[] = [];
  for (const [i, part] of parts.entries()) {
    const a = part.extractive;
    const shift = offset;
    texts.push(`${labels[i]!}${labels[i]!.endsWith('?') ? '' : ':'}\n${a.answer.replace(/\[(\d+)\]/g, (_, n: string) => `[${Number(n) + shift}]`)}`);
    citations.push(...a.citations.map((c) => ({ ...c, n: c.n + shift })));
    offset += a.citations.length;
  }
  const first = parts[0]!;
  const turns = parts.map((p) => p.extractive.turn).filter((t): t is Turn => t !== undefined);
  const last = parts[parts.length - 1]!.extractive.turn;
  const extractive: Answer = {
    ...first.extractive,
    ...(asked !== undefined ? { question: asked, resolvedQuestion: undefined } : {}),
    answer: texts.join('\n\n'),
    grounded: parts.some((p) => p.extractive.grounded),
    citations,
    turn: asked !== undefined && last ? last : {
      question: first.resolved,
      intent: plan.intent,
      units: plan.units,
      meeting: turns[0]?.meeting ?? null,
      articleIds: [...new Set(turns.flatMap((t) => t.articleIds))],
      people: turns.flatMap((t) => t.people),
    },
  };
  if (extractive.resolvedQuestion === undefined) delete extractive.resolvedQuestion;
  return { ...first, ...(asked !== undefined ? { question: asked, resolved: asked } : {}), plan, extractive, hits: parts.flatMap((p) => p.hits) };
}

async function answerPlan(deps: AnswererDeps, asked: string, resolved: string, plan: QueryPlan, history: Turn[]): Promise<Prepared> {
  const tuning = answerTuning(deps.tuning);
  const { retriever } = deps;
  const gazetteer = retriever.gazetteer;
  const m = ANSWER_MESSAGES[plan.language];

  const answer = (intent: Intent, text: string, grounded: boolean, drafted?: Drafted): Answer => {
    const citations = drafted?.citations.list() ?? [];
    const turn: Turn = {
      question: resolved,
      intent,
      units: plan.units,
      meeting: plan.meeting ? { value: plan.meeting.value, kind: plan.meeting.kind } : null,
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
  const refuse = (detail: NotFoundDetail, retrieval: RetrievalResult = EMPTY_RETRIEVAL): Prepared => {
    const choices = choicesFor(detail);
    return done({ ...answer(plan.intent, m.notFound(detail), false), ...(choices.length > 0 ? { choices } : {}) }, retrieval, []);
  };
  /** A refusal's question back: the covered units like the unknown one, or (no unit named) the few covered ones. */
  const choicesFor = (detail: NotFoundDetail): UnitChoice[] => {
    const mention = plan.unitMentions.find((x) => !x.known) ?? plan.unitMentions[0];
    if (detail.reason === 'unit' && mention) return gazetteer.closest(mention.label).map((u) => ({ label: u.label, unitId: u.id }));
    if (detail.reason === 'no-unit' && detail.known) return coveredUnits(retriever).map((u) => ({ label: u.label, unitId: u.id }));
    return [];
  };
  const drafted = (d: Drafted, retrieval: RetrievalResult): Prepared =>
    done(answer(d.intent ?? plan.intent, d.text, d.citations.size > 0, d), retrieval, toHits(d, retrieval));

  if (!/[\p{L}\p{N}]/u.test(asked)) return refuse({ reason: 'empty-question' });
  if (retriever.articles.size === 0) return refuse({ reason: 'no-index' });

  const scopeDetail = (reason: NotFoundDetail['reason'], unitArticles?: Set<string>): NotFoundDetail => {
    // The unit a refusal names: the first one no article covers (unknown, else known but uncovered).
    const covered = new Set(unitArticles ? [...unitArticles].map((id) => retriever.articles.get(id)?.card.unit?.value.id) : []);
    const mention = plan.unitMentions.find((x) => !x.known) ?? plan.unitMentions[0];
    const unit = reason === 'unit' ? mention?.label : (plan.units.find((u) => covered.has(u.id))?.label ?? plan.units[0]?.label ?? mention?.label);
    const known = reason === 'unit' || reason === 'no-unit' ? knownUnits(retriever) : undefined;
    const suggestions = reason === 'unit' && mention ? gazetteer.closest(mention.label).map((u) => u.label) : [];
    return {
      reason,
      ...(unit ? { unit } : {}),
      ...(suggestions.length > 0 ? { suggestions } : {}),
      ...(plan.meeting ? { meeting: { value: plan.meeting.value, kind: plan.meeting.kind } } : {}),
      ...(plan.term ? { term: plan.term } : {}),
      ...(plan.khoa ? { khoa: plan.khoa } : {}),
      ...(plan.year ? { year: plan.year } : {}),
      ...(known ? { known } : {}),
      ...(unitArticles && unitArticles.size > 0 ? { available: availableMeetings(retriever, unitArticles, m) } : {}),
    };
  };

  if (plan.smallTalk) return done(answer('smalltalk', m.smallTalk(plan.smallTalk.kind), false), EMPTY_RETRIEVAL, []);
  if (plan.unitMentions.length === 0 && unresolvedReferent(asked, history.at(-1))) return done(answer(plan.intent, m.whoIsMeant, false), EMPTY_RETRIEVAL, []);

  if (plan.collection) {
    // The collection strategy finds the newest meeting itself (the scope's `latest` would keep only it).
    const { scope, failure, unitArticles } = retriever.scope({ ...plan, latest: false });
    if (failure) return refuse(scopeDetail(failure, unitArticles));
    const input: StrategyInput = { retriever, plan, retrieval: { ...EMPTY_RETRIEVAL, scope }, tuning, messages: m };
    const listed = answerCollection(input, plan.collection, scope);
    if (!listed) return refuse(scopeDetail('no-support'));
    const hits = listed.used.map((chunk) => ({ chunk, score: 0, views: {} }));
    return done(answer('collection', listed.text, listed.citations.size > 0, listed), { ...EMPTY_RETRIEVAL, scope, hits }, hits);
  }

  if (plan.compare) {
    // One figure across units, from the cards' figure rows; no matching row → the passages answer below.
    const { scope, failure, unitArticles } = retriever.scope({ ...plan, latest: false });
    if (failure) return refuse(scopeDetail(failure, unitArticles));
    const input: StrategyInput = { retriever, plan, retrieval: { ...EMPTY_RETRIEVAL, scope }, tuning, messages: m };
    const compared = answerCompare(input, plan.compare, scope);
    if (compared) {
      const hits = compared.used.map((chunk) => ({ chunk, score: 0, views: {} }));
      return done(answer('collection', compared.text, compared.citations.size > 0, compared), { ...EMPTY_RETRIEVAL, scope, hits }, hits);
    }
  }

  if (plan.intent === 'summary') {
    if (plan.unitMentions.length === 0) return refuse(scopeDetail('no-unit'));
    // A term summary is of a known unit: a name no gazetteer knows is not looked up in the text.
    if (plan.unitMentions.some((x) => !x.known)) return refuse(scopeDetail('unit'));
    const { scope, failure, unitArticles } = retriever.scope(plan);
    if (failure || !scope) return refuse(scopeDetail(failure ?? 'unit', unitArticles));
    const retrieval: RetrievalResult = { ...EMPTY_RETRIEVAL, scope };
    const summary = answerSummary(retriever, plan, scope, tuning, m);
    if (!summary) return refuse(scopeDetail('no-support'), retrieval);
    const hits = summary.used.map((chunk) => ({ chunk, score: 0, views: {} }));
    const drafted = answer('summary', summary.text, summary.citations.size > 0, summary);
    return done(summary.more ? { ...drafted, more: summary.more } : drafted, { ...retrieval, hits }, hits);
  }

  const retrieved = await retriever.retrieve(plan, { k: deps.topK });
  if (retrieved.emptyReason) return refuse(scopeDetail(retrieved.emptyReason, retrieved.unitArticles), retrieved);
  if (retrieved.hits.length === 0) return refuse(scopeDetail('no-support'), retrieved);
  const retrieval = fromNamedSource(retriever, plan.question, retrieved);

  const referent = answerReferent(retriever, asked, history.at(-1));
  if (referent) return drafted(referent, retrieval);

  const cardQuestion = plan.intent === 'chair' || plan.intent === 'attendees' || plan.cardField !== null;
  if (cardQuestion && plan.unitMentions.length === 0) {
    // A meeting's card asked for with no unit named, and the retrieved passages report several units' meetings
    // (or none at all, while the collection holds several units' meetings): ask which unit.
    const units = meetingUnits(retriever, retrieval.hits.map((h) => h.chunk.meta.articleId));
    // Nothing but the frame asked ("ai chủ trì?"): the units of the newest meetings are the likely ones.
    if (units.length === 0 && frameOnly(plan)) units.push(...newestMeetingUnits(retriever));
    if (units.length >= 2) {
      const choices = units.slice(0, MAX_LISTED_UNITS).map((u) => ({ label: u.label, unitId: u.id }));
      return done({ ...answer(plan.intent, m.whichUnit(choices.map((c) => c.label)), false), choices }, retrieval, []);
    }
  }

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
  if (!facts) return refuse(scopeDetail('no-support'), retrieval);
  return drafted(plan.check ? withVerdict(facts, plan.check, m) : facts, retrieval);
}

/** The offline AnswerFn. */
export function createExtractiveAnswerer(deps: AnswererDeps): AnswerFn {
  return async (question, context) => (await prepare(deps, question, context)).extractive;
}
