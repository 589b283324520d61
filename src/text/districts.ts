/**
 * District alias table for Hồ Chí Minh City and Hà Nội, and district recognition in text.
 * Pure functions, no I/O; tables are built once at module load.
 *
 * Recognised forms (matching is diacritic-insensitive, case-insensitive unless noted):
 * - numbered HCMC districts 1–12: "Quận 8", "quận 8", "quan 8", "Q8", "Q.8", "Q 8", "Q. 8",
 *   "District 8", "Dist. 8", "quận 08". Number-exact: "Quận 1" never matches "Quận 12"/"Quận 1.000".
 *   Not recognised on purpose: "D8" (road/vitamin/grade names), number words ("quận Tám": too rare to
 *   be worth the false positives), "Q1/2023" / "Q1 2023" (a quarter, not District 1).
 * - named districts: "Bình Tân", "quận Bình Tân", "Q. Bình Tân", "huyện Củ Chi", "H. Củ Chi",
 *   "TP Thủ Đức", "thành phố Thủ Đức", "thị xã Sơn Tây", "TX Sơn Tây", "Binh Tan District",
 *   "Thu Duc City", unaccented "binh tan".
 * - byline abbreviations (uppercase only): "NTL" = Nam Từ Liêm, "BTL" = Bắc Từ Liêm.
 *
 * Precision rules for running text (`findDistrictMentions`):
 * - "quận"/"huyện" must be printed as quận/huyện (or unaccented): "quân 8", "quản 8" are not districts.
 * - A bare name (no quận/huyện/TP/District prefix or suffix) printed with diacritics must be
 *   capitalised ("Bình Tân"; "tuổi thanh xuân" is not Thanh Xuân) unless the whole text has no
 *   uppercase letter; unaccented forms ("binh tan", typed queries) may be lowercase. A bare name
 *   must not follow a personal-name word ("Nguyễn Thanh Xuân", "Lê Thị Hoàng Mai" are people).
 * - A name printed with diacritics must carry the district's own diacritics ("Bình Tấn" is not
 *   "Bình Tân"); unaccented forms match any district with the same letters.
 * - Bare "quận", "Quận ủy", or a single syllable ("Bình") is never a district.
 */
import type { District } from '../types.js';
import { isPersonNameWord } from './names.js';
import { fold, lowerText } from './normalize.js';

export type City = 'Hồ Chí Minh' | 'Hà Nội';
export type DistrictKind = 'quận' | 'huyện' | 'thị xã' | 'thành phố';

export interface DistrictInfo {
  district: District;
  city: City;
  kind: DistrictKind;
  /** Extra whole-string aliases beyond the generated forms (e.g. "NTL"). */
  abbreviations: readonly string[];
}

type Row = [id: string, name: string, city: City, kind: DistrictKind, abbreviations?: string[]];

const ROWS: Row[] = [
  // Hồ Chí Minh City: numbered districts (Quận 2 and 9 merged into Thủ Đức in 2021 but still appear in articles).
  ...Array.from({ length: 12 }, (_, i): Row => [`quan-${i + 1}`, `Quận ${i + 1}`, 'Hồ Chí Minh', 'quận']),
  ['binh-tan', 'Bình Tân', 'Hồ Chí Minh', 'quận'],
  ['binh-thanh', 'Bình Thạnh', 'Hồ Chí Minh', 'quận'],
  ['go-vap', 'Gò Vấp', 'Hồ Chí Minh', 'quận'],
  ['phu-nhuan', 'Phú Nhuận', 'Hồ Chí Minh', 'quận'],
  ['tan-binh', 'Tân Bình', 'Hồ Chí Minh', 'quận'],
  ['tan-phu', 'Tân Phú', 'Hồ Chí Minh', 'quận'],
  ['thu-duc', 'Thủ Đức', 'Hồ Chí Minh', 'thành phố'],
  ['binh-chanh', 'Bình Chánh', 'Hồ Chí Minh', 'huyện'],
  ['can-gio', 'Cần Giờ', 'Hồ Chí Minh', 'huyện'],
  ['cu-chi', 'Củ Chi', 'Hồ Chí Minh', 'huyện'],
  ['hoc-mon', 'Hóc Môn', 'Hồ Chí Minh', 'huyện'],
  ['nha-be', 'Nhà Bè', 'Hồ Chí Minh', 'huyện'],
  // Hà Nội: 12 urban districts, Sơn Tây town, 17 rural districts.
  ['ba-dinh', 'Ba Đình', 'Hà Nội', 'quận'],
  ['hoan-kiem', 'Hoàn Kiếm', 'Hà Nội', 'quận'],
  ['tay-ho', 'Tây Hồ', 'Hà Nội', 'quận'],
  ['long-bien', 'Long Biên', 'Hà Nội', 'quận'],
  ['cau-giay', 'Cầu Giấy', 'Hà Nội', 'quận'],
  ['dong-da', 'Đống Đa', 'Hà Nội', 'quận'],
  ['hai-ba-trung', 'Hai Bà Trưng', 'Hà Nội', 'quận'],
  ['hoang-mai', 'Hoàng Mai', 'Hà Nội', 'quận'],
  ['thanh-xuan', 'Thanh Xuân', 'Hà Nội', 'quận'],
  ['nam-tu-liem', 'Nam Từ Liêm', 'Hà Nội', 'quận', ['NTL']],
  ['bac-tu-liem', 'Bắc Từ Liêm', 'Hà Nội', 'quận', ['BTL']],
  ['ha-dong', 'Hà Đông', 'Hà Nội', 'quận'],
  ['son-tay', 'Sơn Tây', 'Hà Nội', 'thị xã'],
  ['ba-vi', 'Ba Vì', 'Hà Nội', 'huyện'],
  ['chuong-my', 'Chương Mỹ', 'Hà Nội', 'huyện'],
  ['dan-phuong', 'Đan Phượng', 'Hà Nội', 'huyện'],
  ['dong-anh', 'Đông Anh', 'Hà Nội', 'huyện'],
  ['gia-lam', 'Gia Lâm', 'Hà Nội', 'huyện'],
  ['hoai-duc', 'Hoài Đức', 'Hà Nội', 'huyện'],
  ['me-linh', 'Mê Linh', 'Hà Nội', 'huyện'],
  ['my-duc', 'Mỹ Đức', 'Hà Nội', 'huyện'],
  ['phu-xuyen', 'Phú Xuyên', 'Hà Nội', 'huyện'],
  ['phuc-tho', 'Phúc Thọ', 'Hà Nội', 'huyện'],
  ['quoc-oai', 'Quốc Oai', 'Hà Nội', 'huyện'],
  ['soc-son', 'Sóc Sơn', 'Hà Nội', 'huyện'],
  ['thach-that', 'Thạch Thất', 'Hà Nội', 'huyện'],
  ['thanh-oai', 'Thanh Oai', 'Hà Nội', 'huyện'],
  ['thanh-tri', 'Thanh Trì', 'Hà Nội', 'huyện'],
  ['thuong-tin', 'Thường Tín', 'Hà Nội', 'huyện'],
  ['ung-hoa', 'Ứng Hòa', 'Hà Nội', 'huyện'],
];

const INFOS: readonly DistrictInfo[] = ROWS.map(([id, name, city, kind, abbreviations]) => ({
  district: Object.freeze({ id, name }),
  city,
  kind,
  abbreviations: abbreviations ?? [],
}));

/** All known districts, plain `{id, name}` objects (safe to serialise into cards and chunks). */
export const DISTRICTS: readonly District[] = INFOS.map((i) => i.district);

const BY_ID = new Map(INFOS.map((i) => [i.district.id, i]));
export function districtInfo(id: string): DistrictInfo | undefined {
  return BY_ID.get(id);
}
export function districtById(id: string): District | undefined {
  return BY_ID.get(id)?.district;
}

// ---------------------------------------------------------------------------------------------
// Folding with an index map: folded[i] comes from original[map[i]].

const foldCache = new Map<string, string>();
function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  let f = foldCache.get(ch);
  if (f === undefined) {
    f = fold(ch);
    foldCache.set(ch, f);
  }
  return f;
}

interface Folded {
  text: string;
  /** Original index of each folded unit, plus one trailing entry = original length. */
  map: number[];
}

function foldWithMap(original: string): Folded {
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const ch = original[i]!;
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) map.push(i);
    text += f;
  }
  map.push(original.length);
  return { text, map };
}

// ---------------------------------------------------------------------------------------------
// Patterns over folded text.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const NAMED = INFOS.filter((i) => !/^quan-\d+$/.test(i.district.id));
const NAMED_BY_FOLD = new Map(NAMED.map((i) => [fold(i.district.name), i]));
const NAME_ALTERNATION = [...NAMED_BY_FOLD.keys()]
  .sort((a, b) => b.length - a.length)
  .map((n) => escape(n).replace(/ /g, '\\s+'))
  .join('|');

/** prefix (group 1) + name (group 2) + English suffix (group 3). */
const NAMED_RE = new RegExp(
  `(?<![a-z0-9])(?:(quan|huyen|thi\\s+xa|thanh\\s+pho|tx|tp|q|h)(?:\\.\\s*|\\s+))?(${NAME_ALTERNATION})(?:\\s+(district|city))?(?![a-z0-9])`,
  'gd',
);
/** prefix (group 1) + number (group 2). */
const NUMBERED_RE = /(?<![a-z0-9])(quan|district|dist|q)(\.\s*|\s*)0?(1[0-2]|[1-9])(?![0-9]|[.,][0-9]{3})/g;
/** Quarter notations that look like "Q1": "Q1/2023", "Q1-2023", "Q1 2023", "Q1 năm". */
const QUARTER_AFTER = /^\s*(?:[/-]\s*\d|20\d\d|nam\b)/;

const ABBREVIATIONS = new Map<string, DistrictInfo>();
for (const info of INFOS) for (const a of info.abbreviations) ABBREVIATIONS.set(a, info);
const ABBREV_RE = new RegExp(`(?<![\\p{L}\\p{N}])(${[...ABBREVIATIONS.keys()].join('|')})(?![\\p{L}\\p{N}])`, 'gu');
const ABBREV_RE_LOOSE = new RegExp(ABBREV_RE.source, 'giu');

export interface DistrictMention {
  district: District;
  /** UTF-16 offset of the match in the input string. */
  index: number;
  /** UTF-16 length of the match. */
  length: number;
  /** The matched text, verbatim. */
  matched: string;
}

interface Options {
  /** Loose = whole-string resolution: bare names may be lowercase, abbreviations any case. */
  loose: boolean;
}

const hasDiacritic = (s: string) => /[^\x00-\x7f]/.test(s);

function previousWord(text: string, index: number): string {
  let end = index;
  while (end > 0 && text[end - 1] === ' ') end--;
  let start = end;
  while (start > 0 && /[\p{L}\p{M}]/u.test(text[start - 1]!)) start--;
  return text.slice(start, end);
}

function isCapitalised(words: string): boolean {
  return words.split(/\s+/).every((w) => {
    const c = w[0] ?? '';
    return c !== c.toLowerCase();
  });
}

function collect(text: string, options: Options): DistrictMention[] {
  if (text.length === 0) return [];
  const original = text;
  const f = foldWithMap(original);
  const span = (fa: number, fb: number) => ({ a: f.map[fa]!, b: f.map[fb - 1]! + 1 });
  const out: DistrictMention[] = [];
  const add = (info: DistrictInfo, a: number, b: number) =>
    out.push({ district: info.district, index: a, length: b - a, matched: original.slice(a, b) });
  const noUppercase = options.loose || original === original.toLowerCase();

  // A "quan"/"huyen" prefix must be printed as quận/huyện or unaccented (not quân, quản, quán).
  const prefixOk = (prefix: string | undefined, fa: number) => {
    if (prefix !== 'quan' && prefix !== 'huyen') return true;
    const { a, b } = span(fa, fa + prefix.length);
    const word = original.slice(a, b).toLowerCase();
    return word === prefix || word === (prefix === 'quan' ? 'quận' : 'huyện');
  };

  NUMBERED_RE.lastIndex = 0;
  for (let m = NUMBERED_RE.exec(f.text); m; m = NUMBERED_RE.exec(f.text)) {
    const [whole, prefix, sep, num] = m as unknown as [string, string, string, string];
    if (!prefixOk(prefix, m.index)) continue;
    if (prefix === 'q' && sep.trim() === '') {
      // "Q1/2023", "Q1 2023" are quarters; "q" alone must be a standalone letter.
      if (QUARTER_AFTER.test(f.text.slice(m.index + whole.length, m.index + whole.length + 8))) continue;
    }
    if ((prefix === 'district' || prefix === 'dist') && sep === '') continue;
    const info = BY_ID.get(`quan-${Number(num)}`)!;
    const { a, b } = span(m.index, m.index + whole.length);
    add(info, a, b);
  }

  NAMED_RE.lastIndex = 0;
  for (let m = NAMED_RE.exec(f.text); m; m = NAMED_RE.exec(f.text)) {
    const [whole, prefix, name, suffix] = m as unknown as [string, string | undefined, string, string | undefined];
    if (!prefixOk(prefix, m.index)) continue;
    const info = NAMED_BY_FOLD.get(name.replace(/\s+/g, ' '))!;
    // "huyện Tân Phú" (Đồng Nai) is not quận Tân Phú; "quận Củ Chi" is not a thing either.
    if ((prefix === 'huyen' || prefix === 'h') !== (info.kind === 'huyện') && (prefix === 'huyen' || prefix === 'h' || prefix === 'quan')) continue;
    // "Tân Phú, tỉnh Đồng Nai", "Gia Lâm (tỉnh …)": a same-named district of another province.
    if (/^\s*[,(–-]?\s*tinh\b/.test(f.text.slice(m.index + whole.length, m.index + whole.length + 12))) continue;
    const [nameStart, nameEnd] = m.indices![2]!;
    const ns = span(nameStart, nameEnd);
    const printedName = original.slice(ns.a, ns.b);
    if (hasDiacritic(printedName) && lowerText(printedName).replace(/\s+/g, ' ') !== lowerText(info.district.name)) continue;
    if (!prefix && !suffix && !options.loose) {
      if (!noUppercase && hasDiacritic(printedName) && !isCapitalised(printedName)) continue;
      if (isPersonNameWord(previousWord(original, ns.a))) continue;
    }
    const { a, b } = span(m.index, m.index + whole.length);
    add(info, a, b);
  }

  const abbrevRe = options.loose ? ABBREV_RE_LOOSE : ABBREV_RE;
  abbrevRe.lastIndex = 0;
  for (let m = abbrevRe.exec(original); m; m = abbrevRe.exec(original)) {
    add(ABBREVIATIONS.get(m[1]!.toUpperCase())!, m.index, m.index + m[0].length);
  }

  // Longest match first at a position; drop matches overlapping an earlier kept one.
  out.sort((x, y) => x.index - y.index || y.length - x.length);
  const kept: DistrictMention[] = [];
  let end = -1;
  for (const mention of out) {
    if (mention.index < end) continue;
    kept.push(mention);
    end = mention.index + mention.length;
  }
  return kept;
}

/** All district mentions in running text, in order of position (see module contract). */
export function findDistrictMentions(text: string): DistrictMention[] {
  return collect(text, { loose: false });
}

/**
 * The district a whole string names, or null: "Quận 8", "quan 8", "Q.8", "District 8",
 * "Bình Tân", "binh tan", "Binh Tan District", "huyện Củ Chi", "TP Thủ Đức", "NTL".
 * Surrounding whitespace and punctuation are ignored; anything else in the string → null.
 */
export function resolveDistrict(text: string): District | null {
  const trimmed = text.trim().replace(/^[\s"'“”()[\].,:;-]+|[\s"'“”()[\].,:;-]+$/g, '');
  if (trimmed.length === 0 || trimmed.length > 60) return null;
  const mentions = collect(trimmed, { loose: true });
  if (mentions.length !== 1) return null;
  const [m] = mentions as [DistrictMention];
  return m.index === 0 && m.length === trimmed.length ? m.district : null;
}
