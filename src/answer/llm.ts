/**
 * LLM answers: the offline pipeline's retrieval (prepare), a chat model writing from numbered passages,
 * then the checks of verify.ts. The extractive answer is always at hand as the fallback.
 *
 * Contracts:
 * - Retrieval, filters and abstention are exactly the offline ones: when the extractive answer is not
 *   grounded, it is returned as is and the model is never called (no answering from nothing).
 * - Routing (`deterministicReason`): small talk, questions back (choices), refusals, collection answers (latest,
 *   counts, lists, person index, figure comparisons), checks of a stated figure and coordinated units keep their
 *   deterministic answer and never call the model — not even to rewrite a follow-up when the question alone
 *   decides it (small talk, collection, figure check). Everything else is written by the model.
 * - Fact / chair / attendee / card-field questions: one call with the top `maxPassages` prepared hits (cited chunks
 *   first) as passages [1..k], plus the facts block (prompt-facts.ts: the articles' event cards and, for a figure
 *   question, the matching figure rows), every fact citing a passage (a chunk a fact needs is appended as a
 *   passage). Summaries: one "map" call per article of the unit (all its chunks,
 *   numbered across the unit), notes checked, then one "reduce" call grouping the notes by theme.
 * - Answer shape: the first line is the direct answer (every renderer shows it in bold, so the model's "**…**" is
 *   removed before the checks and from the drafts); a first line citing nothing borrows its proof's citations
 *   (verify.ts). When the checks remove the whole first line, the extractive answer is used (its first line is a
 *   direct answer), with `fallbackReason`.
 * - Passages are wrapped in <passage n="…" source="…">…</passage>; a passage cannot close or open that
 *   tag (a "<passage"/"</passage" inside the text is defused), and the system prompt labels them as data.
 * - Never throws and never hangs because of the model: each call has a deadline of `timeoutMs` (through
 *   an AbortSignal, plus a race so a model that ignores the signal cannot hold the answer), a summary has
 *   3 × `timeoutMs` in all; retries on 429/5xx are the chat model's own (bounded). Any failure → the
 *   extractive answer with `fallbackReason` ("LLM không phản hồi: …") and mode "extractive".
 * - Failures are classified (LlmError kinds: timeout, cancelled, rate limited, HTTP status, network, bad reply, too
 *   long); a deadline that strikes while an HTTP error or a bad reply is being retried reports that error, not a
 *   timeout. Users read only the words of src/messages, never an internal error text; the log line (warn) names
 *   the kind, status and internal message, and the question only by its length.
 * - A reply is at most `maxReplyChars` characters (max_tokens × LLM_CHECKS.replyCharsPerToken): a longer one is
 *   cut off (the stream aborted) and the extractive answer used; an empty reply is a bad reply.
 * - Follow-ups: when the history is not empty and the rule-based resolver leaves a short question
 *   unchanged, prompts/rewrite.md turns it into a standalone question (checked: one line, no new numbers);
 *   the answer then has `resolvedQuestion`. A failed rewrite falls back to the rule-based resolution.
 * - Streaming: `deltas` are the draft as it passes the checks (verify.ts DraftChecker): whole sentences whose
 *   figures, names, links and content are supported by what they cite, without citation markers — never the
 *   model's unchecked text (the reduce step for summaries; nothing when no model call is made). `final` is the
 *   verified answer and may differ (renumbered citations, a fallback). `deltas` always ends, also on failure;
 *   nobody has to consume it.
 */
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { LlmError } from '../errors.js';
import { ANSWER_MESSAGES } from '../messages/answer.js';
import { resolveFollowUp } from '../retrieve/query/follow-up.js';
import { normalizeText } from '../text/normalize.js';
import type { Answer, AnswerFn, AskContext, AskRequest, Chunk, Language, TokenUsage } from '../types.js';
import { addUsage, raceAbort, type ChatModel, type ChatRequest } from '../providers/chat.js';
import type { Prepared } from './answerer.js';
import { defuse, NO_FACTS, promptFacts, type CardSource } from './prompt-facts.js';
import type { Prompts } from './prompts.js';
import { LLM_CHECKS } from './tuning.js';
import { DraftChecker, verifyAnswer, verifyNotes, type Passage, type VerifyReport } from './verify.js';

export interface LlmAnswererDeps {
  prepare: (question: string | AskRequest, context?: AskContext) => Promise<Prepared>;
  chat: ChatModel;
  prompts: Prompts;
  /** Deadline of one model call (config.openai.timeoutMs). */
  timeoutMs: number;
  logger?: Pick<Logger, 'warn' | 'debug'>;
  /** All chunks of an article, in reading order (summaries map over every article of the unit). */
  articleChunks?: (articleId: string) => Chunk[];
  /** Event cards and figure rows (the retriever): the facts block of an answer prompt (prompt-facts.ts). None → no facts. */
  cards?: CardSource;
  /** Passages of a fact prompt (default 6). */
  maxPassages?: number;
  /** Parallel map calls of a summary (default 4). */
  concurrency?: number;
  /** Hard cap of one reply in characters (default 1024 tokens × LLM_CHECKS.replyCharsPerToken). */
  maxReplyChars?: number;
}

export interface StreamedAnswer {
  /** The draft as its sentences pass the checks (verify.ts DraftChecker), markers left out (a ReadableStream: async-iterable in Node). */
  deltas: ReadableStream<string>;
  /** The verified answer (or the extractive fallback). Rejects only if prepare() throws (a bug). */
  final: Promise<Answer>;
}

export type StreamAnswerFn = (question: string | AskRequest, context?: AskContext) => StreamedAnswer;

const LANGUAGE_NAME: Record<Language, string> = { vi: 'Vietnamese (tiếng Việt)', en: 'English' };
const REWRITE_MAX_MS = 10_000;

/** Escapes an attribute value of the passage tag. */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\s+/g, ' ');
}

/** The numbered passages block of a prompt (a passage's article publication date, when not its date, as `published`). */
export function renderPassages(passages: Passage[]): string {
  return passages
    .map(({ n, chunk, published }) => {
      const head = [`n="${n}"`, `source="${attr(chunk.meta.articleId)}"`];
      if (chunk.meta.unitLabel) head.push(`unit="${attr(chunk.meta.unitLabel)}"`);
      if (chunk.meta.date) head.push(`date="${attr(chunk.meta.date)}"`);
      if (published) head.push(`published="${attr(published)}"`);
      return `<passage ${head.join(' ')}>\n${defuse(chunk.header)}\n${defuse(chunk.text)}\n</passage>`;
    })
    .join('\n\n');
}

/**
 * Why a prepared question is answered without the model, or null (the model writes it). Decided by the planner and
 * the deterministic strategies before any model call:
 * - `small-talk`: a greeting or thanks (one short line, no sources);
 * - `question-back`: the answer asks which unit is meant, with choices (or who "ông ấy" is);
 * - `not-grounded`: nothing retrieved supports an answer (refusals; the model never answers from nothing);
 * - `collection`: latest meeting, counts, lists, person index, comparisons of figure rows (read from the cards);
 * - `figure-check`: a yes/no check of a stated figure ("… 600 đảng viên đúng không?", verdict from the sentence);
 * - `several-units`: coordinated units ("Quận 8 và Quận 11"), each unit's answer under its name.
 * Everything else (chair, attendees, card fields, facts, term summaries) goes to the model.
 */
export type DeterministicReason = 'small-talk' | 'question-back' | 'not-grounded' | 'collection' | 'figure-check' | 'several-units';

export function deterministicReason(prepared: Prepared): DeterministicReason | null {
  const { extractive: a, plan } = prepared;
  if (a.intent === 'smalltalk' || plan.smallTalk) return 'small-talk';
  if ((a.choices?.length ?? 0) > 0) return 'question-back';
  if (!a.grounded) return 'not-grounded';
  if (a.intent === 'collection') return 'collection';
  if (plan.check) return 'figure-check';
  // As prepare() splits them: a summary or a comparison of coordinated units is one answer, not one per unit.
  if (plan.parts && plan.intent !== 'summary' && !plan.compare) return 'several-units';
  return null;
}

/** Reasons read from the question alone: a rewrite of the question cannot change them. */
const DECIDED_BY_QUESTION: ReadonlySet<DeterministicReason> = new Set(['small-talk', 'collection', 'figure-check']);

/**
 * The model's emphasis markup removed: every renderer shows the first line (the direct answer) in bold itself
 * (Telegram: <b>; the terminal: plain), so "**…**" / "__…__" would print as stars or break sentence matching.
 */
export function plainEmphasis(text: string): string {
  return text.replace(/__(?=\S)([^_\n]+?)__/g, '$1').replace(/\*\*/g, '');
}

const NETWORK_CODES = /^(?:ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_SOCKET)$/;

function statusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; response?: { status?: unknown } } | null;
  const status = typeof e?.status === 'number' ? e.status : typeof e?.response?.status === 'number' ? e.response.status : undefined;
  return status !== undefined && status >= 100 && status < 600 ? status : undefined;
}

/** The kind of one failed attempt or call (see LlmFailureKind). */
function classifyOne(error: unknown): LlmError {
  if (error instanceof LlmError) return error;
  const e = error as { name?: unknown; message?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  const name = typeof e?.name === 'string' ? e.name : '';
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const status = statusOf(error);
  if (status === 429) return new LlmError('rate_limited', message, { status, cause: error });
  if (status !== undefined) return new LlmError('http', message, { status, cause: error });
  if (name === 'TimeoutError' || /timed? ?out/i.test(`${name} ${message}`)) return new LlmError('timeout', message, { cause: error });
  if (name === 'AbortError' || /^(?:Cancel|AbortError|Aborted)/i.test(message)) return new LlmError('cancelled', message, { cause: error });
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : '';
  if (NETWORK_CODES.test(code) || name === 'APIConnectionError' || /^(?:Connection error|fetch failed|socket hang up)/i.test(message)) {
    return new LlmError('network', message, { cause: error });
  }
  // The server answered, but LangChain or the SDK could not read a completion out of it.
  if (error instanceof SyntaxError || error instanceof TypeError || /JSON|unexpected token|no choices/i.test(message)) {
    return new LlmError('bad_reply', message, { cause: error });
  }
  return new LlmError('unknown', message, { cause: error });
}

/**
 * Why a model call failed. `signal` is the call's deadline: when it fired, the failure is a timeout unless an
 * attempt had failed before (then that attempt's kind: a 502 retried until the deadline is an HTTP failure), or a
 * cancellation when the caller gave up. `attempts` are the failed attempts the chat model reported.
 */
export function classifyFailure(error: unknown, signal: AbortSignal | undefined, attempts: readonly unknown[] = []): LlmError {
  if (error instanceof LlmError) return error;
  const reason = signal?.aborted ? (signal.reason as unknown) : undefined;
  if (signal?.aborted) {
    const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
    if (!timedOut) return new LlmError('cancelled', 'cancelled by the caller', { cause: error });
    const last = attempts.at(-1);
    const before = last === undefined ? undefined : classifyOne(last);
    return before && before.kind !== 'timeout' && before.kind !== 'cancelled' && before.kind !== 'unknown'
      ? before
      : new LlmError('timeout', 'deadline reached', { cause: error });
  }
  return classifyOne(error);
}

/** Why the model failed, in the question's language: words of src/messages only, never an internal error text. */
export function describeFailure(error: unknown, signal: AbortSignal | undefined, timeoutMs: number, lang: Language, attempts: readonly unknown[] = []): string {
  const m = ANSWER_MESSAGES[lang].llm;
  const f = classifyFailure(error, signal, attempts);
  switch (f.kind) {
    case 'timeout':
      return m.didNotRespond(m.timedOut(Math.round(timeoutMs / 100) / 10));
    case 'cancelled':
      return m.didNotRespond(m.cancelled);
    case 'rate_limited':
      return m.didNotRespond(m.rateLimited);
    case 'http':
      return m.didNotRespond(f.status! >= 500 ? m.serverError(f.status!) : m.refused(f.status!));
    case 'network':
      return m.didNotRespond(m.network);
    case 'bad_reply':
      return m.unusable(m.badReply);
    case 'too_long':
      return m.unusable(m.tooLong(f.limit ?? 0));
    default:
      return m.didNotRespond(m.unknownError);
  }
}

function fallback(prepared: Prepared, note: string): Answer {
  return { ...prepared.extractive, mode: 'extractive', fallbackReason: note };
}

/** An internal error message for logs: one line, bounded, no key. */
function logText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\b(sk|key)-[\w-]{6,}/gi, '***').replace(/\s+/g, ' ').slice(0, 200);
}

/** A signal that aborts when any of `signals` does or after `ms`. */
function deadline(ms: number, ...signals: Array<AbortSignal | undefined>): AbortSignal {
  return AbortSignal.any([AbortSignal.timeout(ms), ...signals.filter((s): s is AbortSignal => s !== undefined)]);
}

/**
 * A stream of draft deltas with a push side that never blocks: pushes after close are ignored; an unread stream
 * buffers (a draft is at most one reply long).
 */
function deltaStream(): { stream: ReadableStream<string>; push: (delta: string) => void; close: () => void } {
  let controller!: ReadableStreamDefaultController<string>;
  let closed = false;
  const stream = new ReadableStream<string>({ start: (c) => void (controller = c) });
  return {
    stream,
    push: (delta) => {
      if (!closed && delta) controller.enqueue(delta);
    },
    close: () => {
      if (closed) return;
      closed = true;
      controller.close();
    },
  };
}

/** `push` receives only the draft text that passed the checks against `passages` (verify.ts DraftChecker). */
function checkedDrafts(passages: Passage[], push: (d: string) => void): (d: string) => void {
  const checker = new DraftChecker(passages);
  return (delta) => {
    const safe = plainEmphasis(checker.push(delta));
    if (safe) push(safe);
  };
}

interface CallResult {
  text: string;
  usage: TokenUsage | undefined;
}

class LlmPipeline {
  private readonly maxPassages: number;
  private readonly concurrency: number;
  private readonly maxReplyChars: number;

  constructor(private readonly deps: LlmAnswererDeps) {
    this.maxPassages = deps.maxPassages ?? 6;
    this.concurrency = deps.concurrency ?? 4;
    this.maxReplyChars = deps.maxReplyChars ?? 1024 * LLM_CHECKS.replyCharsPerToken;
  }

  /**
   * One model call under a deadline; streams deltas to `onDelta` when given and supported. Failed attempts the
   * model reports are collected in `attempts` (for classifyFailure). A reply longer than maxReplyChars is cut off
   * (LlmError too_long; the stream is aborted); an empty one is a bad reply.
   */
  private async call(
    req: Omit<ChatRequest, 'signal' | 'onFailedAttempt'>,
    signal: AbortSignal,
    onDelta?: (d: string) => void,
    attempts: unknown[] = [],
  ): Promise<CallResult> {
    const { chat } = this.deps;
    const cap = this.maxReplyChars;
    const tooLong = () => new LlmError('too_long', `reply longer than ${cap} characters`, { limit: cap });
    const onFailedAttempt = (error: unknown) => void attempts.push(error);
    if (onDelta && chat.stream) {
      const stop = new AbortController();
      const stream = chat.stream({ ...req, signal: AbortSignal.any([signal, stop.signal]), onFailedAttempt });
      const iterator = stream[Symbol.asyncIterator]();
      let text = '';
      try {
        for (;;) {
          const step = await raceAbort(iterator.next(), signal);
          if (step.done) break;
          text += step.value;
          if (text.length > cap) {
            stop.abort();
            throw tooLong();
          }
          onDelta(step.value);
        }
      } finally {
        void iterator.return?.()?.catch(() => undefined);
      }
      if (!text.trim()) throw new LlmError('bad_reply', 'empty reply');
      return { text, usage: stream.usage };
    }
    const reply = await raceAbort(chat.complete({ ...req, signal, onFailedAttempt }), signal);
    if (reply.text.length > cap) throw tooLong();
    if (!reply.text.trim()) throw new LlmError('bad_reply', 'empty reply');
    if (onDelta) onDelta(reply.text);
    return { text: reply.text, usage: reply.usage };
  }

  private report(question: string, stage: string, report: VerifyReport): void {
    if (report.droppedCitations.length > 0 || report.removed.length > 0 || report.fellBack) {
      this.deps.logger?.warn(
        { questionChars: question.length, stage, droppedCitations: report.droppedCitations, removed: report.removed, fellBack: report.fellBack },
        'LLM output failed checks',
      );
    }
  }

  /** Standalone rewrite of a follow-up, or null (use the rule-based resolver). */
  private async rewrite(question: string | AskRequest, context: AskContext): Promise<{ text: string; usage: TokenUsage | undefined } | null> {
    if (typeof question !== 'string') return null;
    const history = (context.history ?? []).map((t) => t.question);
    if (history.length === 0) return null;
    const asked = normalizeText(question).trim();
    if (resolveFollowUp(asked, context.history?.at(-1)) !== asked) return null; // the rules handled it
    if (asked.split(/\s+/).length > 12) return null;
    try {
      const signal = deadline(Math.min(this.deps.timeoutMs, REWRITE_MAX_MS), context.signal);
      const user = this.deps.prompts.rewrite.render({ history: history.map((h) => `- ${h}`).join('\n'), question: asked });
      const reply = await this.call({ system: '', user }, signal);
      const line = reply.text
        .split('\n')
        .map((l) => l.trim())
        .find(Boolean)
        ?.replace(/^(câu hỏi( độc lập)?|standalone question|question)\s*:\s*/i, '')
        .replace(/^["“'«]+|["”'»]+$/g, '')
        .trim();
      if (!line || line.length > 300) return null;
      const known = new Set([...`${history.join(' ')} ${asked}`.matchAll(/\d+/g)].map((m) => m[0]));
      if ([...line.matchAll(/\d+/g)].some((m) => !known.has(m[0]))) return null;
      return normalizeText(line) === asked ? null : { text: normalizeText(line), usage: reply.usage };
    } catch (error) {
      this.deps.logger?.debug({ kind: classifyFailure(error, undefined).kind, err: logText(error) }, 'follow-up rewrite failed');
      return null;
    }
  }

  /**
   * The question prepared (retrieval and the extractive answer) and, for a follow-up the rules left unresolved, its
   * model rewrite prepared instead — unless the question alone already decides a deterministic answer.
   */
  private async prepared(question: string | AskRequest, context: AskContext): Promise<{ prepared: Prepared; usage: TokenUsage | undefined }> {
    const first = await this.deps.prepare(question, context);
    const reason = deterministicReason(first);
    if (reason && DECIDED_BY_QUESTION.has(reason)) return { prepared: first, usage: undefined };
    const rewritten = await this.rewrite(question, context);
    if (!rewritten || typeof question !== 'string') return { prepared: first, usage: undefined };
    const again = await this.deps.prepare(rewritten.text, { ...context, history: [] });
    const asked = normalizeText(question).trim();
    return {
      prepared: { ...again, question: asked, extractive: { ...again.extractive, question: asked, resolvedQuestion: rewritten.text } },
      usage: rewritten.usage,
    };
  }

  async answer(question: string | AskRequest, context: AskContext = {}, onDelta?: (d: string) => void): Promise<Answer> {
    const { prepared, usage: rewriteUsage } = await this.prepared(question, context);
    // Small talk, questions back, refusals, collection answers, figure checks, several units: no model call.
    const reason = deterministicReason(prepared);
    if (reason) {
      this.deps.logger?.debug({ questionChars: prepared.resolved.length, reason }, 'answered without the model');
      return prepared.extractive;
    }
    const lang = prepared.plan.language;
    let usage = rewriteUsage;
    const signalFor = (ms: number, outer?: AbortSignal) => deadline(ms, context.signal, outer);
    let failedSignal: AbortSignal | undefined;
    const attempts: unknown[] = [];
    try {
      if (prepared.plan.intent === 'summary') {
        const whole = signalFor(this.deps.timeoutMs * 3);
        failedSignal = whole;
        return await this.summary(prepared, whole, (u) => (usage = addUsage(usage, u)), () => usage, attempts, onDelta);
      }
      const top = prepared.hits.slice(0, this.maxPassages).map((h, i) => ({ n: i + 1, chunk: h.chunk }));
      if (top.length === 0) return prepared.extractive;
      const facts = this.deps.cards ? promptFacts({ passages: top, plan: prepared.plan, cards: this.deps.cards }) : null;
      const passages = facts?.passages ?? top;
      const user = this.deps.prompts.answerUser.render({
        question: prepared.resolved,
        passages: renderPassages(passages),
        facts: facts?.text ?? NO_FACTS,
        language: LANGUAGE_NAME[lang],
      });
      const signal = signalFor(this.deps.timeoutMs);
      failedSignal = signal;
      const reply = await this.call({ system: this.deps.prompts.answer.text, user }, signal, onDelta && checkedDrafts(passages, onDelta), attempts);
      usage = addUsage(usage, reply.usage);
      const { answer, report } = verifyAnswer({ text: plainEmphasis(reply.text), passages, extractive: prepared.extractive, ...(usage ? { usage } : {}) });
      this.report(prepared.resolved, 'answer', report);
      // The first line is the direct answer: without it the reply has lost its point, and the extractive answer stands.
      if (!report.fellBack && !report.firstLineKept) return fallback(prepared, ANSWER_MESSAGES[lang].llm.firstLineUnsupported);
      return answer;
    } catch (error) {
      const failure = classifyFailure(error, failedSignal, attempts);
      this.deps.logger?.warn(
        { questionChars: prepared.resolved.length, kind: failure.kind, status: failure.status, attempts: attempts.length, err: logText(failure.cause ?? error) },
        'LLM failed; using the extractive answer',
      );
      return fallback(prepared, describeFailure(failure, failedSignal, this.deps.timeoutMs, lang));
    }
  }

  private async summary(
    prepared: Prepared,
    whole: AbortSignal,
    addCallUsage: (u: TokenUsage | undefined) => void,
    totalUsage: () => TokenUsage | undefined,
    attempts: unknown[],
    onDelta?: (d: string) => void,
  ): Promise<Answer> {
    const { deps } = this;
    const lang = prepared.plan.language;
    // Every article of the unit (the scope), all chunks, numbered across the unit.
    const byArticle = new Map<string, Chunk[]>();
    const scope = prepared.retrieval.scope;
    if (scope && deps.articleChunks) {
      for (const id of scope) byArticle.set(id, deps.articleChunks(id));
    } else {
      for (const h of prepared.hits) byArticle.set(h.chunk.meta.articleId, [...(byArticle.get(h.chunk.meta.articleId) ?? []), h.chunk]);
    }
    const articles = [...byArticle.entries()]
      .filter(([, chunks]) => chunks.length > 0)
      .sort(([a, ca], [b, cb]) => (ca[0]!.meta.date ?? '').localeCompare(cb[0]!.meta.date ?? '') || a.localeCompare(b));
    const all: Passage[] = [];
    const groups = articles.map(([, chunks]) => chunks.map((chunk) => {
      const p = { n: all.length + 1, chunk };
      all.push(p);
      return p;
    }));
    if (all.length === 0) return prepared.extractive;
    const unit = prepared.plan.units[0]?.label ?? articles[0]![1][0]!.meta.unitLabel ?? '';
    const language = LANGUAGE_NAME[lang];

    const limit = pLimit(this.concurrency);
    const notes = await Promise.all(groups.map((passages) => limit(async () => {
      const meta = passages[0]!.chunk.meta;
      const user = deps.prompts.summaryMap.render({
        unit,
        article: `"${meta.title}"${meta.date ? ` (${meta.date})` : ''}`,
        passages: renderPassages(passages),
        language,
      });
      const reply = await this.call({ system: deps.prompts.answer.text, user }, deadline(deps.timeoutMs, whole), undefined, attempts);
      addCallUsage(reply.usage);
      const checked = verifyNotes(reply.text, passages);
      this.report(prepared.resolved, `summary-map ${meta.articleId}`, checked.report);
      return checked.cited > 0 ? `### ${meta.title}${meta.date ? ` (${meta.date})` : ''}\n${checked.text}` : '';
    }))).catch((error: unknown) => {
      limit.clearQueue(); // the summary has failed: start no more map calls
      throw error;
    });
    // The extractive summary's structure (timeline, figure series, themes), its markers numbered as `all` is.
    const structure = summaryStructure(prepared.extractive, all);
    const usable = notes.filter(Boolean);
    if (usable.length === 0) {
      return verifyAnswer({ text: '', passages: all, extractive: prepared.extractive }).answer;
    }
    const terms = new Set(articles.map(([, c]) => c[0]!.meta.term).filter(Boolean));
    const term = prepared.plan.term ?? (terms.size === 1 ? [...terms][0]! : lang === 'vi' ? 'không nêu' : 'not stated');
    const user = deps.prompts.summaryReduce.render({ unit, term, notes: [structure, ...usable].filter(Boolean).join('\n\n'), language });
    const reply = await this.call({ system: deps.prompts.answer.text, user }, deadline(deps.timeoutMs, whole), onDelta && checkedDrafts(all, onDelta), attempts);
    addCallUsage(reply.usage);
    const usage = totalUsage();
    const { answer, report } = verifyAnswer({ text: reply.text, passages: all, extractive: prepared.extractive, ...(usage ? { usage } : {}) });
    this.report(prepared.resolved, 'summary-reduce', report);
    return answer;
  }
}

/**
 * A term summary's extractive structure as a note for the reduce prompt: the timeline (one line per meeting) and the
 * figure series of both pages of the extractive summary, headed "### Timeline and key figures", each [n] renumbered
 * to the passage of `passages` holding its citation's chunk (a marker whose chunk is not among them is dropped).
 * "" when the extractive answer is no summary.
 */
export function summaryStructure(extractive: Answer, passages: readonly Passage[]): string {
  if (extractive.intent !== 'summary' || !extractive.grounded) return '';
  const byChunk = new Map(passages.map((p) => [p.chunk.id, p.n]));
  const numberOf = new Map(extractive.citations.map((c) => [c.n, byChunk.get(c.chunkId)]));
  const renumber = (text: string) =>
    text.replace(/ ?\[(\d+)\]/g, (_, n: string) => {
      const to = numberOf.get(Number(n));
      return to === undefined ? '' : ` [${to}]`;
    });
  // Lines of figures and meetings ("• …"), not the quoted sentences of the continuation (the notes carry those).
  const lines = [extractive.answer, extractive.more ?? '']
    .join('\n')
    .split('\n')
    .filter((line) => !line.startsWith('• ') || !/[.!?…”"]\s*(?:\[\d+\]\s*)+$/u.test(line));
  return `### Timeline and key figures (from the event cards)\n${renumber(lines.join('\n')).trim()}`;
}

/** The LLM AnswerFn (the extractive answer is its fallback). */
export function createLlmAnswerer(deps: LlmAnswererDeps): AnswerFn {
  const pipeline = new LlmPipeline(deps);
  return (question, context) => pipeline.answer(question, context);
}

/** Streaming variant for the bot: draft deltas while the model writes, then the verified answer. */
export function createLlmStreamer(deps: LlmAnswererDeps): StreamAnswerFn {
  const pipeline = new LlmPipeline(deps);
  return (question, context) => {
    const deltas = deltaStream();
    const final = pipeline.answer(question, context, deltas.push).finally(deltas.close);
    return { deltas: deltas.stream, final };
  };
}
