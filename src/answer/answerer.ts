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
import { defaultWeights, retrieve, scopeArticles, type RetrievalIndex, type RetrievalResult } from '../retrieve/hybrid.js';
import { foldedWords, planQuery, resolveFollowUp, type CardField, type QueryPlan } from '../retrieve/query.js';
import { fold } from '../text/normalize.js';
import { foldedTokens } from '../text/tokenize.js';
import { articleProbe, chunkProbe, docFreq, idf, questionUnits, share } from '../retrieve/support.js';
import type { Answer, AnswerFn, AskContext, Chunk, Citation, Hit, Intent, Language, Person, Sourced } from '../types.js';
import { CitationSet } from './citations.js';
import { displayDate, FRAME, notFound, type NotFoundDetail } from './messages.js';
import { answerType, DISTRICT_TITLES, scoreSentences, selectSentences, type ScoredSentence } from './sentences.js';
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

/**
 * Support thresholds (support.ts: IDF-weighted share of the question's content units). A fact answer's
 * passage must hold MIN_PASSAGE_SUPPORT of it and its article MIN_ARTICLE_SUPPORT; card answers need
 * MIN_ARTICLE_SUPPORT of the non-frame content in the article.
 *
 * A question scoped by a filter (district, meeting, term, congress, date) only searched that scope's few
 * articles, so its best passage is merely the best of those and must cover the question by itself (the
 * scoped thresholds). An unscoped question's passage won a ranking over the whole corpus, which already
 * selects for topical match (the lower thresholds). Measured over all corpora: scoped 0.3 / 0.4 answered
 * four of the own no-answer questions; unscoped 0.4 / 0.5 → 0.3 / 0.3 raised ViQuAD answers containing
 * the gold answer by about 8 points while every own no-answer question stayed refused.
 */
export const MIN_PASSAGE_SUPPORT = { scoped: 0.4, unscoped: 0.3 } as const;
export const MIN_ARTICLE_SUPPORT = { scoped: 0.5, unscoped: 0.3 } as const;

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

/** Words that only say what kind of card answer is wanted ("chủ trì", "dự", "khóa", "ai viết"). */
const CARD_FRAME = new Set(
  'chu tri du den tham chi dao dai dien khoa nhiem ky viet bai tac gia ket luan khai mac phat bieu chair attend opened concluded wrote author'.split(' '),
);

/**
 * Article-level support for card answers: the non-frame content (MIN_ARTICLE_SUPPORT.scoped of it, scoped or
 * not) and the numbers are in the article.
 */
function articleSupported(plan: QueryPlan, index: RetrievalIndex, articleId: string): boolean {
  const tokens = articleProbe(index, articleId);
  const { units } = questionUnits(index, plan);
  return share(units, tokens, CARD_FRAME) >= MIN_ARTICLE_SUPPORT.scoped && plan.requiredNumbers.every((n) => tokens.has(n));
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
      : a.card.attendees.length > 0 || a.card.attendeeGroups.length > 0 || (scoped && a.card.chair !== null),
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
      // card.chairNote is written in Vietnamese at ingest; English answers state the same from the card's fields.
      lines.push(plan.language === 'vi' ? (card.chairNote ?? frame.noChair) : frame.noChair, `${meeting}.`);
      for (const [label, s] of [
        [frame.openedBy, card.openedBy],
        [frame.concludedBy, card.concludedBy],
      ] as const) {
        if (s) lines.push(`${label}: ${personText(s.value)}.${cite(s)}`, `«${s.sentence}»${cite(s)}`);
      }
      if (plan.language === 'en' && card.attendees.length > 0) {
        lines.push(frame.attendees);
        for (const a of card.attendees) lines.push(`• ${personText(a.value)}${cite(a)}`);
      }
      for (const a of card.attendees) lines.push(`«${a.sentence}»${cite(a)}`);
    }
  } else {
    // The meeting line states the meeting number: cite the sentence it was read from.
    const listed = card.attendees.length > 0 || card.attendeeGroups.length > 0;
    lines.push(`${meeting}.${card.meetingNumber ? cite(card.meetingNumber) : ''}`, listed ? frame.attendees : frame.noAttendees);
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

const ALWAYS_RECORDED: ReadonlySet<CardField> = new Set(['congress', 'term', 'meetingNumber']);

const FIELD_LABEL: Record<CardField, { vi: string; en: string }> = {
  meetingDate: { vi: 'Thời gian', en: 'Date' },
  meetingNumber: { vi: 'Hội nghị', en: 'Conference' },
  congress: { vi: 'Khóa', en: 'Congress (khóa)' },
  term: { vi: 'Nhiệm kỳ', en: 'Term' },
  author: { vi: 'Tác giả', en: 'Author' },
  openedBy: { vi: 'Phát biểu khai mạc', en: 'Opening speech' },
  concludedBy: { vi: 'Kết luận hội nghị', en: 'Concluding remarks' },
};

/**
 * A question asking for one event-card field ("diễn ra ngày nào?", "lần thứ mấy?", "ai viết?").
 * 'absent' when the question is scoped (district, meeting…) and none of those articles states the field
 * (only for fields the card always records, ALWAYS_RECORDED).
 */
function answerCardField(
  index: RetrievalIndex,
  plan: QueryPlan,
  retrieval: RetrievalResult,
): { text: string; citations: CitationSet; used: Chunk[] } | 'absent' | null {
  const field = plan.cardField;
  if (!field) return null;
  const candidates = articleOrder(retrieval.hits, retrieval.scope, index);
  const article = candidates.find((a) => a.card[field] !== null);
  // A question naming its district (or meeting) whose articles do not state a field the card always
  // records when printed (khóa, nhiệm kỳ, lần thứ): say so. Openers, concluders and authors are only
  // recorded in some cases, so their absence falls through to the sentence answer.
  if (!article) return retrieval.scope !== null && ALWAYS_RECORDED.has(field) ? 'absent' : null;
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

/** At most this many articles feed a district summary. */
export const MAX_SUMMARY_ARTICLES = 5;

/** An article reporting a Party committee conference: its card names the meeting number or a chair. */
function isConferenceReport(a: StoredArticle): boolean {
  return a.card.meetingNumber !== null || a.card.chair !== null;
}

/**
 * Articles a district summary is built from, most relevant first: the scope's conference reports (all the
 * scope's articles when none is one; a news corpus mentions a district in many unrelated articles), ordered
 * by keyword retrieval of the question within the scope, then by date (newest first); at most
 * MAX_SUMMARY_ARTICLES.
 */
function summaryArticles(index: RetrievalIndex, plan: QueryPlan, scope: Set<string>): string[] {
  const all = [...scope].map((id) => index.articles.get(id)).filter((a): a is StoredArticle => a !== undefined);
  const reports = all.filter(isConferenceReport);
  const pool = new Set((reports.length > 0 ? reports : all).map((a) => a.id));
  const order: string[] = [];
  for (const h of retrieve(index, plan, null, { k: 50 }).hits) {
    const id = h.chunk.meta.articleId;
    if (pool.has(id) && !order.includes(id)) order.push(id);
  }
  const date = (a: StoredArticle) => a.card.meetingDate?.value ?? a.publishedAt ?? '';
  const rest = [...pool]
    .filter((id) => !order.includes(id))
    .map((id) => index.articles.get(id)!)
    .sort((a, b) => date(b).localeCompare(date(a)) || a.id.localeCompare(b.id))
    .map((a) => a.id);
  return [...order, ...rest].slice(0, MAX_SUMMARY_ARTICLES);
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
    const chosen = summaryArticles(deps.index, plan, scope);
    const terms = new Set(chosen.map((id) => deps.index.articles.get(id)?.card.term?.value).filter(Boolean));
    const summary = summarizeDistrict(
      deps.index,
      chosen,
      { district: plan.districts[0]!.name, term: plan.term ?? (terms.size === 1 ? [...terms][0]! : null) },
      lang,
    );
    const retrieval: RetrievalResult = { hits: [], labels: [], scope, emptyReason: null };
    if (!summary) return done(refusal(asked, resolved, plan, scopeDetail('no-support')), retrieval, []);
    const hits = summary.used.map((chunk) => ({ chunk, score: 0, views: {} }));
    return done(finish(asked, resolved, plan, 'summary', summary.text, summary.citations.list()), { ...retrieval, hits }, hits);
  }

  let vector: ArrayLike<number> | null = null;
  if (deps.embedQuery && defaultWeights(deps.index).vector > 0) {
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

  const referent = previousPerson(deps, asked, context.history ?? []);
  if (referent) {
    const chunk = chunkForSentence(deps.index, referent.article.id, referent.person.sentence);
    if (chunk) {
      const citations = new CitationSet();
      const n = citations.cite(chunk, referent.person.sentence);
      const text = [`${personText(referent.person.value)}. [${n}]`, `«${referent.person.sentence}» [${n}]`].join('\n');
      return done(finish(asked, resolved, plan, 'fact', text, citations.list()), retrieval, toHits([chunk], retrieval));
    }
  }

  if (plan.intent === 'chair' || plan.intent === 'attendees') {
    const card = answerFromCard(deps.index, plan, retrieval);
    if (card) {
      return done(finish(asked, resolved, plan, plan.intent, card.text, card.citations.list()), retrieval, toHits(card.used, retrieval));
    }
  }

  if (plan.cardField) {
    const field = answerCardField(deps.index, plan, retrieval);
    if (field === 'absent') return done(refusal(asked, resolved, plan, scopeDetail('no-support')), retrieval, []);
    if (field) {
      return done(finish(asked, resolved, plan, 'fact', field.text, field.citations.list()), retrieval, toHits(field.used, retrieval));
    }
  }

  // Fact: best supporting sentences. The best-scoring sentence whose passage (and article) passes the
  // support check leads; if none of the top candidates is supported, abstain.
  const { units } = questionUnits(deps.index, plan);
  const n = Math.max(1, deps.index.chunks.size);
  const type = answerType(plan);
  // "giữ chức vụ gì" only says a title is wanted (the answer-type cue): the sentence must be about the person.
  const roleFrame = type === 'role';
  const terms = units.length
    ? [
        ...units.filter((u) => !(roleFrame && ROLE_FRAME.has(fold(u.term)))).map((u) => ({ term: u.term, weight: u.weight })),
        // Numbers in the question mostly qualify it ("9 tháng", "năm 2021"): half weight.
        ...plan.requiredNumbers.map((t) => ({ term: t, weight: 0.5 * idf(n, docFreq(deps.index, t)) })),
      ]
    : undefined;
  // hits[i] is chunk labels[i]: every scored sentence's chunk is one of the hits, so it has a probe.
  const probes = retrieval.labels.map((label) => chunkProbe(deps.index, label));
  const scored = scoreSentences(plan, retrieval.hits, 8, terms, probes);
  const probeOf = new Map(retrieval.hits.map((h, i) => [h.chunk.id, probes[i]!]));
  const level = retrieval.scope !== null ? 'scoped' : 'unscoped';
  const supportedChunk = new Map<string, boolean>();
  const isSupported = (chunk: Chunk): boolean => {
    const cached = supportedChunk.get(chunk.id);
    if (cached !== undefined) return cached;
    const articleToks = articleProbe(deps.index, chunk.meta.articleId);
    const ok =
      share(units, probeOf.get(chunk.id)!) >= MIN_PASSAGE_SUPPORT[level] &&
      share(units, articleToks) >= MIN_ARTICLE_SUPPORT[level] &&
      plan.requiredNumbers.every((t) => articleToks.has(t));
    supportedChunk.set(chunk.id, ok);
    return ok;
  };
  const roleLevel = districtRoleQuestion(plan);
  const eligible = (s: ScoredSentence) => !roleLevel || !onlyLowerLevelRoles(s.text);
  const lead = scored.slice(0, 12).find((s) => s.coverage > 0 && eligible(s) && isSupported(s.chunk));
  if (!lead) return done(refusal(asked, resolved, plan, scopeDetail('no-support')), retrieval, []);
  // The lead comes first; other sentences must pass the same support check (every sentence that outscored
  // the lead failed it) and are picked by MMR.
  const kept = selectSentences([lead, ...scored.filter((s) => s !== lead && s.score <= lead.score && eligible(s) && isSupported(s.chunk))]);
  const citations = new CitationSet();
  const used: Chunk[] = [];
  const articlesUsed = [...new Set(kept.map((s) => s.chunk.meta.articleId))];
  // A "bao nhiêu X" question counting things (not a measure: money, time, size) none of whose supported
  // sentences puts a number before X: the figure asked for is not stated. Say so before quoting the closest
  // sentences.
  // Only within a filter's scope (a district's articles): there the article is known and the count is its to state.
  const countable = retrieval.scope !== null && type === 'number' && plan.countedNoun !== null && !UNCOUNTED.test(plan.countedNoun);
  const figureMissing = countable && !scored.some((s) => s.counts && isSupported(s.chunk));
  const lines: string[] = [
    ...(figureMissing ? [FRAME[lang].figureMissing] : []),
    articlesUsed.length === 1 ? articleFrame(deps.index, articlesUsed[0]!, lang) : FRAME[lang].accordingTo,
  ];
  for (const s of kept) {
    const n = citations.cite(s.chunk, s.text);
    if (!used.includes(s.chunk)) used.push(s.chunk);
    const where = articlesUsed.length > 1 && s.chunk.meta.districtName ? `(${s.chunk.meta.districtName}) ` : '';
    lines.push(`• ${where}${s.text} [${n}]`);
  }
  // "… là bí thư quận nào?": the district comes from the event card; quote the sentence it was read from.
  const article = deps.index.articles.get(lead.chunk.meta.articleId);
  if (asksDistrict(plan) && article?.card.district) {
    const d = article.card.district;
    const chunk = chunkForSentence(deps.index, article.id, d.sentence);
    if (chunk) {
      const n = citations.cite(chunk, d.sentence);
      if (!used.includes(chunk)) used.push(chunk);
      lines.push(`${lang === 'en' ? 'District' : 'Quận/huyện'}: ${d.value.name}. [${n}]`);
    }
  }
  return done(finish(asked, resolved, plan, 'fact', lines.join('\n'), citations.list()), retrieval, toHits(used, retrieval));
}

/** Folded words of a "what position" question that name the answer's kind, not its topic. */
const ROLE_FRAME = new Set(['giu_chuc', 'chuc_vu', 'chuc_danh', 'cuong_vi', 'dam_nhiem', 'nam_giu', 'giu', 'chuc', 'vu', 'danh']);

/**
 * Folded first words of a "bao nhiêu X" noun that measure rather than count ("tỉ đồng", "tiền", "năm", "ha"), or
 * count something generic ("người": "32 đảng viên" answers "bao nhiêu người"): the figure is printed with other
 * words, so a missing "number X" says nothing.
 */
const UNCOUNTED = /^(ti|ty|tien|trieu|nghin|ngan|dong|usd|phan|lan|nam|thang|ngay|tuan|gio|phut|tuoi|km|ha|m|m2|met|kg|tan|lit|dien|nguoi|cai|chiec|con)\b/;

/** Titles of office ("bí thư", "chủ tịch", "secretary" → "bí thư" via the glossary), folded. */
const TITLES = `(${DISTRICT_TITLES})`;
const ROLE = new RegExp(`\\b${TITLES}\\b`);
/** Administrative levels below a district: a title followed by one of these is held there. */
const LOWER_LEVEL = new RegExp(`\\b${TITLES}( (dang uy|ubnd|uy ban nhan dan|hdnd|chi bo))? (phuong|xa|thi tran|khu pho|ap|to dan pho|chi bo)\\b`, 'g');

/** A district-scoped question about who holds a title ("bí thư Quận 1 là ai", "Party secretary of District 1"). */
function districtRoleQuestion(plan: QueryPlan): boolean {
  return plan.districts.length > 0 && answerType(plan) === 'person' && ROLE.test(fold(plan.text));
}

/**
 * True when every title in the sentence is held at a level below a district ("Bí thư phường Nguyễn Thái
 * Bình"): such a sentence cannot say who holds the title in a district.
 */
export function onlyLowerLevelRoles(sentence: string): boolean {
  const f = foldedWords(sentence);
  const all = f.match(new RegExp(ROLE.source, 'g'))?.length ?? 0;
  const lower = f.match(LOWER_LEVEL)?.length ?? 0;
  return all > 0 && lower >= all;
}

/** The question asks which district ("quận nào", "huyện nào", "which district"). */
function asksDistrict(plan: QueryPlan): boolean {
  return / (quan nao|huyen nao|quan huyen nao|which district|what district) /.test(foldedWords(plan.text));
}

const PRONOUN = / (ong ay|ba ay|nguoi nay|nguoi do|dong chi ay|dong chi nay|vi nay|he|she|him|her) /;
const ROLE_ASKED = / (chuc vu|giu chuc|vai tro|cuong vi|la ai|role|position|title|who is) /;

/**
 * "ông ấy giữ chức vụ gì?" right after a chair / attendee question: the pronoun is the person that answer
 * named (the chair, else the first attendee, of the previous question's meeting), whose role the event card
 * holds with its source sentence. Null when the question is not such a follow-up.
 */
function previousPerson(
  deps: AnswererDeps,
  question: string,
  history: readonly string[],
): { article: StoredArticle; person: Sourced<Person> } | null {
  const f = foldedWords(question);
  const previous = history.at(-1);
  // The cheap pronoun and role tests come first: only such a follow-up re-plans and re-retrieves the previous question.
  if (!previous || !PRONOUN.test(f) || !ROLE_ASKED.test(f)) return null;
  const prevPlan = planQuery(resolveFollowUp(previous, history.slice(0, -1)));
  if (prevPlan.intent !== 'chair' && prevPlan.intent !== 'attendees') return null;
  const prev = retrieve(deps.index, prevPlan, null, { k: deps.topK });
  if (prev.emptyReason || (prev.scope === null && prev.hits.length === 0)) return null;
  for (const article of articleOrder(prev.hits, prev.scope, deps.index)) {
    const c = article.card;
    const person = prevPlan.intent === 'chair' ? (c.chair ?? c.openedBy ?? c.concludedBy) : (c.attendees[0] ?? null);
    if (person?.value.role) return { article, person };
    if (prev.scope === null) return null; // unscoped: only the top article is trusted (as answerFromCard)
  }
  return null;
}

/** The offline AnswerFn. */
export function createExtractiveAnswerer(deps: AnswererDeps): AnswerFn {
  return async (question, context) => (await prepare(deps, question, context)).extractive;
}
