/**
 * What every answer strategy receives and returns, and the helpers they share. A strategy reads the index only
 * through the retriever (the retrieval port) and writes only through its result.
 */
import type { AnswerMessages } from '../../messages/answer.js';
import { displayDate } from '../../messages/answer.js';
import type { QueryPlan } from '../../retrieve/query/plan.js';
import type { RetrievalResult, Retriever } from '../../retrieve/retriever.js';
import type { Chunk, Hit, Intent, NamedPerson, Person, StoredArticle } from '../../types.js';
import { hostOf } from '../../text/host.js';
import { fold } from '../../text/normalize.js';
import { CitationSet } from '../citations.js';
import { answerType } from '../sentences.js';
import type { AnswerTuning } from '../tuning.js';

export interface StrategyInput {
  retriever: Retriever;
  plan: QueryPlan;
  retrieval: RetrievalResult;
  tuning: AnswerTuning;
  messages: AnswerMessages;
}

/** An answer a strategy drafted: text with [n] markers, its citations, the chunks it used, the people it named. */
export interface Drafted {
  text: string;
  citations: CitationSet;
  used: Chunk[];
  intent?: Intent;
  people?: NamedPerson[];
}

export function personText(p: Person): string {
  return p.role ? `${p.name} (${p.role})` : p.name;
}

/** Articles of the hits in order, then the rest of the scope. */
export function articleOrder(retriever: Retriever, hits: Hit[], scope: Set<string> | null): StoredArticle[] {
  const ids: string[] = [];
  for (const h of hits) if (!ids.includes(h.chunk.meta.articleId)) ids.push(h.chunk.meta.articleId);
  if (scope) for (const id of scope) if (!ids.includes(id)) ids.push(id);
  return ids.map((id) => retriever.articles.get(id)).filter((a): a is StoredArticle => a !== undefined);
}

/** "Theo bài viết về Quận 8 (Hội nghị lần thứ 8, ngày 12/07/2022):" (without the date when the answer states it). */
export function articleFrame(retriever: Retriever, articleId: string, messages: AnswerMessages, withDate = true): string {
  const a = retriever.articles.get(articleId);
  if (!a) return messages.accordingTo;
  const date = withDate ? displayDate(a.card.meetingDate?.value ?? a.publishedAt) : null;
  return messages.articleFrame(a.card.unit?.value.label ?? null, meetingName(a, messages), date);
}

/** The article's meeting as a heading names it ("Hội nghị lần thứ 8", "Đại hội lần thứ XII"), or null. */
export function meetingName(a: StoredArticle, messages: AnswerMessages): string | null {
  const c = a.card;
  if (c.event.value === 'congress' && c.congressNumber) return messages.meetingItem('congress', c.congressNumber.value, null);
  if (c.event.value === 'conference' && c.meetingNumber) return messages.meetingItem('conference', c.meetingNumber.value, null);
  return null;
}

/** Folded syllables that name a meeting or its committee: in a scoped question the filter already stands for them. */
export const MEETING_FRAME: ReadonlySet<string> = new Set(
  'dai hoi nghi dang bo uy ban chap hanh bch phien ky hop lan thu khoa nhiem quan huyen phuong xa thi tran thanh pho tinh'.split(' '),
);

/**
 * Folded qualifiers a report prints right after the meeting noun to say what kind of meeting it was ("Đại hội điểm":
 * the pilot congress; "Hội nghị … bất thường", "mở rộng", "trực tuyến"): in a question they name the meeting, like
 * MEETING_FRAME, and a sentence reporting a figure of that meeting need not repeat them.
 */
const MEETING_QUALIFIERS = ['diem', 'bat thuong', 'mo rong', 'truc tuyen'];
const QUALIFIED_MEETING = new RegExp(`\\b(?:dai hoi|hoi nghi) (${MEETING_QUALIFIERS.join('|')})\\b`, 'g');

/**
 * MEETING_FRAME plus the qualifiers the question prints after a meeting noun ("Đại hội điểm Đảng bộ phường X …":
 * "diem"), folded; MEETING_FRAME itself when there are none.
 */
export function meetingFrameOf(question: string): ReadonlySet<string> {
  const folded = fold(question).toLowerCase().replace(/[^a-z0-9]+/g, ' ');
  const found = [...folded.matchAll(QUALIFIED_MEETING)].flatMap((m) => m[1]!.split(' '));
  return found.length === 0 ? MEETING_FRAME : new Set([...MEETING_FRAME, ...found]);
}

/** Words that only say what kind of card answer is wanted ("chủ trì", "dự", "khóa", "ai viết"), folded. */
/** Syllables of "giữ chức vụ gì" frames: they ask for a person's title, which answers print with the name. */
export const ROLE_FRAME_SYLLABLES: ReadonlySet<string> = new Set('giu chuc vu danh cuong vi dam nhiem nam'.split(' '));

export const CARD_FRAME: ReadonlySet<string> = new Set(
  'chu tri du den tham chi dao dai dien khoa nhiem ky viet bai tac gia ket luan khai mac phat bieu chair attend opened concluded wrote author'.split(' '),
);

/** Words of a publication-date question ("đăng", "đưa tin", "ghi ngày"): "dang" also folds "đảng", so only there. */
const PUBLISHED_FRAME: readonly string[] = 'dang ghi dua tin xuat ban published posted'.split(' ');

/** CARD_FRAME and the role frame: a card answer states each person's title. */
const ROLE_CARD_FRAME: ReadonlySet<string> = new Set([...CARD_FRAME, ...ROLE_FRAME_SYLLABLES]);

/**
 * Article-level support for card answers (a role question's frame words left out too): the non-frame content of the question (minSupport.article.scoped of
 * it, scoped or not; scoped, the words naming the meeting are frame too) and its numbers are in the article.
 */
export function cardSupported(input: StrategyInput, articleId: string): boolean {
  const frame = input.retrieval.scope !== null ? meetingFrameOf(input.plan.question) : undefined;
  const article = input.retriever.articles.get(articleId);
  const outlet = article ? outletWords(input.plan.question, article) : [];
  const published = input.plan.cardField === 'publishedAt' ? PUBLISHED_FRAME : [];
  const base = answerType(input.plan) === 'role' ? ROLE_CARD_FRAME : CARD_FRAME;
  const exclude = outlet.length + published.length > 0 ? new Set([...base, ...outlet, ...published]) : base;
  return input.retriever.evidence.articleSupports(input.plan, articleId, input.tuning.minSupport.article.scoped, exclude, frame);
}

/** Outlets' shortest names worth matching (shorter runs match anything). */
const OUTLET_MIN_LETTERS = 3;

/**
 * The question's folded syllables that name the article's outlet, which the article does not print: a source
 * phrase ("theo bài phỏng vấn VOH", "bài của Người Làm Báo", "HTV đưa tin") whose name is the article's outlet, or
 * the outlet is unknown (a text file without its address); and any run of up to four syllables whose letters, joined,
 * are the outlet's tag ("(VOH) -") or the first label of its web address ("nguoilambao.vn"). A source phrase naming
 * another outlet gives nothing (the article is not that outlet's).
 */
export function outletWords(question: string, article: StoredArticle): string[] {
  const keys = outletKeys(article);
  const named = (name: string) => keys.length === 0 || keys.some((k) => k === squash(name) || k.startsWith(squash(name)));
  const out: string[] = [];
  for (const m of question.matchAll(OUTLET_PHRASE_RE)) {
    if (named(m[1] ?? m[2]!)) out.push(...foldedWordsOf(m[0]));
  }
  const words = foldedWordsOf(question);
  for (let i = 0; i < words.length; i++) {
    for (let j = Math.min(words.length, i + 4); j > i; j--) {
      const run = words.slice(i, j).join('');
      if (run.length >= OUTLET_MIN_LETTERS && keys.some((k) => k === run || (j - i > 1 && k.startsWith(run)))) {
        out.push(...words.slice(i, j));
        break;
      }
    }
  }
  return out;
}

/**
 * The outlets a question names as its source ("theo bài phỏng vấn VOH", "bài của Người Làm Báo", "HTV đưa tin"),
 * squashed as outlet names are matched; empty when it names none.
 */
export function sourceNames(question: string): string[] {
  return [...question.matchAll(OUTLET_PHRASE_RE)].map((m) => squash(m[1] ?? m[2]!)).filter((n) => n.length >= OUTLET_MIN_LETTERS);
}

/** Whether the article's known outlet (its tag or the first label of its address) is one of `names` (sourceNames). */
export function fromOutlet(article: StoredArticle, names: readonly string[]): boolean {
  return outletKeys(article).some((k) => names.some((name) => k === name || k.startsWith(name)));
}

/** The article's outlet as names are matched: its tag ("VOH") and the first label of its address, squashed. */
function outletKeys(article: StoredArticle): string[] {
  return [article.card.sourceSite?.value, article.url ? hostLabel(article.url) : null]
    .filter((k): k is string => !!k)
    .map((k) => squash(k))
    .filter((k) => k.length >= OUTLET_MIN_LETTERS);
}

const foldedWordsOf = (text: string) => fold(text.toLowerCase()).split(/[^a-z0-9]+/).filter(Boolean);
const squash = (name: string) => fold(name.toLowerCase()).replace(/[^a-z0-9]/g, '');

/** "bài của Người Làm Báo", "theo bài phỏng vấn VOH", "trên báo Tuổi Trẻ" (name: group 1); "HTV đưa tin" (group 2). */
const OUTLET_PHRASE_RE =
  /(?<![\p{L}])(?:(?:[Bb]ài|[Tt]in)\s+(?:của|trên)|[Tt]heo(?:\s+(?:bài|tin))?(?:\s+phỏng\s+vấn)?|[Tt]rên|[Bb]áo|[Đđ]ài)\s+(?:báo\s+|trang\s+|đài\s+)?(\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,3})|(?<![\p{L}])(\p{Lu}{2,}(?:\.\p{L}+)?)\s+(?:đưa\s+tin|đăng)/gu;

/** "https://www.nguoilambao.vn/x" → "nguoilambao"; null when not a web address. */
const hostLabel = (url: string): string | null => hostOf(url)?.split('.')[0] ?? null;

/** A fresh citation set plus a `cite` that numbers a card value's sentence within its article's chunks. */
export function cardCiter(retriever: Retriever, articleId: string): {
  citations: CitationSet;
  used: Chunk[];
  /** Numbers a sentence of the article (or of `other`, an article reporting the same meeting). */
  cite: (sentence: string, other?: string) => number | null;
} {
  const citations = new CitationSet();
  const used: Chunk[] = [];
  return {
    citations,
    used,
    cite(sentence, other) {
      const chunk = retriever.chunkForSentence(other ?? articleId, sentence);
      if (!chunk) return null;
      if (!used.includes(chunk)) used.push(chunk);
      return citations.cite(chunk, sentence);
    },
  };
}
