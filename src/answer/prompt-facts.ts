/**
 * The structured facts an LLM answer prompt carries beside its passages: the event card of each article the
 * passages come from (unit, event and number, meeting date, publication date, chairs, term, khóa; guests for an
 * attendee question) and, for a figure question, the figure rows of those articles that match the question
 * (ingest/figures.ts: printed figure, indicator, period, unit of government). Pure.
 *
 * Contracts:
 * - Everything listed is citable to a passage: each fact ends with the number(s) of the passage(s) printing the
 *   sentence it was read from ([n]); a fact whose sentence is in no prompt passage brings that sentence's chunk in as
 *   a new passage (at most `maxExtraPassages`), else it is left out. The title, the meeting date and the unit are
 *   also printed in every passage's header, so they cite the article's first passage when their sentence is absent.
 * - Each passage of an article whose publication date is not its chunk's date gets `published` (verify.ts: index
 *   metadata, evidence like the header), so the publication date is citable too.
 * - Facts of at most `maxArticles` articles (in passage order); at most `maxFigureRows` figure rows, the rows sharing
 *   most content syllables with the question first (a row must share one, and hold the noun a "bao nhiêu X" counts).
 * - Values are written as the index holds them (dates dd/mm/yyyy, names and titles as printed); text from articles
 *   cannot open or close the facts or passage delimiters (defused like passages).
 */
import { ANSWER_MESSAGES, displayDate } from '../messages/answer.js';
import type { QueryPlan } from '../retrieve/query/plan.js';
import { foldedWords } from '../retrieve/query/words.js';
import { fold } from '../text/normalize.js';
import { FOLDED_STOPWORDS } from '../text/tokenize.js';
import type { Chunk, Figure, StoredArticle } from '../types.js';
import { CARD_FRAME, MEETING_FRAME } from './strategies/common.js';
import type { Passage } from './verify.js';

/** Where the cards and figure rows come from (the retriever). */
export interface CardSource {
  readonly articles: ReadonlyMap<string, StoredArticle>;
  /** The chunk of an article holding a sentence (the best overlap when none holds it verbatim). */
  chunkForSentence(articleId: string, sentence: string): Chunk | null;
}

export interface PromptFactsInput {
  /** The prompt's passages, numbered 1..k. */
  passages: Passage[];
  plan: QueryPlan;
  cards: CardSource;
  maxArticles?: number;
  maxExtraPassages?: number;
  maxFigureRows?: number;
}

export interface PromptFacts {
  /** The passages, with `published` set and any chunk a fact needed appended (numbered on). */
  passages: Passage[];
  /** The facts block of the prompt (`NO_FACTS` when there is none). */
  text: string;
  /** How many card facts and figure rows were listed. */
  cardFacts: number;
  figureRows: number;
}

export const NO_FACTS = '(none)';

/** Question syllables that only ask for a figure, never name one. */
const FIGURE_ASK = new Set('bao nhieu may how many much what which so luong ty le phan tram con so dat duoc la'.split(' '));
/** "bao nhiêu", "how many", "tỷ lệ", "%": the question asks for a figure. */
const ASKS_FIGURE = / (?:bao nhieu|how (?:many|much)|ty le|ti le|phan tram|percentage|so luong) |%/;

/** The question asks for a figure (a count, an amount, a share, a check or comparison of one). */
export function asksFigure(plan: QueryPlan): boolean {
  return plan.countedNoun !== null || plan.check !== null || plan.compare !== null || ASKS_FIGURE.test(foldedWords(plan.question));
}

/** Text from an article cannot open or close a delimiter of the prompt. */
export function defuse(text: string): string {
  return text.replace(/<(\s*\/?\s*(?:passage|facts))/gi, '‹$1');
}

/** Folded syllables of the question that can name a figure's indicator. */
function questionSyllables(plan: QueryPlan): Set<string> {
  const out = new Set<string>();
  for (const w of plan.clauses.flat()) {
    for (const s of fold(w.toLowerCase()).split(/[^a-z0-9]+/)) {
      if (s && !/^\d/.test(s) && !FOLDED_STOPWORDS.has(s) && !FIGURE_ASK.has(s) && !CARD_FRAME.has(s) && !MEETING_FRAME.has(s)) out.add(s);
    }
  }
  return out;
}

function rowSyllables(row: Figure): Set<string> {
  return new Set(`${row.indicator} ${fold(row.measure).toLowerCase()}`.split(/[^a-z0-9]+/).filter(Boolean));
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const citeMarks = (ns: number[]) => [...new Set(ns)].map((n) => `[${n}]`).join('');

export function promptFacts(input: PromptFactsInput): PromptFacts {
  const { plan, cards } = input;
  const maxArticles = input.maxArticles ?? 3;
  const maxExtra = input.maxExtraPassages ?? 3;
  const maxRows = input.maxFigureRows ?? 8;
  const passages: Passage[] = input.passages.map((p) => ({ ...p }));
  let extra = 0;

  const articleIds: string[] = [];
  for (const p of passages) if (!articleIds.includes(p.chunk.meta.articleId)) articleIds.push(p.chunk.meta.articleId);
  for (const p of passages) {
    const published = cards.articles.get(p.chunk.meta.articleId)?.publishedAt;
    if (published && published !== p.chunk.meta.date) p.published = published;
  }

  /**
   * The passage printing `sentence` of an article, or null. `inHeader`: the value is printed in every passage's
   * header too (title, unit, meeting date), so the article's first passage serves when no passage holds the sentence.
   */
  const passageFor = (article: StoredArticle, sentence: string, inHeader: boolean): number | null => {
    const own = passages.find((p) => p.chunk.meta.articleId === article.id && sentence !== '' && p.chunk.text.includes(sentence));
    if (own) return own.n;
    const first = passages.find((p) => p.chunk.meta.articleId === article.id);
    if (inHeader && first) return first.n;
    const chunk = sentence ? cards.chunkForSentence(article.id, sentence) : null;
    if (!chunk || !chunk.text.includes(sentence)) return null;
    const known = passages.find((p) => p.chunk.id === chunk.id);
    if (known) return known.n;
    if (extra === maxExtra) return null;
    extra++;
    const n = passages.length + 1;
    passages.push({ n, chunk, ...(article.publishedAt && article.publishedAt !== chunk.meta.date ? { published: article.publishedAt } : {}) });
    return n;
  };

  const vi = ANSWER_MESSAGES.vi;
  const blocks: string[] = [];
  let cardFacts = 0;
  for (const id of articleIds.slice(0, maxArticles)) {
    const article = cards.articles.get(id);
    if (!article) continue;
    const card = article.card;
    const lines: string[] = [];
    const add = (label: string, value: string, sentence: string, inHeader = false) => {
      const n = passageFor(article, sentence, inHeader);
      if (n === null || !value.trim()) return;
      lines.push(`- ${label}: ${squash(value)} [${n}]`);
      cardFacts++;
    };
    const header = passages.find((p) => p.chunk.meta.articleId === id)?.chunk.meta;
    if (card.unit) add('unit', `${card.unit.value.label}${card.unit.value.province ? ` (${card.unit.value.province})` : ''}`, card.unit.sentence, header?.unitLabel === card.unit.value.label);
    const number = card.event.value === 'congress' ? card.congressNumber : card.event.value === 'conference' ? card.meetingNumber : null;
    add('event', vi.meetingItem(card.event.value, number?.value ?? null, null), number?.sentence ?? card.event.sentence);
    if (card.meetingDate) {
      const last = card.meetingEndDate ? ` – ${displayDate(card.meetingEndDate.value)}` : '';
      add('meeting date', `${displayDate(card.meetingDate.value)}${last}`, card.meetingDate.sentence, header?.date === card.meetingDate.value && !last);
    }
    if (article.publishedAt && passages.some((p) => p.chunk.meta.articleId === id)) {
      const n = passages.find((p) => p.chunk.meta.articleId === id)!.n;
      lines.push(`- published: ${displayDate(article.publishedAt)} [${n}]`);
      cardFacts++;
    }
    for (const chair of card.chairs) add('chaired by', `${chair.value.name}${chair.value.role ? ` (${chair.value.role})` : ''}`, chair.sentence);
    if (plan.intent === 'attendees') {
      for (const guest of card.attendees.slice(0, 8)) {
        add(guest.value.directs ? 'attended and directed' : 'attended', `${guest.value.name}${guest.value.role ? ` (${guest.value.role})` : ''}`, guest.sentence);
      }
    }
    if (card.khoa) add('khóa', card.khoa.value, card.khoa.sentence);
    if (card.term) add('term (nhiệm kỳ)', card.term.value, card.term.sentence);
    if (lines.length > 0) blocks.push([`Article "${squash(article.title)}" (source="${id}"):`, ...lines].join('\n'));
  }

  let figureRows = 0;
  if (asksFigure(plan)) {
    const wanted = questionSyllables(plan);
    const noun = plan.countedNoun ?? plan.check?.noun ?? null;
    const nounSyllables = noun && noun !== '%' ? fold(noun).toLowerCase().split(/[^a-z0-9]+/).filter(Boolean) : [];
    const rows: Array<{ article: StoredArticle; row: Figure; score: number; order: number }> = [];
    let order = 0;
    for (const id of articleIds) {
      const article = cards.articles.get(id);
      for (const row of article?.card.figures ?? []) {
        const words = rowSyllables(row);
        const score = [...wanted].filter((w) => words.has(w)).length;
        if (score === 0 || nounSyllables.some((s) => !words.has(s))) continue;
        rows.push({ article: article!, row, score, order: order++ });
      }
    }
    rows.sort((a, b) => b.score - a.score || a.order - b.order);
    const lines: string[] = [];
    for (const { article, row } of rows) {
      if (lines.length === maxRows) break;
      const n = passageFor(article, row.sentence, false);
      if (n === null) continue;
      const ns = [n];
      let period = row.period ?? 'not stated';
      if (row.period && row.periodSentence) {
        // The period was read from another sentence (else the title): cite it too, or leave the period out.
        const m = passageFor(article, row.periodSentence, row.periodSentence === article.title);
        if (m === null) period = 'not stated in these passages';
        else ns.push(m);
      }
      const unit = article.card.unit?.value.label ?? 'not stated';
      lines.push(`- "${squash(row.text)}" — indicator: ${row.indicator} — period: ${period} — unit: ${unit} ${citeMarks(ns)}`);
    }
    figureRows = lines.length;
    if (lines.length > 0) blocks.push(['Figures matching the question (figure as printed — indicator, unaccented — period — unit of government):', ...lines].join('\n'));
  }

  const text = blocks.length > 0 ? defuse(blocks.join('\n\n')) : NO_FACTS;
  return { passages, text, cardFacts, figureRows };
}
