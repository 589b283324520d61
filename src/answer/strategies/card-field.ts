/**
 * A question asking for one event-card field ("diễn ra ngày nào?", "lần thứ mấy?", "khóa mấy?", "ai viết?"),
 * answered from the card with the sentence it was read from.
 *
 * Contracts:
 * - The article is the first in reach (hits, then the scope) whose card has the field; without filters only the
 *   top retrieved article's card is trusted, and the question's non-frame content must be in the article.
 * - A scope read from text (no card of the asked unit; retrieval.printedUnit) uses no card of another unit; a meeting
 *   number is then read from the first hit sentence printing the asked unit's meeting with its number
 *   (printedMeetingNumber).
 * - 'absent' when the question is scoped (district, meeting…) and none of those articles states a field the card
 *   always records when printed (khóa, nhiệm kỳ, lần thứ: ALWAYS_RECORDED); openers, concluders and authors are
 *   recorded only in some cases, so their absence gives null (the fact strategy answers).
 * - A meeting date comes from a card whose event is the one asked ("Đại hội … diễn ra ngày nào": a congress card, never a
 *   rehearsal's or a preview's); a date asked of one session ("phiên trù bị", "bế mạc") only from a card whose date
 *   sentence names it, and the days of a meeting ("những ngày nào", "mấy ngày") only from a card holding a range; else
 *   the fact strategy answers.
 * - A meeting date with a last day ("diễn ra những ngày nào", "mấy ngày") is shown as the range with its day count,
 *   quoting the sentence of each end. The publication date cites the article's opening passage and shows the page's
 *   stamp as printed (the stamp is not a report sentence, so no passage holds it).
 */
import { displayDate } from '../../messages/answer.js';
import type { CardField } from '../../retrieve/query/intent.js';
import { cardField as cardFieldOf } from '../../retrieve/query/intent.js';
import { foldedWords } from '../../retrieve/query/words.js';
import { asksOf, printedDate, printedOrdinal } from '../spans.js';
import { splitSentences } from '../../text/sentences.js';
import type { Person, StoredArticle } from '../../types.js';
import { articleFrame, articleOrder, cardCiter, cardSupported, personText, type Drafted, type StrategyInput } from './common.js';

/** One session of a meeting, folded: its date is not the meeting's first day. */
const SESSION_RE = / (?:phien (?:hop )?)?(tru bi|be mac|(?:phien|ngay lam viec|ngay) thu (?:hai|ba|2|3)|closing session|preparatory session) /;

/** A question asking for the days a meeting took, folded. */
const DAYS_RE = / (nhung ngay nao|cac ngay nao|tu ngay nao|may ngay|bao nhieu ngay|how many days|which days|what days) /;

/** The event a date question names: "đại hội" → congress, "hội nghị" → conference, else null (any). */
function askedEvent(plan: StrategyInput['plan']): 'congress' | 'conference' | null {
  if (plan.meeting?.kind) return plan.meeting.kind;
  const f = foldedWords(plan.text);
  const congress = / (dai hoi|congress) /.test(f);
  const conference = / (hoi nghi|conference|plenum) /.test(f);
  return congress === conference ? null : congress ? 'congress' : 'conference';
}

const ALWAYS_RECORDED: ReadonlySet<CardField> = new Set(['khoa', 'term', 'meetingNumber', 'congressNumber']);

/**
 * A meeting number read from the text where no card of the asked unit holds one (a scope read from text): the first
 * hit sentence printing a meeting of the asked unit with its number ("… Đại hội đại biểu Đảng bộ quận Đồ Sơn lần thứ
 * 26"), cited; null when none does.
 */
function printedMeetingNumber(input: StrategyInput): Drafted | null {
  const { retriever, plan, retrieval, messages: m } = input;
  const field = plan.cardField!;
  const noun = field === 'congressNumber' ? 'dai hoi' : 'hoi nghi';
  for (const unit of plan.units) {
    const named = new RegExp(` ${noun}(?: [a-z]+){0,5} ${foldedWords(unit.label).trim()} lan thu `);
    for (const hit of retrieval.hits) {
      for (const sentence of splitSentences(hit.chunk.text)) {
        if (!named.test(foldedWords(sentence))) continue;
        const at = sentence.toLowerCase().indexOf(unit.label.toLowerCase());
        const ordinal = at >= 0 ? printedOrdinal('lan thu', sentence.slice(at)) : null;
        if (!ordinal) continue;
        const { citations, used, cite } = cardCiter(retriever, hit.chunk.meta.articleId);
        const n = cite(sentence);
        if (n === null) continue;
        const frame = articleFrame(retriever, hit.chunk.meta.articleId, m, true);
        return { text: [`${m.fieldLabel[field]}: ${ordinal} [${n}].`, frame, `«${sentence}» [${n}]`].join('\n'), citations, used, intent: 'fact' };
      }
    }
  }
  return null;
}

export function answerCardField(input: StrategyInput): Drafted | 'absent' | null {
  const { retriever, plan, retrieval, messages: m } = input;
  const field = plan.cardField;
  if (!field) return null;
  // A date asked of one session ("phiên trù bị", "bế mạc") is the card's only when its sentence names that session;
  // else the fact strategy reads it.
  const session = field === 'meetingDate' ? SESSION_RE.exec(foldedWords(plan.text))?.[1] : undefined;
  // "diễn ra những ngày nào", "mấy ngày": only a card holding a range of days answers it; else the fact strategy
  // looks for the sentence that prints the days ("… diễn ra vào ngày 26, 27 và 28 tháng 8").
  const days = field === 'meetingDate' && DAYS_RE.test(foldedWords(plan.text));
  // The card's date is its article's event's: a congress date is not read from a rehearsal or preview report.
  const asked = field === 'meetingDate' ? askedEvent(plan) : null;
  // A scope read from text may hold reports of other units (a ward's report naming its district): their cards are
  // theirs, not the asked unit's.
  const ownCard = (a: StoredArticle) => !retrieval.printedUnit || a.card.unit === null || plan.units.some((u) => u.id === a.card.unit!.value.id);
  const article = articleOrder(retriever, retrieval.hits, retrieval.scope).find(
    (a) =>
      ownCard(a) &&
      a.card[field] !== null &&
      (asked === null || a.card.event.value === asked) &&
      (session === undefined || foldedWords(a.card.meetingDate?.sentence ?? '').includes(` ${session} `)) &&
      (!days || a.card.meetingEndDate !== null),
  );
  if (!article && (session !== undefined || days)) return null;
  if (!article && retrieval.printedUnit && (field === 'meetingNumber' || field === 'congressNumber')) {
    const printed = printedMeetingNumber(input);
    if (printed) return printed;
  }
  if (!article) return retrieval.scope !== null && ALWAYS_RECORDED.has(field) ? 'absent' : null;
  if (retrieval.scope === null && retrieval.hits[0]?.chunk.meta.articleId !== article.id) return null;
  if (!cardSupported(input, article.id)) return null;
  const value = article.card[field]!;
  const { citations, used, cite } = cardCiter(retriever, article.id);
  // The value leads; the frame names the article (not the date again when the date is the answer).
  const frame = articleFrame(retriever, article.id, m, field !== 'meetingDate');
  if (field === 'publishedAt') {
    // The stamp is page furniture, not a report sentence: the answer cites the article's opening passage and shows
    // the stamp as printed.
    const opening = retriever.chunksOf(article.id)[0];
    const first = opening ? splitSentences(opening.text)[0] : undefined;
    if (!opening || !first) return null;
    const n = citations.cite(opening, first);
    used.push(opening);
    const stamp = value.sentence !== value.value ? [m.printedStamp(value.sentence)] : [];
    return { text: [`${m.fieldLabel.publishedAt}: ${displayDate(String(value.value))}. [${n}]`, frame, ...stamp].join('\n'), citations, used, intent: 'fact' };
  }
  const n = cite(value.sentence);
  if (n === null) return null;
  // A session's date is its day alone, not the meeting's range.
  const end = field === 'meetingDate' && session === undefined ? article.card.meetingEndDate : null;
  if (field === 'meetingDate') {
    // The date as the article prints it ("16, 17-7-2020", "Sáng 4/6"), when the print holds the card's day; the
    // year is added when the print leaves it out, and a range's day count.
    const first = String(value.value);
    const days = end ? Math.round((Date.parse(end.value) - Date.parse(first)) / 86_400_000) + 1 : null;
    const nEnd = end && end.sentence !== value.sentence ? cite(end.sentence) : null;
    const endMark = nEnd !== null && nEnd !== n ? ` [${nEnd}]` : '';
    const holds = (printed: string | null, iso: string) => printed !== null && new RegExp(`(?<!\\d)0?${Number(iso.slice(8, 10))}(?!\\d)`).test(printed);
    const startPrint = printedDate(value.sentence);
    const endPrint = end ? (end.sentence === value.sentence ? startPrint : printedDate(end.sentence)) : null;
    let shownDate: string;
    // One print holding both ends ("22 đến 24-7-2020") is the range; else the two prints joined.
    const whole = end ? [startPrint, endPrint].find((p) => holds(p, first) && holds(p, end.value)) : undefined;
    if (whole || (holds(startPrint, first) && (!end || holds(endPrint, end.value)))) {
      const printed = whole ?? (end && end.sentence !== value.sentence ? `${startPrint} – ${endPrint}` : startPrint!);
      shownDate = m.printedDate(printed, /\d{4}/.test(printed) ? null : first.slice(0, 4), days);
    } else {
      shownDate = end ? m.dateRange(displayDate(first)!, displayDate(end.value)!, days!) : displayDate(first)!;
    }
    const lines = [`${m.fieldLabel.meetingDate}: ${shownDate}. [${n}]${endMark}`, frame, `«${value.sentence}» [${n}]`];
    if (end && nEnd !== null) lines.push(`«${end.sentence}» [${nEnd}]`);
    return { text: lines.join('\n'), citations, used, intent: 'fact' };
  }
  // Other fields the question asks in the same breath ("khóa mấy, nhiệm kỳ nào?"), when the card has them.
  // A term is named by its khóa and its years together ("khóa XII, nhiệm kỳ 2020-2025"): one asked, both shown.
  const pair: CardField[] = field === 'khoa' ? ['term'] : field === 'term' ? ['khoa'] : [];
  const more = [...new Set([...asksOf(plan.question).map((a) => cardFieldOf(a.clause)), ...pair])].filter(
    (f): f is CardField => f !== null && f !== field && f !== 'publishedAt' && f !== 'meetingDate' && article.card[f] !== null,
  );
  const parts = [field, ...more].map((f) => {
    const s = article.card[f]!;
    const k = f === field ? n : cite(s.sentence);
    return `${m.fieldLabel[f]}: ${shownValue(f, s.value, s.sentence)}${k === null ? '' : ` [${k}]`}`;
  });
  const quoted = [...new Set([field, ...more].map((f) => article.card[f]!.sentence))];
  const lines = [`${parts.join('; ')}.`, frame, ...quoted.map((q) => `«${q}» [${cite(q)}]`)];
  return { text: lines.join('\n'), citations, used, intent: 'fact' };

  /** A card value as shown: a meeting number as printed when the article prints it otherwise ("lần thứ mười bốn (14)"). */
  function shownValue(f: CardField, v: unknown, sentence: string): string {
    if (f === 'meetingNumber' || f === 'congressNumber') {
      const plain = m.meetingNumberValue(Number(v));
      const printed = printedOrdinal('lan thu', sentence);
      return printed && !printed.endsWith(` ${Number(v)}`) ? `${printed} (${Number(v)})` : plain;
    }
    return typeof v === 'object' && v !== null && 'name' in v ? personText(v as Person) : String(v);
  }
}
