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

/**
 * Verbs that give someone a post ("được bầu làm Bí thư", "chỉ định làm", "bổ nhiệm làm"): the "làm" after them only
 * introduces the post ("as"), printed as often "giữ chức", "là" or nothing, so it is no content of the question.
 * Accented; a question typed without diacritics matches their folded forms (as function words do).
 */
const DESIGNATION_VERBS: ReadonlySet<string> = new Set(['bầu', 'chỉ định', 'bổ nhiệm', 'phân công', 'điều động', 'giới thiệu', 'cử', 'giao']);
const DESIGNATION_VERBS_FOLDED: ReadonlySet<string> = new Set([...DESIGNATION_VERBS].map((v) => fold(v)));
const isDesignation = (words: string) => DESIGNATION_VERBS.has(words) || (fold(words) === words && DESIGNATION_VERBS_FOLDED.has(words));
const isRoleMarker = (s: string) => s === 'làm' || s === 'lam';

/** Splits a clause's syllables at every role marker after a designation verb, dropping the marker. */
function splitAtRoleMarkers(syl: string[], caps: boolean[]): Array<[string[], boolean[]]> {
  const out: Array<[string[], boolean[]]> = [];
  let from = 0;
  for (let i = 1; i < syl.length; i++) {
    if (!isRoleMarker(syl[i]!)) continue;
    const one = syl[i - 1]!;
    if (!isDesignation(one) && !(i >= 2 && isDesignation(`${syl[i - 2]} ${one}`))) continue;
    if (i > from) out.push([syl.slice(from, i), caps.slice(from, i)]);
    from = i + 1;
  }
  if (from === 0) return [[syl, caps]];
  if (from < syl.length) out.push([syl.slice(from), caps.slice(from)]);
  return out;
}

/**
 * Clauses (lowercase syllables) and, per syllable, whether it was printed with a capital initial; a role marker after a
 * designation verb ends a clause and is dropped.
 */
export function clausesOf(text: string): { clauses: string[][]; caps: boolean[][] } {
  const clauses: string[][] = [];
  const caps: boolean[][] = [];
  for (const part of text.split(CLAUSE_BREAK)) {
    const syl = syllables(part);
    if (syl.length === 0) continue;
    const printed = normalizeText(part).match(WORD) ?? [];
    const printedCaps = printed.length === syl.length ? printed.map((w) => w[0] !== w[0]!.toLowerCase()) : syl.map(() => false);
    for (const [s, c] of splitAtRoleMarkers(syl, printedCaps)) {
      clauses.push(s);
      caps.push(c);
    }
  }
  // The first word is capitalised because it starts the sentence, not because it is a name.
  if (caps[0]) caps[0][0] = false;
  return { clauses, caps };
}

/**
 * Replaces each span (found diacritic-insensitively) with " | ". Spans come from the folded question;
 * folding NFC Vietnamese keeps one character per character, so positions carry over (otherwise spans are found
 * as typed). Linear in the text's length per distinct span (see `cutFirst`).
 */
export function cutSpans(text: string, spans: readonly string[]): string {
  const folded = fold(text);
  if (folded.length !== text.length) return cutFirst(text, spans);
  return cutFirst(text, spans.map((s) => fold(s)), folded);
}

/**
 * `for (n of needles) text = text.replace(n, ' | ')` without re-scanning the text per needle: each needle, in
 * turn, cuts its first occurrence in `haystack` (default `text`, same length) that overlaps no earlier cut, and the
 * cuts are applied to `text` at the end. A needle's search resumes after its previous cut, so a question naming a
 * unit a thousand times costs one pass per distinct needle, not one per mention (a 100k-character question
 * planned in 11 s before).
 */
export function cutFirst(text: string, needles: readonly string[], haystack: string = text): string {
  if (needles.length === 0) return text;
  const taken = new Uint8Array(haystack.length);
  const resume = new Map<string, number>();
  const cuts: Array<{ start: number; end: number; order: number }> = [];
  for (const needle of needles) {
    let from = resume.get(needle) ?? 0;
    for (;;) {
      const at = from > haystack.length ? -1 : haystack.indexOf(needle, from);
      if (at < 0) {
        resume.set(needle, haystack.length + 1);
        break;
      }
      const end = at + needle.length;
      let free = true;
      for (let i = at; i < end; i++) {
        if (taken[i]) {
          free = false;
          break;
        }
      }
      if (!free) {
        from = at + 1;
        continue;
      }
      taken.fill(1, at, end);
      cuts.push({ start: at, end, order: cuts.length });
      if (needle.length > 0) resume.set(needle, end);
      break;
    }
  }
  cuts.sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let out = '';
  let pos = 0;
  for (const c of cuts) {
    out += `${text.slice(pos, c.start)} | `;
    pos = Math.max(pos, c.end);
  }
  return out + text.slice(pos);
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
