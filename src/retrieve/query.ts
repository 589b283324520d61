/**
 * Question understanding: language, intent, filters (district, meeting number, term) and query terms.
 * Pure; no index access.
 *
 * Contracts:
 * - District, meeting number ("lần thứ 8", "hoi nghi lan thu 8", "8th meeting") and term ("nhiệm kỳ
 *   2020-2025", "khóa XII") named in the question become filters; their tokens are then not required
 *   again as content terms.
 * - English questions are detected by function words and translated term by term with a domain glossary,
 *   so keyword retrieval still sees Vietnamese terms ("party members" → "đảng viên").
 * - Abbreviations are expanded: Q8 / Q.8 → quận 8, BCH → ban chấp hành, UBND → ủy ban nhân dân, …
 */
import { findDistrictMentions } from '../text/districts.js';
import { fold, lowerText, normalizeText } from '../text/normalize.js';
import { ordinalWords } from '../text/numbers.js';
import { ENGLISH_STOPWORDS, EXACT_STOPWORDS, exactTokens, foldedTokens, FOLDED_STOPWORDS, syllables } from '../text/tokenize.js';
import type { District, Intent, Language } from '../types.js';

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
  /** Folded content syllables (no stopwords, no filter tokens) a passage should cover. */
  contentTerms: string[];
  /** Folded content bigrams ("ket_nap", "dang_vien"). */
  contentBigrams: string[];
  /** Accented content bigrams (accented questions only): stricter support checks. */
  exactContentBigrams: string[];
  /** Terms the support check requires: accented content unigrams for accented questions, else folded. */
  supportTerms: string[];
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

/** Function words that never form a compound (question words, particles), accented forms. */
const FUNCTION_EXACT: ReadonlySet<string> = new Set(
  ('ai gì nào sao bao nhiêu mấy đâu là của và các những một có không được đã đang sẽ thì mà để với trong tại cho ' +
    'đến từ về theo như này đó hay hoặc cũng rất nhất còn chỉ ở ra vào lên xuống thế ấy kia nhé ạ à ư hả vậy bị ' +
    'khi lúc nếu nên vì bởi do mỗi từng cái chiếc thuộc').split(' '),
);
/** Folded function words, only those that rarely fold together with a content syllable. */
const FUNCTION_FOLDED: ReadonlySet<string> = new Set(
  'ai gi nao sao bao nhieu may dau la cua va cac nhung mot khong duoc da se thi nhu nay hay hoac cung rat nhat con chi o khi luc neu nen vi boi moi tung thuoc'.split(' '),
);
/** A function word, whether typed with diacritics ("là") or without ("la"). */
export function isFunctionSyllable(s: string): boolean {
  return FUNCTION_EXACT.has(s) || (fold(s) === s && FUNCTION_FOLDED.has(s));
}

/** Keyword view a pair is looked up in: folded when typed without diacritics (it then matches any accents). */
export function pairView(pair: string): 'exact' | 'folded' {
  return fold(pair) === pair ? 'folded' : 'exact';
}

const CLAUSE_BREAK = /[.,;:!?()[\]"“”'‘’«»\n–—|-]+|\s-\s/u;

const WORD = /[\p{L}\p{M}]+|\d+(?:[.,]\d+)*/gu;

/** Clauses (lowercase syllables) and, per syllable, whether it was printed with a capital initial. */
function clausesOf(text: string): { clauses: string[][]; caps: boolean[][] } {
  const clauses: string[][] = [];
  const caps: boolean[][] = [];
  for (const part of text.split(CLAUSE_BREAK)) {
    const syl = syllables(part);
    if (syl.length === 0) continue;
    const printed = normalizeText(part).match(WORD) ?? [];
    clauses.push(syl);
    caps.push(
      printed.length === syl.length ? printed.map((w) => w[0] !== w[0]!.toLowerCase()) : syl.map(() => false),
    );
  }
  // The first word is capitalised because it starts the sentence, not because it is a name.
  if (caps[0]) caps[0][0] = false;
  return { clauses, caps };
}

/**
 * Replaces each span (found diacritic-insensitively) with " | ". Spans come from the folded question;
 * folding NFC Vietnamese keeps one character per character, so positions carry over.
 */
function cutSpans(text: string, spans: readonly string[]): string {
  let out = text;
  for (const span of spans) {
    const folded = fold(out);
    const at = folded.indexOf(fold(span));
    if (at < 0 || folded.length !== out.length) {
      out = out.replace(span, ' | ');
      continue;
    }
    out = `${out.slice(0, at)} | ${out.slice(at + span.length)}`;
  }
  return out;
}

/**
 * The folded words of a text, space-separated and padded with one space on each side ("Ai chủ trì?" →
 * " ai chu tri "), so a phrase test is `/ (chu tri|chair) /.test(foldedWords(q))`: whole words only.
 */
export function foldedWords(text: string): string {
  return ` ${fold(text).replace(/[^a-z0-9]+/g, ' ')} `;
}

/**
 * `foldedWords` for question-word patterns: in a question typed with diacritics only "mấy" folds to "may" ("máy
 * bay", "bộ máy" become "mxy"), so " may " means "how many" there; unaccented questions keep every "may".
 */
export function questionWords(text: string): string {
  if (fold(text) === text.toLowerCase()) return foldedWords(text);
  return foldedWords(
    text.replace(/(?<![\p{L}\p{M}])\p{L}{3}(?![\p{L}\p{M}])/gu, (w) => (fold(w.toLowerCase()) === 'may' && w.toLowerCase() !== 'mấy' ? 'mxy' : w)),
  );
}

/** "hôm nay", "tối nay", "ngày mai", "today", … → the day the question is about (local date), else null. */
export function liveDate(question: string, now: Date = new Date()): string | null {
  // "lúc bấy giờ" (= back then) folds like "bây giờ" (= now); "đến bây giờ", "cho tới hôm nay" span the past
  // up to now: neither asks about the present moment.
  // Unaccented "toi nay" stays "tối nay" (tonight).
  const lowered = ` ${lowerText(question).replace(/[^\p{L}\p{N}]+/gu, ' ')} `
    .replace(/ bấy giờ /g, ' ')
    .replace(/ (?:cho )?(?:đến|tới) (?:tận )?(?:bây giờ|hôm nay|nay) /g, ' ');
  const f = foldedWords(lowered)
    .replace(/ (?:cho )?den (?:tan )?(?:bay gio|hom nay|nay) /g, ' ')
    .replace(/ (?:cho )?toi (?:tan )?(?:bay gio|hom nay) /g, ' ')
    .replace(/ luc bay gio /g, ' ');
  let offset: number | null = null;
  if (/ (hom nay|toi nay|sang nay|chieu nay|trua nay|dem nay|bay gio|luc nay|today|tonight|right now) /.test(f)) offset = 0;
  else if (/ (ngay mai|sang mai|toi mai|chieu mai|tomorrow) /.test(f)) offset = 1;
  if (offset === null) return null;
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export type CardField = 'meetingDate' | 'meetingNumber' | 'congress' | 'term' | 'author' | 'openedBy' | 'concludedBy';

/** Whole-word regex for Vietnamese text (JS `\\b` is ASCII-only: it would match "kh" inside "khóa"). */
function word(pattern: string, flags = 'gu'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, flags);
}

/** Chat shorthand (administrative abbreviations are expanded by the tokenizer on both sides). */
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [word('ko|hok|khg|kh', 'giu'), 'không'],
  [word('dc|đc', 'giu'), 'được'],
  [word('bn', 'giu'), 'bao nhiêu'],
  [word('ntn', 'giu'), 'như thế nào'],
  [word('j', 'giu'), 'gì'],
  [word('sl', 'giu'), 'số lượng'],
];

/** English domain terms → Vietnamese (folded matching happens downstream, so accents are for display). */
const GLOSSARY: Array<[RegExp, string]> = [
  [/\bnew party members?\b|\badmitted\b|\badmit(s|ted)?\b|\brecruit(ed|s)?\b/g, 'kết nạp đảng viên'],
  [/\bparty members?\b|\bmembers? of the party\b/g, 'đảng viên'],
  [/\bbudget revenues?\b|\bstate budget\b|\brevenue\b/g, 'thu ngân sách'],
  [/\bbudget\b/g, 'ngân sách'],
  [/\bestimate\b/g, 'dự toán'],
  [/\bpublic investment\b/g, 'vốn đầu tư công'],
  [/\bdisburse(ment|d)?\b/g, 'giải ngân'],
  [/\binvestment\b|\binvested\b|\bcapital\b/g, 'vốn đầu tư'],
  [/\bbusiness(es)?\b|\benterprises?\b|\bcompanies\b|\bfirms?\b/g, 'doanh nghiệp'],
  [/\bregistered\b/g, 'đăng ký'],
  [/\bnewly established\b|\bestablished\b|\bfounded\b/g, 'thành lập mới'],
  [/\bpoor households?\b|\bpoverty\b/g, 'hộ nghèo'],
  [/\bnear[- ]poor\b/g, 'hộ cận nghèo'],
  [/\bgrowth\b/g, 'tăng trưởng'],
  [/\bproduction value\b|\boutput\b/g, 'giá trị sản xuất'],
  [/\bindustr(y|ial)\b/g, 'công nghiệp'],
  [/\btrade\b|\bcommerc(e|ial)\b/g, 'thương mại'],
  [/\bjobs?\b|\bemployment\b/g, 'việc làm'],
  [/\bcrimes?\b|\bcriminal\b/g, 'phạm pháp hình sự'],
  [/\bfires?\b/g, 'cháy'],
  [/\bdead\b|\bdeaths?\b|\bkilled\b|\bdied\b/g, 'người chết'],
  [/\bsecretary\b/g, 'bí thư'],
  [/\bvice[- ]chair(man|woman|person)?\b/g, 'phó chủ tịch'],
  [/\bchair(man|woman|person)\b/g, 'chủ tịch'],
  [/\bpeople'?s committee\b/g, 'ủy ban nhân dân'],
  [/\bpeople'?s council\b/g, 'hội đồng nhân dân'],
  [/\bstanding committee\b/g, 'ban thường vụ'],
  [/\binspection commission\b|\binspection committee\b/g, 'ủy ban kiểm tra'],
  [/\bdeputy secretary\b/g, 'phó bí thư'],
  [/\bfatherland front\b/g, 'mặt trận tổ quốc'],
  [/\bchaired\b|\bchairs?\b|\bpresided( over)?\b|\bled the meeting\b/g, 'chủ trì'],
  [/\battend(ed|ees?|ing)?\b|\bpresent at\b|\bwere present\b/g, 'dự'],
  [/\bdirect(ed|ion)?\b|\bguid(ed|ance)\b/g, 'chỉ đạo'],
  [/\bconference\b|\bmeeting\b|\bsession\b|\bplenum\b/g, 'hội nghị'],
  [/\bexecutive committee\b|\bcentral committee\b/g, 'ban chấp hành'],
  [/\bterm\b/g, 'nhiệm kỳ'],
  [/\bmid[- ]term\b/g, 'giữa nhiệm kỳ'],
  [/\bsummar(y|ise|ize)\b|\boverview\b/g, 'tóm tắt'],
  [/\bcovid(-19)?\b|\bpandemic\b|\bepidemic\b/g, 'covid dịch'],
  [/\bvaccinat(ion|ed|e)\b/g, 'tiêm chủng'],
  [/\bsatisf(ied|action)\b/g, 'hài lòng'],
  [/\bcultural spaces?\b/g, 'không gian văn hóa'],
  [/\bho chi minh\b/g, 'Hồ Chí Minh'],
  [/\bwards?\b/g, 'phường'],
  [/\bsocial security\b|\bsocial welfare\b/g, 'an sinh xã hội'],
  [/\bsecurity\b|\border\b/g, 'an ninh trật tự'],
  [/\btargets?\b|\bindicators?\b/g, 'chỉ tiêu'],
  [/\btasks?\b/g, 'nhiệm vụ'],
  [/\bsolutions?\b/g, 'giải pháp'],
  [/\bkhoa\b/g, 'khóa'],
  [/\bwhen\b|\bwhat date\b|\bwhich day\b/g, 'ngày'],
  [/\bhow many\b|\bhow much\b/g, 'bao nhiêu'],
  [/\bwho\b/g, 'ai'],
];

const EN_WORDS = new Set(
  'what who whom which when where why how many much the a an of in on at to for from by with is are was were did does do has have had and or about tell me please chaired chair attended attend district party committee meeting conference members budget revenue summarize summarise summary term'.split(
    ' ',
  ),
);
const VI_WORDS = new Set(
  'ai gi nao bao nhieu khong cua la duoc co va cac nhung thi sao con may khi nam ngay thang quan huyen hoi nghi chu tri dang vien ket nap tom tat nhiem ky lan thu dong chi bi thu ngan sach'.split(' '),
);

export function detectLanguage(question: string): Language {
  if (/[\u0300-\u036f]/.test(question.normalize('NFD')) || /[đĐ]/.test(question)) return 'vi';
  const words = question.toLowerCase().match(/[a-z]+/g) ?? [];
  let en = 0;
  let vi = 0;
  for (const w of words) {
    if (EN_WORDS.has(w)) en++;
    if (VI_WORDS.has(w)) vi++;
  }
  return en > vi ? 'en' : 'vi';
}

export function detectIntent(question: string): Intent {
  const f = foldedWords(question);
  if (/ (tom tat|tong ket|tong hop|summar\w*|overview|tong quan) /.test(f)) return 'summary';
  if (/ (chu tri|chair|chaired|chairs|chairing|presid(ed|es|ing)|dieu hanh hoi nghi) /.test(f)) return 'chair';
  if (
    / (ai du|ai da du|den du|tham du|du va chi dao|du hoi nghi|du buoi|attend\w*|present at|were present) /.test(f) ||
    // "những ai" asks for people of any kind ("Gandhi bị những ai phản đối?"): attendees only of a meeting.
    (/ (nhung ai|gom nhung ai|co nhung ai) /.test(f) && MEETING_CONTEXT.test(f)) ||
    (/ (ai|who) /.test(f) && / (chi dao hoi nghi|dai dien|directed|represent\w*) /.test(f))
  ) {
    return 'attendees';
  }
  return 'fact';
}

const ROMAN = /^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const ORDINAL_EN: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20,
};

/**
 * Words that make "lần thứ N" a meeting of a Party committee: "chiến tranh thế giới lần thứ nhất" and "tranh cử lần
 * thứ ba" are not meetings. A district named in the question counts too (`districtNamed`).
 */
const MEETING_CONTEXT = /\b(hoi nghi|hn|hop|ky hop|phien|ban chap hanh|bch|quan uy|huyen uy|dang bo|thanh uy)\b/;

function extractMeetingNumber(folded: string, districtNamed: boolean): { value: number; span: string } | null {
  const vi = /\b(?:hoi nghi|hn)?\s*(?:lan thu|lan|thu)\s+(\d{1,3})\b/.exec(folded);
  const meetingContext = districtNamed || MEETING_CONTEXT.test(folded);
  if (vi && /lan|hoi nghi/.test(vi[0]) && (meetingContext || /hoi nghi|hn/.test(vi[0]))) return { value: Number(vi[1]), span: vi[0] };
  // "lần thứ tám", "lan thu muoi hai": number words after "lần thứ" (text/numbers.ts).
  const words = /\b((?:hoi nghi|hn)?\s*lan thu)\s+([a-z]+)(?:\s+([a-z]+))?(?:\s+([a-z]+))?/.exec(folded);
  if (words && meetingContext) {
    const n = ordinalWords([words[2], words[3], words[4]].filter((w): w is string => w !== undefined));
    if (n) return { value: n.value, span: [words[1], words[2], words[3], words[4]].slice(0, n.used + 1).join(' ') };
  }
  const CONF = '(?:\\s+\\w+){0,2}\\s+(?:conference|meeting|session|plenum|plenary)';
  const en = new RegExp(`\\b(\\d{1,3})(?:st|nd|rd|th)(?=${CONF})`).exec(folded);
  if (en) return { value: Number(en[1]), span: en[0] };
  const word = new RegExp(
    `\\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)(?=${CONF})`,
  ).exec(folded);
  if (word) return { value: ORDINAL_EN[word[1]!]!, span: word[0] };
  const num = /\b(?:meeting|conference|session|plenum)\s+(?:no\.?|number|#)?\s*(\d{1,3})\b/.exec(folded);
  if (num) return { value: Number(num[1]), span: num[0] };
  return null;
}

/**
 * "nhiệm kỳ 2020-2025" → 2020-2025. A year range is a term only when the question speaks of a term
 * (nhiệm kỳ, khóa, term): "từ 1932-1940" in a general question is a period, not a filter.
 */
function extractTerm(text: string): { value: string; span: string } | null {
  const m = /((?:19|20)\d{2})\s*[-–—/]\s*((?:19|20)\d{2})/.exec(text);
  if (!m || !/\b(nhiem ky|khoa|term|tenure)\b/.test(fold(text))) return null;
  return { value: `${m[1]}-${m[2]}`, span: m[0] };
}

function extractCongress(text: string): { value: string; span: string } | null {
  const m = /\bkh(?:óa|oá|oa)\s+([IVXLC]+)\b/iu.exec(text);
  if (m && ROMAN.test(m[1]!.toUpperCase())) return { value: m[1]!.toUpperCase(), span: m[0] };
  return null;
}

/**
 * Expands abbreviations and (for English) glossary terms; keeps the original words too.
 * `added` is the Vietnamese text the glossary contributed (empty for Vietnamese questions).
 */
export function expandQuestion(
  question: string,
  language: Language,
): { text: string; added: string; addedTerms: string[]; leftover: string } {
  let text = normalizeText(question);
  for (const [re, rep] of ABBREVIATIONS) text = text.replace(re, rep);
  const added: string[] = [];
  let leftover = text.toLowerCase();
  if (language === 'en') {
    for (const [re, rep] of GLOSSARY) {
      re.lastIndex = 0;
      if (re.test(leftover)) {
        added.push(rep);
        re.lastIndex = 0;
        leftover = leftover.replace(re, ' ');
      }
    }
    text = `${text} ${added.join(' ')}`;
  }
  return { text, added: added.join(' '), addedTerms: added, leftover };
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

  // Content terms: the question minus filter spans, minus stopwords.
  // English: only the glossary's Vietnamese terms and the numbers can be matched against the articles.
  // English: glossary terms, plus the words the glossary did not translate (names match folded text;
  // untranslatable topic words such as "gold" lower the support, as they should).
  let rest = language === 'en' ? ` ${fold(added)} ${fold(leftover).replace(/'s\b/g, '')} ` : ` ${folded} `;
  for (const span of consumed) rest = rest.replace(fold(span), ' | ');
  if (language === 'en') rest = rest.replace(/\b\d{1,3}(st|nd|rd|th)\b/g, ' ');
  const restSyllables = syllables(rest);
  const isStop = (t: string) => FOLDED_STOPWORDS.has(t) || (language === 'en' && ENGLISH_STOPWORDS.has(t));
  const contentTerms = [...new Set(restSyllables.filter((s) => !isStop(s) && !/^\d/.test(s) && s.length > 1))];
  const requiredNumbers = [...new Set(restSyllables.filter((s) => /^\d/.test(s)))];
  // Adjacent syllables within a clause (never across a removed filter span), not both function words.
  const contentBigrams = foldedTokens(rest).filter((t) => {
    const parts = t.split('_');
    if (parts.length !== 2) return false;
    const [a, b] = parts as [string, string];
    if (/^\d/.test(a) || /^\d/.test(b)) return false;
    return !isStop(a) && !isStop(b);
  });

  const filterTokens = new Set(syllables(consumed.join(' ')).map((t) => fold(t)));
  const termWeights = new Map<string, number>();
  for (const t of foldedTokens(text)) {
    if (termWeights.has(t)) continue;
    const parts = t.split('_');
    let w: number;
    if (parts.every((p) => filterTokens.has(p))) w = 0;
    else if (parts.length === 2) {
      const stops = parts.filter((p) => isStop(p) || filterTokens.has(p)).length;
      w = stops === 0 ? 2 : stops === 1 ? 0.6 : 0.15;
    } else if (/^\d/.test(t)) w = requiredNumbers.includes(t) ? 1 : 0.3;
    else w = isStop(t) ? 0.1 : 1;
    termWeights.set(t, w);
  }

  const exactContentBigrams: string[] = [];
  if (language === 'vi' && fold(q) !== q.toLowerCase()) {
    let exactRest = text.toLowerCase();
    for (const span of consumed) exactRest = exactRest.replace(span.toLowerCase(), ' | ');
    for (const t of exactTokens(exactRest)) {
      const parts = t.split('_');
      if (parts.length !== 2 || parts.some((p) => /^\d/.test(p) || EXACT_STOPWORDS.has(p))) continue;
      exactContentBigrams.push(t);
    }
  }

  const accented = language === 'vi' && fold(q) !== q.toLowerCase();
  let supportTerms = contentTerms;
  if (accented) {
    let exactRest = text.toLowerCase();
    for (const span of consumed) exactRest = exactRest.replace(span.toLowerCase(), ' | ');
    supportTerms = [...new Set(syllables(exactRest).filter((t) => !/^\d/.test(t) && t.length > 1 && !isStop(fold(t)) && !EXACT_STOPWORDS.has(t)))];
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

  return {
    question: q,
    text,
    language,
    clauses,
    clauseCaps,
    untranslated,
    liveFrom: liveDate(q),
    supportTerms,
    exactContentBigrams: [...new Set(exactContentBigrams)],
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
    contentTerms,
    contentBigrams: [...new Set(contentBigrams)],
    exactTerms: exactTokens(text),
    foldedTerms: foldedTokens(text),
  };
}

/**
 * "bao nhiêu đảng viên" → "dang vien"; "mấy vụ cháy" → "vu chay"; "how many businesses" → null (English nouns do
 * not match); "bao nhiêu %" / "bao nhiêu phần trăm" → null (a percentage, not a count).
 */
function countedNoun(text: string): string | null {
  if (/\b(?:bao nhieu|may)\s*%/.test(fold(text))) return null;
  const m = /\b(?:bao nhieu|may)\s+([a-z]+)(?:\s+([a-z]+))?/.exec(questionWords(text));
  if (!m || m[1] === 'phan' || m[1] === 'ty') return null;
  const keep = (w: string | undefined) => w !== undefined && (!FOLDED_STOPWORDS.has(w) || w === 'nguoi' || w === 'vu');
  const words = [m[1], m[2]].filter(keep) as string[];
  return words.length > 0 ? words.join(' ') : null;
}

function cardField(folded: string): CardField | null {
  const f = foldedWords(folded);
  if (/ (ai viet|tac gia|nguoi viet|who wrote|author|phong vien) /.test(f)) return 'author';
  if (/ (ai|who) .*(ket luan|concluded|closing)/.test(f)) return 'concludedBy';
  if (/ (ai|who) .*(khai mac|opened|opening)/.test(f)) return 'openedBy';
  const aboutMeeting = / (hoi nghi|hop|meeting|conference|session|plenum|ban chap hanh|bch) /.test(f);
  if (aboutMeeting && / (lan thu may|lan may|hoi nghi thu may|which (conference|meeting|session)|what number) /.test(f)) return 'meetingNumber';
  if (/ (khoa may|khoa nao|khoa thu may|which congress) /.test(f)) return 'congress';
  if (/ (nhiem ky nao|nhiem ky may|which term|what term) /.test(f)) return 'term';
  if (/ (hoi nghi|hop|meeting|conference|dien ra|to chuc)\b.*\b(ngay nao|khi nao|hom nao|luc nao|bao gio|when|what date|ngay may) /.test(f) ||
      / (ngay nao|khi nao|hom nao|when|what date) .*(hoi nghi|hop|meeting|conference)/.test(f)) {
    return 'meetingDate';
  }
  return null;
}

const FOLLOW_UP = /^(c[oò]n|v[aà]|th[eế] c[oò]n|what about|and|how about)\b|th[iì] sao\??$|th[eế] n[aà]o\??$|\?$/iu;

/**
 * Rewrites a follow-up into a standalone question using the previous (resolved) question.
 * - "còn quận 8 thì sao?" after "Quận 12 kết nạp bao nhiêu đảng viên?" → "quận 8 kết nạp bao nhiêu đảng viên?"
 * - "ai chủ trì?" after a question about a meeting → "ai chủ trì? (Quận 8, hội nghị lần thứ 8)"
 * Returns the question unchanged when it is standalone or there is no history.
 */
export function resolveFollowUp(question: string, history: readonly string[] = []): string {
  const q = normalizeText(question).trim();
  const previous = history.at(-1);
  if (!previous) return q;
  const prev = normalizeText(previous);
  const mentions = findDistrictMentions(q);
  const prevMentions = findDistrictMentions(prev);
  const words = syllables(q).length;
  const foldedQ = fold(q);
  const isShortFollowUp = words <= 8 && (FOLLOW_UP.test(q) || /^(con|va|the con)\b|thi sao\??$/.test(foldedQ));

  if (mentions.length > 0 && prevMentions.length > 0) {
    // Same question about another district: only when the new question is mostly the district.
    const rest = foldedQ
      .replace(fold(mentions[0]!.matched), ' ')
      .replace(/\b(con|thi sao|the nao|va|what about|how about|and)\b/g, ' ')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    if (rest.split(' ').filter(Boolean).length <= 2 && isShortFollowUp) {
      const first = prevMentions[0]!;
      const swapped = prev.slice(0, first.index) + mentions[0]!.matched + prev.slice(first.index + first.length);
      // Meeting numbers belong to one district's committee: drop them when the district changes.
      return swapped
        .replace(/\s*\b(?:lần thứ|lần|lan thu|lan)\s+\d{1,3}\b/giu, '')
        .replace(/\s*\b\d{1,3}(?:st|nd|rd|th)\b/gi, '')
        .replace(/\s{2,}/g, ' ');
    }
    return q;
  }
  if (mentions.length === 0 && prevMentions.length > 0 && words <= 8) {
    const folded = fold(prev);
    const meeting = extractMeetingNumber(folded, true);
    const context = [prevMentions[0]!.district.name, meeting ? `hội nghị lần thứ ${meeting.value}` : null].filter(Boolean).join(', ');
    return `${q} (${context})`;
  }
  return q;
}
