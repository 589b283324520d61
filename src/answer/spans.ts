/**
 * Answer typing: what a question asks for (one ask per question word: "gồm bao nhiêu người, bao nhiêu người vào
 * Ban thường vụ?" asks two counts) and the span of a sentence that answers each ask ("41 người", "13 người",
 * "Nguyễn Văn Việt", "16, 17-7-2020", "cảng Trường Thọ").
 *
 * Contracts:
 * - Pure functions of the question and one sentence; a span is a verbatim substring of the sentence, never a value
 *   already printed in the question nor one already `taken` by an earlier ask, and null when the sentence holds none
 *   of the asked kind. `strict` asks for the kind's best form only (several days for "những ngày nào").
 * - asksOf: clauses are split at commas, semicolons, "và"/"and" and line breaks; a clause without a question word
 *   joins the clause before it. A question with no typed ask gives [] (the caller quotes sentences instead).
 * - Types follow the question word (answerType): a number (with the noun it counts, a percentage, a ratio "17 trong
 *   tổng số 19 mục tiêu", a rate "10,8%/năm"), a year, a date as printed ("16, 17-7-2020", "Sáng 4/6"), a person
 *   (the names coordinated with "và" / "," when several hold the asked title), a role (a title of office and its
 *   words up to the next comma), an ordinal ("loại mấy" → "loại I") and an entity ("khu cảng nào" → "cảng Trường
 *   Thọ": the head noun and the proper name or quotation after it).
 */
import { fold } from '../text/normalize.js';
import { isSurname } from '../text/names.js';
import { countedNoun } from '../retrieve/query/intent.js';
import { figuresFor } from '../retrieve/query/check.js';
import { isFunctionSyllable, questionWords } from '../retrieve/query/words.js';
import { answerType, DISTRICT_TITLES, type AnswerType } from './sentences.js';
import { SPAN_TUNING } from './tuning.js';

export type AskType = AnswerType | 'ordinal' | 'entity' | 'clause';

export interface Ask {
  /** The clause of the question the ask reads, as typed. */
  clause: string;
  type: AskType;
  /** Folded noun a "bao nhiêu X" clause counts ("dang vien"), or null. */
  countedNoun: string | null;
  /** The clause asks for a share ("bao nhiêu phần trăm", "tỷ lệ", "%"). */
  percent: boolean;
  /** Folded head noun of "X nào / X gì / X mấy" ("khu cang", "do thi loai"), or null. */
  head: string | null;
  /** Folded title of office the clause names ("pho bi thu", "bi thu"), or null. */
  title: string | null;
  /** Folded content words of the clause (and of the glossary's translation of an English question). */
  words: ReadonlySet<string>;
  /** The clause was typed with diacritics: its words compare with their accents. */
  accented: boolean;
  /** The glossary's Vietnamese for an English question ("" otherwise). */
  glossed: string;
  /** Folded words that only say where or which meeting (the unit's name, the year, "hội nghị"): never a figure's neighbours. */
  frame: ReadonlySet<string>;
  /** Read from a question with no question word ("thu ngân sách Quận 12"): a figure must be printed near its words. */
  implicit?: boolean;
  /** The clause asks for a change ("tăng bao nhiêu", "fall by how much"), not a level. */
  change: boolean;
}

/** A clause asking for a change, folded (the glossary's Vietnamese of an English question included). */
const CHANGE_ASKED = / (tang|giam|vuot|increase|increased|rise|rose|grow|grew|fall|fell|drop|dropped|decrease|decreased) /;
/** A figure printed as a change: "tăng 23%", "giảm 45,07%", "vượt 38,04%", "tăng thêm 641". */
const CHANGE_BEFORE = /(?:tăng|giảm|vượt|tăng thêm|giảm thêm)\s+(?:(?:khoảng|gần|hơn|trên|thêm)\s+)?$/iu;

/** Folded syllables of question words: they are not what an answer is printed near. */
const QUESTION_SYLLABLES = new Set('bao nhieu may nao gi ai dau sao how many much what which who when where'.split(' '));

const NO_FRAME: ReadonlySet<string> = new Set();

/** Folded words that never head an entity question ("là gì", "làm gì", "có gì"). */
const NOT_HEADS = new Set(
  'la lam co duoc nhu the ra vao cho voi cua va nhung cac mot gi nao nhat khac bang the'.split(' '),
);

/** Folded words that may follow an ordinal "mấy" ("loại mấy vào 2030", "khóa mấy?"). */
const FUNCTION_AFTER = new Set('vao o tai trong khi dien ra'.split(' '));

/** The title a "X nào" head names ("giam doc" of "giam doc so"). */
const TITLE_HEAD_WORDS = new RegExp(` (${DISTRICT_TITLES}|truong phong|uy vien) `);

/** A unit kind right before "nào". */
const UNIT_HEAD = / (quan|huyen|phuong|xa|thi xa|thi tran|thanh pho) nao /;

/** A title of office named right before "nào" / "gì". */
const TITLE_HEAD = new RegExp(`\\b(?:${DISTRICT_TITLES}|truong phong|uy vien)(?: [a-z]+)? (?:nao|gi) `);

const TITLE_RE = new RegExp(`\\b(pho )?(${DISTRICT_TITLES})\\b`);

/** One ask of a clause, or null when the clause has no question word. */
function askOf(clause: string, glossed = '', frame: ReadonlySet<string> = NO_FRAME): Ask | null {
  const f = questionWords(clause);
  const base = answerType({ text: clause });
  const title = TITLE_RE.exec(f)?.[0] ?? null;
  const percent = / (phan tram|ty le|ti le|percent|percentage) /.test(f) || /%/.test(clause) && / (bao nhieu|may) /.test(f);
  // "loại mấy", "lần thứ mấy", "khóa mấy": "mấy" closes the phrase (no counted noun after it), so a number word
  // after the head is asked, not a count of things.
  const ordinal = / ((?:[a-z]+ ){0,2}[a-z]+) may(?: ([a-z]+))? /.exec(f);
  const entity = / ((?:[a-z]+ )?[a-z]+) (?:nao|gi)(?: |$)/.exec(f);
  let type: AskType = base;
  let head: string | null = null;
  if (base === 'number' && ordinal && !/ bao nhieu /.test(f) && (ordinal[2] === undefined || NOT_HEADS.has(ordinal[2]) || FUNCTION_AFTER.has(ordinal[2]))) {
    const words = ordinal[1]!.split(' ').filter((w) => !NOT_HEADS.has(w));
    if (words.length > 0) {
      type = 'ordinal';
      head = words.join(' ');
    }
  }
  if (base === 'other' && entity && !/ (what|which) /.test(f)) {
    const words = entity[1]!.split(' ').filter((w) => !NOT_HEADS.has(w));
    if (words.length > 0) {
      // "bí thư quận nào": the unit is asked (answered from the event card, not a span).
      if (UNIT_HEAD.test(` ${f} `) && title !== null) return null;
      // "giám đốc sở nào": a title of office is asked.
      const titled = TITLE_HEAD.exec(` ${f} `);
      type = titled ? 'role' : 'entity';
      head = titled ? titled[0].trim().replace(/ (?:nao|gi)$/, '') : words.join(' ');
    }
  }
  // "Ai giữ chức Bí thư …?": the holder of a named title is asked.
  if (type === 'role' && title !== null && / (ai|who) /.test(f)) type = 'person';
  // "Huỳnh Khắc Điệp là ai?": a named person's title is asked.
  if (type === 'person' && title === null && / (la ai|who is|who was)\s*$/.test(f) && names(clause).length > 0) type = 'role';
  if (type === 'other' || type === 'reason') return null;
  const words = new Set(
    `${key(clause)} ${key(glossed)}`.split(' ').filter((w) => w.length > 0 && !isFunctionSyllable(w) && !QUESTION_SYLLABLES.has(w) && !frame.has(w)),
  );
  const accented = fold(clause) !== clause;
  const change = CHANGE_ASKED.test(` ${key(clause)} ${key(glossed)} `);
  return { clause, type, countedNoun: type === 'number' && !percent ? countedNoun(clause) : null, percent, head, title, words, accented, glossed, frame, change };
}

/**
 * A span of this ask can stand alone as the answer: a count of a named noun, a share, a date, an ordinal, a named
 * entity, or the holder of a named title. Other spans (a bare number, a year, a person or a title without one) lead
 * the answer but the best sentences are still quoted under them.
 */
export function sureAsk(ask: Ask): boolean {
  switch (ask.type) {
    case 'number':
      return ask.countedNoun !== null || ask.percent;
    case 'person':
      return ask.title !== null;
    case 'date':
    case 'ordinal':
    case 'entity':
      return true;
    default:
      return false;
  }
}

/** Words that say nothing about what a figure measures. */
const ANCHOR_IGNORED = new Set('khoang hon gan duoc dat la co tren duoi voi muc so'.split(' '));

/**
 * The span follows the clause's own words ("tốc độ tăng trưởng bình quân đạt 10,8%/năm" for "tốc độ tăng trưởng
 * bình quân là bao nhiêu"): one of the SPAN_TUNING.anchorWords words before it (fillers like "đạt", "khoảng" skipped) is a
 * content word of the clause. Such a span answers the clause even when the ask alone is not sure (sureAsk).
 */
export function anchored(span: string, sentence: string, clause: string): boolean {
  const at = sentence.indexOf(span);
  if (at < 0) return false;
  const own = new Set(key(clause).split(' ').filter((w) => !isFunctionSyllable(w) && !ANCHOR_IGNORED.has(w)));
  const before = key(sentence.slice(0, at)).split(' ').filter((w) => w && !ANCHOR_IGNORED.has(w));
  return before.slice(-SPAN_TUNING.anchorWords).some((w) => own.has(w));
}

/**
 * The ask of a question without a question word ("thu ngân sách Quận 12", "What was District 12's budget
 * revenue?"): a figure, taken only when printed right by the question's words (SPAN_TUNING.implicitMinNearness).
 */
export function implicitAsk(question: string, glossed = '', frame: ReadonlySet<string> = NO_FRAME): Ask | null {
  // A yes/no question ("còn hộ nghèo không?") asks no figure.
  if (YES_NO.test(` ${key(question)} `)) return null;
  // A unit's kind and number ("quận 12") say where, not what: they are not what a figure is printed near.
  const words = new Set(
    `${key(question)} ${key(glossed)}`
      .replace(UNIT_NUMBER, ' ')
      .split(' ')
      .filter((w) => w.length > 0 && !isFunctionSyllable(w) && !QUESTION_SYLLABLES.has(w) && !UNIT_WORDS.has(w) && !frame.has(w)),
  );
  return {
    clause: question,
    type: 'number',
    countedNoun: null,
    percent: false,
    head: null,
    title: null,
    words,
    accented: fold(question) !== question,
    glossed,
    frame,
    implicit: true,
    change: CHANGE_ASKED.test(` ${key(question)} ${key(glossed)} `),
  };
}

/** A yes/no question, folded. */
const YES_NO = / (khong|ko|k|chua|dung khong|phai khong|co phai) $/;

/** Folded words naming a kind of unit. */
const UNIT_WORDS = new Set('quan huyen phuong xa thi tran thanh pho tinh district ward commune'.split(' '));
/** A unit's number after its kind ("quan 12", "district 8"), folded. */
const UNIT_NUMBER = /\b(?:quan|phuong|district|ward) \d+\b/g;


/** The asks of a question, in the order it asks them (see the module contract). */
export function asksOf(question: string, glossed = '', frame: ReadonlySet<string> = NO_FRAME): Ask[] {
  const parts = question.split(/\s*(?:[,;\n]|\s(?:và|va|and|còn|con)\s)\s*/u).filter((p) => p.trim().length > 0);
  const clauses: string[] = [];
  for (const p of parts) {
    if (clauses.length > 0 && askOf(p) === null) clauses[clauses.length - 1] += `, ${p}`;
    else clauses.push(p);
  }
  // A first clause without a question word ("BCH Đảng bộ Quận 3, gồm bao nhiêu người") joins the next.
  if (clauses.length > 1 && askOf(clauses[0]!) === null) clauses.splice(0, 2, `${clauses[0]}, ${clauses[1]}`);
  const asks = clauses.map((c) => askOf(c, glossed, frame)).filter((a): a is Ask => a !== null);
  // A yes/no question with no other ask ("Quận Bình Tân còn hộ nghèo không?"): the clause stating it answers.
  // (With a figure it is a figure check: its verdict answers, answer/strategies/check.ts.)
  if (asks.length === 0 && YES_NO.test(` ${key(question)} `) && !/\d/.test(question)) {
    const ask = implicitAsk(question.replace(/\s*(?:không|ko|chưa|phải không|đúng không)\s*\??\s*$/iu, ''), glossed, frame);
    if (ask) return [{ ...ask, type: 'clause', implicit: false }];
  }
  return asks;
}

/** Capitalised syllable runs (names). */
const NAME_RUN = /(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}]*(?:[ -]\p{Lu}[\p{Ll}\p{M}]*)*/gu;
const YEAR = /(?<!\d)(?:1\d{3}|20\d{2})(?!\d)/g;

const DAY = String.raw`\d{1,2}`;
const DAY_LIST = String.raw`${DAY}(?:\s*(?:,|và|đến|tới|-|–)\s*${DAY})*`;
/**
 * A date as printed, with its time of day and day lists or ranges: "Sáng 4/6", "16, 17-7-2020", "29 đến 31-7",
 * "21-23/7", "từ ngày 8 - 10.7.2020", "ngày 5 tháng 9 năm 2020", "26, 27 và 28 tháng 8 năm 2020".
 */
const PRINTED_DATE = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa)\s+(?:ngày\s+)?|(?:[Tt]ừ\s+)?[Nn]gày\s+)?` +
    String.raw`(?:${DAY_LIST}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?|${DAY_LIST}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)(?![\d/])`,
  'gu',
);
/** A clause asking for the days of a meeting, folded. */
const DAYS_ASKED = / (nhung ngay|cac ngay|may ngay|bao nhieu ngay|tu ngay nao|which days|how many days) /;
/** A print of several days: a list or a range of days before the month. */
const SEVERAL_DAYS = /\d{1,2}\s*(?:,|và|đến|tới)\s*\d{1,2}|\d{1,2}\s*[-–]\s*\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?$/u;

/** A date without a day: "tháng 8/2020", "quý I/2023", "cuối năm 2024". */
const PERIOD = /(?<![\p{L}])(?:tháng|quý|đầu năm|cuối năm|năm|thế kỷ|thế kỉ|thập niên)\s+[\dIVXLC]+(?:\/\d{4})?/giu;

/** A number with up to two measure words (not a conjunction or verb) after it; a rate "/năm" joins it. */
const MEASURED =
  /(?<![\p{L}\p{N}])\d+(?:[.,]\d+)*(?:\s*%|(?:\s+(?!(?:và|với|so|trong|của|đạt|là|tăng|giảm|năm)(?![\p{L}\p{M}])|người\/)[\p{Ll}\p{M}]+){1,2})?(?:\/(?:năm|tháng|người|ngày|ha|km)(?:\/(?:năm|tháng))?)?/gu;
/** "17 trong tổng số 19 mục tiêu", "17/19 mục tiêu": the ratio is one answer. */
const RATIO = /(?<![\p{L}\p{N}])\d+(?:[.,]\d+)*\s+(?:trong|trên)\s+(?:tổng\s+số\s+)?\d+(?:[.,]\d+)*(?:\s+[\p{Ll}\p{M}]+){1,2}/gu;
const PERCENT = /(?<![\p{L}\p{N}])\d+(?:[.,]\d+)*\s*%(?:\/(?:năm|tháng))?/gu;
/** Roman numerals, digits or Vietnamese number words after an ordinal head ("loại I", "lần thứ mười bốn"). */
const ORDINAL_VALUE = String.raw`(?:[IVXLC]+|\d+|một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười(?:\s+(?:một|hai|ba|bốn|lăm|năm|sáu|bảy|tám|chín))?|[a-zđ]+\s+mươi(?:\s+[a-zđ]+)?)`;

/** Folded-lowercase letters and digits of a string, for "is it in the question" tests. */
const key = (s: string) => fold(s.toLowerCase()).replace(/[^a-z0-9%]+/g, ' ').trim();

/** The span of `sentence` answering `ask`, not already in `question` (see the module contract). */
export function spanFor(ask: Ask, sentence: string, question: string, taken: readonly string[] = [], strict = false): string | null {
  const q = ` ${key(question)} `;
  const used = new Set(taken.flatMap((t) => [key(t), key(t).split(' ')[0]!]));
  const isNew = (m: string) => !q.includes(` ${key(m)} `) && !used.has(key(m)) && !used.has(key(m).split(' ')[0]!);
  switch (ask.type) {
    case 'number':
      return numberSpan(ask, sentence, isNew);
    case 'year':
      // A year of a term ("nhiệm kỳ 2020 - 2025") is not the year something happens.
      return [...sentence.matchAll(YEAR)].find((m) => isNew(m[0]) && !/\d{4}\s*[-–]\s*$/.test(sentence.slice(0, m.index!)) && !/^\s*[-–]\s*\d{4}/.test(sentence.slice(m.index! + 4)))?.[0] ?? null;
    case 'date': {
      const dates = (sentence.match(PRINTED_DATE) ?? []).map((s) => s.trim()).filter(isNew);
      // "diễn ra những ngày nào", "mấy ngày": a print of several days ("24 và 25-7", "21-23/7") answers it.
      const several = DAYS_ASKED.test(` ${key(ask.clause)} `) ? dates.find((d) => SEVERAL_DAYS.test(d)) : undefined;
      // strict: only such a print (the caller first looks for one in every sentence).
      if (strict && DAYS_ASKED.test(` ${key(ask.clause)} `)) return several ?? null;
      return several ?? dates[0] ?? (sentence.match(PERIOD) ?? []).find(isNew) ?? null;
    }
    case 'person':
      return personSpan(ask, sentence, isNew);
    case 'role':
      return roleSpan(sentence, question, ask.head);
    case 'ordinal':
      return ordinalSpan(ask.head!, sentence, isNew);
    case 'entity':
    case 'place':
      return entitySpan(ask, sentence, isNew);
    case 'clause':
      return clauseSpan(ask, sentence, isNew);
    default:
      return null;
  }
}

function numberSpan(ask: Ask, sentence: string, isNew: (m: string) => boolean): string | null {
  const question = ask.clause;
  const at = (re: RegExp) => [...sentence.matchAll(re)].map((m) => ({ text: m[0], at: m.index! }));
  // A change ("tăng 23%") answers "tăng bao nhiêu", a level answers the rest, when the sentence prints both.
  // A change ("tăng 23%") answers "tăng bao nhiêu", a level the rest: closest weighs it in (SPAN_TUNING.changeMatch).
  if (ask.percent) {
    const pct = closest(at(PERCENT).filter((c) => isNew(c.text)), sentence, ask);
    return pct ? extendLikeQuestion(pct.text, sentence, question) : null;
  }
  const ratio = (sentence.match(RATIO) ?? []).find(isNew);
  if (ask.countedNoun) {
    const figures = [
      ...figuresFor(sentence, ask.countedNoun).filter((f) => isNew(f.value)).map((f) => ({ text: f.text, at: sentence.indexOf(f.text) })),
      ...figuresAfter(sentence, ask.countedNoun).filter((f) => isNew(f.text.replace(/^\D+/, ''))),
    ];
    const best = closest(figures, sentence, ask);
    if (best) {
      if (ratio && ratio.endsWith(best.text.slice(best.text.indexOf(' ') + 1))) return ratio;
      return withShare(extendLikeQuestion(withRate(best.text, sentence), sentence, question), sentence);
    }
    // "bao nhiêu người": people are counted with other nouns too ("32 đảng viên").
    if (!GENERIC_NOUN.test(ask.countedNoun)) return null;
  }
  if (ratio && !ask.implicit) return ratio;
  // Day-month stamps ("30/3"), years ("2030 ra mắt"), ranges of years and periods ("9 tháng đầu năm") are no answers.
  const spans = at(MEASURED)
    .filter((m) => !/^[-–/]\d/.test(sentence.slice(m.at + m.text.split(/\s/)[0]!.length)) && !/[-–/]$/.test(sentence.slice(0, m.at)))
    .filter((m) => isNew(m.text.split(/\s/)[0]!) && !/^\d{1,2}[/-]\d/.test(m.text) && !/^(?:1\d{3}|20\d{2})(?!\d)/.test(m.text) && !PERIOD_COUNT.test(m.text));
  const best = closest(spans, sentence, ask);
  if (!best || (ask.implicit && best.score < SPAN_TUNING.implicitMinNearness)) return null;
  return withShare(extendLikeQuestion(best.text, sentence, question), sentence);
}

/** Counted nouns that other nouns stand for ("người": "32 đảng viên"). */
const GENERIC_NOUN = /^(?:nguoi|cai|chiec|con)$/;

/** A share printed right after a figure: ", đạt 104,99% dự toán", ", tỷ lệ tăng 47,42%", " (32,71%)". */
const SHARE_AFTER =
  /^(?:,\s*(?:với\s+)?(?:đạt|bằng|tỷ lệ(?:\s+(?:tăng|giảm))?|tăng|giảm)\s+(?:(?:gần|hơn|khoảng|trên)\s+)?\d+(?:[.,]\d+)*\s*%(?:\s+(?:dự toán|kế hoạch(?: năm)?|chỉ tiêu|so với cùng kỳ))?|\s*\(\d+(?:[.,]\d+)*\s*%\))/u;

/** "6.587 tỷ đồng" → "6.587 tỷ đồng, đạt 104,99% dự toán": a figure with the share printed right after it. */
function withShare(span: string, sentence: string): string {
  if (/%$/.test(span)) return span;
  const at = sentence.indexOf(span);
  const m = at < 0 ? null : SHARE_AFTER.exec(sentence.slice(at + span.length));
  return m ? span + m[0] : span;
}

/**
 * How well a number span answers its ask (for choosing among sentences): its nearness to the clause's own words
 * (closest, which counts SPAN_TUNING.changeMatch when it is a change exactly when a change is asked). 0 for other asks.
 */
export function spanNearness(ask: Ask, span: string, sentence: string): number {
  if (ask.type !== 'number') return 0;
  const at = sentence.indexOf(span);
  if (at < 0) return 0;
  return closest([{ text: span, at }], sentence, ask)?.score ?? 0;
}


/** "tổng số đảng viên 9.308", "đảng viên là 9.308": the counted noun, then its figure. */
function figuresAfter(sentence: string, noun: string): Array<{ text: string; at: number }> {
  const f = fold(sentence).toLowerCase();
  if (f.length !== sentence.length) return [];
  const re = new RegExp(`(?<![a-z])${noun.replace(/ /g, '\\s+')}\\s*(?:la\\s+|dat\\s+|co\\s+|:\\s*)?(\\d+(?:[.,]\\d+)*)(?![\\d.,]*\\s*%)(?![\\d/])`, 'g');
  return [...f.matchAll(re)].map((m) => ({ text: sentence.slice(m.index!, m.index! + m[0].length), at: m.index! }));
}

/** "9 tháng đầu", "6 tháng", "3 quý": a period a figure is measured over, not a figure. */
const PERIOD_COUNT = /^\d+\s+(?:tháng|quý)(?:\s|$)/u;

/**
 * The candidate printed nearest the clause's own words ("thu ngân sách đạt 78,8% dự toán" for "thu ngân sách đạt
 * bao nhiêu % dự toán", not the "tăng 20,8%" before it): each clause word among SPAN_TUNING.nearBefore words before and
 * SPAN_TUNING.nearAfter after counts 1 / its distance in words, and twice when it follows the clause's previous word as in the
 * question (a compound: "ngân sách"). Words compare with their accents when the clause has them ("thu" ≠ "thủ").
 * The first candidate wins ties; null when there is none.
 */
function closest(cands: ReadonlyArray<{ text: string; at: number }>, sentence: string, ask: Ask): { text: string; score: number } | null {
  if (cands.length === 0) return null;
  let best: { text: string; score: number } | null = null;
  let bestScore = -1;
  const { own, pairs } = askWords(ask);
  // The sentence's words once, with their offsets; fillers ("được", "đạt", "khoảng") say nothing of what is measured
  // and are left out of the windows.
  // A figure's neighbours are in its clause: the windows stop at a semicolon.
  const words = positionedWords(sentence, ask.accented).filter((w) => !ANCHOR_IGNORED.has(w.folded));
  for (const c of cands) {
    const end = c.at + c.text.length;
    const from = sentence.lastIndexOf(';', c.at) + 1;
    const stop = sentence.indexOf(';', end);
    const to = stop < 0 ? sentence.length : stop;
    const before = words.filter((w) => w.end <= c.at && w.at >= from).slice(-SPAN_TUNING.nearBefore).reverse().map((w) => w.text);
    const after: string[] = [];
    for (const w of words) {
      if (w.at < end) continue;
      if (w.at >= to) break;
      after.push(w.text);
      if (after.length === SPAN_TUNING.nearAfter) break;
    }
    let score = 0;
    const seen = new Set<string>();
    const count = (list: string[], next: (i: number) => string | undefined) =>
      list.forEach((w, i) => {
        if (!own.has(w) || seen.has(w) || ask.words.size === 0) return;
        seen.add(w);
        const n = next(i);
        score += (n !== undefined && pairs.has(`${n} ${w}`) ? 2 : 1) / (i + 1) ** SPAN_TUNING.nearnessDecay;
      });
    count(before, (i) => before[i + 1]);
    count(after, (i) => (i > 0 ? after[i - 1] : undefined));
    // The kind (change or level) counts only for a figure printed near the question's words at all.
    if (score > 0 && ask.type === 'number' && CHANGE_BEFORE.test(sentence.slice(Math.max(0, c.at - 24), c.at)) === ask.change) score += SPAN_TUNING.changeMatch;
    if (score > bestScore) {
      best = { text: c.text, score };
      bestScore = score;
    }
  }
  return best;
}

/** The words an ask's figures are printed near, and its word pairs, computed once per ask. */
const askWordCache = new WeakMap<Ask, { own: ReadonlySet<string>; pairs: ReadonlySet<string> }>();
function askWords(ask: Ask): { own: ReadonlySet<string>; pairs: ReadonlySet<string> } {
  let cached = askWordCache.get(ask);
  if (!cached) {
    const words = wordsOf(`${ask.clause} ${ask.glossed}`, ask.accented);
    // Unaccented (or English, with its glossary's Vietnamese): the folded content words; else as typed.
    // The counted noun is the candidates' own word: another figure of it nearby ("2 vụ cháy, trong đó 1 vụ cháy") says
    // nothing of which one is asked.
    const noun = new Set(ask.countedNoun?.split(' ') ?? []);
    const own: ReadonlySet<string> = ask.accented
      ? new Set(words.filter((w) => !isFunctionSyllable(w) && !QUESTION_SYLLABLES.has(fold(w)) && !ask.frame.has(fold(w)) && !noun.has(fold(w)) && !(ask.implicit && UNIT_WORDS.has(fold(w)))))
      : new Set([...ask.words].filter((w) => !noun.has(w)));
    cached = { own, pairs: new Set(words.slice(1).map((w, i) => `${words[i]} ${w}`)) };
    askWordCache.set(ask, cached);
  }
  return cached;
}

/** A sentence's words (as wordsOf gives them) with their offsets and folded forms. */
function positionedWords(sentence: string, accented: boolean): Array<{ text: string; folded: string; at: number; end: number }> {
  const lower = sentence.normalize('NFC').toLowerCase();
  const out: Array<{ text: string; folded: string; at: number; end: number }> = [];
  for (const m of lower.matchAll(/[\p{L}\p{N}%]+/gu)) {
    const folded = fold(m[0]);
    out.push({ text: accented ? m[0] : folded, folded, at: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/** Lowercase words of a text (letters and digits), folded unless `accented`; function words and question words kept. */
function wordsOf(text: string, accented: boolean): string[] {
  const lower = text.normalize('NFC').toLowerCase();
  return (accented ? lower : fold(lower)).split(/[^\p{L}\p{N}%]+/u).filter(Boolean);
}

/** "90 triệu đồng" → "90 triệu đồng/năm" when the sentence prints a rate after it. */
function withRate(span: string, sentence: string): string {
  const at = sentence.indexOf(span);
  const m = /^\/(?:năm|tháng|người|ngày)(?:\/(?:năm|tháng))?/u.exec(sentence.slice(at + span.length));
  return m ? span + m[0] : span;
}

/**
 * "100%" → "100% phương tiện giao thông công cộng", "3.000 cán bộ" → "3.000 cán bộ, đảng viên": the span takes the
 * sentence's next words (a comma between them allowed) while the question prints them in the same order, up to
 * SPAN_TUNING.extendWords words.
 */
function extendLikeQuestion(span: string, sentence: string, question: string): string {
  const start = sentence.indexOf(span);
  if (start < 0) return span;
  const qWords = key(question).split(' ');
  // Where the question prints the span's words (its noun: "cán bộ"), first: the extension continues from there.
  const nounWords = key(span).split(' ').filter((w) => !/^\d/.test(w));
  let at = -1;
  for (let i = 0; i + nounWords.length <= qWords.length && nounWords.length > 0; i++) {
    if (nounWords.every((w, k) => qWords[i + k] === w)) {
      at = i + nounWords.length - 1;
      break;
    }
  }
  let out = span;
  let rest = sentence.slice(start + span.length);
  for (let i = 0; i < SPAN_TUNING.extendWords; i++) {
    const m = /^(,?\s+)([\p{L}\p{M}]+)/u.exec(rest);
    if (!m) break;
    const w = key(m[2]!);
    // The question prints this word next (after the span's last word), or, when the span's last word is not in the
    // question ("100%"), anywhere after a counting word.
    const next = at >= 0 ? qWords[at + 1] === w : qWords.includes(w) && i === 0 && /%$/.test(out);
    if (!next) break;
    at = at >= 0 ? at + 1 : qWords.indexOf(w);
    out += m[0];
    rest = rest.slice(m[0].length);
  }
  return out;
}

/** "đồng chí", "ông", "bà" right before a capitalised run, or opening it ("Ông …"). */
const HONORIFIC_BEFORE = /(?:đồng chí|ông|bà)\s+$/iu;
const HONORIFIC_RUN = /^(?:Ông|Bà)$/u;

/** Longest personal name, in syllables. */
const NAME_MAX_SYLLABLES = 4;

/**
 * Personal names, with their start offsets: within a capitalised run ("Ông Nguyễn Thanh Hoàng", "Huyện ủy Hoài Đức
 * Đàm Văn Thông"), the first surname that leaves 2..NAME_MAX_SYLLABLES syllables to the run's end.
 */
function names(sentence: string): Array<{ text: string; at: number }> {
  const out: Array<{ text: string; at: number }> = [];
  for (const m of sentence.matchAll(NAME_RUN)) {
    const words = m[0].split(/(?=[ -])/);
    const push = (i: number) => {
      const offset = words.slice(0, i).join('').length + (i > 0 ? 1 : 0);
      out.push({ text: m[0].slice(offset), at: m.index! + offset });
    };
    const surname = words.findIndex((w, i) => words.length - i <= NAME_MAX_SYLLABLES && words.length - i >= 2 && isSurname(w.replace(/^[ -]/, '')));
    if (surname >= 0) push(surname);
    // A rarer surname: three or four syllables after "đồng chí", "ông", "bà" (inside the run or just before it).
    else if (HONORIFIC_BEFORE.test(sentence.slice(0, m.index!)) && words.length >= 3 && words.length <= NAME_MAX_SYLLABLES) push(0);
    else if (HONORIFIC_RUN.test(words[0]!) && words.length - 1 >= 3 && words.length - 1 <= NAME_MAX_SYLLABLES) push(1);
  }
  return out;
}

function personSpan(ask: Ask, sentence: string, isNew: (m: string) => boolean): string | null {
  const found = names(sentence).filter((n) => isNew(n.text));
  if (found.length === 0) return null;
  let best = found[0]!;
  if (ask.title) {
    // The name nearest to the asked title (not a deputy's when the secretary is asked).
    const f = fold(sentence.toLowerCase());
    const re = new RegExp(`\\b(pho |tong )?${ask.title.replace(/^pho /, '')}\\b`, 'g');
    const wantDeputy = ask.title.startsWith('pho ');
    const spots = [...f.matchAll(re)].filter((m) => (m[1] === 'pho ') === wantDeputy && m[1] !== 'tong ').map((m) => m.index!);
    if (spots.length > 0) {
      const dist = (n: { at: number; text: string }) => Math.min(...spots.map((s) => (n.at >= s ? n.at - s : s - (n.at + n.text.length)) * (n.at >= s ? 1 : 1.5)));
      best = [...found].sort((a, b) => dist(a) - dist(b))[0]!;
    }
  }
  // Names coordinated with the best one ("Lê Thanh Hải và Nguyễn Văn Tuấn") are one answer.
  const joined = (a: { at: number; text: string }, b: { at: number; text: string }) =>
    /^\s*(?:,|và|,\s*và)\s*(?:(?:đồng chí|ông|bà)\s+)?$/u.test(sentence.slice(a.at + a.text.length, b.at));
  let first = found.indexOf(best);
  let last = first;
  while (first > 0 && joined(found[first - 1]!, found[first]!)) first--;
  while (last < found.length - 1 && joined(found[last]!, found[last + 1]!)) last++;
  return sentence.slice(found[first]!.at, found[last]!.at + found[last]!.text.length);
}

/** A title of office and its words up to the next comma, period or parenthesis ("Giám đốc Sở Công thương"). */
const ROLE_PHRASE = new RegExp(
  `(?<![\\p{L}\\p{M}])(?:[Pp]hó\\s+)?(?:[Bb]í thư|[Cc]hủ tịch|[Tt]rưởng ban|[Gg]iám đốc|[Cc]hủ nhiệm|[Uu]ỷ viên|[Ủủ]y viên|[Pp]hó ban|[Tt]rưởng phòng|[Cc]hánh văn phòng|[Tt]hủ trưởng|[Bb]ộ trưởng|[Tt]ư lệnh|[Cc]hính ủy)` +
    `(?:\\s+(?!\\p{Lu}[\\p{Ll}\\p{M}]*\\s+\\p{Lu}[\\p{Ll}\\p{M}]*\\s+\\p{Lu})[\\p{L}\\p{M}\\d.-]+){0,9}`,
  'gu',
);

/**
 * The titles of the person the question names: the comma-joined titles printed right before the name ("Ủy viên dự
 * khuyết Trung ương Đảng, Phó Bí thư Thành ủy TPHCM Nguyễn Văn Hiếu") or right after it ("Dương Ngọc Hải, Ủy viên
 * Ban Thường vụ Thành ủy, Chủ nhiệm …"); else the title nearest the name; the first title when no name is asked.
 */
function roleSpan(sentence: string, question: string, head: string | null): string | null {
  const who = names(question).map((n) => n.text);
  // "giám đốc sở nào": only a title of that office answers.
  const asked = head ? TITLE_HEAD_WORDS.exec(` ${head} `)?.[1] ?? null : null;
  const roles = [...sentence.matchAll(ROLE_PHRASE)]
    .map((m) => {
      const text = m[0].replace(/[\s,.;:]+$/u, '');
      return { text, at: m.index!, end: m.index! + text.length };
    })
    .filter((r) => asked === null || key(r.text).startsWith(asked) || key(r.text).startsWith(`pho ${asked}`));
  if (roles.length === 0) return null;
  if (who.length === 0) return roles[0]!.text;
  const at = sentence.indexOf(who[0]!);
  if (at < 0) return roles[0]!.text;
  // Chains of titles joined by commas.
  const chains: Array<{ at: number; end: number }> = [];
  for (const r of roles) {
    const last = chains[chains.length - 1];
    if (last && /^\s*,\s*$/u.test(sentence.slice(last.end, r.at))) last.end = r.end;
    else chains.push({ at: r.at, end: r.end });
  }
  const nameEnd = at + who[0]!.length;
  const adjacent =
    chains.find((c) => c.end <= at && /^\s*$/u.test(sentence.slice(c.end, at))) ??
    chains.find((c) => c.at >= nameEnd && /^\s*,\s*$/u.test(sentence.slice(nameEnd, c.at)));
  if (adjacent) return sentence.slice(adjacent.at, adjacent.end);
  return [...roles].sort((a, b) => Math.abs(a.at - at) - Math.abs(b.at - at))[0]!.text;
}

function ordinalSpan(head: string, sentence: string, isNew: (m: string) => boolean): string | null {
  const f = fold(sentence.toLowerCase());
  const words = head.split(' ');
  // The whole head first ("đô thị loại"), then shorter ends of it ("loại").
  for (let from = 0; from < words.length; from++) {
    for (const m of f.matchAll(new RegExp(`\\b${words.slice(from).join(' ')}\\b`, 'g'))) {
      const after = sentence.slice(m.index! + m[0].length);
      const v = new RegExp(`^\\s+${ORDINAL_VALUE}(?![\\p{L}\\p{N}])`, 'u').exec(after);
      if (v) {
        const span = sentence.slice(m.index!, m.index! + m[0].length + v[0].length);
        if (isNew(span)) return span;
      }
    }
  }
  return null;
}

/** A proper name or a quotation right after the head noun ("cảng Trường Thọ", "ứng dụng “Giải pháp Đại hội Đảng”"). */
function entitySpan(ask: Ask, sentence: string, isNew: (m: string) => boolean): string | null {
  const f = fold(sentence.toLowerCase());
  const headWords = (ask.head ?? '').split(' ');
  // The whole head, else its last word ("khu cảng" → "cảng").
  for (const head of [headWords.join(' '), headWords[headWords.length - 1]!]) {
    if (!head) continue;
    for (const m of f.matchAll(new RegExp(`\\b${head}\\b`, 'g'))) {
      const end = m.index! + m[0].length;
      const after = sentence.slice(end);
      const quoted = /^\s*(?:là\s+)?[“"«]([^”"»]{2,80})[”"»]/u.exec(after);
      if (quoted && isNew(quoted[1]!)) return quoted[1]!;
      const run = /^\s+((?:\p{Lu}[\p{Ll}\p{M}]*)(?:[ -]\p{Lu}[\p{Ll}\p{M}]*|\s+\d+)*(?:\s*(?:,|và)\s*\p{Lu}[\p{Ll}\p{M}]*(?:[ -]\p{Lu}[\p{Ll}\p{M}]*)*)*)/u.exec(after);
      if (run && isNew(run[1]!)) {
        // A list of names after a plural head ("2 xã Hưng Vũ và Trấn Yên") is the answer itself.
        const list = /(?:,|và)/u.test(run[1]!);
        return list ? run[1]! : sentence.slice(m.index!, end) + run[0].replace(/^\s+/, ' ');
      }
    }
  }
  return null;
}


/**
 * The part of a long sentence that proves `spans`: its clauses (split after ";") holding a span, whole, with "…"
 * where clauses are left out. A sentence of at most maxChars, or one whose clauses all hold a span, or where no
 * clause holds one, is returned whole. Never cuts inside a clause.
 */
export function excerpt(sentence: string, spans: readonly string[], maxChars = SPAN_TUNING.quoteMaxChars): string {
  if (sentence.length <= maxChars) return sentence;
  const clauses = sentence.split(/(?<=;)\s+/u);
  const keep = clauses.map((c) => spans.some((sp) => c.includes(sp)));
  if (!keep.some(Boolean) || keep.every(Boolean)) return sentence;
  const out: string[] = [];
  clauses.forEach((c, i) => {
    if (keep[i]) out.push(c.replace(/;$/, i === clauses.length - 1 ? ';' : ''));
    else if (out[out.length - 1] !== '…') out.push('…');
  });
  return out.join(' ').replace(/^… /, '… ').trim();
}

/** The first date of `sentence` as printed ("16, 17-7-2020", "Sáng 4/6", "từ ngày 29 đến 31-7"), or null. */
export function printedDate(sentence: string): string | null {
  return sentence.match(PRINTED_DATE)?.[0]?.trim() ?? null;
}

/** "lần thứ mười bốn", "lần thứ XII", "khóa VI" as printed in `sentence` after `head` (folded), or null. */
export function printedOrdinal(head: string, sentence: string): string | null {
  return ordinalSpan(head, sentence, () => true);
}


/**
 * The clause of `sentence` (between commas, semicolons, colons or dashes) printing the most of a yes/no question's
 * words, at least SPAN_TUNING.clauseMinWords of them ("không còn hộ nghèo" for "còn hộ nghèo không?"); null when none does.
 */
function clauseSpan(ask: Ask, sentence: string, isNew: (m: string) => boolean): string | null {
  let best: string | null = null;
  let bestCount = SPAN_TUNING.clauseMinWords - 1;
  for (const part of sentence.split(/\s*[;,:]\s+|\s+[-–]\s+/u)) {
    const text = part.replace(/[.…!?]+$/u, '').trim();
    const count = new Set(key(text).split(' ').filter((w) => ask.words.has(w))).size;
    if (count > bestCount && isNew(text)) {
      best = text;
      bestCount = count;
    }
  }
  return best;
}
