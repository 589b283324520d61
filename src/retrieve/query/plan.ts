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
 *   so keyword retrieval still sees Vietnamese terms ("party members" → "đảng viên").
 * - Abbreviations are expanded: Q8 / Q.8 → quận 8, BCH → ban chấp hành, UBND → ủy ban nhân dân, …
 */
import { nationalGazetteer, type Gazetteer, type GazetteerMention } from '../../text/gazetteer.js';
import { fold, normalizeText } from '../../text/normalize.js';
import { canonicalProvince } from '../../text/units.js';
import { ENGLISH_STOPWORDS, exactTokens, foldedTokens, FOLDED_STOPWORDS, syllables } from '../../text/tokenize.js';
import type { AskRequest, Intent, Language, Unit } from '../../types.js';
import { TERM_WEIGHT } from '../tuning.js';
import { extractKhoa, extractMeetingNumber, extractMeetingYear, extractTerm, type MeetingFilter } from './filters.js';
import { expandAbbreviations, expandQuestion } from './glossary.js';
import { figureValue, statedFigure, type StatedFigure } from './check.js';
import { collectionAsk, latestSpan, smallTalk, type CollectionAsk, type SmallTalk } from './collection.js';
import { compareAsk, type CompareAsk } from './compare.js';
import { cardField, countedNoun, detectIntent, type CardField } from './intent.js';
import { detectLanguage } from './language.js';
import { liveDate } from './live-date.js';
import { clausesOf, cutFirst, cutSpans } from './words.js';

export interface QueryPlan {
  /** The question as asked (trimmed, NFC). */
  question: string;
  /** The text used for retrieval: abbreviations expanded, English glossary terms added. */
  text: string;
  language: Language;
  intent: Intent;
  /** True when the user typed Vietnamese diacritics. */
  accented: boolean;
  /** Units the question names: every unit each mention may name (gazetteer.ts). */
  units: Unit[];
  /** Each unit mention as understood ("huyện Cần Giờ", name "Cần Giờ"); `known` is false when the gazetteer knows no such unit. */
  unitMentions: Array<{ label: string; name: string; known: boolean }>;
  /** "lần thứ 8" (a conference's), "Đại hội … lần thứ XXIV" (a congress's), or either. */
  meeting: MeetingFilter | null;
  /** "2020-2025". */
  term: string | null;
  /** The khóa, a Roman numeral, e.g. "XII". */
  khoa: string | null;
  /** The year the meeting asked about was held ("Đại hội … năm 2010"), or null. */
  year: number | null;
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
   * Provinces printed right after a known unit to say which one is meant ("phường Bình Thạnh (TPHCM)", "xã Hòa Hội,
   * TP HCM"), as printed. They stay in the question's terms; as support they count when an article prints them and
   * never against it (support.ts: a report rarely repeats its unit's province).
   */
  qualifiers: string[];
  /**
   * The question asks about the present moment ("hôm nay", "tối nay", "ngày mai", "today", "tonight"):
   * live information a news archive cannot hold, answerable only from an article dated on or after that
   * day (the date, "YYYY-MM-DD", local time). Null otherwise.
   */
  liveFrom: string | null;
  /** A question about the collection of meetings (the latest, how many, which), or null (collection.ts). */
  collection: CollectionAsk | null;
  /** The question is about the newest meeting of its scope ("hội nghị gần đây nhất"): the scope keeps only it. */
  latest: boolean;
  /** A greeting or thanks with no question, or null. */
  smallTalk: SmallTalk | null;
  /**
   * Units the question coordinates ("Quận 8 và Quận 11", "quận 1, quận 3 and quận 5"): each mention's units, in
   * order; null unless two or more known mentions are joined only by ",", "và", "and", "với", "hoặc", "or", "&".
   */
  parts: Unit[][] | null;
  /** A yes/no check of a stated figure ("… kết nạp 600 đảng viên đúng không?"); its number is then not required. */
  check: StatedFigure | null;
  /**
   * One figure compared across units ("Quận nào kết nạp nhiều đảng viên nhất?", "so sánh thu ngân sách các quận"),
   * answered from the cards' figure rows (compare.ts); coordinated units are then compared, not answered each.
   */
  compare: CompareAsk | null;
}

/** What may join coordinated unit mentions. */
const COORDINATION = /^\s*(?:,|và|va|and|với|voi|hoặc|hoac|or|&)?\s*(?:,|và|va|and|với|voi|hoặc|hoac|or|&)\s*$/iu;

/** A mention's name without its kind word ("tỉnh Manitoba" → "Manitoba"). */
function mentionName(m: Pick<GazetteerMention, 'kind' | 'label'>): string {
  return m.kind && m.label.toLowerCase().startsWith(`${m.kind} `) ? m.label.slice(m.kind.length + 1) : m.label;
}

/** What may follow a unit's name to say its province: "(TPHCM)", ", Hà Nội", " - tỉnh Đồng Nai". */
const QUALIFIER_RE = /^\s*(?:\(\s*([^()]{2,40}?)\s*\)|[,–—-]\s*((?:[^\s,.;:?!()]+\s*){1,4}))/u;
/** Words a province's printed name has at most, with its kind word ("thành phố Hồ Chí Minh"). */
const PROVINCE_WORDS_MAX = 4;

/** The province printed right after a unit mention ending at `end`, as printed ("TPHCM", "TP HCM"), or null. */
function provinceQualifier(text: string, end: number): string | null {
  const m = QUALIFIER_RE.exec(text.slice(end, end + 80));
  if (!m) return null;
  if (m[1] !== undefined) return canonicalProvince(m[1]) ? m[1] : null;
  const words = m[2]!.trim().split(/\s+/);
  for (let k = Math.min(PROVINCE_WORDS_MAX, words.length); k >= 1; k--) {
    const name = words.slice(0, k).join(' ');
    if (canonicalProvince(name)) return name;
  }
  return null;
}

export function planQuery(question: string, gazetteer: Gazetteer = nationalGazetteer()): QueryPlan {
  const q = normalizeText(question).trim();
  const language = detectLanguage(q);
  const expanded = expandAbbreviations(q);
  const mentions = gazetteer.find(expanded);

  const { text, added, addedTerms, leftover } = expandQuestion(q, language, mentions.map((m) => m.matched));
  const intent = detectIntent(text);
  const folded = fold(text);

  const units: Unit[] = [];
  const unitMentions: QueryPlan['unitMentions'] = [];
  const consumed: string[] = [];
  const qualifiers: string[] = [];
  for (const m of mentions) {
    for (const u of m.units) if (!units.some((x) => x.id === u.id)) units.push(u);
    unitMentions.push({ label: m.label, name: mentionName(m), known: m.units.length > 0 });
    // A known unit is the filter's; an unknown place's name stays content (its articles must print it).
    if (m.units.length > 0) consumed.push(m.matched);
    const province = m.units.length > 0 ? provinceQualifier(expanded, m.index + m.length) : null;
    if (province) qualifiers.push(province);
  }
  const coordinated =
    mentions.length >= 2 &&
    mentions.every((m) => m.units.length > 0) &&
    mentions.slice(1).every((m, i) => COORDINATION.test(expanded.slice(mentions[i]!.index + mentions[i]!.length, m.index)));
  const meeting = extractMeetingNumber(folded, unitMentions.length > 0);
  if (meeting) consumed.push(meeting.span);
  const term = extractTerm(text);
  if (term) consumed.push(term.span);
  const khoa = extractKhoa(text);
  if (khoa) consumed.push(khoa.span);
  const year = extractMeetingYear(folded, term !== null);
  if (year) consumed.push(year.span);
  const latest = latestSpan(q);
  if (latest) consumed.push(latest);

  // The question minus filter spans. English: glossary terms plus the words the glossary did not translate
  // (names match folded text; untranslatable topic words such as "gold" lower the support, as they should).
  let rest = language === 'en' ? ` ${fold(added)} ${fold(leftover).replace(/'s\b/g, '')} ` : ` ${folded} `;
  rest = cutFirst(rest, consumed.map((span) => fold(span)));
  if (language === 'en') rest = rest.replace(/\b\d{1,3}(st|nd|rd|th)\b/g, ' ');
  const restSyllables = syllables(rest);
  const isStop = (t: string) => FOLDED_STOPWORDS.has(t) || (language === 'en' && ENGLISH_STOPWORDS.has(t));
  let requiredNumbers = [...new Set(restSyllables.filter((s) => /^\d/.test(s)))];
  // A checked figure is what the answer reads, not what its article must print.
  const check = statedFigure(q, requiredNumbers);
  if (check) requiredNumbers = requiredNumbers.filter((n) => figureValue(n) !== figureValue(check.value));

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
    const left = cutSpans(` ${fold(leftover).replace(/'s\b/g, '')} `, consumed);
    const glossary = addedTerms.map((t) => clausesOf(t));
    const words = syllables(left).filter((w) => !ENGLISH_STOPWORDS.has(w) && !/^\d/.test(w));
    clauses = [...glossary.flatMap((g) => g.clauses), ...words.map((w) => [w])];
    clauseCaps = [...glossary.flatMap((g) => g.caps), ...words.map(() => [false])];
    untranslated = words;
  } else {
    ({ clauses, caps: clauseCaps } = clausesOf(cutSpans(text, consumed)));
  }

  const field = cardField(folded);
  const asked = intent === 'summary' ? null : collectionAsk(q);
  // "Hội nghị gần nhất diễn ra ngày nào?" / "Ai chủ trì hội nghị gần nhất?" ask a field of the latest meeting.
  const collection = asked && (asked.kind !== 'latest' || (field === null && intent === 'fact')) ? asked : null;
  const talk = smallTalk(q);
  const compare = collection || talk ? null : compareAsk(q, language === 'en' ? cutFirst(` ${fold(added)} `, consumed.map((span) => fold(span))) : cutSpans(text, consumed));
  return {
    question: q,
    text,
    language: talk?.english ? 'en' : language,
    collection,
    latest: latest !== null,
    smallTalk: talk,
    check,
    compare,
    parts: coordinated ? mentions.map((m) => m.units) : null,
    clauses,
    clauseCaps,
    untranslated,
    qualifiers,
    liveFrom: liveDate(q),
    termWeights,
    countedNoun: countedNoun(text),
    cardField: field,
    intent,
    accented: language === 'vi' && fold(q) !== q.toLowerCase(),
    units,
    unitMentions,
    meeting,
    term: term?.value ?? null,
    khoa: khoa?.value ?? null,
    year: year?.value ?? null,
    requiredNumbers,
    exactTerms: exactTokens(text),
    foldedTerms: foldedTokens(text),
  };
}


/**
 * The plan of a command's request (/tomtat <unit>): its intent and unit are given, not read from a sentence. The
 * unit as typed is resolved as a whole by the gazetteer ("quan 8", "Q.8", "Binh Tan"); its words are the retrieval text that orders
 * the unit's articles. A unit it cannot resolve is an unknown mention (the answerer offers the closest ones).
 */
export function planRequest(request: AskRequest, gazetteer: Gazetteer = nationalGazetteer()): QueryPlan {
  const mention = gazetteer.resolve(request.unit);
  const base = planQuery(request.unit, gazetteer);
  return {
    ...base,
    question: normalizeText(request.text).trim(),
    language: request.language ?? 'vi',
    intent: request.intent,
    // A unit the gazetteer cannot resolve is an unknown mention (the answerer offers the closest covered units).
    ...(mention
      ? { units: mention.units, unitMentions: [{ label: mention.label, name: mentionName(mention), known: mention.units.length > 0 }] }
      : request.unit.trim()
        ? { units: [], unitMentions: [{ label: request.unit.trim(), name: request.unit.trim(), known: false }] }
        : {}),
    cardField: null,
    liveFrom: null,
    collection: null,
    latest: false,
    smallTalk: null,
    check: null,
    compare: null,
    parts: null,
  };
}
