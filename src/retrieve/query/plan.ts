/**
 * A question's plan: what retrieval and the answerer need to know about it (language, intent, filters, terms).
 * Pure; no index access. Each job lives in its own file of this folder: language.ts, glossary.ts (shorthand and
 * English terms), intent.ts, filters.ts (meeting number, term, congress), live-date.ts, follow-up.ts.
 *
 * Contracts:
 * - District, meeting number ("lần thứ 8", "hoi nghi lan thu 8", "8th meeting") and term ("nhiệm kỳ
 *   2020-2025", "khóa XII") named in the question become filters; their tokens are then not required
 *   again as content terms.
 * - English questions are detected by function words and translated term by term with a domain glossary,
 *   so keyword retrieval still sees Vietnamese terms ("party members" → "đảng viên"). Their untranslated words
 *   are content one by one, except that a run of capitalised words is one name clause ("Kiến An": a pair the
 *   corpus lacks weighs as an unknown concept; in parentheses, a qualifier the article may leave out), and that
 *   ordinals ("18th") and month names are no content.
 * - Abbreviations are expanded: Q8 / Q.8 → quận 8, BCH → ban chấp hành, UBND → ủy ban nhân dân, …
 */
import { findDistrictMentions, resolveDistrict } from '../../text/districts.js';
import { fold, normalizeText } from '../../text/normalize.js';
import { ENGLISH_STOPWORDS, exactTokens, foldedTokens, FOLDED_STOPWORDS, syllables } from '../../text/tokenize.js';
import type { AskRequest, District, Intent, Language } from '../../types.js';
import { TERM_WEIGHT } from '../tuning.js';
import { extractCongress, extractMeetingNumber, extractTerm } from './filters.js';
import { expandQuestion } from './glossary.js';
import { cardField, countedNoun, detectIntent, type CardField } from './intent.js';
import { detectLanguage } from './language.js';
import { liveDate } from './live-date.js';
import { clausesOf, cutSpans } from './words.js';

export interface QueryPlan {
  /** The question as asked (trimmed, NFC). */
  question: string;
  /** The text used for retrieval: abbreviations expanded, English glossary terms added. */
  text: string;
  language: Language;
  intent: Intent;
  /** True when the user typed Vietnamese diacritics. */
  accented: boolean;
  districts: District[];
  meetingNumber: number | null;
  /** "2020-2025". */
  term: string | null;
  /** Roman numeral, e.g. "XII". */
  congress: string | null;
  /** Numbers the answer's article must contain (those not consumed by filters). */
  requiredNumbers: string[];
  exactTerms: string[];
  foldedTerms: string[];
  /** Folded term → weight for sentence scoring (content > function words; filter tokens 0). */
  termWeights: Map<string, number>;
  /** The noun a "bao nhiêu X" / "mấy X" / "how many X" question counts, folded ("dang vien"), or null. */
  countedNoun: string | null;
  /** An event-card field the question asks for directly, or null. */
  cardField: CardField | null;
  /**
   * Syllable runs of the question without its filter spans, split at clause punctuation, lowercase and
   * spelled as typed (a pair typed without diacritics is looked up folded: see pairView). English: each
   * glossary term (Vietnamese) is a clause, each untranslated word a clause of its own. Input to compound
   * segmentation (compounds.ts).
   */
  clauses: string[][];
  /** Per syllable of `clauses`: printed with a capital initial (unknown → false, e.g. expanded abbreviations). */
  clauseCaps: boolean[][];
  /** English questions: the words the glossary did not translate (they can only match names). */
  untranslated: string[];
  /**
   * The question asks about the present moment ("hôm nay", "tối nay", "ngày mai", "today", "tonight"):
   * live information a news archive cannot hold, answerable only from an article dated on or after that
   * day (the date, "YYYY-MM-DD", local time). Null otherwise.
   */
  liveFrom: string | null;
}

/** English ordinals ("18th", "1st"): a meeting number, read by the filters, never a required number. */
const ORDINAL_RE = /\b\d{1,3}(?:st|nd|rd|th)\b/g;
/** English month names: a date's month, which articles print as a number ("12-8"), never a content word. */
const MONTH_RE = /\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/g;
/** Capitalised English words that end a run of name syllables ("Party", "District", "The"); "An" may be a name. */
const MIN_BREAKING_STOPWORD = 3;

interface NameRun {
  /** Folded syllables. */
  syllables: string[];
  /** Printed in parentheses: a qualifier ("Thanh Hà district (Hải Dương)") an article may leave out. */
  qualifier: boolean;
}

/**
 * Runs of two or more capitalised words in an English question, folded: Vietnamese names ("Bình Giã", "Kiến An",
 * "Thanh Hà") kept together so they count as one compound, whose absence from the corpus weighs as a whole.
 */
function nameRuns(question: string): NameRun[] {
  const runs: NameRun[] = [];
  let run: string[] = [];
  let depth = 0;
  const flush = () => {
    if (run.length >= 2) runs.push({ syllables: run, qualifier: depth > 0 });
    run = [];
  };
  const re = /[\p{L}\p{M}]+|[^\p{L}\p{M}]+/gu;
  for (let m = re.exec(question); m; m = re.exec(question)) {
    const w = m[0];
    if (!/\p{L}/u.test(w)) {
      if (/^[ \t\u00a0]+$/.test(w)) continue;
      flush();
      for (const c of w) depth += c === '(' ? 1 : c === ')' && depth > 0 ? -1 : 0;
      continue;
    }
    const lower = w.toLowerCase();
    const capitalised = w[0] !== w[0]!.toLowerCase();
    if (!capitalised || (lower.length >= MIN_BREAKING_STOPWORD && ENGLISH_STOPWORDS.has(fold(lower)))) flush();
    else run.push(fold(lower));
  }
  flush();
  return runs;
}

/**
 * The untranslated words of an English question as clauses: a name run is one clause whose pair may be unknown to
 * the corpus (caps false), except a parenthesised qualifier (caps true: never unknown); other content words one each.
 */
function untranslatedClauses(words: readonly string[], names: readonly NameRun[]): Array<{ syllables: string[]; caps: boolean }> {
  const out: Array<{ syllables: string[]; caps: boolean }> = [];
  for (let i = 0; i < words.length; ) {
    const run = names.find((r) => r.syllables.every((s, k) => words[i + k] === s));
    if (run) {
      out.push({ syllables: [...run.syllables], caps: run.qualifier });
      i += run.syllables.length;
      continue;
    }
    const w = words[i++]!;
    if (!ENGLISH_STOPWORDS.has(w) && !/^\d/.test(w)) out.push({ syllables: [w], caps: false });
  }
  return out;
}

export function planQuery(question: string): QueryPlan {
  const q = normalizeText(question).trim();
  const language = detectLanguage(q);
  const { text, added, addedTerms, leftover } = expandQuestion(q, language);
  const intent = detectIntent(text);
  const folded = fold(text);

  const districts: District[] = [];
  const consumed: string[] = [];
  for (const m of findDistrictMentions(text)) {
    if (!districts.some((d) => d.id === m.district.id)) districts.push(m.district);
    consumed.push(m.matched);
  }
  const meeting = extractMeetingNumber(folded, districts.length > 0);
  if (meeting) consumed.push(meeting.span);
  const term = extractTerm(text);
  if (term) consumed.push(term.span);
  const congress = extractCongress(text);
  if (congress) consumed.push(congress.span);

  // The question minus filter spans. English: glossary terms plus the words the glossary did not translate
  // (names match folded text; untranslatable topic words such as "gold" lower the support, as they should).
  let rest = language === 'en' ? ` ${fold(added)} ${fold(leftover).replace(/'s\b/g, '')} ` : ` ${folded} `;
  for (const span of consumed) rest = rest.replace(fold(span), ' | ');
  if (language === 'en') rest = rest.replace(ORDINAL_RE, ' ');
  const restSyllables = syllables(rest);
  const isStop = (t: string) => FOLDED_STOPWORDS.has(t) || (language === 'en' && ENGLISH_STOPWORDS.has(t));
  const requiredNumbers = [...new Set(restSyllables.filter((s) => /^\d/.test(s)))];

  const filterTokens = new Set(syllables(consumed.join(' ')).map((t) => fold(t)));
  const termWeights = new Map<string, number>();
  for (const t of foldedTokens(text)) {
    if (termWeights.has(t)) continue;
    const parts = t.split('_');
    let w: number;
    if (parts.every((p) => filterTokens.has(p))) w = 0;
    else if (parts.length === 2) {
      const stops = parts.filter((p) => isStop(p) || filterTokens.has(p)).length;
      w = stops === 0 ? TERM_WEIGHT.pair : stops === 1 ? TERM_WEIGHT.pairOneStop : TERM_WEIGHT.pairTwoStops;
    } else if (/^\d/.test(t)) w = requiredNumbers.includes(t) ? TERM_WEIGHT.number : TERM_WEIGHT.filterNumber;
    else w = isStop(t) ? TERM_WEIGHT.stopword : TERM_WEIGHT.syllable;
    termWeights.set(t, w);
  }

  let clauses: string[][];
  let clauseCaps: boolean[][];
  let untranslated: string[] = [];
  if (language === 'en') {
    const left = cutSpans(` ${fold(leftover).replace(/'s\b/g, '').replace(ORDINAL_RE, ' ').replace(MONTH_RE, ' ')} `, consumed);
    const glossary = addedTerms.map((t) => clausesOf(t));
    const words = untranslatedClauses(syllables(left), nameRuns(q));
    clauses = [...glossary.flatMap((g) => g.clauses), ...words.map((w) => w.syllables)];
    clauseCaps = [...glossary.flatMap((g) => g.caps), ...words.map((w) => w.syllables.map(() => w.caps))];
    untranslated = words.flatMap((w) => w.syllables);
  } else {
    ({ clauses, caps: clauseCaps } = clausesOf(cutSpans(text, consumed)));
  }

  return {
    question: q,
    text,
    language,
    clauses,
    clauseCaps,
    untranslated,
    liveFrom: liveDate(q),
    termWeights,
    countedNoun: countedNoun(text),
    cardField: cardField(folded),
    intent,
    accented: language === 'vi' && fold(q) !== q.toLowerCase(),
    districts,
    meetingNumber: meeting?.value ?? null,
    term: term?.value ?? null,
    congress: congress?.value ?? null,
    requiredNumbers,
    exactTerms: exactTokens(text),
    foldedTerms: foldedTokens(text),
  };
}


/**
 * The plan of a command's request (/tomtat <unit>): its intent and unit are given, not read from a sentence. The
 * unit as typed is resolved as a whole ("quan 8", "Q.8", "Binh Tan"); its words are the retrieval text that orders
 * the unit's articles. An unknown unit leaves `districts` empty (the answerer asks which one).
 */
export function planRequest(request: AskRequest): QueryPlan {
  const unit = resolveDistrict(request.unit);
  const base = planQuery(request.unit);
  return {
    ...base,
    question: normalizeText(request.text).trim(),
    language: request.language ?? 'vi',
    intent: request.intent,
    districts: unit ? [unit] : base.districts,
    cardField: null,
    liveFrom: null,
  };
}
