/**
 * The one lexicon of Vietnamese personal and place names: family names, given-name words, and the
 * multi-syllable places whose first syllable may be a family name. Pure data and lookups, no I/O.
 *
 * Used by ingest/people.ts (names in articles), answer/verify.ts (names in LLM answers) and
 * text/districts.ts (a capitalised place right after a name word is part of a person's name), so the
 * three read names the same way (`names.test.ts` checks they agree).
 *
 * Contracts:
 * - Every set holds lowercase NFC words with canonical tone placement (lowerText), accented.
 * - `FOLDED_SURNAMES` is derived: the folded forms of SURNAMES that are not also common words typed
 *   without diacritics ("khong", "quan", "the" …: `FOLDED_SURNAME_EXCLUDED`) and have at least
 *   FOLDED_SURNAME_MIN_LETTERS letters ("le", "vu", "ho" are too ambiguous unaccented).
 */
import { fold, lowerText } from './normalize.js';

const words = (s: string): string[] => s.trim().split(/\s+/).map((w) => lowerText(w));

/** Vietnamese family names (about 120, covering nearly every name printed in Party news). */
export const SURNAMES: ReadonlySet<string> = new Set(
  words(
    'nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý trương đinh lâm mai tô hà ' +
      'đoàn cao lương tạ châu thái lại kiều quách triệu đào đàm tăng thân khúc phùng từ la vương hứa chu ' +
      'bạch lục nghiêm tôn âu giang kim lưu mạc nông tiêu trịnh vi ninh diệp doãn hầu hàn lò lữ ' +
      'mẫn nhữ tống trình khổng lã lạc lường phí sầm thạch trầm ngụy chế cù giáp kha khuất lỗ mông ' +
      'nhan tòng uông vòng đàng biện mã ung khương thiều viên chung đường mạch lai đậu quản cấn ' +
      'bế lù sùng giàng dư tào',
  ),
);

/**
 * Family names that are also common words when capitalised at the start of a phrase ("Đường Nguyễn Huệ" is a
 * street, "Viên chức", "Chung kết"): such a syllable starts a name only when the next syllable is not itself
 * a family name.
 */
export const AMBIGUOUS_SURNAMES: ReadonlySet<string> = new Set(words('đường viên chung quản mạch lai mã ung'));

/** Frequent given-name (middle and last) words: after one of these a capitalised place is part of a person's name. */
export const GIVEN_NAME_WORDS: ReadonlySet<string> = new Set(
  words('văn thị hữu đức minh ngọc quốc xuân thanh công đình quang hồng thu kim anh tuấn bá duy'),
);

/** "ông" (Mr) before a capitalised word: the word is a name. */
const HONORIFIC_WORDS: ReadonlySet<string> = new Set(words('ông'));

/** Words right before which a capitalised place name is part of a person's name ("Nguyễn Thanh Xuân", "ông Hoàng Mai"). */
export function isPersonNameWord(word: string): boolean {
  const w = lowerText(word);
  return SURNAMES.has(w) || GIVEN_NAME_WORDS.has(w) || HONORIFIC_WORDS.has(w);
}

export function isSurname(word: string): boolean {
  return SURNAMES.has(lowerText(word));
}

/** Folded surnames this short are too ambiguous in unaccented text ("le", "vu", "ho"). */
export const FOLDED_SURNAME_MIN_LETTERS = 4;
/** Folded forms of surnames that are common unaccented words or English words. */
const FOLDED_SURNAME_EXCLUDED = new Set(
  'khong quan than tong chung vien mach thai tang giang thach khuc khuong ninh thieu tieu vong uong nhan mong tram bien giap bach sung'.split(' '),
);

/** Family names as typed without diacritics (see the module contract). */
export const FOLDED_SURNAMES: ReadonlySet<string> = new Set(
  [...SURNAMES].map((s) => fold(s)).filter((f) => f.length >= FOLDED_SURNAME_MIN_LETTERS && !FOLDED_SURNAME_EXCLUDED.has(f)),
);

/**
 * Multi-syllable places (provinces, cities, countries, regions) that are never person names, although their
 * first syllable may be a family name ("Hà Nội", "Cao Bằng", "Hồ Chí Minh"). District names are added by the
 * callers that know them (text/districts.ts).
 */
export const PLACE_NAMES: readonly string[] = [
  'Hồ Chí Minh', 'Hà Nội', 'Việt Nam', 'An Giang', 'Bà Rịa', 'Vũng Tàu', 'Bắc Giang', 'Bắc Kạn',
  'Bạc Liêu', 'Bắc Ninh', 'Bến Tre', 'Bình Định', 'Bình Dương', 'Bình Phước', 'Bình Thuận', 'Cà Mau',
  'Cần Thơ', 'Cao Bằng', 'Đà Nẵng', 'Đắk Lắk', 'Đắk Nông', 'Điện Biên', 'Đồng Nai', 'Đồng Tháp',
  'Gia Lai', 'Hà Giang', 'Hà Nam', 'Hà Tĩnh', 'Hải Dương', 'Hải Phòng', 'Hậu Giang', 'Hòa Bình',
  'Hưng Yên', 'Khánh Hòa', 'Kiên Giang', 'Kon Tum', 'Lai Châu', 'Lâm Đồng', 'Lạng Sơn', 'Lào Cai',
  'Long An', 'Nam Định', 'Nghệ An', 'Ninh Bình', 'Ninh Thuận', 'Phú Thọ', 'Phú Yên', 'Quảng Bình',
  'Quảng Nam', 'Quảng Ngãi', 'Quảng Ninh', 'Quảng Trị', 'Sóc Trăng', 'Sơn La', 'Tây Ninh', 'Thái Bình',
  'Thái Nguyên', 'Thanh Hóa', 'Thừa Thiên Huế', 'Tiền Giang', 'Trà Vinh', 'Tuyên Quang', 'Vĩnh Long',
  'Vĩnh Phúc', 'Yên Bái', 'Hội An', 'Nha Trang', 'Đà Lạt', 'Biên Hòa', 'Thủ Dầu Một', 'Cao Lãnh',
  'Trung Quốc', 'Hoa Kỳ', 'Campuchia', 'Đông Nam Á', 'Trung Ương', 'Tây Nguyên', 'Mê Kông', 'Hàn Quốc',
  'Nhật Bản', 'Triều Tiên', 'Thái Lan', 'Hồng Kông', 'Đài Loan', 'Ấn Độ', 'Trung Đông', 'Liên Xô', 'Sài Gòn',
  'Hà Tây', 'Từ Sơn', 'Rạch Giá', 'Phú Quốc', 'Côn Đảo', 'Hạ Long', 'Chợ Lớn', 'Gia Định', 'Điện Biên Phủ',
  'Lý Thường Kiệt',
];
