/**
 * Fact questions: the best supporting sentences of the retrieved passages, quoted and cited.
 *
 * Contracts:
 * - Sentences are scored (sentences.ts) with the question's support units as terms (numbers at half weight).
 *   The best-scored sentence among the first tuning.leadCandidates whose passage and article pass the support
 *   check leads (passage share ≥ minSupport.passage, article share ≥ minSupport.article, scoped or unscoped, and
 *   every number of the question in the article); none → null (the answerer refuses). Other sentences must pass
 *   the same check and score no higher than the lead; they are chosen by MMR.
 * - A district-scoped question about who holds a title ("bí thư Quận 1 là ai") never leads with a sentence whose
 *   every title is held below the district ("Bí thư phường …").
 * - A "bao nhiêu X" question counting things (not a measure: money, time, size) within a filter's scope, none of
 *   whose supported sentences puts a number before X, starts with `figureMissing` before the closest sentences.
 * - "… là bí thư quận nào?": the district line comes from the lead article's card, citing its sentence.
 */
import { foldedWords } from '../../retrieve/query/words.js';
import type { QueryPlan } from '../../retrieve/query/plan.js';
import { fold } from '../../text/normalize.js';
import type { Chunk } from '../../types.js';
import { CitationSet } from '../citations.js';
import { answerType, DISTRICT_TITLES, scoreSentences, selectSentences, type ScoredSentence } from '../sentences.js';
import { articleFrame, type Drafted, type StrategyInput } from './common.js';

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
  const supportedChunk = new Map<string, boolean>();
  const isSupported = (chunk: Chunk): boolean => {
    const cached = supportedChunk.get(chunk.id);
    if (cached !== undefined) return cached;
    let ok = evidence.passageShare(plan, labelOf.get(chunk.id)!) >= tuning.minSupport.passage[level];
    if (ok) {
      const article = evidence.articleSupport(plan, chunk.meta.articleId);
      ok = article.share >= tuning.minSupport.article[level] && article.numbers;
    }
    supportedChunk.set(chunk.id, ok);
    return ok;
  };
  const roleLevel = districtRoleQuestion(plan);
  const eligible = (s: ScoredSentence) => !roleLevel || !onlyLowerLevelRoles(s.text);
  const lead = scored.slice(0, tuning.leadCandidates).find((s) => s.coverage > 0 && eligible(s) && isSupported(s.chunk));
  if (!lead) return null;
  // The lead comes first; other sentences must pass the same support check (every sentence that outscored
  // the lead failed it) and are picked by MMR.
  const kept = selectSentences(
    [lead, ...scored.filter((s) => s !== lead && s.score <= lead.score && eligible(s) && isSupported(s.chunk))],
    tuning.select,
  );
  const citations = new CitationSet();
  const used: Chunk[] = [];
  const articlesUsed = [...new Set(kept.map((s) => s.chunk.meta.articleId))];
  // Only within a filter's scope (a district's articles): there the article is known and the count is its to state.
  const countable = retrieval.scope !== null && type === 'number' && plan.countedNoun !== null && !UNCOUNTED.test(plan.countedNoun);
  const figureMissing = countable && !scored.some((s) => s.counts && isSupported(s.chunk));
  const lines: string[] = [
    ...(figureMissing ? [m.figureMissing] : []),
    articlesUsed.length === 1 ? articleFrame(retriever, articlesUsed[0]!, m) : m.accordingTo,
  ];
  for (const s of kept) {
    const n = citations.cite(s.chunk, s.text);
    if (!used.includes(s.chunk)) used.push(s.chunk);
    const where = articlesUsed.length > 1 && s.chunk.meta.districtName ? `(${s.chunk.meta.districtName}) ` : '';
    lines.push(`• ${where}${s.text} [${n}]`);
  }
  // "… là bí thư quận nào?": the district comes from the event card; quote the sentence it was read from.
  const article = retriever.articles.get(lead.chunk.meta.articleId);
  if (asksDistrict(plan) && article?.card.district) {
    const d = article.card.district;
    const chunk = retriever.chunkForSentence(article.id, d.sentence);
    if (chunk) {
      const n = citations.cite(chunk, d.sentence);
      if (!used.includes(chunk)) used.push(chunk);
      lines.push(`${m.districtLabel}: ${d.value.name}. [${n}]`);
    }
  }
  return { text: lines.join('\n'), citations, used, intent: 'fact' };
}
