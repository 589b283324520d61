/**
 * Sentence and paragraph splitting for Vietnamese news text. Pure functions, no I/O.
 *
 * Contracts:
 * - Every returned sentence/paragraph is a verbatim substring of the input, trimmed; never empty.
 * - Every line break ends a sentence. Within a line a sentence ends after a run of . ! ? … (plus
 *   closing quotes/brackets) when the next character is whitespace followed by something that is
 *   not a lowercase letter, or an opening quote right after the punctuation ("...“Với").
 * - Never a boundary: inside numbers ("9.308", "4.465,775"), after abbreviations that introduce a
 *   name or number ("TS.", "ThS.", "PGS.TS.", "Q.", "P.", "TP. Hồ Chí Minh", "TP.HCM"), after a
 *   leading list number ("1. Nội dung"), before a lowercase word ("v.v. và", "... các").
 * - A quotation “…” closed on the same line within QUOTE_SPAN characters is not split inside
 *   (so a quoted statement stays one sentence with its closing punctuation).
 * - Linear time in the input length.
 */

/** . ! ? … */
const isTerminator = (c: number): boolean => c === 46 || c === 33 || c === 63 || c === 0x2026;
/** The next terminator (isTerminator) of a line. */
const TERMINATOR_RE = /[.!?\u2026]/g;
const CLOSERS = new Set(['”', '’', '"', "'", '»', ')', ']']);
const OPENERS = new Set(['“', '‘', '«', '(', '[']);
/** Longest quotation (in UTF-16 units) kept together as one sentence. */
const QUOTE_SPAN = 600;

/** Abbreviations after which a period never ends a sentence (they precede a name or a number). */
const NAME_ABBREVIATIONS = new Set([
  'TS', 'ThS', 'Th.S', 'PGS', 'GS', 'BS', 'KS', 'CN', 'NCS', 'ThS.BS', 'TS.BS', 'PGS.TS', 'GS.TS',
  'Q', 'P', 'TX', 'TT', 'Mr', 'Mrs', 'Ms', 'Dr', 'St', 'Th', 'Tp.HCM', 'Tr', 'đ/c', 'Đ/c', 'Ths',
]);

const isUpper = (ch: string): boolean => ch !== ch.toLowerCase() && ch === ch.toUpperCase();
const isLower = (ch: string): boolean => ch !== ch.toUpperCase() && ch === ch.toLowerCase();
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\u00a0' || ch === '\u202f';

/** Intervals [open, close] of quotations that must not be split (close = index of the closing quote). */
function protectedQuotes(line: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let open = -1;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '“' || ch === '«') {
      open = i;
    } else if ((ch === '”' || ch === '»') && open >= 0) {
      if (i - open <= QUOTE_SPAN) out.push([open, i]);
      open = -1;
    }
  }
  return out;
}

/**
 * Longest token read before a terminator (UTF-16 units): abbreviations and enumeration numbers are far shorter, and
 * the bound keeps splitting linear on text without spaces ("1.2.3.4…", a URL).
 */
const TOKEN_MAX = 48;

/** The non-space token that ends right before `end` (exclusive), e.g. "TP" or "PGS.TS"; its last TOKEN_MAX units. */
function tokenBefore(line: string, end: number): string {
  let i = end;
  const stop = Math.max(0, end - TOKEN_MAX);
  while (i > stop && !isSpace(line[i - 1]!) && !OPENERS.has(line[i - 1]!)) i--;
  return line.slice(i, end);
}

function wordAt(line: string, start: number): string {
  let i = start;
  while (i < line.length && !isSpace(line[i]!) && !/[,.;:!?…)]/.test(line[i]!)) i++;
  return line.slice(start, i);
}

function isTitleWord(word: string): boolean {
  return word.length > 0 && isUpper(word[0]!);
}

/**
 * Decide whether a terminator run ending at `end` (exclusive, after closers) is a boundary.
 * `runStart` = index of the first terminator character; `sentenceStart` = start of the current sentence.
 */
function isBoundary(line: string, runStart: number, end: number, sentenceStart: number): boolean {
  if (end >= line.length) return true;
  const run = line.slice(runStart, end);
  const single = run === '.';
  const token = tokenBefore(line, runStart);
  const next = line[end]!;

  if (!isSpace(next)) {
    // No space after the punctuation: only "...“Quote" or glued "word.Word" are boundaries.
    if (OPENERS.has(next) && next !== '(' && next !== '[') return !(single && NAME_ABBREVIATIONS.has(token));
    if (single && isUpper(next) && isLower(line[end + 1] ?? '')) {
      const prev = line[runStart - 1] ?? '';
      return isLower(prev) && token.length >= 2 && !token.includes('.') && !NAME_ABBREVIATIONS.has(token);
    }
    return false;
  }

  let m = end;
  while (m < line.length && isSpace(line[m]!)) m++;
  if (m >= line.length) return true;
  const first = line[m]!;
  if (isLower(first)) return false;

  if (single) {
    if (NAME_ABBREVIATIONS.has(token)) return false;
    const parts = token.split('.');
    if (parts.length > 1 && parts.every((p) => NAME_ABBREVIATIONS.has(p) || p === 'TP' || p === 'Tp')) return false;
    if (token === 'TP' || token === 'Tp') {
      // "TP. Hồ Chí Minh", "TP. HCM" (name follows) vs "... của TP. Đồng thời" (sentence ends).
      const w1 = wordAt(line, m);
      if (w1.length > 1 && w1 === w1.toUpperCase() && /\p{L}/u.test(w1)) return false;
      let k = m + w1.length;
      while (k < line.length && isSpace(line[k]!)) k++;
      const w2 = wordAt(line, k);
      if (isTitleWord(w1) && isTitleWord(w2)) return false;
      return true;
    }
    // "1. Nội dung", "2.1. Mục tiêu": an enumeration number at the start of the sentence.
    // (`sentenceStart` is the sentence's first non-space character: nothing precedes the number.)
    if (/^\d+(?:\.\d+)*$/.test(token) && sentenceStart >= runStart - token.length) return false;
  }
  return true;
}

/** Character spans [start, end) of the sentences of `text` (trimmed, non-empty). */
export function sentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (b > a) spans.push([a, b]);
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const quotes = line.includes('“') || line.includes('«') ? protectedQuotes(line) : [];
    // Quotations are disjoint and in order, and runs are visited in order: one pointer walks them.
    let q = 0;
    let sentenceStart = 0;
    let s = -1;
    TERMINATOR_RE.lastIndex = 0;
    for (let t = TERMINATOR_RE.exec(line); t; t = TERMINATOR_RE.exec(line)) {
      const runStart = t.index;
      let j = runStart;
      while (j < line.length && isTerminator(line.charCodeAt(j))) j++;
      while (j < line.length && CLOSERS.has(line[j]!)) j++;
      TERMINATOR_RE.lastIndex = j;
      if (s < sentenceStart) {
        s = sentenceStart;
        while (s < line.length && isSpace(line[s]!)) s++;
      }
      while (q < quotes.length && quotes[q]![1] < j) q++;
      if (q < quotes.length && runStart > quotes[q]![0] && j <= quotes[q]![1]) continue;
      if (isBoundary(line, runStart, j, s)) {
        push(lineStart + sentenceStart, lineStart + j);
        sentenceStart = j;
      }
    }
    push(lineStart + sentenceStart, lineStart + line.length);
    lineStart = lineEnd + 1;
  }
  return spans;
}

/** Split text into sentences (verbatim, trimmed). */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map(([a, b]) => text.slice(a, b));
}

/**
 * Split text into paragraphs (verbatim, trimmed, non-empty). Paragraphs are separated by blank
 * lines; a text without any blank line is split at every line break instead (one paragraph per
 * line, as in scraped news where each paragraph is one line). Lines inside a blank-line-separated
 * block stay together, joined by "\n".
 */
export function splitParagraphs(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, '\n');
  const separator = /\n[ \t\u00a0]*\n/.test(normalized) ? /\n(?:[ \t\u00a0]*\n)+/ : /\n+/;
  return normalized
    .split(separator)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join('\n'),
    )
    .filter((p) => p.length > 0);
}
