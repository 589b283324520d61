/**
 * A term summary's key figures: the cards' figure rows (ingest/figures.ts) of a unit's meetings, grouped into
 * series of one indicator across meetings ("Thu ngân sách: hơn 105 tỷ đồng (quý I/2021) → 324,3 tỷ đồng (6 tháng
 * đầu năm 2022)"), each filed under the topic its indicator names. Pure.
 *
 * Contracts:
 * - Only rows whose indicator (with its measure) names a topic (summary-themes.ts `figureTheme`) are kept, and
 *   never a count of delegates or of whom they represent (who attended, not what the unit achieved) nor a figure of a forward-looking
 *   sentence (a target, not a result).
 * - Two rows are one series when their measures compare (compare.ts `measureKey`) and the content syllables of one
 *   indicator (at least MIN_SERIES_SYLLABLES of them) are all in the other's ("thu ngan sach" ⊂ "thu ngan sach nha
 *   nuoc"; "gia tri san xuat nong nghiep" ≠ "… cong nghiep"), the other holding at most MAX_EXTRA_SYLLABLES more
 *   ("doanh thu" ≠ "doanh thu thuong mai dich vu du lich"). A row joins the series it shares most syllables with; a
 *   series keeps its first row's syllables.
 * - A series keeps one point per stated period, and per meeting one per value: the first printed, in meeting order
 *   (oldest first), then printed order (reports of one meeting repeating a figure give one point).
 * - `label`: the indicator as the sentence prints it ("thu ngân sách trên địa bàn" → "Thu ngân sách trên địa bàn"),
 *   without a subject before a linking word or a unit word at its start ("Huyện đã kết nạp" → "Kết nạp"), with
 *   the clause's first words when the indicator was cut at its syllable cap ("tăng trưởng …", not "trưởng …"),
 *   from the series' first row; a row whose phrase cannot be found in its sentence starts no series.
 * - Series order: more points first (how a figure moved), amounts and counts before percentages, then by topic
 *   (TOPICS), then first printed.
 */
import { clauseStartBefore, INDICATOR_SYLLABLES } from '../../ingest/figures.js';
import { fold } from '../../text/normalize.js';
import type { Figure, StoredArticle } from '../../types.js';
import { measureKey } from './compare.js';
import { figureTheme, sentenceTheme, TOPICS, type Topic } from './summary-themes.js';

/** Content syllables an indicator needs to start or join a series. */
export const MIN_SERIES_SYLLABLES = 2;
/** One indicator joins another's series with at most this many content syllables more or fewer. */
export const MAX_EXTRA_SYLLABLES = 2;
/** A label longer than this is no label (a whole clause, not a name). */
export const MAX_LABEL_CHARS = 60;

export interface FigurePoint {
  row: Figure;
  article: StoredArticle;
  /** Index of its meeting in the input. */
  meeting: number;
}

export interface FigureSeries {
  topic: Topic;
  label: string;
  measure: string;
  points: FigurePoint[];
  /** Position of the first point among all rows read (for a stable order). */
  order: number;
}

/** Measures that count who attended a meeting, not what the unit achieved. */
const ATTENDANCE = /^đại biểu/u;
/** "… đại diện cho 3.444 đảng viên": whom the delegates represent (folded indicator). */
const REPRESENTED = /\bdai dien\b/;
/** Syllables that name no indicator of their own (verbs of change, totals), folded. */
const GENERIC: ReadonlySet<string> = new Set('tang giam tong so dat ty le chiem bang vuot quan huyen xa phuong thi tran'.split(' '));
/** Words a label does not end with (linking verbs, qualifiers), folded. */
const TRAILING: ReadonlySet<string> = new Set(
  'da duoc dat uoc tinh la co cho len con chi hon tren gan khoang moi cac nhung cua tai nay do va voi toan trong o thi se de ve theo nhu ca muc'.split(' '),
);

/** Words of a clause's opening a label takes in when its indicator was cut at the syllable cap. */
const CLAUSE_LEAD = 2;
/** Linking words that end a subject printed before an indicator (as printed: "đang" is not "đảng"); looked for within SUBJECT_WORDS words. */
const SUBJECT_END: ReadonlySet<string> = new Set(['đã', 'cũng', 'đang', 'vừa']);
const SUBJECT_WORDS = 5;
/** Words naming the unit or its committee at a label's start ("Huyện kết nạp" → "Kết nạp"), folded. */
const UNIT_WORDS: ReadonlySet<string> = new Set(['huyen', 'quan', 'xa', 'phuong', 'toan']);

const syllablesOf = (indicator: string) => new Set(indicator.split(' ').filter((w) => w && !GENERIC.has(w)));
const subset = (a: Set<string>, b: Set<string>) => [...a].every((w) => b.has(w));

/** The indicator as printed before the figure in its sentence (see the module contract), or null. */
export function figureLabel(row: Figure): string | null {
  const s = row.sentence;
  const at = s.indexOf(row.text);
  if (at < 0) return null;
  const folded = fold(s);
  if (folded.length !== s.length) return null;
  const start = clauseStartBefore(folded, at, 0);
  const words = [...s.slice(start, at).matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ at: start + m.index!, word: m[0], f: fold(m[0]) }));
  const wanted = new Set(row.indicator.split(' ').filter((w) => words.some((x) => x.f === w)));
  const first = row.indicator.split(' ')[0];
  let from = -1;
  for (let i = words.length - 1; i >= 0 && from < 0; i--) {
    if (words[i]!.f === first && subset(wanted, new Set(words.slice(i).map((x) => x.f)))) from = i;
  }
  if (from < 0) return null;
  // An indicator cut at its syllable cap may start inside a compound ("trưởng" of "tăng trưởng"): a clause opening
  // of at most CLAUSE_LEAD words before it belongs to the name.
  if (from > 0 && from <= CLAUSE_LEAD && words.length - from >= INDICATOR_SYLLABLES - 1) from = 0;
  let to = words.length;
  while (to > from && TRAILING.has(words[to - 1]!.f)) to--;
  // The subject before a linking word ("Huyện đã kết nạp", "Đảng bộ quận cũng xóa tên") is no part of the name.
  const link = words.slice(from, Math.min(to - 1, from + SUBJECT_WORDS)).findIndex((x) => SUBJECT_END.has(x.word.toLowerCase()));
  if (link >= 0) from += link + 1;
  while (from < to - 1 && UNIT_WORDS.has(words[from]!.f)) from++;
  if (to === from) return null;
  const last = words[to - 1]!;
  const label = s.slice(words[from]!.at, last.at + last.word.length).trim();
  if (!label || label.length > MAX_LABEL_CHARS) return null;
  return label.charAt(0).toLocaleUpperCase('vi') + label.slice(1);
}

/** 1 for a percentage (a share or a rate), 0 for an amount or a count: amounts say more on their own. */
const share = (s: FigureSeries) => (s.measure.startsWith('%') ? 1 : 0);

/** The figure series of the given meetings' reports (meetings oldest first; see the module contract). */
export function figureSeries(meetings: ReadonlyArray<readonly StoredArticle[]>): FigureSeries[] {
  const series: Array<FigureSeries & { words: Set<string>; key: string }> = [];
  let order = 0;
  for (const [meeting, reports] of meetings.entries()) {
    for (const article of reports) {
      for (const row of article.card.figures ?? []) {
        order++;
        // A target set for the time ahead is no result; delegates are who attended.
        if (ATTENDANCE.test(row.measure) || REPRESENTED.test(row.indicator) || sentenceTheme(row.sentence) === 'tasks') continue;
        const topic = figureTheme(row.indicator, row.measure);
        const words = syllablesOf(row.indicator);
        if (!topic || words.size < MIN_SERIES_SYLLABLES) continue;
        const key = measureKey(row.measure);
        let home: (typeof series)[number] | undefined;
        let shared = 0;
        for (const s of series) {
          if (s.key !== key || Math.abs(s.words.size - words.size) > MAX_EXTRA_SYLLABLES) continue;
          if (!(subset(words, s.words) || subset(s.words, words))) continue;
          const n = [...words].filter((w) => s.words.has(w)).length;
          if (n > shared) [home, shared] = [s, n];
        }
        if (home) {
          if (home.points.some((p) => (p.row.period !== null && p.row.period === row.period) || (p.meeting === meeting && p.row.value === row.value))) continue;
          home.points.push({ row, article, meeting });
          continue;
        }
        const label = figureLabel(row);
        if (!label) continue;
        series.push({ topic, label, measure: row.measure, points: [{ row, article, meeting }], order, words, key });
      }
    }
  }
  return series
    .sort((a, b) => b.points.length - a.points.length || share(a) - share(b) || TOPICS.indexOf(a.topic) - TOPICS.indexOf(b.topic) || a.order - b.order)
    .map(({ words: _w, key: _k, ...s }) => s);
}
