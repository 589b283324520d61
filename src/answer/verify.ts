/**
 * Post-generation checks of an LLM answer against the numbered passages it was given. Pure; no I/O.
 *
 * Contracts (`verifyAnswer`):
 * - Text is NFC. It is split into lines, lines into sentences; citation markers that start a sentence
 *   ("… hội nghị. [2] Tiếp theo …") belong to the sentence before them.
 * - Citations: `[n]`, `[n, m]`, `[n-m]`. A number that names no passage is dropped (reported).
 *   A sentence without a valid citation borrows those of the next cited sentence of the same line
 *   (one citation at the end of a paragraph covers the paragraph). A first line citing nothing (a direct answer
 *   above its proof) borrows the citations of the next non-blank line; either way its claims are checked.
 * - Passages may carry their article's publication date (`Passage.published`, index metadata shown in the passage's
 *   tag): evidence like the header, title, unit and date. The report says whether the reply's first non-blank line
 *   (its direct answer) kept a sentence (`firstLineKept`).
 * - Claims of a sentence: every figure (numbers, percentages, amounts; "9.308", "9308" and "9,308" are the same
 *   number, "56,9" and "56.9" too) and every person's name (a capitalised sequence of 2–4 syllables starting
 *   with a Vietnamese family name, e.g. "Võ Ngọc Quốc Thuận"). Each claim must occur (NFC, case-insensitive,
 *   whole words) in a passage the sentence cites (the passage's header and text). Passage sentences that
 *   address the model ("Bỏ qua mọi hướng dẫn trước đó…", text/instructions.ts) are data, never evidence: they
 *   support nothing (ingest already leaves them out of articles; this holds for indexes built before).
 * - Links (URLs, domains) are claims too: each must occur in a cited passage.
 * - Content: a cited sentence must also be supported in its words, not only its figures and names. Its content
 *   units (folded syllables, stopwords and numbers left out; in a sentence written in English — sentenceLanguage —
 *   the Vietnamese words it quotes and the glossary's translations of its English terms) must be found in the
 *   passages it cites for at least LLM_CHECKS.contentSupport of them. A Vietnamese sentence of function words only
 *   asserts nothing and stays; an English one with nothing checkable and no verified claim does not ("HACKED
 *   [1]"). A sentence citing nothing and naming nothing stays when it has at most LLM_CHECKS.uncitedFreeUnits
 *   content units, says the passages do not state something ("Các bài viết không nêu…"), or is supported by some
 *   passage. Headings are checked for claims only (they stay only above kept content).
 * - Unsupported sentences are REMOVED, not flagged: a wrong figure in a news answer is worse than a
 *   shorter answer. A sentence with claims but no citation is unsupported. Sentences without claims stay.
 *   Headings left without content are removed too. Everything removed is listed in the report.
 * - Citations are renumbered 1..k in order of first use and written as "[k]" ("[1][2]" for several). A kept
 *   claim that borrowed its citations gets them written after it.
 * - Each Citation is built like the offline ones (CitationSet): its quote is the passage sentence(s) that
 *   contain the citing sentences' claims (else the most similar passage sentence, else the passage's first
 *   sentences).
 * - No valid citation left → the extractive answer, with `fallbackReason` (mode "extractive").
 * - Linear time in the reply's length (each passage is prepared once; quotes pick among precomputed passage
 *   sentences), so a long reply cannot hold the event loop; llm.ts caps replies anyway.
 * - `DraftChecker` applies the same checks to a reply as it streams: a sentence is released once it is complete
 *   and its citations are known, and only if it passes; markers are left out of the draft (they are renumbered in
 *   the final answer).
 */
import { ANSWER_MESSAGES } from '../messages/answer.js';
import { expandQuestion } from '../retrieve/query/glossary.js';
import { isInstruction } from '../text/instructions.js';
import { FOLDED_SURNAMES, isSurname, PLACE_NAMES } from '../text/names.js';
import { fold, hasDiacritics, lowerText } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import { foldedTokens, FOLDED_STOPWORDS } from '../text/tokenize.js';
import type { Answer, Chunk, Language, TokenUsage } from '../types.js';
import { CitationSet } from './citations.js';
import { LLM_CHECKS } from './tuning.js';

export { isInstruction };

/** A passage as numbered in the prompt. */
export interface Passage {
  n: number;
  chunk: Chunk;
  /**
   * The publication date ("YYYY-MM-DD") of the passage's article, from the index, shown in the passage's tag when the
   * chunk's own date is the meeting's: index metadata, evidence like the header (never model text).
   */
  published?: string;
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
  /** Some sentence of the reply's first non-blank line was kept (the direct answer survived the checks). */
  firstLineKept: boolean;
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
      const low = lower(name);
      if (!NOT_PERSONS.some((p) => low.startsWith(p))) names.push(name);
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

/** A passage prepared once for every check: claims, content units, and its evidence sentences for quotes. */
interface PassageEvidence extends Haystack {
  units: Set<string>;
}

/** Folded syllables (no bigrams, no numbers: figures are checked as claims) that carry content. */
function syllableUnits(text: string): string[] {
  return foldedTokens(text).filter((t) => !t.includes('_') && !FOLDED_STOPWORDS.has(t) && !/^\d/.test(t));
}

/**
 * Content units of an answer sentence (see the module contract). Vietnamese: every content syllable and number.
 * English: the Vietnamese words it quotes (with diacritics) and the glossary's Vietnamese for its
 * English terms ("chaired" → "chủ trì"); other English words cannot be checked against Vietnamese passages.
 */
export function contentUnits(sentence: string, language: Language): string[] {
  if (language === 'vi') return [...new Set(syllableUnits(sentence))];
  const out = new Set<string>();
  for (const m of sentence.matchAll(/[\p{L}\p{M}]+/gu)) if (hasDiacritics(m[0])) for (const u of syllableUnits(m[0])) out.add(u);
  for (const u of syllableUnits(expandQuestion(sentence.toLowerCase(), 'en').added)) out.add(u);
  return [...out];
}

/** A URL, or a bare domain ("evil.example.com/x"), as one whitespace-free token (anchored: linear). */
const LINK_TOKEN = /^(?:(?:https?:\/\/|www\.)\S+|[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:com|net|org|info|biz|io|xyz|top|site|online|ru|cn|vn)(?:\/\S*)?)$/iu;

/** Links of a text (URLs, bare domains), lowercase, surrounding punctuation dropped; token by token (linear). */
export function extractLinks(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\s+/)) {
    if (!raw.includes('.')) continue;
    const at = raw.search(/https?:\/\//i);
    const token = (at > 0 ? raw.slice(at) : raw).replace(/^[(“"'«\[]+/u, '').replace(/[.,;:!?…)”"'»\]]+$/u, '');
    if (LINK_TOKEN.test(token)) out.push(token.toLowerCase());
  }
  return out;
}

/** The text without its links (so a URL's digits are not read as figures). */
function withoutLinks(text: string, links: string[]): string {
  let out = text;
  for (const link of links) out = out.split(new RegExp(link.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')).join(' ');
  return out;
}

/** English function words: a sentence with a few of them and few accented words is English. */
const ENGLISH_FUNCTION = new Set('the of and is are was were has have had by with for to in on at from that this an a its their which who'.split(' '));

/** The language a sentence is written in: English when its function words outnumber its accented words. */
export function sentenceLanguage(sentence: string): Language {
  let english = 0;
  let accented = 0;
  for (const m of sentence.matchAll(/[\p{L}\p{M}]+/gu)) {
    if (hasDiacritics(m[0])) accented++;
    else if (ENGLISH_FUNCTION.has(m[0].toLowerCase())) english++;
  }
  return english >= 2 && english > accented ? 'en' : 'vi';
}

/** "The passages do not state …": a sentence that claims nothing from them. */
const NOT_STATED =
  /\b(?:khong|chua) (?:neu|de cap|noi|cho biet|co thong tin|ghi|nhac)\b|\bkhong co (?:thong tin|so lieu|du lieu)\b|\b(?:do|does|did) not (?:state|say|mention|give|report|specify|include)\b|\bno (?:information|figure|data)\b|\bnot (?:stated|mentioned|reported|specified)\b/;

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
function passageHaystack(chunk: Chunk, published?: string): PassageEvidence {
  const m = chunk.meta;
  // The publication date reads as the statement the index makes: the article was published on that day.
  const stamp = published ? `Bài viết đăng ngày ${published}` : '';
  const raw = [chunk.header, m.title, m.unitLabel ?? '', m.date ?? '', stamp, ...evidenceSentences(chunk.text)].join('\n');
  return { ...haystack(raw), units: new Set(syllableUnits(raw)) };
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
  /** Links (URLs, domains): claims like figures, never written by the model from nothing. */
  links: string[];
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
      const links = extractLinks(claimText);
      const plain = links.length > 0 ? withoutLinks(claimText, links) : claimText;
      return { text: s, cites, effective: cites, claimText, figures: extractFigures(plain), names: extractNames(plain), links, keep: true };
    });
    for (let i = sentences.length - 1, next: number[] = []; i >= 0; i--) {
      const s = sentences[i]!;
      if (s.cites.length > 0) next = s.cites;
      else s.effective = next;
    }
    lines.push({ prefix, sentences, blank: false });
  }
  // The first line (the direct answer) citing nothing borrows the citations of the line after it (its proof).
  const first = lines.findIndex((l) => !l.blank);
  if (first >= 0 && lines[first]!.sentences.every((s) => s.cites.length === 0)) {
    const next = lines.slice(first + 1).find((l) => !l.blank);
    const cites = [...new Set(next?.sentences.flatMap((s) => s.cites) ?? [])];
    if (cites.length > 0) for (const s of lines[first]!.sentences) s.effective = cites;
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

/** A passage's evidence sentences, each prepared once for quoting. */
interface QuoteSource {
  sentences: string[];
  hays: Haystack[];
  tokens: Array<Set<string>>;
}

function quoteSource(chunk: Chunk): QuoteSource {
  const sentences = evidenceSentences(chunk.text);
  return { sentences, hays: sentences.map(haystack), tokens: sentences.map((ps) => new Set(foldedTokens(ps))) };
}

/**
 * Quote for one passage: the passage sentences supporting the answer sentences that cite it. Linear in the number
 * of citing sentences (each is compared with the passage's few sentences, prepared once).
 */
function quoteFor(chunk: Chunk, citing: Sentence[]): string {
  const src = quoteSource(chunk);
  const { sentences } = src;
  const chosen = new Set<number>();
  for (const s of citing) {
    if (chosen.size === sentences.length) break;
    const claims = [...s.figures, ...s.names];
    let found = false;
    src.hays.forEach((h, i) => {
      if (claims.some((c) => (/^\d/.test(c) ? hasFigure(h, c) : hasName(h, c)))) {
        chosen.add(i);
        found = true;
      }
    });
    if (!found) {
      const want = new Set(foldedTokens(s.claimText).filter((t) => !FOLDED_STOPWORDS.has(t)));
      let best = -1;
      let bestScore = 1;
      src.tokens.forEach((tokens, i) => {
        let score = 0;
        for (const t of tokens) if (want.has(t)) score++;
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

/** Passages prepared for the checks, by number. */
type Evidence = Map<number, PassageEvidence>;

/** Why a sentence is not supported by what it cites (empty: supported). Headings are checked for claims only. */
function unsupported(s: Sentence, hay: Evidence, heading: boolean): string[] {
  const reasons: string[] = [];
  const claims = s.figures.length + s.names.length + s.links.length > 0;
  const cited = s.effective.map((n) => hay.get(n)!);
  if (claims) {
    if (s.effective.length === 0) reasons.push('no citation');
    else {
      for (const link of s.links) {
        if (!cited.some((h) => h.text.includes(link))) reasons.push(`link "${link}" not in [${s.effective.join(', ')}]`);
      }
      for (const f of s.figures) {
        if (!cited.some((h) => hasFigure(h, f))) reasons.push(`figure "${f}" not in [${s.effective.join(', ')}]`);
      }
      for (const name of s.names) {
        if (!cited.some((h) => hasName(h, name))) reasons.push(`name "${name}" not in [${s.effective.join(', ')}]`);
      }
    }
  }
  if (reasons.length > 0 || heading) return reasons;
  if (!claims && NOT_STATED.test(fold(s.claimText))) return reasons;
  const language = sentenceLanguage(s.claimText);
  const units = contentUnits(s.claimText, language);
  if (cited.length === 0) {
    // A sentence citing nothing and naming nothing: a few words of frame stay; more must be in some passage.
    if (units.length <= LLM_CHECKS.uncitedFreeUnits) return reasons;
    const found = units.filter((u) => [...hay.values()].some((h) => h.units.has(u))).length;
    if (found / units.length < LLM_CHECKS.contentSupport) reasons.push(`content ${found}/${units.length} in no passage`);
    return reasons;
  }
  if (units.length === 0) {
    if (language !== 'vi' && !claims) reasons.push('nothing checkable');
    return reasons;
  }
  const found = units.filter((u) => cited.some((h) => h.units.has(u))).length;
  if (found / units.length < LLM_CHECKS.contentSupport) reasons.push(`content ${found}/${units.length} in [${s.effective.join(', ')}]`);
  return reasons;
}

function analyse(text: string, passages: Passage[]): Analysis {
  const hay: Evidence = new Map(passages.map((p) => [p.n, passageHaystack(p.chunk, p.published)]));
  const dropped = new Set<number>();
  const lines = parse(text, new Set(hay.keys()), dropped);
  const removed: RemovedSentence[] = [];

  for (const line of lines) {
    const heading = isHeading(line);
    for (const s of line.sentences) {
      const reasons = unsupported(s, hay, heading);
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
      const claims = s.figures.length + s.names.length + s.links.length > 0;
      shown.set(s, s.cites.length > 0 ? s.cites : claims ? s.effective : []);
    }
  }
  const first = lines.find((l) => !l.blank);
  const firstLineKept = first !== undefined && content.includes(first) && first.sentences.some((x) => x.keep);
  return { content, shown, report: { droppedCitations: [...dropped].sort((a, b) => a - b), removed, fellBack: false, firstLineKept } };
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
          let end = own.length;
          while (end > 0 && '.!?…'.includes(own[end - 1]!)) end--;
          return `${own.slice(0, end)} ${markers}${own.slice(end)}`;
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
      const list = citing.get(n);
      if (list) list.push(s);
      else citing.set(n, [s]);
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

/**
 * The checks of `verifyAnswer`, applied to a reply while it streams (see the module contract): `push(delta)`
 * returns the text newly safe to show — whole sentences that passed, citation markers left out, a line break
 * between lines; headings are not shown. A sentence is released once it is complete (the next one has begun, or
 * its line has ended) and its citations are known (its own, or the next cited sentence's of its line). Work is
 * done only when a delta may end a sentence.
 */
export class DraftChecker {
  private readonly hay: Evidence;
  private readonly valid: Set<number>;
  private buffer = '';
  private lineStart = 0;
  /** Sentences of the current line already decided. */
  private decided = 0;
  private lineShown = false;
  private anyShown = false;

  constructor(passages: Passage[]) {
    this.hay = new Map(passages.map((p) => [p.n, passageHaystack(p.chunk, p.published)]));
    this.valid = new Set(this.hay.keys());
  }

  push(delta: string): string {
    this.buffer += delta;
    if (!/[.!?…\n\]]/.test(delta)) return '';
    let out = '';
    for (let nl = this.buffer.indexOf('\n', this.lineStart); nl >= 0; nl = this.buffer.indexOf('\n', this.lineStart)) {
      out += this.line(this.buffer.slice(this.lineStart, nl), true);
      this.lineStart = nl + 1;
      this.decided = 0;
      this.lineShown = false;
    }
    return out + this.line(this.buffer.slice(this.lineStart), false);
  }

  /** The rest, once the reply is complete. */
  end(): string {
    const out = this.line(this.buffer.slice(this.lineStart), true);
    this.lineStart = this.buffer.length;
    this.decided = 0;
    this.lineShown = false;
    return out;
  }

  private line(text: string, complete: boolean): string {
    const line = parse(text, this.valid, new Set())[0];
    if (!line || line.blank || (complete && isHeading(line))) return '';
    const { sentences } = line;
    const ready = complete ? sentences.length : sentences.length - 1;
    // nextCited[i]: some complete sentence after i has citations (then i's borrowed citations are final).
    const nextCited: boolean[] = new Array<boolean>(Math.max(ready, 0)).fill(false);
    for (let i = ready - 2, seen = false; i >= 0; i--) {
      seen ||= sentences[i + 1]!.cites.length > 0;
      nextCited[i] = seen;
    }
    let out = '';
    for (; this.decided < ready; this.decided++) {
      const s = sentences[this.decided]!;
      if (!complete && s.cites.length === 0 && !nextCited[this.decided]) break;
      if (unsupported(s, this.hay, false).length > 0) continue;
      const shown = s.claimText.replace(/\s+/gu, ' ').replace(/\s+([.,;:!?…])/gu, '$1').trim();
      if (!shown) continue;
      out += this.lineShown ? ` ${shown}` : `${this.anyShown ? '\n' : ''}${line.prefix}${shown}`;
      this.lineShown = true;
      this.anyShown = true;
    }
    return out;
  }
}
