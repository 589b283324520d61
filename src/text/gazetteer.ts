/**
 * The gazetteer questions are read with: the units the ingested articles report (covered), the country's district-
 * and province-level units (known, so a question about one that no article covers is refused, never answered from
 * another unit), and byline abbreviations. Built per index from its cards; pure lookups afterwards.
 *
 * Recognised forms (diacritic- and case-insensitive unless noted):
 * - a kind word or abbreviation and a name or number: "quận 8", "Q.8", "Q8", "huyện Cần Giờ", "H. Củ Chi",
 *   "TX. Phú Mỹ", "TT.Long Hải", "TP Thủ Đức", "xã Cần Giờ", "phuong hai an", "District 8", "Ward 5";
 * - English suffixes: "Binh Tan District", "Thu Duc City", "Hai An Ward", "Binh Hung Commune";
 * - a bare name of two or more syllables ("Bình Tân", "binh tan"), which then names every unit of that name;
 * - byline abbreviations ("NTL": uppercase only in running text).
 * Precision rules (running text): a kind word must be printed as such ("quân 8" is not "quận 8"); a bare name printed
 * with diacritics must carry the unit's own diacritics and be capitalised (unless the text has no capitals) and must
 * not follow a person-name word ("Nguyễn Thanh Xuân"); a bare name typed without diacritics or capitals whose every
 * syllable is a function word is a phrase ("la gi" is "là gì", not thị xã La Gi); "Q1/2023", "Q1 2023" are quarters; a number must end there
 * ("Quận 1" is not "Quận 12" nor "quận 1.000"); a province printed right after a mention ("Tân Phú, tỉnh Đồng Nai")
 * keeps only that province's units.
 * A kind word followed by a capitalised name the gazetteer does not know is still a mention, with no units: the
 * question is about a unit nobody covers (`closest` then offers covered names that look alike).
 */
import type { Unit, UnitKind } from '../types.js';
import { isPersonNameWord } from './names.js';
import { fold, lowerText } from './normalize.js';
import { FOLDED_STOPWORDS } from './tokenize.js';
import { nationalDistricts } from './national-units.js';
import { BYLINE_UNITS, canonicalProvince, makeUnit, PROVINCES } from './units.js';

export interface GazetteerEntry {
  unit: Unit;
  /** Some ingested article reports this unit. */
  covered: boolean;
  /** Abbreviations that name it ("NTL"). */
  abbreviations?: readonly string[];
}

export interface GazetteerMention {
  /** Units the mention may name, covered first; empty when the gazetteer knows no such unit. */
  units: Unit[];
  /** The covered ones among `units`. */
  covered: Unit[];
  /** The kind printed with the mention, if any. */
  kind: UnitKind | null;
  /** The mention as a display label ("huyện Cần Giờ", "Quận 8", "Bình Tân"). */
  label: string;
  /** UTF-16 offset and length in the input; the matched text verbatim. */
  index: number;
  length: number;
  matched: string;
}

export interface Gazetteer {
  readonly entries: readonly GazetteerEntry[];
  /** Unit mentions of a text, in order (see the module contract). */
  find(text: string): GazetteerMention[];
  /** The mention a whole string is ("quan 8", "Q.8", "binh tan", "NTL"), else null. */
  resolve(text: string): GazetteerMention | null;
  /** Covered units whose names look most like `name` (edit distance on folded names), at most `n`. */
  closest(name: string, n?: number): Unit[];
}

interface Word {
  text: string;
  folded: string;
  index: number;
  end: number;
}

const WORD_RE = /[\p{L}\p{M}]+|\d+/gu;

function words(text: string): Word[] {
  return [...text.matchAll(WORD_RE)].map((m) => ({ text: m[0], folded: fold(m[0].toLowerCase()), index: m.index!, end: m.index! + m[0].length }));
}

/** Kind prefixes (folded word sequences) → the kinds they allow. */
const PREFIXES: ReadonlyArray<[string[], UnitKind[], 'word' | 'abbr' | 'en']> = [
  [['thanh', 'pho'], ['thành phố'], 'word'],
  [['thi', 'tran'], ['thị trấn'], 'word'],
  [['thi', 'xa'], ['thị xã'], 'word'],
  [['phuong'], ['phường'], 'word'],
  [['huyen'], ['huyện'], 'word'],
  [['quan'], ['quận'], 'word'],
  [['xa'], ['xã'], 'word'],
  [['tinh'], ['tỉnh'], 'word'],
  [['tp'], ['thành phố'], 'abbr'],
  [['tx'], ['thị xã'], 'abbr'],
  [['tt'], ['thị trấn'], 'abbr'],
  [['q'], ['quận'], 'abbr'],
  [['h'], ['huyện'], 'abbr'],
  [['p'], ['phường'], 'abbr'],
  [['district'], ['quận', 'huyện', 'thị xã'], 'en'],
  [['dist'], ['quận', 'huyện', 'thị xã'], 'en'],
  [['ward'], ['phường'], 'en'],
  [['commune'], ['xã'], 'en'],
  [['town'], ['thị xã', 'thị trấn'], 'en'],
  [['city'], ['thành phố'], 'en'],
  [['province'], ['tỉnh'], 'en'],
];
/** English kind words after a name ("Binh Tan District"). */
const SUFFIXES: ReadonlyMap<string, UnitKind[]> = new Map(PREFIXES.filter(([, , t]) => t === 'en').map(([w, k]) => [w[0]!, k]));
/** Kind words (folded) → how a text with diacritics prints them. */
const KIND_WORDS: Readonly<Record<string, string>> = {
  'thanh pho': 'thành phố',
  'thi tran': 'thị trấn',
  'thi xa': 'thị xã',
  phuong: 'phường',
  huyen: 'huyện',
  quan: 'quận',
  xa: 'xã',
  tinh: 'tỉnh',
};
const NUMBERED: ReadonlySet<UnitKind> = new Set(['quận', 'phường']);
/** Longest name (syllables) the gazetteer matches. */
const MAX_NAME_WORDS = 5;

const hasDiacritic = (s: string) => /[^\x00-\x7f]/.test(s);
const capitalised = (w: string) => w[0] !== w[0]!.toLowerCase();

export function createGazetteer(entries: readonly GazetteerEntry[]): Gazetteer {
  const byName = new Map<string, GazetteerEntry[]>();
  const byAbbreviation = new Map<string, GazetteerEntry[]>();
  const add = (map: Map<string, GazetteerEntry[]>, key: string, e: GazetteerEntry) => {
    const list = map.get(key) ?? [];
    if (!list.some((x) => x.unit.id === e.unit.id)) list.push(e);
    map.set(key, list);
  };
  for (const e of entries) {
    add(byName, fold(e.unit.name.toLowerCase()), e);
    for (const a of e.abbreviations ?? []) add(byAbbreviation, a.toUpperCase(), e);
  }

  const mention = (found: GazetteerEntry[], kind: UnitKind | null, label: string, text: string, a: number, b: number): GazetteerMention => {
    const sorted = [...found].sort((x, y) => Number(y.covered) - Number(x.covered));
    return {
      units: sorted.map((e) => e.unit),
      covered: sorted.filter((e) => e.covered).map((e) => e.unit),
      kind,
      label,
      index: a,
      length: b - a,
      matched: text.slice(a, b),
    };
  };

  /** The longest known name starting at word i (at most MAX_NAME_WORDS), with its entries. */
  const nameAt = (ws: Word[], i: number, text: string): { n: number; entries: GazetteerEntry[] } | null => {
    for (let n = Math.min(MAX_NAME_WORDS, ws.length - i); n >= 1; n--) {
      // Only spaces (or hyphens) inside a name: "Bình, Tân" is two words.
      if (ws.slice(i, i + n - 1).some((w, k) => !/^[\s-]+$/.test(text.slice(w.end, ws[i + k + 1]!.index)))) continue;
      const found = byName.get(ws.slice(i, i + n).map((w) => w.folded).join(' '));
      if (found) return { n, entries: found };
    }
    return null;
  };

  /** A name printed with diacritics must carry the unit's own ("Bình Tấn" is not "Bình Tân"). */
  const sameAccents = (printed: string, e: GazetteerEntry) => !hasDiacritic(printed) || lowerText(printed).replace(/\s+/g, ' ') === lowerText(e.unit.name);

  /** Keeps the units of the province printed right after the mention ("Tân Phú, tỉnh Đồng Nai"). */
  const provinceAfter = (text: string, end: number, found: GazetteerEntry[]): GazetteerEntry[] => {
    const m = /^\s*[,(–-]?\s*(?:tỉnh|tinh|thành phố|thanh pho|TP\.?)\s+([\p{L}][\p{L}\s-]{1,30}?)(?=[),.;]|$|\s+(?:đã|có|là|và)\s)/iu.exec(text.slice(end, end + 45));
    const province = m ? canonicalProvince(m[1]!) : null;
    return province ? found.filter((e) => e.unit.province === province) : found;
  };

  const find = (text: string, loose = false): GazetteerMention[] => {
    const ws = words(text);
    const out: GazetteerMention[] = [];
    const noUppercase = loose || text === text.toLowerCase();
    const accented = hasDiacritic(text);
    let i = 0;
    while (i < ws.length) {
      const w = ws[i]!;
      // 1. A kind prefix, then a number or a name.
      const prefix = PREFIXES.find(([seq]) => seq.every((s, k) => ws[i + k]?.folded === s) && seq.length <= ws.length - i);
      if (prefix) {
        const [seq, kinds, type] = prefix;
        const last = ws[i + seq.length - 1]!;
        const next = ws[i + seq.length];
        const gap = next ? text.slice(last.end, next.index) : '';
        // A kind word typed without diacritics counts only in a text typed without them ("cơ quan Nhà nước").
        const printed = lowerText(ws.slice(i, i + seq.length).map((x) => x.text).join(' '));
        const printedOk = type !== 'word' || (accented ? printed === KIND_WORDS[seq.join(' ')] || printed === seq.join(' ') && !KIND_WORDS[seq.join(' ')] : true);
        const digitNext = gap === '' && next !== undefined && /^\d/.test(next.text);
        const abbrOk =
          type !== 'abbr' ||
          digitNext ||
          // Capitals, or any case in a question typed lowercase or unaccented ("tp tay ninh": the name must be known).
          ((loose || noUppercase || !accented || w.text === w.text.toUpperCase()) && (/^(?:\.\s*|\s+)$/.test(gap) || (seq[0] === 'tp' && gap === '' && next?.folded === 'hcm')));
        if (next && printedOk && abbrOk && /^[\s.]*$/.test(gap)) {
          if (/^\d+$/.test(next.text) && kinds.some((k) => NUMBERED.has(k))) {
            // "Q1/2023", "Q1 2023", "quận 1.000": not a unit.
            const after = text.slice(next.end, next.end + 8);
            const quarter = seq[0] === 'q' && gap === '' && /^\s*(?:[/-]\s*\d|20\d\d|n[aă]m\b)/iu.test(after);
            if (!quarter && !/^[.,]\d{3}/.test(after) && next.text.length <= 2) {
              const name = String(Number(next.text));
              const kind = kinds.find((k) => NUMBERED.has(k))!;
              const found = (byName.get(name) ?? []).filter((e) => e.unit.kind === kind);
              out.push(mention(found, kind, makeUnit(kind, name).label, text, w.index, next.end));
              i += seq.length + 1;
              continue;
            }
          } else {
            const named = nameAt(ws, i + seq.length, text);
            const fitting = named?.entries.filter((e) => (e.unit.kind === null || kinds.includes(e.unit.kind)) && sameAccents(ws.slice(i + seq.length, i + seq.length + named.n).map((x) => x.text).join(' '), e));
            if (named && fitting && fitting.length > 0) {
              const end = ws[i + seq.length + named.n - 1]!.end;
              const kept = provinceAfter(text, end, fitting);
              out.push(mention(kept, kinds[0]!, makeUnit(kinds[0]!, fitting[0]!.unit.name).label, text, w.index, end));
              i += seq.length + named.n;
              continue;
            }
            // A capitalised name nobody knows: a unit the articles do not cover.
            if (type === 'word' && capitalised(next.text)) {
              let n = 0;
              while (n < 4 && ws[i + seq.length + n] && capitalised(ws[i + seq.length + n]!.text) && !/^\d/.test(ws[i + seq.length + n]!.text)) n++;
              const nameWords = ws.slice(i + seq.length, i + seq.length + n);
              if (n > 0 && !isCommitteeWord(nameWords[0]!.folded)) {
                const end = nameWords.at(-1)!.end;
                const kind = kinds[0]!;
                out.push(mention([], kind, makeUnit(kind, nameWords.map((x) => x.text).join(' ')).label, text, w.index, end));
                i += seq.length + n;
                continue;
              }
            }
          }
        }
      }
      // 2. A known name, then an English kind word, or bare.
      const named = nameAt(ws, i, text);
      if (named) {
        const printedName = ws.slice(i, i + named.n).map((x) => x.text).join(' ');
        const after = ws[i + named.n];
        const suffix = after && /^\s+$/.test(text.slice(ws[i + named.n - 1]!.end, after.index)) ? SUFFIXES.get(after.folded) : undefined;
        if (suffix) {
          const fitting = named.entries.filter((e) => e.unit.kind === null || suffix.includes(e.unit.kind));
          if (fitting.length > 0) {
            out.push(mention(fitting, fitting[0]!.unit.kind, fitting[0]!.unit.label, text, w.index, after!.end));
            i += named.n + 1;
            continue;
          }
        }
        // Typed without diacritics or capitals, a name made only of function words is a phrase ("la gi" = "là gì").
        const phrase = !loose && !hasDiacritic(printedName) && printedName === printedName.toLowerCase() && ws.slice(i, i + named.n).every((x) => FOLDED_STOPWORDS.has(x.folded));
        const bareOk =
          named.n >= 2 &&
          !phrase &&
          (!hasDiacritic(printedName) || noUppercase || printedName.split(/\s+/).every(capitalised)) &&
          (loose || !isPersonNameWord(ws[i - 1]?.text ?? '') || !capitalised(ws[i - 1]?.text ?? 'x'));
        const fitting = named.entries.filter((e) => sameAccents(printedName, e));
        if (bareOk && fitting.length > 0) {
          const end = ws[i + named.n - 1]!.end;
          const kept = provinceAfter(text, end, fitting);
          out.push(mention(kept, null, fitting.length === 1 ? fitting[0]!.unit.label : fitting[0]!.unit.name, text, w.index, end));
          i += named.n;
          continue;
        }
      }
      // 3. A byline abbreviation.
      const abbr = byAbbreviation.get(w.text.toUpperCase());
      if (abbr && (loose || w.text === w.text.toUpperCase()) && w.text.length >= 2) {
        out.push(mention(abbr, abbr[0]!.unit.kind, abbr[0]!.unit.label, text, w.index, w.end));
        i += 1;
        continue;
      }
      i += 1;
    }
    return out;
  };

  const covered = entries.filter((e) => e.covered);
  return {
    entries,
    find: (text) => find(text),
    resolve(text) {
      const trimmed = text.trim().replace(/^[\s"'“”()[\].,:;-]+|[\s"'“”()[\].,:;-]+$/g, '');
      if (trimmed.length === 0 || trimmed.length > 60) return null;
      const found = find(trimmed, true);
      return found.length === 1 && found[0]!.index === 0 && found[0]!.length === trimmed.length ? found[0]! : null;
    },
    closest(name, n = 3) {
      const key = fold(name.toLowerCase()).replace(/^(?:quan|huyen|thi xa|thanh pho|phuong|xa|thi tran|tp|tx|tt|q|h|p)[.\s]+/, '');
      const scored = covered
        .map((e) => ({ unit: e.unit, d: editDistance(key, fold(e.unit.name.toLowerCase())) }))
        .filter((x) => x.d <= Math.max(1, Math.floor(key.length / 4)))
        .sort((a, b) => a.d - b.d || a.unit.label.localeCompare(b.unit.label, 'vi'));
      const seen = new Set<string>();
      return scored.filter((x) => !seen.has(x.unit.id) && seen.add(x.unit.id)).slice(0, n).map((x) => x.unit);
    },
  };
}

const COMMITTEE_WORDS = new Set(['uy', 'doan', 'dang']);
const isCommitteeWord = (folded: string) => COMMITTEE_WORDS.has(folded);

/** Levenshtein distance (small strings: unit names). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Province-level units (provinces and municipalities), known to every gazetteer. */
export function provinceEntries(): GazetteerEntry[] {
  return PROVINCES.map((p) => ({
    unit: makeUnit(p === 'TP.HCM' || ['Hà Nội', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế'].includes(p) ? 'thành phố' : 'tỉnh', p === 'TP.HCM' ? 'Hồ Chí Minh' : p),
    covered: false,
  }));
}

let national: Gazetteer | null = null;

/**
 * The gazetteer without an index: the country's districts and provinces and the byline abbreviations, none covered
 * (for plans made outside a retriever: tests, the bench's planning step).
 */
export function nationalGazetteer(): Gazetteer {
  return (national ??= createGazetteer(baseEntries()));
}

/** Entries every gazetteer holds: the country's districts and provinces, and the byline abbreviations. */
export function baseEntries(): GazetteerEntry[] {
  return [
    ...BYLINE_UNITS.map((b) => ({ unit: makeUnit(b.kind, b.name, b.province), covered: false, abbreviations: [b.abbreviation] })),
    ...nationalDistricts().map((unit) => ({ unit, covered: false })),
    ...provinceEntries(),
  ];
}
