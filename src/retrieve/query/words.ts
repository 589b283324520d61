/**
 * Word-level helpers for reading questions: folded whole-word strings for phrase tests, function syllables,
 * clause splitting and filter-span cutting. Pure.
 */
import { fold, normalizeText } from '../../text/normalize.js';
import { syllables } from '../../text/tokenize.js';

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
/**
 * Words whose first or second syllable is otherwise a function word ("chỉ" = only, "ra", "thế", "có"): they are
 * compounds all the same ("chỉ định", "ra mắt"). Accented "a_b"; folded forms derived.
 */
const FUNCTION_COMPOUNDS_EXACT: ReadonlySet<string> = new Set(
  ('chỉ_đạo chỉ_định chỉ_tiêu chỉ_thị chỉ_số chỉ_huy ra_mắt nhất_trí thế_hệ thế_mạnh thế_giới trong_sạch theo_dõi ' +
    'cho_phép có_mặt').split(' '),
);
const FUNCTION_COMPOUNDS_FOLDED: ReadonlySet<string> = new Set([...FUNCTION_COMPOUNDS_EXACT].map((p) => fold(p)));

/** A compound containing a function syllable ("chỉ_định", "chi_dinh"): a word all the same. */
export function isFunctionCompound(pair: string): boolean {
  return FUNCTION_COMPOUNDS_EXACT.has(pair) || (fold(pair) === pair && FUNCTION_COMPOUNDS_FOLDED.has(pair));
}

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
export function clausesOf(text: string): { clauses: string[][]; caps: boolean[][] } {
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
export function cutSpans(text: string, spans: readonly string[]): string {
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


/** Whole-word regex for Vietnamese text (JS `\\b` is ASCII-only: it would match "kh" inside "khóa"). */
export function word(pattern: string, flags = 'gu'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, flags);
}
