/**
 * Administrative units as Vietnamese text prints them: a kind word and a name ("huyện Cần Giờ", "Quận 3",
 * "phường Hải An", "TX.Phú Mỹ"), committee forms ("Huyện ủy Cần Giờ", "Thị ủy Phú Mỹ"), and the provinces.
 * Pure functions over the text's own patterns: no list of districts is needed to read a unit here.
 *
 * Contracts:
 * - A unit's `id` is its kind and folded name, ASCII kebab-case ("huyen-can-gio", "quan-3", "xa-can-gio"): a ward
 *   and a district of one name are different units. Its `label` is how answers print it ("huyện Cần Giờ",
 *   "Quận 3": a numbered unit's kind is capitalised, as printed).
 * - `findUnitMentions`: a kind word (any case, with or without diacritics; abbreviations "Q.", "TX.", "TT.",
 *   "TP.", "H.", "P.") followed by a name: a number (quận, phường only) or 1–4 capitalised syllables (all-caps
 *   when the kind word is all-caps). The name stops at a lowercase word, punctuation, a kind or committee word,
 *   or where a person's name starts (a family name followed by capitalised syllables, after the first syllable).
 *   Committee forms "Quận ủy / Huyện ủy / Thị ủy / Thành ủy / Tỉnh ủy + name" give the kind of the committee.
 *   Each mention says whether a committee word precedes it ("Đảng bộ huyện X", "Đảng ủy phường X", "Ban Chấp hành
 *   Đảng bộ X", "Huyện ủy X"): the unit whose Party committee acts.
 * - `findProvinceMentions`: the 63 provinces before the 2025 merger plus Huế, by name or alias ("TP.HCM",
 *   "TPHCM", "BR-VT"); a bare name counts only when capitalised and not part of a longer name ("tư tưởng Hồ Chí
 *   Minh" is not the city).
 */
import type { Unit, UnitKind, UnitLevel } from '../types.js';
import { LookbehindRegExp } from './lookbehind.js';
import { isSurname, PLACE_NAMES } from './names.js';
import { fold, lowerText } from './normalize.js';

export type { Unit, UnitKind, UnitLevel };

/** Longest first, so "thị xã" is found before "xã". */
export const UNIT_KINDS: readonly UnitKind[] = ['thành phố', 'thị trấn', 'thị xã', 'phường', 'huyện', 'quận', 'xã', 'tỉnh'];

/** Municipalities (thành phố trực thuộc Trung ương): a "thành phố" of these names is a province-level city. */
export const CENTRAL_CITIES: readonly string[] = ['Hà Nội', 'TP.HCM', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế'];

/** Provinces before the July 2025 merger (the names articles print), plus Huế; canonical spellings. */
export const PROVINCES: readonly string[] = [
  'Hà Nội', 'TP.HCM', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế',
  'An Giang', 'Bà Rịa - Vũng Tàu', 'Bắc Giang', 'Bắc Kạn', 'Bạc Liêu', 'Bắc Ninh', 'Bến Tre', 'Bình Định',
  'Bình Dương', 'Bình Phước', 'Bình Thuận', 'Cà Mau', 'Cao Bằng', 'Đắk Lắk', 'Đắk Nông', 'Điện Biên', 'Đồng Nai',
  'Đồng Tháp', 'Gia Lai', 'Hà Giang', 'Hà Nam', 'Hà Tĩnh', 'Hải Dương', 'Hậu Giang', 'Hòa Bình', 'Hưng Yên',
  'Khánh Hòa', 'Kiên Giang', 'Kon Tum', 'Lai Châu', 'Lâm Đồng', 'Lạng Sơn', 'Lào Cai', 'Long An', 'Nam Định',
  'Nghệ An', 'Ninh Bình', 'Ninh Thuận', 'Phú Thọ', 'Phú Yên', 'Quảng Bình', 'Quảng Nam', 'Quảng Ngãi', 'Quảng Ninh',
  'Quảng Trị', 'Sóc Trăng', 'Sơn La', 'Tây Ninh', 'Thái Bình', 'Thái Nguyên', 'Thanh Hóa', 'Thừa Thiên Huế',
  'Tiền Giang', 'Trà Vinh', 'Tuyên Quang', 'Vĩnh Long', 'Vĩnh Phúc', 'Yên Bái',
];

/**
 * Provinces that joined another (Nghị quyết 202/2025/QH15, in force 1 July 2025; Thừa Thiên Huế became the city of
 * Huế on 1 January 2025): old canonical name → the province it is part of since `PROVINCE_CHANGES_SINCE`.
 */
const MERGED_INTO: Readonly<Record<string, string>> = {
  'Hà Giang': 'Tuyên Quang', 'Yên Bái': 'Lào Cai', 'Bắc Kạn': 'Thái Nguyên', 'Vĩnh Phúc': 'Phú Thọ', 'Hòa Bình': 'Phú Thọ',
  'Bắc Giang': 'Bắc Ninh', 'Thái Bình': 'Hưng Yên', 'Hải Dương': 'Hải Phòng', 'Hà Nam': 'Ninh Bình', 'Nam Định': 'Ninh Bình',
  'Quảng Bình': 'Quảng Trị', 'Quảng Nam': 'Đà Nẵng', 'Kon Tum': 'Quảng Ngãi', 'Bình Định': 'Gia Lai', 'Ninh Thuận': 'Khánh Hòa',
  'Đắk Nông': 'Lâm Đồng', 'Bình Thuận': 'Lâm Đồng', 'Phú Yên': 'Đắk Lắk', 'Bình Dương': 'TP.HCM', 'Bà Rịa - Vũng Tàu': 'TP.HCM',
  'Bình Phước': 'Đồng Nai', 'Long An': 'Tây Ninh', 'Sóc Trăng': 'Cần Thơ', 'Hậu Giang': 'Cần Thơ', 'Bến Tre': 'Vĩnh Long',
  'Trà Vinh': 'Vĩnh Long', 'Tiền Giang': 'Đồng Tháp', 'Bạc Liêu': 'Cà Mau', 'Kiên Giang': 'An Giang', 'Thừa Thiên Huế': 'Huế',
};
/** ISO date from which MERGED_INTO applies (the 2025 reform; Huế's earlier change is folded in). */
export const PROVINCE_CHANGES_SINCE = '2025-07-01';

/**
 * The province a place of `province` (a canonical name as of before the reform) belongs to on `date` (ISO, or null
 * when unknown: the name is kept): reports after the reform name the merged province.
 */
export function provinceOn(province: string | null, date: string | null): string | null {
  if (province === null || date === null || date < PROVINCE_CHANGES_SINCE) return province;
  return MERGED_INTO[province] ?? province;
}

/** Whether two province names (either side of the reform) can name the same place: equal, or one merged into the other. */
export function sameProvince(a: string, b: string): boolean {
  return a === b || (MERGED_INTO[a] ?? a) === (MERGED_INTO[b] ?? b);
}

/** Other spellings of provinces (folded, spaces and punctuation squashed to single spaces) → canonical name. */
const PROVINCE_ALIASES: ReadonlyArray<[string, string]> = [
  ['tp hcm', 'TP.HCM'],
  ['tphcm', 'TP.HCM'],
  ['hcm', 'TP.HCM'],
  ['ho chi minh', 'TP.HCM'],
  ['sai gon', 'TP.HCM'],
  ['br vt', 'Bà Rịa - Vũng Tàu'],
  ['ba ria vung tau', 'Bà Rịa - Vũng Tàu'],
  ['thua thien hue', 'Thừa Thiên Huế'],
  ['dak lak', 'Đắk Lắk'],
  ['dac lac', 'Đắk Lắk'],
  ['dak nong', 'Đắk Nông'],
];

/**
 * Byline abbreviations of unit portals ("(NTL) Sáng ngày 23/6, …" on the portal of quận Nam Từ Liêm): uppercase,
 * opening the lead.
 */
export const BYLINE_UNITS: ReadonlyArray<{ abbreviation: string; kind: UnitKind; name: string; province: string }> = [
  { abbreviation: 'NTL', kind: 'quận', name: 'Nam Từ Liêm', province: 'Hà Nội' },
  { abbreviation: 'BTL', kind: 'quận', name: 'Bắc Từ Liêm', province: 'Hà Nội' },
];

const slug = (s: string) => fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function unitId(kind: UnitKind | null, name: string): string {
  return kind ? `${slug(kind)}-${slug(name)}` : slug(name);
}

/** "huyện Cần Giờ", "Quận 3", "Phường 5"; the name alone when the kind is unknown. */
export function unitLabel(kind: UnitKind | null, name: string): string {
  if (!kind) return name;
  if (/^\d/.test(name)) return `${kind[0]!.toUpperCase()}${kind.slice(1)} ${name}`;
  return `${kind} ${name}`;
}

/** Administrative rank of a unit level: a higher rank contains lower ones (a central city is a province). */
export const UNIT_LEVEL_RANK: Readonly<Record<UnitLevel, number>> = { ward: 0, district: 1, city: 2, province: 3 };

export function levelOf(kind: UnitKind | null, name: string): UnitLevel | null {
  switch (kind) {
    case 'quận':
    case 'huyện':
    case 'thị xã':
      return 'district';
    case 'phường':
    case 'xã':
    case 'thị trấn':
      return 'ward';
    case 'tỉnh':
      return 'province';
    case 'thành phố':
      return canonicalProvince(name) && CENTRAL_CITIES.includes(canonicalProvince(name)!) ? 'city' : 'district';
    default:
      return null;
  }
}

/** A unit value (plain data). A province-level city is its own province. */
export function makeUnit(kind: UnitKind | null, name: string, province: string | null = null): Unit {
  const level = levelOf(kind, name);
  const ownProvince = level === 'city' || level === 'province' ? canonicalProvince(name) : null;
  return { id: unitId(kind, name), name, kind, label: unitLabel(kind, name), level, province: ownProvince ?? province };
}

const squash = (s: string) => fold(s).replace(/[^a-z0-9]+/g, ' ').trim();
const PROVINCE_BY_KEY: ReadonlyMap<string, string> = new Map([
  ...PROVINCES.map((p): [string, string] => [squash(p), p]),
  ...PROVINCE_ALIASES,
]);

/** The canonical province a name or alias spells ("TP HCM", "Bà Rịa-Vũng Tàu", "ha noi"), else null. */
export function canonicalProvince(text: string): string | null {
  return PROVINCE_BY_KEY.get(squash(text.replace(/^(?:tỉnh|tinh|thành phố|thanh pho|tp\.?)\s*/iu, ''))) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Unit mentions in running text.

const SYL = '\\p{Lu}[\\p{Ll}\\p{M}]*';
const CAPS_SYL = '\\p{Lu}[\\p{Lu}\\p{M}]*';
/** Kind words as printed (case-insensitive match later), longest first, with their abbreviations. */
const KIND_WORDS: ReadonlyArray<[string, UnitKind]> = [
  ['thành phố', 'thành phố'],
  ['thanh pho', 'thành phố'],
  ['thị trấn', 'thị trấn'],
  ['thi tran', 'thị trấn'],
  ['thị xã', 'thị xã'],
  ['thi xa', 'thị xã'],
  ['phường', 'phường'],
  ['phuong', 'phường'],
  ['huyện', 'huyện'],
  ['huyen', 'huyện'],
  ['quận', 'quận'],
  ['quan', 'quận'],
  ['xã', 'xã'],
  ['xa', 'xã'],
  ['tỉnh', 'tỉnh'],
  ['tinh', 'tỉnh'],
];
const KIND_ABBREVIATIONS: ReadonlyArray<[string, UnitKind]> = [
  ['TP', 'thành phố'],
  ['TX', 'thị xã'],
  ['TT', 'thị trấn'],
  ['Q', 'quận'],
  ['H', 'huyện'],
  ['P', 'phường'],
];
/** Committee forms: "Quận ủy Quận 7", "Huyện ủy Cần Giờ", "Thị ủy Phú Mỹ", "Thành ủy Vũng Tàu", "Tỉnh ủy Quảng Ninh". */
const COMMITTEE_KINDS: ReadonlyArray<[string, UnitKind]> = [
  ['quận', 'quận'],
  ['huyện', 'huyện'],
  ['thị', 'thị xã'],
  ['thành', 'thành phố'],
  ['tỉnh', 'tỉnh'],
];

const KIND_BY_WORD = new Map(KIND_WORDS.map(([w, k]) => [w, k]));
const capitalise = (w: string) => w[0]!.toUpperCase() + w.slice(1);
/** Kind words as printed: lowercase, capitalised ("Thị xã", "Thị Xã") or all-caps; the match is case-sensitive. */
const KIND_ALTERNATION = KIND_WORDS.flatMap(([w]) => {
  const words = w.split(' ');
  return [...new Set([w, capitalise(w), words.map(capitalise).join(' '), w.toUpperCase()])];
})
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/ /g, '\\s+'))
  .join('|');
const ABBR_ALTERNATION = KIND_ABBREVIATIONS.map(([a]) => a).join('|');

/** Words that are never part of a unit name, although printed with a capital (committee words, title heads). */
const NOT_NAME = new Set('ủy uỷ uy đảng ban nghị lần khóa khoá nhiệm kỳ phó trưởng viên thư hđnd ubnd'.split(' '));
/** Two-word phrases that end a name: "… Hải An Đại hội", "… Bí thư", "… Thường trực". */
const NOT_NAME_PAIRS = new Set(
  ['đại hội', 'đại biểu', 'hội nghị', 'hội đồng', 'bí thư', 'chủ tịch', 'chủ nhiệm', 'thường trực', 'thường vụ', 'giám đốc', 'tổng bí'],
);
/** A name never ends with these (a phrase cut by a line break: "xã Cần Giờ Đại⏎hội"). */
const NOT_LAST = new Set(['đại', 'bí', 'chủ', 'thường', 'giám', 'tổng']);
/** "Quận Đoàn", "Huyện Đoàn", "Thành Đoàn": the Youth Union of the unit, not a unit named "Đoàn …". */
const YOUTH_UNION = 'đoàn';

/**
 * kind (1) or abbreviation (2), then the name: a number (3) or capitalised syllables (4). The lookbehind keeps
 * "xã" of "thị xã" from starting a second match.
 */
const UNIT_RE = new LookbehindRegExp(new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(${KIND_ALTERNATION})[ \\t]+|(${ABBR_ALTERNATION})(?:\\.[ \\t]*|[ \\t]+|(?=\\d)|(?=HCM)))(?:(\\d{1,2})(?![\\p{N}.,/]\\d)|((?:${SYL}|${CAPS_SYL})(?:[ \\t]+(?:${SYL}|${CAPS_SYL})){0,5}))(?![\\p{L}\\p{N}])`,
  'u',
));
const COMMITTEE_RE = new LookbehindRegExp(new RegExp(
  `(?<![\\p{L}])(${COMMITTEE_KINDS.flatMap(([w]) => [w, capitalise(w), fold(w), capitalise(fold(w))]).join('|')})\\s+[uủ][yỷ]\\s+((?:[Qq]u[aậ]n|[Hh]uy[eệ]n|[Tt]h[iị] x[aã]|[Tt]h[aà]nh ph[oố]|[Tt][iỉ]nh)\\s+)?(\\d{1,2}(?![\\p{N}])|${SYL}(?:[ \\t]+${SYL}){0,4})(?![\\p{L}\\p{N}])`,
  'u',
));
/** Committee words right before a unit mention: the unit whose Party committee acts. */
const COMMITTEE_BEFORE_RE =
  /(?:dang bo|dang uy|ban chap hanh(?: dang bo)?|bch(?: dang bo)?|ban thuong vu|dai hoi(?: dai bieu)?(?: dang bo)?|(?:quan|huyen|thi|thanh) uy)\s*$/;

export interface UnitMention {
  kind: UnitKind | null;
  /** The name as printed (ALL-CAPS names title-cased): "Cần Giờ", "3". */
  name: string;
  /** UTF-16 offset and length of the mention in the text. */
  index: number;
  length: number;
  /** A Party committee word precedes the mention, or it is a committee form ("Huyện ủy X"). */
  committee: boolean;
}

const titleCase = (w: string) => (w === w.toUpperCase() && w.length > 1 ? w[0] + lowerText(w.slice(1)) : w);

/** The unit name inside a run of capitalised syllables (see the module contract); null when none. */
function nameOfRun(words: string[]): string[] | null {
  let start = 0;
  if (lowerText(words[0]!) === YOUTH_UNION) {
    if (words.length === 1) return null;
    start = 1;
  }
  // A run that starts with a family name and has three or more syllables is a person ("Thành ủy Vương Đình Huệ"),
  // unless it is a known place.
  if (isSurname(words[start]!) && words.length - start >= 3 && !isPlacePrefix(words.slice(start, start + 3))) return null;
  const out: string[] = [];
  for (let i = start; i < words.length && out.length < 4; i++) {
    const w = words[i]!;
    if (NOT_NAME.has(lowerText(w))) break;
    if (i + 1 < words.length && NOT_NAME_PAIRS.has(lowerText(`${w} ${words[i + 1]}`))) break;
    // A person's name starts here: a family name followed by another capitalised syllable, after the first word,
    // unless the words so far and this one make a known place ("Hai Bà Trưng", "Hồ Chí Minh").
    if (i > start && isSurname(w) && i + 1 < words.length && !NOT_NAME.has(lowerText(words[i + 1]!)) && !isPlacePrefix([...out, w])) break;
    out.push(titleCase(w));
  }
  while (out.length > 0 && NOT_LAST.has(lowerText(out.at(-1)!))) out.pop();
  return out.length > 0 ? out : null;
}

const PLACE_PREFIXES = new Set(PLACE_NAMES.flatMap((p) => {
  const w = lowerText(p).split(' ');
  return w.map((_, i) => w.slice(0, i + 1).join(' '));
}));
const isPlacePrefix = (words: string[]) => PLACE_PREFIXES.has(lowerText(words.join(' ')));

/** Unit mentions of a text, in order (see the module contract). */
export function findUnitMentions(text: string): UnitMention[] {
  const out: UnitMention[] = [];
  UNIT_RE.lastIndex = 0;
  for (let m = UNIT_RE.next(text); m; m = UNIT_RE.next(text)) {
    const [whole, kindWord, abbr, number, run] = m;
    const printedKind = kindWord ?? abbr!;
    const kind = kindWord ? KIND_BY_WORD.get(lowerText(kindWord).replace(/\s+/g, ' ')) : KIND_ABBREVIATIONS.find(([a]) => a === abbr)?.[1];
    if (!kind) continue;
    // An unaccented kind word must be printed unaccented in an unaccented text ("quan" is not "quân").
    if (kindWord && fold(kindWord) === kindWord.toLowerCase() && /[^\x00-\x7f]/.test(text.slice(Math.max(0, m.index - 200), m.index + 200))) {
      if (!/^(?:quận|huyện|thị xã|thành phố|phường|xã|thị trấn|tỉnh)$/iu.test(kindWord.replace(/\s+/g, ' '))) continue;
    }
    // Abbreviations are capitals, printed with their dot or right before a name ("TX.Phú Mỹ", "Q.3", "TP HCM").
    if (abbr && abbr !== abbr.toUpperCase()) continue;
    if (abbr && (abbr === 'H' || abbr === 'P') && !whole.slice(abbr.length).startsWith('.')) continue;
    let name: string;
    let length = whole.length;
    if (number !== undefined) {
      if (kind !== 'quận' && kind !== 'phường') continue;
      name = String(Number(number));
    } else {
      const capsKind = printedKind === printedKind.toUpperCase();
      const words = run!.split(/[ \t]+/);
      // An all-caps name only after an all-caps kind word (titles); otherwise capitalised syllables.
      if (!capsKind && words[0] === words[0]!.toUpperCase() && words[0]!.length > 1 && !canonicalProvince(words.join(' '))) {
        if (!(kind === 'thành phố' && abbr)) continue;
      }
      if (abbr && words[0]!.length < 2) continue;
      const kept = nameOfRun(words);
      if (!kept) continue;
      name = kept.join(' ');
      // "TP.HCM", "TP HCM", "TPHCM": the municipality, named as its province is.
      if (kind === 'thành phố' && canonicalProvince(words[0]!)) name = canonicalProvince(words[0]!)!;
      const printed = words.slice(0, kept.length).join(' ');
      length = whole.indexOf(words[0]!) + printed.length;
    }
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    out.push({ kind, name, index: m.index, length, committee: COMMITTEE_BEFORE_RE.test(fold(before.toLowerCase())) });
  }
  COMMITTEE_RE.lastIndex = 0;
  for (let m = COMMITTEE_RE.next(text); m; m = COMMITTEE_RE.next(text)) {
    const [whole, committeeWord, innerKind, rawName] = m;
    if (innerKind) continue; // "Quận ủy quận Bình Tân": the kind-word mention inside covers it
    const kind = COMMITTEE_KINDS.find(([w]) => fold(w) === fold(committeeWord!.toLowerCase()))![1];
    if (/^viên$/u.test(rawName!.split(/[ \t]/)[0]!)) continue;
    let name: string;
    if (/^\d/.test(rawName!)) {
      if (kind !== 'quận') continue;
      name = String(Number(rawName));
    } else {
      const kept = nameOfRun(rawName!.split(/[ \t]+/));
      if (!kept) continue;
      name = kept.join(' ');
    }
    // "Thành ủy" alone names a municipality's committee; "Thành ủy viên" is a title.
    if (kind === 'thành phố' && canonicalProvince(name) === null && /^viên\b/iu.test(rawName!)) continue;
    out.push({ kind, name, index: m.index, length: whole.length, committee: true });
  }
  out.sort((a, b) => a.index - b.index || b.length - a.length);
  const kept: UnitMention[] = [];
  let end = -1;
  for (const mention of out) {
    if (mention.index < end) continue;
    kept.push(mention);
    end = mention.index + mention.length;
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Provinces.

export interface ProvinceMention {
  province: string;
  index: number;
  /** Printed with "tỉnh" / "thành phố" / "TP" before it, or an alias such as "TP.HCM" (stronger evidence). */
  qualified: boolean;
}

const PROVINCE_NAME_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(tỉnh|thành phố|TP\\.?)\\s*)?(${[...PROVINCES.filter((p) => p !== 'TP.HCM').map((p) => p.replace(/ - /g, '\\s*-\\s*').replace(/ /g, '\\s+')), 'Hồ\\s+Chí\\s+Minh', 'HCM', 'BR-VT', 'Bà\\s+Rịa-Vũng\\s+Tàu', 'Thừa\\s+Thiên\\s*-\\s*Huế'].join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);
const TPHCM_RE = /(?<![\p{L}\p{N}])(?:TP\.?\s*HCM|TPHCM|Tp\.?\s*HCM|TP\.?\s*Hồ\s+Chí\s+Minh|Thành\s+phố\s+Hồ\s+Chí\s+Minh|thành\s+phố\s+Hồ\s+Chí\s+Minh)(?![\p{L}\p{N}])/gu;

/** Province mentions of a text, in order (see the module contract). */
export function findProvinceMentions(text: string): ProvinceMention[] {
  const out: ProvinceMention[] = [];
  TPHCM_RE.lastIndex = 0;
  for (let m = TPHCM_RE.exec(text); m; m = TPHCM_RE.exec(text)) out.push({ province: 'TP.HCM', index: m.index, qualified: true });
  PROVINCE_NAME_RE.lastIndex = 0;
  for (let m = PROVINCE_NAME_RE.exec(text); m; m = PROVINCE_NAME_RE.exec(text)) {
    const [, qualifier, name] = m;
    const province = canonicalProvince(name!);
    if (!province) continue;
    if (province === 'TP.HCM' && !qualifier && name !== 'HCM') continue; // "tư tưởng Hồ Chí Minh"
    if (out.some((o) => o.index <= m!.index && m!.index < o.index + 12 && o.province === province)) continue;
    // A bare name followed by more capitalised syllables is part of a longer name ("Hà Nam Ninh", a person).
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 3);
    if (!qualifier && /^ \p{Lu}/u.test(after)) continue;
    out.push({ province, index: m.index, qualified: Boolean(qualifier) || name === 'HCM' || name === 'BR-VT' });
  }
  return out.sort((a, b) => a.index - b.index);
}
