/**
 * Fact questions: the best supporting sentences of the retrieved passages, quoted and cited.
 *
 * Contracts:
 * - Sentences are scored (sentences.ts) with the question's support units as terms (numbers at half weight).
 *   The best-scored sentence among the first tuning.leadCandidates whose passage and article pass the support
 *   check leads (passage share ≥ minSupport.passage, article share ≥ minSupport.article, scoped or unscoped, and
 *   every number of the question in the article; scoped, the words naming the meeting are left out: MEETING_FRAME
 *   and the qualifier printed right after the meeting noun, "đại hội điểm", see meetingFrameOf);
 *   none → null (the answerer refuses). Other sentences must pass
 *   the same check and score no higher than the lead; they are chosen by MMR. When the scope was read from text (no
 *   card names the question's unit), a passage must also print the unit.
 * - A question asking for a day ("ngày nào") leads with a sentence stating a day the question does not (statesDay)
 *   when a lead candidate does; without a filter only such a sentence may lead (none → null).
 * - A unit-scoped question about who holds a title ("bí thư Quận 1 là ai") leads only with a sentence naming that
 *   title held at the unit's level (holdsTitle: not a deputy's, not "Bí thư phường …" or "Bí thư Thành ủy …" for a
 *   district).
 * - A "bao nhiêu X" question counting things (not a measure: money, time, size) within a filter's scope leads with a
 *   supported sentence putting a number before X when a lead candidate does (after a day's, for a day question);
 *   when none of its supported sentences does, the answer starts with `figureMissing` before the closest sentences.
 * - "… là bí thư quận nào?": the unit line comes from the lead article's card, citing its sentence.
 */
import { foldedWords } from '../../retrieve/query/words.js';
import type { QueryPlan } from '../../retrieve/query/plan.js';
import { fold } from '../../text/normalize.js';
import { foldedTokens } from '../../text/tokenize.js';
import type { Chunk } from '../../types.js';
import { CitationSet } from '../citations.js';
import { answerType, asksDay, DISTRICT_TITLES, scoreSentences, selectSentences, statesDay, type ScoredSentence } from '../sentences.js';
import { anchored, asksOf, excerpt, implicitAsk, spanFor, spanNearness, sureAsk, type Ask } from '../spans.js';
import { articleFrame, meetingFrameOf, outletWords, ROLE_FRAME_SYLLABLES, type Drafted, type StrategyInput } from './common.js';

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
/** Levels below a unit's: a title followed by one of these is held there (below a district: wards; below a ward: quarters). */
const BELOW: Readonly<Record<'district' | 'ward', string>> = {
  district: 'phuong|xa|thi tran|khu pho|ap|to dan pho|thon|chi bo',
  ward: 'khu pho|ap|to dan pho|thon|chi bo',
};
/** Levels above a unit's: a title of the city or province, the centre or the state ("Bí thư Thành ủy", "Chủ tịch UBND tỉnh"). */
const ABOVE: Readonly<Record<'district' | 'ward', string>> = {
  district: 'thanh uy|tinh uy|trung uong|thanh pho|tp|tphcm|tinh|nuoc|quoc hoi',
  ward: 'quan uy|huyen uy|thi uy|thanh uy|tinh uy|trung uong|quan|huyen|thi xa|thanh pho|tp|tphcm|tinh|nuoc|quoc hoi',
};
/** A city of a province is a district-level unit whose committee is a Thành ủy: those words are its own level. */
const CITY_WORDS = new Set(['thanh uy', 'thanh pho', 'tp']);

/** A unit-scoped question about who holds a title ("bí thư Quận 1 là ai"): the title (folded), the unit's level. */
export interface TitleQuestion {
  /** "bi thu", "chu tich", "pho bi thu" … */
  title: string;
  level: 'district' | 'ward';
  /** The unit is a city of a province (its committee is a Thành ủy). */
  city: boolean;
}

function titleQuestion(plan: QueryPlan): TitleQuestion | null {
  const unit = plan.units[0];
  const f = foldedWords(plan.text);
  const m = new RegExp(`\\b(pho )?${TITLES}\\b`).exec(f);
  if (!unit?.level || answerType(plan) !== 'person' || !m) return null;
  return { title: m[0], level: unit.level === 'ward' ? 'ward' : 'district', city: unit.kind === 'thành phố' };
}

/**
 * True when the sentence names the asked title held at the unit's level: not a deputy's ("Phó Bí thư" when the
 * secretary is asked), not the Party's "Tổng Bí thư", not a title held below ("Bí thư phường …" for a district) or
 * above ("Bí thư Thành ủy", "Chủ tịch UBND tỉnh"; a city's own Thành ủy excepted). Other sentences cannot say who
 * holds the title in the unit.
 */
export function holdsTitle(sentence: string, q: TitleQuestion): boolean {
  const above = ABOVE[q.level].split('|').filter((w) => !(q.city && CITY_WORDS.has(w)));
  const re = new RegExp(
    `\\b(pho |tong )?${q.title}\\b(?: kiem (?:pho )?(?:${DISTRICT_TITLES}))?(?: (?:dang uy|ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan|chi bo))?( (?:${BELOW[q.level]}|${above.join('|')})\\b)?`,
    'g',
  );
  for (const m of foldedWords(sentence).matchAll(re)) {
    if (m[1] !== undefined || m[2] !== undefined) continue;
    return true;
  }
  return false;
}

/** The question asks which unit ("quận nào", "huyện nào", "phường nào", "which district"). */
function asksUnit(plan: QueryPlan): boolean {
  return / (quan nao|huyen nao|quan huyen nao|phuong nao|xa nao|thi xa nao|thi tran nao|don vi nao|which (district|ward|commune)|what (district|ward|commune)) /.test(foldedWords(plan.text));
}

export function answerFacts(input: StrategyInput): Drafted | null {
  const { retriever, plan, retrieval, tuning, messages: m } = input;
  const evidence = retriever.evidence;
  const type = answerType(plan);
  // "giữ chức vụ gì" only says a title is wanted (the answer-type cue): the sentence must be about the person.
  const roleFrame = type === 'role';
  const terms = evidence.sentenceTerms(plan, roleFrame ? (u) => ROLE_FRAME.has(fold(u.term)) : undefined);
  // hits[i] is chunk labels[i]: every scored sentence's chunk is one of the hits, so it has a probe.
  const probes = retrieval.labels.map((label) => evidence.chunkProbe(label));
  const scored = scoreSentences(plan, retrieval.hits, tuning, terms, probes);
  const labelOf = new Map(retrieval.hits.map((h, i) => [h.chunk.id, retrieval.labels[i]!]));
  const level = retrieval.scope !== null ? 'scoped' : 'unscoped';
  // Within a filter's scope, the words naming the meeting ("Đại hội Đảng bộ xã X") are what the filter stands for.
  const frame = level === 'scoped' ? meetingFrameOf(plan.question) : undefined;
  const roleExclude = roleFrame ? ROLE_FRAME_SYLLABLES : undefined;
  const supportedChunk = new Map<string, boolean>();
  const isSupported = (chunk: Chunk): boolean => {
    const cached = supportedChunk.get(chunk.id);
    if (cached !== undefined) return cached;
    const probe = evidence.chunkProbe(labelOf.get(chunk.id)!);
    // A scope read from text (no card names the unit): the passage itself must print the unit.
    const printsUnit = !retrieval.printedUnit || retrieval.printedUnit.some((form) => form.every((t) => probe.has(t)));
    // The words naming the article's outlet as the question's source ("theo bài phỏng vấn VOH") are no content.
    const article = retriever.articles.get(chunk.meta.articleId);
    const outlet = article ? outletWords(plan.question, article) : [];
    const exclude = outlet.length > 0 ? new Set([...(roleExclude ?? []), ...outlet]) : roleExclude;
    const ok =
      printsUnit &&
      evidence.passageSupports(plan, labelOf.get(chunk.id)!, tuning.minSupport.passage[level], frame, exclude) &&
      evidence.articleSupports(plan, chunk.meta.articleId, tuning.minSupport.article[level], exclude, frame);
    supportedChunk.set(chunk.id, ok);
    return ok;
  };
  const asked = titleQuestion(plan);
  const eligible = (s: ScoredSentence) => asked === null || holdsTitle(s.text, asked);
  // Without a filter, a question asking for a day ("Lịch thi … là ngày nào?") is answered only by a sentence stating
  // one: passages that share its words but state no day ("tỷ lệ tốt nghiệp THPT") do not answer it.
  // Within a filter, a sentence stating a day leads when one of the candidates does.
  const day = asksDay(plan);
  const foldedQuestion = fold(plan.question);
  const candidates = scored.slice(0, tuning.leadCandidates).filter((s) => s.coverage > 0 && eligible(s));
  const dated = day ? candidates.find((s) => statesDay(s.text, foldedQuestion) && isSupported(s.chunk)) : undefined;
  // Only within a filter's scope (a district's articles): there the article is known and the count is its to state.
  const countable = retrieval.scope !== null && type === 'number' && plan.countedNoun !== null && !UNCOUNTED.test(plan.countedNoun);
  // Likewise a count: within a filter, a sentence putting a number before the counted noun leads when one of the
  // candidates does ("bao nhiêu đại biểu?": "… cùng 198 đại biểu …").
  const counted = countable && !dated ? candidates.find((s) => s.counts && isSupported(s.chunk)) : undefined;
  const lead = dated ?? counted ?? (day && level === 'unscoped' ? undefined : candidates.find((s) => isSupported(s.chunk)));
  if (!lead) return null;
  // The lead comes first; other sentences must pass the same support check and score no higher than the lead (every
  // sentence that outscored it failed the check, unless a day's or a count's sentence leads) and are picked by MMR.
  const kept = selectSentences(
    [lead, ...scored.filter((s) => s !== lead && s.score <= lead.score && eligible(s) && isSupported(s.chunk))],
    tuning.select,
  );
  const figureMissing = countable && !scored.some((s) => s.counts && isSupported(s.chunk));
  // The direct answer first ("596 đảng viên [1]"): each ask of the question takes its span from the first sentence
  // holding one, the lead and the quoted sentences first, then the lead article's other supported sentences.
  const reach = [
    lead,
    ...kept.slice(1),
    ...scored.slice(0, tuning.leadCandidates).filter((s) => !kept.includes(s) && s.chunk.meta.articleId === lead.chunk.meta.articleId && eligible(s) && isSupported(s.chunk)),
  ];
  const direct: Array<{ ask: Ask; span: string; sentence: ScoredSentence; near?: number }> = [];
  const glossed = plan.language === 'en' ? plan.text : '';
  // The words saying where and when (the units' names, years) are no figure's neighbours: every report prints them.
  const frameWords = new Set([
    ...plan.unitMentions.flatMap((u) => foldedWords(u.label).trim().split(' ')),
    ...(plan.question.match(/(?<!\d)(?:19|20)\d{2}(?!\d)/g) ?? []),
  ]);
  const typed = figureMissing ? [] : asksOf(plan.question, glossed, frameWords);
  // No question word ("thu ngân sách Quận 12"): a figure printed right by the question's words answers it.
  const implicit = typed.length === 0 && !figureMissing && type === 'other' && !asksUnit(plan) ? implicitAsk(plan.question, glossed, frameWords) : null;
  const asks = implicit ? [implicit] : typed;
  for (const ask of asks) {
    const taken = direct.map((d) => d.span);
    // With several asks, each reads first the sentences sharing most of its own clause's words.
    const own = new Set(foldedTokens(ask.clause));
    const overlap = (s: ScoredSentence) => [...own].filter((t) => s.tokens.has(t)).length;
    const order = asks.length > 1 ? [...reach].sort((a, b) => overlap(b) - overlap(a)) : reach;
    // The best form of the answer in any sentence first ("24 và 25-7" for "những ngày nào"), then any form.
    // A figure: the sentence printing it nearest the clause's words (the earliest on ties), the lead's article
    // first.
    if (ask.type === 'number') {
      let best: { span: string; sentence: ScoredSentence; near: number } | null = null;
      const home = order.filter((s) => s.chunk.meta.articleId === lead.chunk.meta.articleId);
      const away = order.filter((s) => s.chunk.meta.articleId !== lead.chunk.meta.articleId);
      for (const s of [...home, ...away]) {
        if (best && s.chunk.meta.articleId !== lead.chunk.meta.articleId && best.sentence.chunk.meta.articleId === lead.chunk.meta.articleId) break;
        const span = spanFor(ask, s.text, plan.question, taken);
        const near = span ? spanNearness(ask, span, s.text) : -1;
        if (span && (!best || near > best.near)) best = { span, sentence: s, near };
      }
      // With several asks, a bare figure printed near none of its clause's words is another clause's (or nobody's).
      const bare = ask.countedNoun === null && !ask.percent;
      if (best && !(asks.length > 1 && bare && best.near <= 0)) direct.push({ ask, span: best.span, sentence: best.sentence, near: best.near });
      continue;
    }
    search: for (const strict of [true, false]) {
      for (const s of order) {
        const span = spanFor(ask, s.text, plan.question, taken, strict);
        if (span) {
          direct.push({ ask, span, sentence: s });
          break search;
        }
      }
    }
  }
  // A sure direct answer for every ask is proved by the sentences holding it; else the best sentences are quoted
  // (after those holding the direct answer).
  const sure = direct.length > 0 && direct.length === asks.length && direct.every(
      (d) => (sureAsk(d.ask) && (d.ask.type !== 'number' || (d.near ?? 0) > 0)) || (d.ask.type === 'number' && anchored(d.span, d.sentence.text, d.ask.clause)),
    );
  // A sentence that is itself the direct answer (a short clause) is not quoted again under it.
  const whole = (d: { span: string; sentence: ScoredSentence }) => d.span.replace(/[.…!?\s]+$/u, '') === d.sentence.text.replace(/[.…!?\s]+$/u, '');
  const holding = [...new Set(direct.filter((d) => !whole(d)).map((d) => d.sentence))];
  const quoted = sure && direct.length > 0 ? holding : [...holding, ...kept.filter((s) => !holding.includes(s) && !direct.some((d) => d.sentence === s && whole(d)))].slice(0, Math.max(tuning.select.max, holding.length));
  const citations = new CitationSet();
  const used: Chunk[] = [];
  const articlesUsed = [...new Set(quoted.map((s) => s.chunk.meta.articleId))];
  const lines: string[] = [
    ...(figureMissing ? [m.figureMissing] : []),
    articlesUsed.length === 1 ? articleFrame(retriever, articlesUsed[0]!, m) : m.accordingTo,
  ];
  if (direct.length > 0) lines.unshift(direct.map((d) => `${d.span} [${citations.cite(d.sentence.chunk, d.sentence.text)}]`).join('; '));
  for (const s of quoted) {
    const n = citations.cite(s.chunk, s.text);
    if (!used.includes(s.chunk)) used.push(s.chunk);
    const where = articlesUsed.length > 1 && s.chunk.meta.unitLabel ? `(${s.chunk.meta.unitLabel}) ` : '';
    // A long sentence holding the direct answer is quoted by its clauses that hold it (the citation keeps it whole).
    const spans = direct.filter((d) => d.sentence === s).map((d) => d.span);
    lines.push(`${where}«${spans.length > 0 ? excerpt(s.text, spans) : s.text}» [${n}]`);
  }
  // "… là bí thư quận nào?": the unit comes from the event card; quote the sentence it was read from.
  const article = retriever.articles.get(lead.chunk.meta.articleId);
  if (asksUnit(plan) && article?.card.unit) {
    const d = article.card.unit;
    const chunk = retriever.chunkForSentence(article.id, d.sentence);
    if (chunk) {
      const n = citations.cite(chunk, d.sentence);
      if (!used.includes(chunk)) used.push(chunk);
      // The unit is the answer: it leads, unless a direct answer does.
      const line = `${m.unitLabel}: ${d.value.label}. [${n}]`;
      if (direct.length === 0) lines.unshift(line);
      else lines.push(line);
    }
  }
  return { text: lines.join('\n'), citations, used, intent: 'fact' };
}
