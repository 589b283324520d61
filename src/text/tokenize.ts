/**
 * Keyword tokenisation for Vietnamese (syllable based; no dictionary is needed or shipped).
 *
 * Contracts:
 * - Input is any string; output tokens are lowercase, NFC, canonical tone placement.
 * - Numbers are whole tokens: "12" never matches "1"; thousands separators are dropped
 *   ("9.308" → "9308", "6.587" → "6587") while decimal commas stay ("104,99"). "56,9%" → "56,9"; a decimal
 *   point becomes a comma ("3.2" → "3,2").
 * - A hyphen between letters separates syllables of one word ("vắc-xin" → "vắc", "xin", "vắc_xin").
 * - Bigrams join adjacent syllables with "_" ("chủ_trì"), never across punctuation that
 *   ends a clause (. , ; : ! ? ( ) quotes), so they act as dictionary-free compound words.
 * - `folded` tokens are diacritic-free ("chu_tri"); `exact` tokens keep diacritics.
 * - Spelling variants of final i/y after a consonant are one token, in the i-form ("kỳ" → "kì", canonicalSpelling).
 */
import { fold, lowerText } from './normalize.js';

/** Bump when tokenisation changes: indexes built with another version are rebuilt. */
export const ANALYZER_VERSION = 3;

/** A syllable or number, or a clause break marker (null) between them. */
type Piece = string | null;

const PIECE = /[\p{L}\p{M}]+|\d+(?:[.,]\d+)*|[.,;:!?()[\]"“”'‘’«»\n–—-]/gu;
const BREAK = /^[.,;:!?()[\]"“”'‘’«»\n–—-]$/u;

/** "9.308" → "9308"; "4.465,775" → "4465,775"; "104,99" stays; "2020" stays. */
export function canonicalNumber(raw: string): string {
  let s = raw;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '');
  // "3.2" / "6.05": a decimal point (never a thousands separator, which groups 3 digits) is the comma of
  // Vietnamese text ("3,2").
  else if (/^\d+\.\d{1,2}$/.test(s)) s = s.replace('.', ',');
  // "1,5" decimal stays; trailing separators are not captured by PIECE.
  return s;
}

/**
 * Administrative abbreviations, expanded on both sides (articles and questions) so "UBND" matches
 * "Ủy ban nhân dân" and "BCH" matches "Ban Chấp hành".
 */
const ABBREVIATIONS: ReadonlyMap<string, string[]> = new Map(
  (
    [
      ['bch', 'ban chấp hành'],
      ['btv', 'ban thường vụ'],
      ['ubnd', 'ủy ban nhân dân'],
      ['hđnd', 'hội đồng nhân dân'],
      ['hdnd', 'hội đồng nhân dân'],
      ['mttq', 'mặt trận tổ quốc'],
      ['ubmttq', 'ủy ban mặt trận tổ quốc'],
      ['qpan', 'quốc phòng an ninh'],
      ['tuv', 'thành ủy viên'],
      ['gpmb', 'giải phóng mặt bằng'],
      ['ktxh', 'kinh tế xã hội'],
    ] as const
  ).map(([k, v]) => [k, v.split(' ')]),
);

/** y-forms of the vowel i, by tone: "ỳ" → "ì". */
const Y_TO_I: Readonly<Record<string, string>> = { y: 'i', 'ỳ': 'ì', 'ý': 'í', 'ỷ': 'ỉ', 'ỹ': 'ĩ', 'ỵ': 'ị' };
/** A syllable whose only vowel is y after a consonant onset ("kỳ", "mỹ", "tỷ", "lý", "quý", "hy"). */
const ONSET_Y = /^(qu|[hklmstvdn])([yỳýỷỹỵ])$/u;

/**
 * The two spellings of syllable-final i after a consonant ("kỳ"/"kì", "tỷ lệ"/"tỉ lệ", "Mỹ"/"Mĩ", "lý do"/
 * "lí do") are one word: both index and question tokens take the i-form. Lowercase NFC input.
 */
export function canonicalSpelling(syllable: string): string {
  const m = ONSET_Y.exec(syllable);
  return m ? m[1]! + Y_TO_I[m[2]!]! : syllable;
}

function pieces(text: string): Piece[] {
  // A hyphen inside a word joins its syllables ("vắc-xin" = "vắc xin"), it does not end a clause.
  const lowered = lowerText(text).replace(/(?<=\p{L})-(?=\p{L})/gu, ' ');
  const out: Piece[] = [];
  for (const m of lowered.matchAll(PIECE)) {
    const tok = m[0];
    if (BREAK.test(tok)) {
      if (out.length > 0 && out[out.length - 1] !== null) out.push(null);
      continue;
    }
    if (/^\d/.test(tok)) out.push(canonicalNumber(tok));
    else out.push(...(ABBREVIATIONS.get(tok) ?? [canonicalSpelling(tok)]));
  }
  return out;
}

/** Syllables and numbers in order (no bigrams). */
export function syllables(text: string): string[] {
  return pieces(text).filter((p): p is string => p !== null);
}

export interface KeywordTokens {
  /** Accented unigrams + accented bigrams. */
  exact: string[];
  /** Folded unigrams + folded bigrams. */
  folded: string[];
}

function withBigrams(ps: Piece[], map: (s: string) => string): string[] {
  const out: string[] = [];
  let prev: string | null = null;
  for (const p of ps) {
    if (p === null) {
      prev = null;
      continue;
    }
    const t = map(p);
    out.push(t);
    if (prev !== null) out.push(`${prev}_${t}`);
    prev = t;
  }
  return out;
}

/** Both keyword views of a text, in order (duplicates kept: term frequency matters). */
export function keywordTokens(text: string): KeywordTokens {
  const ps = pieces(text);
  return { exact: withBigrams(ps, (s) => s), folded: withBigrams(ps, fold) };
}

/** Unigrams and bigrams of one view only (faster when one is enough). */
export function foldedTokens(text: string): string[] {
  return withBigrams(pieces(text), fold);
}

export function exactTokens(text: string): string[] {
  return withBigrams(pieces(text), (s) => s);
}

/**
 * Vietnamese question words and function syllables that carry no topic (folded forms). Used to decide which
 * query terms must be supported by a passage; they still take part in ranking.
 */
export const FOLDED_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'ai gi la cua va cac nhung mot co khong duoc da dang se thi ma de voi trong tai cho den tu ve theo nhu nay ' +
    'do nao sao bao nhieu may khi luc nam thang ngay hay hoac cung rat nhat con chi o ra vao len xuong ' +
    'the thuoc tren duoi sau truoc giua boi vi neu nen moi tung cai chiec lan thu hoi nghi ' +
    'quan huyen dong chi ban chap hanh bo uy hien nay dien hop giu chuc vu phan tram ten noi dung ' +
    'ong ba anh chi ay kia hom gio cu the ko k hok khong j dc bn ntn so'
  ).split(/\s+/),
);

/** The same function words with their accents: "đảng" is content, "đang" is not. */
export const EXACT_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'ai gì là của và các những một có không được đã đang sẽ thì mà để với trong tại cho đến từ về theo như này ' +
    'đó nào sao bao nhiêu mấy khi lúc năm tháng ngày hay hoặc cũng rất nhất còn chỉ ở ra vào lên xuống thế ' +
    'thuộc trên dưới sau trước giữa bởi vì nếu nên mỗi từng cái chiếc lần thứ hội nghị quận huyện đồng chí ban ' +
    'chấp hành bộ ủy hiện nay diễn họp giữ chức vụ phần trăm tên nội dung ông bà anh chị ấy kia hôm giờ cụ thể số'
  ).split(/\s+/),
);

/** English function words: in English questions only glossary terms and names count as content. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'what who whom which when where why how many much the a an of in on at to for from by with is are was were ' +
    'did does do be been has have had and or about tell me please district party committee meeting conference ' +
    'this that these those its it their there total number amount first half second months month year years new ' +
    'help find get got give given reach reached achieve achieved according reported report collect collected ' +
    'compared percent percentage city hcmc today now current currently during after before than held hold take ' +
    'took place date day time people person say said says behalf as s his her he she they them whose'
  ).split(/\s+/),
);
