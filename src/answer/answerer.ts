/**
 * The offline question → Answer pipeline (extractive), and the shared "prepare" step the LLM mode reuses.
 *
 * Contracts:
 * - Never throws for a bad question: empty or unanswerable questions give grounded=false with a plain
 *   Vietnamese (or English) statement, and no citations.
 * - Every [n] in `answer` refers to `citations[n-1]`, whose chunk was retrieved for this question.
 * - A question naming a district is only ever answered from that district's articles.
 * - Chair/attendee questions are answered from event cards, quoting the card's source sentence.
 */
import type { StoredArticle } from '../index/store.js';
import { retrieve, scopeArticles, type RetrievalIndex, type RetrievalResult } from '../retrieve/hybrid.js';
import { planQuery, resolveFollowUp, type CardField, type QueryPlan } from '../retrieve/query.js';
import { fold } from '../text/normalize.js';
import { exactTokens, foldedTokens } from '../text/tokenize.js';
import type { Answer, AnswerFn, AskContext, Chunk, Citation, Hit, Intent, Language, Person, Sourced } from '../types.js';
import { CitationSet } from './citations.js';
import { displayDate, FRAME, notFound, type NotFoundDetail } from './messages.js';
import { scoreSentences, selectSentences } from './sentences.js';
import { summarizeDistrict } from './summary.js';

export interface AnswererDeps {
  index: RetrievalIndex;
  /** Query embedding; null or a throw → keyword-only retrieval. */
  embedQuery: ((text: string) => Promise<ArrayLike<number>>) | null;
  topK: number;
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

/** Minimum weighted coverage of the question's content terms by the best passage. */
export const MIN_CONTENT_COVERAGE = 0.5;

/**
 * Content bigrams of the question ("chủ_tịch", "kết_nạp") missing from the answer's article; accented
 * questions are checked with accents (stricter), others folded. At most a third may be missing.
 */
function bigramsSupported(plan: QueryPlan, index: RetrievalIndex, articleId: string, exclude?: ReadonlySet<string>): boolean {
  const exact = plan.exactContentBigrams.length > 0;
  // Only phrases that exist somewhere in the corpus count ("việc_làm", "chủ_tịch"); an accidental pair
  // of adjacent question words ("tiêu_giải") says nothing about support.
  const wanted = (exact ? plan.exactContentBigrams : plan.contentBigrams).filter(
    (b) => (!exclude || !fold(b).split('_').some((p) => exclude.has(p))) && index.keyword.hasTerm(exact ? 'exact' : 'folded', b),
  );
  if (wanted.length === 0) return true;
  const tokens = new Set<string>();
  for (const label of index.articleLabels.get(articleId) ?? []) {
    const c = index.chunks.get(label)!;
    const toks = plan.exactContentBigrams.length > 0 ? exactTokens(`${c.header}\n${c.text}`) : foldedTokens(`${c.header}\n${c.text}`);
    for (const t of toks) tokens.add(t);
  }
  const missing = wanted.filter((b) => !tokens.has(b)).length;
  return missing <= Math.floor(wanted.length / 3);
}

function knownDistricts(index: RetrievalIndex): string[] {
  const names = new Set<string>();
  for (const a of index.articles.values()) if (a.card.district) names.add(a.card.district.value.name);
  return [...names].sort((a, b) => a.localeCompare(b, 'vi', { numeric: true }));
}

function base(question: string, resolved: string, plan: QueryPlan, intent: Intent): Omit<Answer, 'answer' | 'grounded' | 'citations'> {
  return {
    question,
    ...(resolved !== question ? { resolvedQuestion: resolved } : {}),
    intent,
    mode: 'extractive',
    language: plan.language,
  };
}

function refusal(question: string, resolved: string, plan: QueryPlan, detail: NotFoundDetail): Answer {
  return { ...base(question, resolved, plan, plan.intent), answer: notFound(plan.language, detail), grounded: false, citations: [] };
}

/** Chunk of `article` that contains `sentence` (verbatim), else the chunk sharing most tokens. */
function chunkForSentence(index: RetrievalIndex, articleId: string, sentence: string): Chunk | null {
  const labels = index.articleLabels.get(articleId) ?? [];
  let best: Chunk | null = null;
  let bestOverlap = -1;
  const want = new Set(foldedTokens(sentence));
  for (const label of labels) {
    const chunk = index.chunks.get(label)!;
    if (chunk.text.includes(sentence)) return chunk;
    let overlap = 0;
    for (const t of foldedTokens(chunk.text)) if (want.has(t)) overlap++;
    if (overlap > bestOverlap) {
      bestOverlap = overlap;
      best = chunk;
    }
  }
  return best;
}

/** Folded and accented tokens of a text (the two forms rarely collide, so one set serves both checks). */
function allTokens(text: string): Set<string> {
  return new Set([...foldedTokens(text), ...exactTokens(text)]);
}

/** Tokens of all chunks of an article. */
function articleTokens(index: RetrievalIndex, articleId: string): Set<string> {
  const set = new Set<string>();
  for (const label of index.articleLabels.get(articleId) ?? []) {
    const c = index.chunks.get(label)!;
    for (const t of allTokens(`${c.header}\n${c.text}`)) set.add(t);
  }
  return set;
}

/** Words that only say what kind of card answer is wanted ("chủ trì", "dự", "khóa", "ai viết"). */
const CARD_FRAME = new Set(
  'chu tri du den tham chi dao dai dien khoa nhiem ky viet bai tac gia ket luan khai mac phat bieu chair attend opened concluded wrote author'.split(' '),
);

function coverage(plan: QueryPlan, tokens: Set<string>, exclude?: ReadonlySet<string>): number {
  const keep = (t: string) => !exclude || !fold(t).split('_').some((p) => exclude.has(p));
  const exact = plan.exactContentBigrams.length > 0 || plan.supportTerms !== plan.contentTerms;
  const unigrams = plan.supportTerms.filter(keep);
  const bigrams = (exact ? plan.exactContentBigrams : plan.contentBigrams).filter(keep);
  if (unigrams.length + bigrams.length === 0) return 1;
  let got = 0;
  let total = 0;
  for (const t of unigrams) {
    total += 1;
    if (tokens.has(t)) got += 1;
  }
  for (const t of bigrams) {
    total += 1.5;
    if (tokens.has(t)) got += 1.5;
  }
  return got / total;
}

/** Article-level support for card answers: content coverage over the whole article, phrases, numbers. */
function articleSupported(plan: QueryPlan, index: RetrievalIndex, articleId: string): boolean {
  const tokens = articleTokens(index, articleId);
  return (
    coverage(plan, tokens, CARD_FRAME) >= MIN_CONTENT_COVERAGE &&
    plan.requiredNumbers.every((n) => tokens.has(n)) &&
    bigramsSupported(plan, index, articleId, CARD_FRAME)
  );
}

function personText(p: Person): string {
  return p.role ? `${p.name} (${p.role})` : p.name;
}

function articleOrder(hits: Hit[], scope: Set<string> | null, index: RetrievalIndex): StoredArticle[] {
  const ids: string[] = [];
  for (const h of hits) if (!ids.includes(h.chunk.meta.articleId)) ids.push(h.chunk.meta.articleId);
  if (scope) for (const id of scope) if (!ids.includes(id)) ids.push(id);
  return ids.map((id) => index.articles.get(id)).filter((a): a is StoredArticle => a !== undefined);
}

/** Chair / attendee answer from an event card; null when no article in reach has the information. */
function answerFromCard(
  index: RetrievalIndex,
  plan: QueryPlan,
  retrieval: RetrievalResult,
): { text: string; citations: CitationSet; used: Chunk[] } | null {
  const frame = FRAME[plan.language];
  const scoped = retrieval.scope !== null;
  const candidates = articleOrder(retrieval.hits, retrieval.scope, index);
  const article = candidates.find((a) =>
    plan.intent === 'chair'
      ? a.card.chair !== null || (scoped && (a.card.openedBy || a.card.concludedBy || a.card.attendees.length > 0))
      : a.card.attendees.length > 0 || a.card.attendeeGroups.length > 0,
  );
  if (!article) return null;
  // Without filters, only trust a card whose article is the top retrieved one.
  if (!scoped && retrieval.hits[0]?.chunk.meta.articleId !== article.id) return null;
  if (!articleSupported(plan, index, article.id)) return null;
  const card = article.card;
  const citations = new CitationSet();
  const used: Chunk[] = [];
  const cite = (s: Sourced<unknown>): string => {
    const chunk = chunkForSentence(index, article.id, s.sentence);
    if (!chunk) return '';
    if (!used.includes(chunk)) used.push(chunk);
    return ` [${citations.cite(chunk, s.sentence)}]`;
  };
  const meeting = frame.meeting(
    card.meetingNumber?.value ?? null,
    card.district?.value.name ?? null,
    displayDate(card.meetingDate?.value ?? article.publishedAt),
  );
  const lines: string[] = [];
  if (plan.intent === 'chair') {
    if (card.chair) {
      const n = cite(card.chair);
      lines.push(`${frame.chairedBy(card.chair.value.name, card.chair.value.role)}.`, `${meeting}.${n}`, `«${card.chair.sentence}»${n}`);
    } else {
      lines.push(card.chairNote ?? frame.noChair, `${meeting}.`);
      for (const [label, s] of [
        [frame.openedBy, card.openedBy],
        [frame.concludedBy, card.concludedBy],
      ] as const) {
        if (s) lines.push(`${label}: ${personText(s.value)}.${cite(s)}`, `«${s.sentence}»${cite(s)}`);
      }
      for (const a of card.attendees) lines.push(`«${a.sentence}»${cite(a)}`);
    }
  } else {
    lines.push(`${meeting}.`, frame.attendees);
    const seen = new Set<string>();
    for (const a of card.attendees) {
      const n = cite(a);
      lines.push(`• ${personText(a.value)}${n}`);
      if (!seen.has(a.sentence)) {
        seen.add(a.sentence);
        lines.push(`  «${a.sentence}»${n}`);
      }
    }
    for (const g of card.attendeeGroups) lines.push(`• ${g.value}${cite(g)}`);
    if (card.chair) lines.push(`${frame.chairedBy(card.chair.value.name, card.chair.value.role)}.${cite(card.chair)}`);
  }
  if (citations.size === 0) return null;
  return { text: [...new Set(lines)].join('\n'), citations, used };
}

/** "Theo bài viết về Quận 8 (Hội nghị lần thứ 8, ngày 12/07/2022):" */
function articleFrame(index: RetrievalIndex, articleId: string, lang: Language): string {
  const a = index.articles.get(articleId);
  if (!a) return FRAME[lang].accordingTo;
  const district = a.card.district?.value.name ?? null;
  const date = displayDate(a.card.meetingDate?.value ?? a.publishedAt);
  const meeting = a.card.meetingNumber ? (lang === 'en' ? `conference no. ${a.card.meetingNumber.value}` : `Hội nghị lần thứ ${a.card.meetingNumber.value}`) : null;
  const details = [meeting, date ? (lang === 'en' ? date : `ngày ${date}`) : null].filter(Boolean).join(', ');
  if (lang === 'en') {
    return `According to the article${district ? ` on ${district}` : ''}${details ? ` (${details})` : ''}, quoted in Vietnamese:`;
  }
  return `Theo bài viết${district ? ` về ${district}` : ''}${details ? ` (${details})` : ''}:`;
}

const FIELD_LABEL: Record<CardField, { vi: string; en: string }> = {
  meetingDate: { vi: 'Thời gian', en: 'Date' },
  meetingNumber: { vi: 'Hội nghị', en: 'Conference' },
  congress: { vi: 'Khóa', en: 'Congress (khóa)' },
  term: { vi: 'Nhiệm kỳ', en: 'Term' },
  author: { vi: 'Tác giả', en: 'Author' },
  openedBy: { vi: 'Phát biểu khai mạc', en: 'Opening speech' },
  concludedBy: { vi: 'Kết luận hội nghị', en: 'Concluding remarks' },
};

/** A question asking for one event-card field ("diễn ra ngày nào?", "lần thứ mấy?", "ai viết?"). */
function answerCardField(
  index: RetrievalIndex,
  plan: QueryPlan,
  retrieval: RetrievalResult,
): { text: string; citations: CitationSet; used: Chunk[] } | null {
  const field = plan.cardField;
  if (!field) return null;
  const candidates = articleOrder(retrieval.hits, retrieval.scope, index);
  const article = candidates.find((a) => a.card[field] !== null);
  if (!article) return null;
  if (retrieval.scope === null && retrieval.hits[0]?.chunk.meta.articleId !== article.id) return null;
  if (!articleSupported(plan, index, article.id)) return null;
  const value = article.card[field]!;
  const chunk = chunkForSentence(index, article.id, value.sentence);
  if (!chunk) return null;
  const citations = new CitationSet();
  const n = citations.cite(chunk, value.sentence);
  const lang = plan.language;
  const v = value.value as unknown;
  const shown =
    field === 'meetingDate'
      ? displayDate(String(v))
      : field === 'meetingNumber'
        ? (lang === 'en' ? `no. ${String(v)}` : `lần thứ ${String(v)}`)
        : typeof v === 'object' && v !== null && 'name' in v
          ? personText(v as Person)
          : String(v);
  const text = [articleFrame(index, article.id, lang), `${FIELD_LABEL[field][lang]}: ${shown}. [${n}]`, `«${value.sentence}» [${n}]`].join('\n');
  return { text, citations, used: [chunk] };
}

function toHits(chunks: Chunk[], retrieval: RetrievalResult): Hit[] {
  const out: Hit[] = [];
  for (const c of chunks) {
    const h = retrieval.hits.find((x) => x.chunk.id === c.id);
    out.push(h ?? { chunk: c, score: 0, views: {} });
  }
  for (const h of retrieval.hits) if (!out.some((o) => o.chunk.id === h.chunk.id)) out.push(h);
  return out;
}

function finish(
  question: string,
  resolved: string,
  plan: QueryPlan,
  intent: Intent,
  text: string,
  citations: Citation[],
): Answer {
  return { ...base(question, resolved, plan, intent), answer: text, grounded: citations.length > 0, citations };
}

/** Retrieval + extractive answer for one question. */
export async function prepare(deps: AnswererDeps, question: string, context: AskContext = {}): Promise<Prepared> {
  const asked = question.normalize('NFC').trim();
  const resolved = resolveFollowUp(asked, context.history ?? []);
  const plan = planQuery(resolved);
  const emptyRetrieval: RetrievalResult = { hits: [], labels: [], scope: null, emptyReason: null };
  const done = (extractive: Answer, retrieval: RetrievalResult, hits: Hit[]): Prepared => ({
    question: asked,
    resolved,
    plan,
    retrieval,
    extractive,
    hits,
  });
  const lang: Language = plan.language;

  if (!/[\p{L}\p{N}]/u.test(asked)) {
    return done(refusal(asked, resolved, plan, { reason: 'empty-question' }), emptyRetrieval, []);
  }
  if (deps.index.articles.size === 0) return done(refusal(asked, resolved, plan, { reason: 'no-index' }), emptyRetrieval, []);

  const scopeDetail = (reason: NotFoundDetail['reason']): NotFoundDetail => ({
    reason,
    ...(plan.districts[0] ? { district: plan.districts[0].name } : {}),
    ...(plan.meetingNumber !== null ? { meetingNumber: plan.meetingNumber } : {}),
    ...(plan.term ? { term: plan.term } : {}),
    ...(plan.congress ? { congress: plan.congress } : {}),
    knownDistricts: knownDistricts(deps.index),
  });

  if (plan.intent === 'summary') {
    if (plan.districts.length === 0) {
      return done(refusal(asked, resolved, plan, scopeDetail('no-district')), emptyRetrieval, []);
    }
    const { scope, failure } = scopeArticles(deps.index.articles, plan);
    if (failure || !scope) return done(refusal(asked, resolved, plan, scopeDetail(failure ?? 'district')), emptyRetrieval, []);
    const terms = new Set([...scope].map((id) => deps.index.articles.get(id)?.card.term?.value).filter(Boolean));
    const summary = summarizeDistrict(
      deps.index,
      [...scope],
      { district: plan.districts[0]!.name, term: plan.term ?? (terms.size === 1 ? [...terms][0]! : null) },
      lang,
    );
    const retrieval: RetrievalResult = { hits: [], labels: [], scope, emptyReason: null };
    if (!summary) return done(refusal(asked, resolved, plan, scopeDetail('no-support')), retrieval, []);
    const hits = summary.used.map((chunk) => ({ chunk, score: 0, views: {} }));
    return done(finish(asked, resolved, plan, 'summary', summary.text, summary.citations.list()), { ...retrieval, hits }, hits);
  }

  let vector: ArrayLike<number> | null = null;
  if (deps.embedQuery) {
    try {
      vector = await deps.embedQuery(plan.text);
    } catch {
      vector = null; // keyword-only retrieval
    }
  }
  const retrieval = retrieve(deps.index, plan, vector, { k: deps.topK });
  if (retrieval.emptyReason) {
    return done(refusal(asked, resolved, plan, scopeDetail(retrieval.emptyReason)), retrieval, []);
  }
  if (retrieval.hits.length === 0) return done(refusal(asked, resolved, plan, scopeDetail('no-support')), retrieval, []);

  if (plan.intent === 'chair' || plan.intent === 'attendees') {
    const card = answerFromCard(deps.index, plan, retrieval);
    if (card) {
      return done(finish(asked, resolved, plan, plan.intent, card.text, card.citations.list()), retrieval, toHits(card.used, retrieval));
    }
  }

  if (plan.cardField) {
    const field = answerCardField(deps.index, plan, retrieval);
    if (field) {
      return done(finish(asked, resolved, plan, 'fact', field.text, field.citations.list()), retrieval, toHits(field.used, retrieval));
    }
  }

  // Fact: best supporting sentences. The best-scoring sentence whose passage passes the support check
  // leads; if none of the top candidates is supported, abstain.
  const scored = scoreSentences(plan, retrieval.hits);
  const supportedChunk = new Map<string, boolean>();
  const isSupported = (chunk: Chunk): boolean => {
    const cached = supportedChunk.get(chunk.id);
    if (cached !== undefined) return cached;
    const toks = allTokens(`${chunk.header}\n${chunk.text}`);
    const articleToks = articleTokens(deps.index, chunk.meta.articleId);
    const ok =
      coverage(plan, toks) >= MIN_CONTENT_COVERAGE &&
      plan.requiredNumbers.every((n) => articleToks.has(n)) &&
      bigramsSupported(plan, deps.index, chunk.meta.articleId);
    supportedChunk.set(chunk.id, ok);
    return ok;
  };
  const lead = scored.slice(0, 12).find((s) => s.coverage > 0 && isSupported(s.chunk));
  if (!lead) return done(refusal(asked, resolved, plan, scopeDetail('no-support')), retrieval, []);
  const chosen = selectSentences([lead, ...scored.filter((s) => s !== lead && s.score <= lead.score + 1)]);
  const top = lead;
  const citations = new CitationSet();
  const used: Chunk[] = [];
  // Other sentences must pass the same support check as the best one.
  const kept = chosen.filter((s) => s === top || isSupported(s.chunk));
  const articlesUsed = [...new Set(kept.map((s) => s.chunk.meta.articleId))];
  const lines: string[] = [
    articlesUsed.length === 1 ? articleFrame(deps.index, articlesUsed[0]!, lang) : FRAME[lang].accordingTo,
  ];
  for (const s of kept) {
    const n = citations.cite(s.chunk, s.text);
    if (!used.includes(s.chunk)) used.push(s.chunk);
    const where = articlesUsed.length > 1 && s.chunk.meta.districtName ? `(${s.chunk.meta.districtName}) ` : '';
    lines.push(`• ${where}${s.text} [${n}]`);
  }
  return done(finish(asked, resolved, plan, 'fact', lines.join('\n'), citations.list()), retrieval, toHits(used, retrieval));
}

/** The offline AnswerFn. */
export function createExtractiveAnswerer(deps: AnswererDeps): AnswerFn {
  return async (question, context) => (await prepare(deps, question, context)).extractive;
}
