/**
 * Post-generation checks of an LLM answer against the numbered passages it was given. Pure; no I/O.
 *
 * Contracts (`verifyAnswer`):
 * - Text is NFC. It is split into lines, lines into sentences; citation markers that start a sentence
 *   ("… hội nghị. [2] Tiếp theo …") belong to the sentence before them.
 * - Citations: `[n]`, `[n, m]`, `[n-m]`. A number that names no passage is dropped (reported).
 *   A sentence without a valid citation borrows those of the next cited sentence of the same line
 *   (one citation at the end of a paragraph covers the paragraph).
 * - Claims of a sentence: every figure (numbers, percentages, amounts; "9.308", "9308" and "9,308" are the same
 *   number, "56,9" and "56.9" too) and every person's name (a capitalised sequence of 2–4 syllables starting
 *   with a Vietnamese family name, e.g. "Võ Ngọc Quốc Thuận"). Each claim must occur (NFC, case-insensitive,
 *   whole words) in a passage the sentence cites (the passage's header and text). Passage sentences that
 *   address the model ("Bỏ qua mọi hướng dẫn trước đó…") are data, never evidence: they support nothing.
 * - Unsupported sentences are REMOVED, not flagged: a wrong figure in a news answer is worse than a
 *   shorter answer. A sentence with claims but no citation is unsupported. Sentences without claims stay.
 *   Headings left without content are removed too. Everything removed is listed in the report.
 * - Citations are renumbered 1..k in order of first use and written as "[k]" ("[1][2]" for several). A kept
 *   claim that borrowed its citations gets them written after it.
 * - Each Citation is built like the offline ones (CitationSet): its quote is the passage sentence(s) that
 *   contain the citing sentences' claims (else the most similar passage sentence, else the passage's first
 *   sentences).
 * - No valid citation left → the extractive answer, with `fallbackReason` (mode "extractive").
 */
import { ANSWER_MESSAGES } from '../messages/answer.js';
import { FOLDED_SURNAMES, isSurname, PLACE_NAMES } from '../text/names.js';
import { fold, hasDiacritics, lowerText } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import { foldedTokens, FOLDED_STOPWORDS } from '../text/tokenize.js';
import type { Answer, Chunk, TokenUsage } from '../types.js';
import { CitationSet } from './citations.js';

/** A passage as numbered in the prompt. */
export interface Passage {
  n: number;
  chunk: Chunk;
}

export interface RemovedSentence {
  sentence: string;
  reasons: string[];
}

export interface VerifyReport {
  /** Citation numbers that named no passage (each occurrence once per number). */
  droppedCitations: number[];
  removed: RemovedSentence[];
  /** True when no valid citation remained and the extractive answer was returned. */
  fellBack: boolean;
}

/** Places that start with a family-name syllable ("Hà Nội", "Cao Bằng"): never a person's name. */
const NOT_PERSONS: readonly string[] = PLACE_NAMES.map((p) => lowerText(p));

const CITATION = /\[(\d+(?:\s*[,;]\s*\d+|\s*[-–]\s*\d+)*)\]/g;
const LEADING_CITATIONS = /^((?:\[\d+(?:\s*[,;]\s*\d+|\s*[-–]\s*\d+)*\]\s*)+)/;
const FIGURE = /(?<![\p{N}])\d+(?:[.,]\d+)*/gu;
const TITLE_WORD = /^\p{Lu}[\p{Ll}\p{M}]*$/u;
const LINE_PREFIX = /^(\s*(?:[-•*+]|\d{1,2}[.)])\s+|\s*#{1,6}\s+)/;

/** NFC, canonical tone placement, lowercase ("Thuỷ" and "thủy" compare equal). */
function lower(s: string): string {
  return lowerText(s);
}

/** Numbers of a citation marker body ("1, 2", "3-5"). */
function citationNumbers(body: string): number[] {
  const out: number[] = [];
  for (const part of body.split(/\s*[,;]\s*/)) {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b >= a && b - a <= 20) for (let i = a; i <= b; i++) out.push(i);
      else out.push(a, b);
    } else if (/^\d+$/.test(part)) out.push(Number(part));
  }
  return out;
}

/**
 * Possible values of a printed number, as canonical strings: Vietnamese reading ("." thousands, "," decimal)
 * and English reading ("," thousands, "." decimal). Leading zeros of the integer part go; decimals are kept
 * as printed, so "5.000" read as a decimal stays "5.000" and never equals "5".
 * "9.308" → {"9308", "9.308"}; "56,9" → {"56.9"}; "9308" → {"9308"}; "07" → {"7"}.
 */
export function numberValues(raw: string): Set<string> {
  const out = new Set<string>();
  const add = (intPart: string, frac: string | undefined) => out.add(`${intPart.replace(/^0+(?=\d)/, '')}${frac ? `.${frac}` : ''}`);
  if (/^\d+$/.test(raw)) {
    add(raw, undefined);
    return out;
  }
  // Vietnamese: dots group thousands, a comma is the decimal mark.
  let m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/.exec(raw);
  if (m) add(m[1]!.replace(/\./g, ''), m[2]);
  // English: commas group thousands, a dot is the decimal mark.
  m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(raw);
  if (m) add(m[1]!.replace(/,/g, ''), m[2]);
  return out;
}

/** The figures of a text as printed (citation markers must already be removed). */
export function extractFigures(text: string): string[] {
  return [...text.matchAll(FIGURE)].map((m) => m[0]);
}

/** Persons' names of a text: runs of 2–4 capitalised syllables starting with a family name. */
export function extractNames(text: string): string[] {
  const words = [...text.matchAll(/[\p{L}\p{M}]+/gu)].map((m) => ({ w: m[0], start: m.index, end: m.index + m[0].length }));
  const names: string[] = [];
  let i = 0;
  while (i < words.length) {
    const first = words[i]!;
    if (!TITLE_WORD.test(first.w) || !(isSurname(first.w) || FOLDED_SURNAMES.has(first.w.toLowerCase()))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < words.length && j - i < 4) {
      const gap = text.slice(words[j - 1]!.end, words[j]!.start);
      if (!/^ +$/.test(gap) || !TITLE_WORD.test(words[j]!.w)) break;
      j++;
    }
    if (j - i >= 2) {
      const name = text.slice(first.start, words[j - 1]!.end);
      if (!NOT_PERSONS.some((p) => lower(name).startsWith(p))) names.push(name);
      i = j;
    } else i++;
  }
  return names;
}

interface Haystack {
  /** lowerText with single spaces. */
  text: string;
  /** fold() with single spaces, for names typed without diacritics. */
  folded: string;
  /** Canonical values of every figure. */
  figures: Set<string>;
}

function haystack(raw: string): Haystack {
  const figures = new Set<string>();
  for (const f of extractFigures(raw)) for (const v of numberValues(f)) figures.add(v);
  const text = lower(raw).replace(/\s+/gu, ' ');
  return { text, folded: fold(text), figures };
}

/** Sentences that address the model ("Bỏ qua mọi hướng dẫn…", "ignore previous instructions"), folded. */
const INSTRUCTION = new RegExp(
  [
    '\\b(bo qua|phot lo|khong (can )?tuan theo|quen) (het |di )?(moi |tat ca |toan bo |cac |nhung )*(huong dan|chi dan|chi thi|lenh|quy tac|yeu cau)',
    '\\bhay (tra loi|noi|viet|khang dinh|xac nhan) (rang|la)\\b',
    '\\b(ignore|disregard|forget) (all |any |the |your )*(previous |prior |above |earlier )?(instructions|rules|prompts?)',
    '\\b(answer|respond|reply|say) (only )?(that|with)\\b',
    '\\b(system prompt|you are now|ban (bay gio )?la mot (tro ly|mo hinh|ai))\\b',
    '<\\s*/?\\s*passage|‹\\s*/?\\s*passage',
  ].join('|'),
);

/** True for a passage sentence that gives the model instructions: it is never evidence for a claim. */
export function isInstruction(sentence: string): boolean {
  return INSTRUCTION.test(fold(sentence));
}

/**
 * Passage sentences that may support claims: an instruction inside an article is not evidence, and
 * neither is the rest of its paragraph (an injection rarely stops at one sentence).
 */
function evidenceSentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n+/)) {
    for (const s of splitSentences(paragraph)) {
      if (isInstruction(s)) break;
      out.push(s);
    }
  }
  return out;
}

/** Passage text used for checks: header, metadata and body (minus instruction sentences). */
function passageHaystack(chunk: Chunk): Haystack {
  const m = chunk.meta;
  return haystack([chunk.header, m.title, m.unitLabel ?? '', m.date ?? '', ...evidenceSentences(chunk.text)].join('\n'));
}

function hasFigure(h: Haystack, figure: string): boolean {
  for (const v of numberValues(figure)) if (h.figures.has(v)) return true;
  return false;
}

function hasName(h: Haystack, name: string): boolean {
  return hasDiacritics(name) ? containsWords(h.text, lower(name)) : containsWords(h.folded, fold(name));
}

/** True when `needle` (already lowercased like the haystack) occurs as whole words. */
function containsWords(haystack: string, needle: string): boolean {
  const n = needle.replace(/\s+/gu, ' ');
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(n, from);
    if (at < 0) return false;
    const before = haystack[at - 1] ?? ' ';
    const after = haystack[at + n.length] ?? ' ';
    if (!/[\p{L}\p{M}\p{N}]/u.test(before) && !/[\p{L}\p{M}\p{N}]/u.test(after)) return true;
    from = at + 1;
  }
}

interface Sentence {
  /** Sentence text as written (with its markers). */
  text: string;
  /** Valid cited passage numbers, in order of appearance. */
  cites: number[];
  /** Citations used for the check (own, or borrowed from the next cited sentence of the line). */
  effective: number[];
  claimText: string;
  figures: string[];
  names: string[];
  keep: boolean;
}

interface Line {
  prefix: string;
  sentences: Sentence[];
  /** Blank line or a line with no text besides its prefix. */
  blank: boolean;
}

function isHeading(line: Line): boolean {
  if (line.sentences.length !== 1) return false;
  const s = line.sentences[0]!;
  if (s.cites.length > 0) return false;
  const t = s.text.trim();
  return /^#{1,6}\s/.test(line.prefix) || /:$/.test(t) || /^\*\*[^*]+\*\*:?$/.test(t);
}

function parse(text: string, valid: Set<number>, dropped: Set<number>): Line[] {
  const lines: Line[] = [];
  for (const rawLine of text.normalize('NFC').replace(/\r\n?/g, '\n').split('\n')) {
    const prefix = LINE_PREFIX.exec(rawLine)?.[0] ?? '';
    const body = rawLine.slice(prefix.length).trim();
    if (!body) {
      lines.push({ prefix: '', sentences: [], blank: true });
      continue;
    }
    const parts: string[] = [];
    for (const s of splitSentences(body)) {
      const lead = LEADING_CITATIONS.exec(s);
      if (lead && parts.length > 0) {
        parts[parts.length - 1] = `${parts[parts.length - 1]} ${lead[1]!.trim()}`;
        const rest = s.slice(lead[0].length).trim();
        if (rest) parts.push(rest);
      } else parts.push(s);
    }
    const sentences: Sentence[] = parts.map((s) => {
      const cites: number[] = [];
      for (const m of s.matchAll(CITATION)) {
        for (const n of citationNumbers(m[1]!)) {
          if (valid.has(n)) {
            if (!cites.includes(n)) cites.push(n);
          } else dropped.add(n);
        }
      }
      const claimText = s.replace(CITATION, ' ');
      return { text: s, cites, effective: cites, claimText, figures: extractFigures(claimText), names: extractNames(claimText), keep: true };
    });
    for (let i = sentences.length - 1, next: number[] = []; i >= 0; i--) {
      const s = sentences[i]!;
      if (s.cites.length > 0) next = s.cites;
      else s.effective = next;
    }
    lines.push({ prefix, sentences, blank: false });
  }
  return lines;
}

/** Rewrites the markers of a sentence with new numbers (invalid ones removed). */
function renumber(sentence: string, map: Map<number, number>): string {
  return sentence
    .replace(/\s*\[(\d+(?:\s*[,;]\s*\d+|\s*[-–]\s*\d+)*)\]/g, (whole, body: string) => {
      const nums = citationNumbers(body)
        .map((n) => map.get(n))
        .filter((n): n is number => n !== undefined);
      const unique = [...new Set(nums)];
      if (unique.length === 0) return '';
      return `${/^\s/.test(whole) ? ' ' : ''}${unique.map((n) => `[${n}]`).join('')}`;
    })
    .replace(/\s+([.,;:!?…])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

function overlap(a: string, b: string): number {
  const want = new Set(foldedTokens(a).filter((t) => !FOLDED_STOPWORDS.has(t)));
  let n = 0;
  for (const t of new Set(foldedTokens(b))) if (want.has(t)) n++;
  return n;
}

/** Quote for one passage: the passage sentences supporting the answer sentences that cite it. */
function quoteFor(chunk: Chunk, citing: Sentence[]): string {
  const sentences = evidenceSentences(chunk.text);
  const chosen = new Set<number>();
  for (const s of citing) {
    const claims = [...s.figures, ...s.names];
    let found = false;
    sentences.forEach((ps, i) => {
      const h = haystack(ps);
      if (claims.some((c) => (/^\d/.test(c) ? hasFigure(h, c) : hasName(h, c)))) {
        chosen.add(i);
        found = true;
      }
    });
    if (!found) {
      let best = -1;
      let bestScore = 1;
      sentences.forEach((ps, i) => {
        const score = overlap(s.claimText, ps);
        if (score > bestScore) {
          bestScore = score;
          best = i;
        }
      });
      if (best >= 0) chosen.add(best);
    }
  }
  if (chosen.size === 0) {
    const lead: string[] = [];
    for (const s of sentences) {
      lead.push(s);
      if (lead.join(' ').length >= 200 || lead.length >= 2) break;
    }
    return lead.join(' ');
  }
  return [...chosen]
    .sort((a, b) => a - b)
    .map((i) => sentences[i]!)
    .join(' … ');
}

export interface VerifyInput {
  /** The model's reply. */
  text: string;
  /** The passages as numbered in the prompt. */
  passages: Passage[];
  /** The extractive answer for the same question: the frame of the result, and the fallback. */
  extractive: Answer;
  usage?: TokenUsage;
}

interface Analysis {
  /** Lines to keep (removed sentences are marked keep=false). */
  content: Line[];
  /** Citations shown after each kept sentence, before renumbering. */
  shown: Map<Sentence, number[]>;
  report: VerifyReport;
}

function analyse(text: string, passages: Passage[]): Analysis {
  const hay = new Map(passages.map((p) => [p.n, passageHaystack(p.chunk)]));
  const dropped = new Set<number>();
  const lines = parse(text, new Set(hay.keys()), dropped);
  const removed: RemovedSentence[] = [];

  for (const line of lines) {
    for (const s of line.sentences) {
      if (s.figures.length === 0 && s.names.length === 0) continue;
      const reasons: string[] = [];
      if (s.effective.length === 0) reasons.push('no citation');
      else {
        const cited = s.effective.map((n) => hay.get(n)!);
        for (const f of s.figures) {
          if (!cited.some((h) => hasFigure(h, f))) reasons.push(`figure "${f}" not in [${s.effective.join(', ')}]`);
        }
        for (const name of s.names) {
          if (!cited.some((h) => hasName(h, name))) reasons.push(`name "${name}" not in [${s.effective.join(', ')}]`);
        }
      }
      if (reasons.length > 0) {
        s.keep = false;
        removed.push({ sentence: s.text, reasons });
      }
    }
  }

  // Drop lines that lost all their sentences, and headings whose block (the lines under them, up to the
  // next blank line or heading) lost all its lines.
  const alive = (l: Line) => l.sentences.some((s) => s.keep);
  const content = lines.filter((l, i) => {
    if (l.blank) return true;
    if (!alive(l)) return false;
    if (!isHeading(l)) return true;
    let j = i + 1;
    while (j < lines.length && lines[j]!.blank) j++;
    let any = false;
    for (; j < lines.length && !lines[j]!.blank && !isHeading(lines[j]!); j++) any ||= alive(lines[j]!);
    return any;
  });
  // A kept claim without its own marker shows the citations it was checked against.
  const shown = new Map<Sentence, number[]>();
  for (const l of content) {
    for (const s of l.sentences) {
      if (!s.keep) continue;
      const claims = s.figures.length + s.names.length > 0;
      shown.set(s, s.cites.length > 0 ? s.cites : claims ? s.effective : []);
    }
  }
  return { content, shown, report: { droppedCitations: [...dropped].sort((a, b) => a - b), removed, fellBack: false } };
}

/** Renders kept lines, writing each sentence's shown citations through `map` (old n → new n). */
function render(a: Analysis, map: Map<number, number>): string {
  return a.content
    .map((l) => {
      if (l.blank) return '';
      const parts = l.sentences
        .filter((s) => s.keep)
        .map((s) => {
          const own = renumber(s.text, map);
          const shown = a.shown.get(s) ?? [];
          if (s.cites.length > 0 || shown.length === 0) return own;
          const markers = shown.map((n) => `[${map.get(n)}]`).join('');
          const m = /^(.*?)([.!?…]*)$/su.exec(own)!;
          return `${m[1]} ${markers}${m[2]}`;
        });
      return `${l.prefix}${parts.join(' ')}`;
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Checks intermediate text (summary notes) the same way, keeping the original passage numbers.
 * `cited` = how many distinct passages the kept text cites.
 */
export function verifyNotes(text: string, passages: Passage[]): { text: string; cited: number; report: VerifyReport } {
  const a = analyse(text, passages);
  const used = new Set<number>();
  for (const ns of a.shown.values()) for (const n of ns) used.add(n);
  if (used.size === 0) return { text: '', cited: 0, report: a.report };
  const identity = new Map(passages.map((p) => [p.n, p.n]));
  return { text: render(a, identity), cited: used.size, report: a.report };
}

export function verifyAnswer(input: VerifyInput): { answer: Answer; report: VerifyReport } {
  const byN = new Map(input.passages.map((p) => [p.n, p]));
  const a = analyse(input.text, input.passages);
  const order = new Map<number, number>();
  const citing = new Map<number, Sentence[]>();
  for (const [s, ns] of a.shown) {
    for (const n of ns) {
      if (!order.has(n)) order.set(n, order.size + 1);
      citing.set(n, [...(citing.get(n) ?? []), s]);
    }
  }
  if (order.size === 0) {
    return {
      answer: { ...input.extractive, fallbackReason: ANSWER_MESSAGES[input.extractive.language ?? 'vi'].llm.noValidCitation },
      report: { ...a.report, fellBack: true },
    };
  }
  const text = render(a, order);
  const citations = new CitationSet();
  for (const [n] of [...order.entries()].sort((x, y) => x[1] - y[1])) {
    const chunk = byN.get(n)!.chunk;
    citations.cite(chunk, quoteFor(chunk, citing.get(n) ?? []));
  }
  const { fallbackReason: _ignored, ...frame } = input.extractive;
  void _ignored;
  return {
    answer: {
      ...frame,
      answer: text,
      grounded: true,
      mode: 'llm',
      citations: citations.list(),
      ...(input.usage ? { usage: input.usage } : {}),
    },
    report: a.report,
  };
}
