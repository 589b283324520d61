/**
 * Key figures of a report, read from its sentences into small typed rows (indicator, value, measure, period, unit,
 * sentence) at ingest: "kết nạp được 596 đảng viên", "thu ngân sách đạt hơn 3.200 tỷ đồng", "tăng trưởng kinh tế
 * bình quân 9,8%/năm", "giải quyết việc làm cho 4.523/7.500 người". Pure; general patterns of how these reports
 * print figures (a noun or verb phrase, a number, a measure), never a list per article.
 *
 * Contracts:
 * - A row is a number printed before a measure of MEASURES ("tỷ đồng", "%", "đảng viên", "lao động", …) whose
 *   clause names what it counts before the number. A number whose clause names nothing of its own before it (the
 *   "đạt 104,99% dự toán, tăng 23% so với cùng kỳ" after a figure, a target "so với chỉ tiêu 18%", the plan of
 *   "4.465 tỷ đồng/6.942 tỷ đồng") qualifies the figure before it and gives no row.
 * - `indicator`: folded syllables of that phrase, function words and fillers ("đã", "được", "đạt", "hơn") left
 *   out, at most INDICATOR_SYLLABLES from the number back, then the measure's noun when it counts things
 *   ("kết nạp được 596 đảng viên" → "ket nap dang vien").
 * - `value`: the number ("9.308" → 9308, "56,9" → 56.9; "4 tỷ 340 triệu đồng" → 4.34 tỷ đồng); `text`: the
 *   printed figure from its qualifier ("hơn") to the end of its measure, verbatim; `measure`: the measure as
 *   printed, lowercase ("tỷ đồng", "%", "%/năm", "% dự toán", "triệu đồng/người/năm").
 * - `period`: a period printed in the sentence before the figure (else after it), else in an earlier sentence of
 *   its paragraph, else the period the report covers (the first printed in the title, the lead, else the body);
 *   a committee's or congress's own term ("khóa XII, nhiệm kỳ 2020-2025") is no period; `periodSentence` is that other
 *   sentence (absent when the figure's own sentence prints it). Labels: a term "2020-2025", "giữa nhiệm kỳ
 *   2020-2025", "9 tháng đầu năm 2021", "quý III/2021", "năm 2019", "5 năm đến 2020"; a period printed without its
 *   year takes the meeting's (else publication) year. Null when none is printed.
 * - `sentence`: the sentence of the article text the row was read from, verbatim (as the card's other values).
 * - At most MAX_FIGURES_PER_ARTICLE rows per article, in printed order; sentences over MAX_FIGURE_SENTENCE_CHARS are
 *   skipped. Cost: linear in the text (each sentence's work is bounded by the square of that cap at worst).
 */
import type { Figure } from '../types.js';
import { fold } from '../text/normalize.js';

/** Syllables of an indicator phrase kept, counted back from the number. */
export const INDICATOR_SYLLABLES = 8;
/** Sentences longer than this are not read for figures (no report sentence is; it bounds the per-sentence work). */
export const MAX_FIGURE_SENTENCE_CHARS = 3_000;
/** Rows kept per article at most (a statistics annex is not a report). */
export const MAX_FIGURES_PER_ARTICLE = 60;

/**
 * Measures, folded: money, percentages and the nouns these reports count. Longest first (a regex alternation
 * takes the first that matches).
 */
const MONEY = ['nghin ty dong', 'ngan ty dong', 'ty dong', 'trieu dong', 'ty usd', 'trieu usd', 'usd'];
const COUNTED = [
  'tan dang vien',
  'dang vien moi',
  'dang vien',
  'lao dong',
  'nguoi',
  'doanh nghiep',
  'ho ngheo',
  'ho dan',
  'ho',
  'du an',
  'cong trinh',
  'luot khach',
  'luot nguoi',
  'to chuc co so dang',
  'to chuc dang',
  'chi bo',
  'dai bieu',
  'can nha',
  'ho so',
  'truong hop',
  'km2',
  'km²',
  'km',
  'ha',
];
/** Counted nouns that are themselves the measure and the thing counted ("596 đảng viên" counts party members). */
const COUNTED_RE = COUNTED.join('|');
const MONEY_RE = MONEY.join('|');
/** What a percentage is of: "% dự toán", "% kế hoạch". */
const PERCENT_OF = 'du toan|ke hoach|chi tieu';
/** "/năm", "/người/năm" after a measure. */
const PER = '(?:\\s*/\\s*(?:nguoi|nam|thang|ho)){1,2}';

const NUM = '\\d+(?:[.,]\\d+)*';
/** Before a number: hơn, trên, gần, khoảng, ước, đạt … are printed with the figure. */
const QUALIFIER = '(?:(?:hon|tren|gan|khoang|xap xi|chi|ca|toi|den)\\s+)?';

/** A figure, folded: qualifier, number, optional "/target", optional "X tỷ Y triệu", measure. */
const FIGURE_RE = new RegExp(
  `(?<![a-z0-9.,])${QUALIFIER}(${NUM})(?:\\s*/\\s*${NUM})?\\s*(?:(ty)\\s+(${NUM})\\s+(trieu dong)|(%(?:${PER}|\\s+(?:${PERCENT_OF}))?)|((?:${MONEY_RE})(?:${PER})?)|(${COUNTED_RE}))(?![a-z0-9])`,
  'g',
);

/** Phrases that carry no part of an indicator (scope, emphasis), folded; removed before FILLERS. */
const FILLER_PHRASES = /\b(?:tren dia ban(?: \w+)?|hien nay|ket qua|cu the|toan the|tong cong|dat duoc|dat ty le|so voi|nhin chung)\b/g;
/** Syllables that carry no part of an indicator (fillers, linking verbs, qualifiers), folded. */
const FILLERS: ReadonlySet<string> = new Set(
  ('da duoc dat uoc tinh la co cho len con chi hon tren gan khoang moi cac nhung cua tai nay do va voi ' +
    'toan trong o thi se de ve theo nhu ca muc').split(' '),
);
/** Words after which the indicator starts ("Trong đó nổi bật là thu ngân sách …" → "thu ngân sách"), folded. */
const SEGMENT_BREAK = /\b(?:la|gom|trong do|cu the|dong thoi|ngoai ra|rieng|voi|va|nhu|bao gom|tieu bieu|noi bat)\b/g;
/** A clause that only relates a number to the figure before it: "tăng 23%", "bằng 112%", "so với chỉ tiêu 18%". */
const RELATION_ONLY: ReadonlySet<string> = new Set(
  'tang giam bang vuot dat chiem ty le so voi chi tieu ke hoach du toan cung ky nam truoc muc'.split(' '),
);
/**
 * Where the clause holding position `at` starts, not before `floor`: after the last clause end (";", ":", "(", ")",
 * "!", "?", a line break, a comma not inside a number, a spaced en or em dash). A spaced ASCII hyphen joins compounds
 * ("thương mại - dịch vụ", "nông - lâm - ngư nghiệp"). Scans back from `at` only (linear over a sentence's figures).
 */
export function clauseStartBefore(text: string, at: number, floor: number): number {
  for (let i = at - 1; i >= floor; i--) {
    const c = text[i]!;
    if (';:()!?\n'.includes(c) || (c === ',' && !/\d/.test(text[i + 1] ?? '')) || ((c === '–' || c === '—') && text[i - 1] === ' ' && text[i + 1] === ' ')) {
      return i + 1;
    }
  }
  return floor;
}

/** Syllables of folded text, digits and punctuation dropped. */
const words = (foldedText: string): string[] => foldedText.split(/[^a-z0-9]+/).filter((w) => w && !/\d/.test(w));

/** "9.308" → 9308, "56,9" → 56.9 (Vietnamese: "." groups thousands, "," marks decimals). */
export function printedNumber(printed: string): number {
  return Number(printed.replace(/\.(?=\d{3}(?!\d))/g, '').replace(',', '.'));
}

// --- periods ----------------------------------------------------------------------------------

interface FoundPeriod {
  label: string;
  /** Position and length in the (folded) sentence. */
  index: number;
  length: number;
}

const ROMAN_QUARTER: Record<string, string> = { i: 'I', ii: 'II', iii: 'III', iv: 'IV', '1': 'I', '2': 'II', '3': 'III', '4': 'IV' };
const MONTH_WORDS: Record<string, number> = { ba: 3, sau: 6, chin: 9, 'muoi hai': 12 };

/** Periods a sentence prints, folded, in order; `year`/`term` resolve those printed without theirs. */
function periodsIn(folded: string, year: number | null, term: string | null): FoundPeriod[] {
  const out: FoundPeriod[] = [];
  const taken: Array<[number, number]> = [];
  const add = (index: number, length: number, label: string) => {
    if (taken.some(([a, b]) => index < b && index + length > a)) return;
    taken.push([index, index + length]);
    out.push({ label, index, length });
  };
  for (const m of folded.matchAll(/\b(?:nua|giua) nhiem ky(?:\s+(\d{4})\s*[-–—]\s*(\d{4}))?/g)) {
    const t = m[1] ? `${m[1]}-${m[2]}` : term;
    add(m.index!, m[0].length, t ? `giữa nhiệm kỳ ${t}` : 'giữa nhiệm kỳ');
  }
  for (const m of folded.matchAll(/\b(?:nhiem ky|giai doan|thoi ky)?\s*((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})\b/g)) {
    // The term of a committee or congress named ("khóa XII, nhiệm kỳ 2020-2025", "lần thứ XII, nhiệm kỳ …") is
    // no period a figure covers (a congress opens it).
    if (COMMITTEE_TERM_RE.test(folded.slice(Math.max(0, m.index! - COMMITTEE_TERM_LOOKBACK), m.index!))) {
      add(m.index!, m[0].length, '');
      continue;
    }
    add(m.index!, m[0].length, `${m[1]}-${m[2]}`);
  }
  for (const m of folded.matchAll(/(?<!ngay )\b(\d{1,2}|ba|sau|chin|muoi hai) thang(?!\s*\d)(?: dau nam| nam)?(?:\s+(?:nam\s+)?((?:19|20)\d{2}))?\b/g)) {
    const n = /\d/.test(m[1]!) ? Number(m[1]) : MONTH_WORDS[m[1]!]!;
    const y = m[2] ? Number(m[2]) : year;
    add(m.index!, m[0].length, `${n} tháng đầu năm${y ? ` ${y}` : ''}`);
  }
  for (const m of folded.matchAll(/\bquy (iv|iii|ii|i|[1-4])\b(?:\s*(?:nam|\/)\s*((?:19|20)\d{2}))?/g)) {
    const y = m[2] ? Number(m[2]) : year;
    add(m.index!, m[0].length, `quý ${ROMAN_QUARTER[m[1]!]}${y ? `/${y}` : ''}`);
  }
  for (const m of folded.matchAll(/\b(?:sau |trong )?(\d{1,2}|hai|ba|nam) nam(?: qua| thuc hien| vua qua)\b/g)) {
    const n = /\d/.test(m[1]!) ? Number(m[1]) : { hai: 2, ba: 3, nam: 5 }[m[1]!]!;
    add(m.index!, m[0].length, year ? `${n} năm đến ${year}` : `${n} năm`);
  }
  // A year, not a target ("đến năm 2030"), a base ("so với năm 2020") nor a date ("ngày 2/7/2010").
  for (const m of folded.matchAll(/(?<!(?:den|toi|vao|cuoi|huong|tam nhin|voi|sau|truoc) )\bnam ((?:19|20)\d{2})\b/g)) {
    add(m.index!, m[0].length, `năm ${m[1]}`);
  }
  return out.filter((p) => p.label !== '').sort((a, b) => a.index - b.index);
}

/** "khóa XII, " / "lần thứ XII " just before a term: the committee's or congress's own term. */
const COMMITTEE_TERM_RE = /(?:khoa|lan thu) [a-z0-9]+\s*[,(]?\s*(?:nhiem ky|giai doan)?\s*$/;
const COMMITTEE_TERM_LOOKBACK = 40;

/** The period nearest before `at` (else the first after it). */
function periodAt(found: FoundPeriod[], at: number): string | null {
  const before = found.filter((p) => p.index < at);
  return (before.at(-1) ?? found[0])?.label ?? null;
}

// --- rows -------------------------------------------------------------------------------------

export interface FigureInput {
  /** Paragraphs in order, each as its sentences (verbatim). */
  paragraphs: ReadonlyArray<readonly string[]>;
  title: string;
  /** The lead sentence (the first one mentioning the meeting), or null. */
  lead: string | null;
  /** The card's unit id, or null. */
  unitId: string | null;
  /** The meeting's (else publication) year, for periods printed without one. */
  year: number | null;
  /** The card's term ("2020-2025"), for "giữa nhiệm kỳ" printed without one. */
  term: string | null;
}

/** The indicator phrase of the clause text before a number, folded syllables ([] when it names nothing). */
function indicatorBefore(prefixFolded: string): string[] {
  const segments = prefixFolded.split(SEGMENT_BREAK).flatMap((s) => s.split(';'));
  // The last segment that names something ("… hiện nay là 9.308": the segment before "là").
  for (let i = segments.length - 1; i >= 0; i--) {
    const w = words(segments[i]!.replace(FILLER_PHRASES, ' ')).filter((x) => !FILLERS.has(x));
    if (w.length > 0) return w.slice(-INDICATOR_SYLLABLES);
  }
  return [];
}

/** Words without which a sentence prints no period (digits, "nửa nhiệm kỳ", "sáu tháng", "năm năm qua"), folded. */
const MAY_HAVE_PERIOD = /\d|nhiem ky|thang|nam (?:qua|thuc hien|vua qua)/;

export function extractFigures(input: FigureInput): Figure[] {
  const rows: Figure[] = [];
  const foldedOf = new Map<string, string>();
  const folding = (s: string) => {
    let f = foldedOf.get(s);
    if (f === undefined) foldedOf.set(s, (f = fold(s).toLowerCase()));
    return f;
  };
  const periodsOf = (folded: string) => (MAY_HAVE_PERIOD.test(folded) ? periodsIn(folded, input.year, input.term) : []);
  // The period the report covers: the first one printed in the title, the lead, else the body.
  let reportPeriod: { sentence: string; label: string } | null = null;
  for (const s of [input.title, input.lead ?? '', ...input.paragraphs.flat()]) {
    if (s.length > MAX_FIGURE_SENTENCE_CHARS) continue;
    const first = periodsOf(folding(s))[0];
    if (first) {
      reportPeriod = { sentence: s, label: first.label };
      break;
    }
  }
  for (const sentences of input.paragraphs) {
    let earlier: { sentence: string; label: string } | null = null;
    for (const sentence of sentences) {
      if (sentence.length > MAX_FIGURE_SENTENCE_CHARS) continue;
      const folded = folding(sentence);
      // Folding keeps one code unit per code unit of NFC text: positions carry over to the sentence.
      if (folded.length !== sentence.length) continue;
      const periods = periodsOf(folded);
      const last = periods.at(-1);
      // A sentence with no number prints no figure.
      if (!/\d/.test(folded)) {
        if (last) earlier = { sentence, label: last.label };
        continue;
      }
      let lastEnd = 0;
      for (const m of folded.matchAll(FIGURE_RE)) {
        const start = m.index!;
        const numberAt = start + m[0].indexOf(m[1]!);
        // The clause the number is in, from its start or the previous figure's end, whichever is later.
        const clauseStart = clauseStartBefore(folded, start, lastEnd);
        lastEnd = start + m[0].length;
        // A period printed in the clause ends the words before it ("Trong 9 tháng đầu năm quận thu …").
        let prefix = folded.slice(clauseStart, Math.max(clauseStart, start));
        for (const p of periods) {
          const a = Math.max(p.index - clauseStart, 0);
          const b = Math.min(p.index + p.length - clauseStart, prefix.length);
          if (a < b) prefix = `${prefix.slice(0, a)};${' '.repeat(b - a - 1)}${prefix.slice(b)}`;
        }
        const named = indicatorBefore(prefix);
        if (named.length === 0 || named.every((w) => RELATION_ONLY.has(w))) continue;
        const counted = m[7];
        let value = printedNumber(m[1]!);
        let measure: string;
        if (m[2]) {
          value += printedNumber(m[3]!) / 1000;
          measure = 'tỷ đồng';
        } else {
          measure = sentence.slice(start + m[0].length - (m[5] ?? m[6] ?? m[7])!.length, start + m[0].length).toLowerCase();
          // "3\u00a0200" never occurs; the measure's own spacing is squashed.
          measure = measure.replace(/\s+/g, ' ').replace(/\s*\/\s*/g, '/').replace(/^%\s+/, '% ');
        }
        if (!Number.isFinite(value)) continue;
        const indicator = counted ? [...named, ...words(counted).filter((w) => !named.includes(w) && w !== 'moi' && w !== 'tan')] : named;
        let period = periodAt(periods, numberAt);
        let periodSentence: string | null = null;
        if (period === null && earlier) [period, periodSentence] = [earlier.label, earlier.sentence];
        if (period === null && reportPeriod) [period, periodSentence] = [reportPeriod.label, reportPeriod.sentence];
        rows.push({
          indicator: indicator.join(' '),
          value,
          measure,
          text: sentence.slice(start, start + m[0].length),
          period,
          ...(periodSentence && periodSentence !== sentence ? { periodSentence } : {}),
          unitId: input.unitId,
          sentence,
        });
        if (rows.length === MAX_FIGURES_PER_ARTICLE) return rows;
      }
      if (last) earlier = { sentence, label: last.label };
    }
  }
  return rows;
}
