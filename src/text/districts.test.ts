import { describe, expect, it } from 'vitest';
import { DISTRICTS, districtInfo, findDistrictMentions, resolveDistrict } from './districts.js';

describe('DISTRICTS', () => {
  it('has unique ASCII kebab-case ids and plain {id, name} objects', () => {
    const ids = DISTRICTS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of DISTRICTS) {
      expect(d.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(Object.keys(d).sort()).toEqual(['id', 'name']);
    }
  });
  it('covers HCMC and Hà Nội', () => {
    for (const id of ['quan-1', 'quan-12', 'binh-tan', 'thu-duc', 'nha-be', 'nam-tu-liem', 'bac-tu-liem', 'son-tay', 'ung-hoa']) {
      expect(districtInfo(id), id).toBeDefined();
    }
    expect(DISTRICTS.filter((d) => districtInfo(d.id)!.city === 'Hà Nội' && districtInfo(d.id)!.kind === 'quận')).toHaveLength(12);
  });
});

describe('resolveDistrict', () => {
  const cases: Array<[string, string | null]> = [
    ['Quận 8', 'quan-8'],
    ['quận 8', 'quan-8'],
    ['quan 8', 'quan-8'],
    ['QUẬN 8', 'quan-8'],
    ['Q8', 'quan-8'],
    ['Q.8', 'quan-8'],
    ['Q 8', 'quan-8'],
    ['Q. 8', 'quan-8'],
    ['District 8', 'quan-8'],
    ['quận 08', 'quan-8'],
    ['Quận 1', 'quan-1'],
    ['Quận 12', 'quan-12'],
    ['quan 12', 'quan-12'],
    ['Quận 13', null],
    ['D8', null],
    ['quận Tám', null],
    ['Bình Tân', 'binh-tan'],
    ['binh tan', 'binh-tan'],
    ['Binh Tan District', 'binh-tan'],
    ['quận Bình Tân', 'binh-tan'],
    ['Q. Bình Thạnh', 'binh-thanh'],
    ['huyện Củ Chi', 'cu-chi'],
    ['H. Củ Chi', 'cu-chi'],
    ['huyen Binh Chanh', 'binh-chanh'],
    ['TP Thủ Đức', 'thu-duc'],
    ['thành phố Thủ Đức', 'thu-duc'],
    ['Thu Duc City', 'thu-duc'],
    ['quận Thủ Đức', 'thu-duc'],
    ['Nam Từ Liêm', 'nam-tu-liem'],
    ['NTL', 'nam-tu-liem'],
    ['BTL', 'bac-tu-liem'],
    ['nam tu liem', 'nam-tu-liem'],
    ['Hai Bà Trưng', 'hai-ba-trung'],
    ['thị xã Sơn Tây', 'son-tay'],
    ['Ứng Hòa', 'ung-hoa'],
    ['Ứng Hoà', 'ung-hoa'],
    ['  (Quận 11).  ', 'quan-11'],
    ['Bình', null],
    ['Quận ủy', null],
    ['quận', null],
    ['Quận ủy Quận 12', null],
    ['quân 8', null],
    ['quản 8', null],
    ['Bình Tấn', null],
    ['huyện Tân Phú', null],
    ['Q1/2023', null],
    ['', null],
  ];
  it.each(cases)('%j → %s', (input, id) => {
    expect(resolveDistrict(input)?.id ?? null).toBe(id);
  });
});

describe('findDistrictMentions', () => {
  const ids = (text: string) => findDistrictMentions(text).map((m) => [m.district.id, m.matched]);

  it('is number-exact', () => {
    expect(ids('Quận ủy Quận 12 và Đảng bộ Quận 11, Quận 1 họp.')).toEqual([
      ['quan-12', 'Quận 12'],
      ['quan-11', 'Quận 11'],
      ['quan-1', 'Quận 1'],
    ]);
    expect(ids('Đoàn làm việc với quận 1.000 người')).toEqual([]);
  });
  it('finds named districts after committee words, longest match first', () => {
    const text = 'Thành ủy viên, Bí thư Quận ủy quận Bình Tân Huỳnh Khắc Điệp chủ trì hội nghị.';
    const [m] = findDistrictMentions(text);
    expect(m).toMatchObject({ district: { id: 'binh-tan' }, matched: 'quận Bình Tân', index: text.indexOf('quận Bình Tân') });
    expect(text.slice(m!.index, m!.index + m!.length)).toBe('quận Bình Tân');
    expect(ids('Bí thư Quận ủy Bình Tân Huỳnh Khắc Điệp')).toEqual([['binh-tan', 'Bình Tân']]);
  });
  it('does not count bare "quận", "Quận ủy" or single syllables', () => {
    expect(ids('BCH Đảng bộ quận khóa III; Quận ủy họp; Bình và Tân đến.')).toEqual([]);
  });
  it('recognises the byline abbreviation NTL (uppercase only in running text)', () => {
    expect(ids('(NTL) Sáng ngày 23/6, BCH Đảng bộ quận')).toEqual([['nam-tu-liem', 'NTL']]);
    expect(ids('ntl là chữ thường')).toEqual([]);
  });
  it('requires capitalised bare names and rejects personal names', () => {
    expect(ids('ông Nguyễn Thanh Xuân và quận Thanh Xuân, tuổi thanh xuân')).toEqual([['thanh-xuan', 'quận Thanh Xuân']]);
    expect(ids('bà Lê Thị Hoàng Mai')).toEqual([]);
  });
  it('accepts unaccented and English forms', () => {
    expect(ids('hoi nghi quan binh tan va quan 12')).toEqual([
      ['binh-tan', 'quan binh tan'],
      ['quan-12', 'quan 12'],
    ]);
    expect(ids('Ai chủ trì hội nghị binh tan?')).toEqual([['binh-tan', 'binh tan']]);
    expect(ids('Party committee of District 8 and Binh Tan District met')).toEqual([
      ['quan-8', 'District 8'],
      ['binh-tan', 'Binh Tan District'],
    ]);
  });
  it('rejects wards, quarters and same-named districts of other provinces', () => {
    expect(ids('phường 8, quận 3, TP HCM')).toEqual([['quan-3', 'quận 3']]);
    expect(ids('Doanh thu Q1 2023 và Q1/2024 tăng')).toEqual([]);
    expect(ids('Thường vụ huyện ủy Tân Phú, tỉnh Đồng Nai')).toEqual([]);
    expect(ids('huyện Tân Phú')).toEqual([]);
  });
  it('reports offsets into the original (NFC) string', () => {
    const text = 'Đảng bộ Quận 11 khoá XII';
    const [m] = findDistrictMentions(text);
    expect(text.slice(m!.index, m!.index + m!.length)).toBe('Quận 11');
  });
});
