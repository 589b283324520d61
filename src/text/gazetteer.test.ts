import { describe, expect, it } from 'vitest';
import { createGazetteer, editDistance, provinceEntries, type GazetteerEntry } from './gazetteer.js';
import { nationalDistricts } from './national-units.js';
import { makeUnit } from './units.js';

const covered = (kind: Parameters<typeof makeUnit>[0], name: string, province: string, abbreviations?: string[]): GazetteerEntry => ({
  unit: makeUnit(kind, name, province),
  covered: true,
  ...(abbreviations ? { abbreviations } : {}),
});

const gazetteer = createGazetteer([
  covered('quận', '8', 'TP.HCM'),
  covered('quận', '12', 'TP.HCM'),
  covered('quận', '11', 'TP.HCM'),
  covered('quận', 'Bình Tân', 'TP.HCM'),
  covered('quận', 'Nam Từ Liêm', 'Hà Nội', ['NTL']),
  covered('huyện', 'Cần Giờ', 'TP.HCM'),
  covered('xã', 'Cần Giờ', 'TP.HCM'),
  covered('phường', 'Hải An', 'Hải Phòng'),
  ...nationalDistricts().map((unit) => ({ unit, covered: false })),
  ...provinceEntries(),
]);

const ids = (text: string) => gazetteer.find(text).map((m) => [m.covered.map((u) => u.id).join('|') || `(${m.label})`, m.matched]);

describe('gazetteer: whole strings', () => {
  it.each([
    ['Quận 8', 'quan-8'],
    ['quan 8', 'quan-8'],
    ['QUẬN 8', 'quan-8'],
    ['Q8', 'quan-8'],
    ['Q.8', 'quan-8'],
    ['Q. 8', 'quan-8'],
    ['District 8', 'quan-8'],
    ['quận 08', 'quan-8'],
    ['Quận 12', 'quan-12'],
    ['Bình Tân', 'quan-binh-tan'],
    ['binh tan', 'quan-binh-tan'],
    ['Binh Tan District', 'quan-binh-tan'],
    ['quận Bình Tân', 'quan-binh-tan'],
    ['NTL', 'quan-nam-tu-liem'],
    ['nam tu liem', 'quan-nam-tu-liem'],
    ['xã Cần Giờ', 'xa-can-gio'],
    ['huyen can gio', 'huyen-can-gio'],
    ['Cần Giờ', 'huyen-can-gio|xa-can-gio'],
    ['phuong hai an', 'phuong-hai-an'],
    ['Hai An Ward', 'phuong-hai-an'],
  ])('%j → %s', (input, want) => {
    expect(gazetteer.resolve(input)?.covered.map((u) => u.id).join('|')).toBe(want);
  });

  it.each(['Quận 13', 'D8', 'quận Tám', 'Bình', 'Quận ủy', 'quận', 'quân 8', 'Bình Tấn', 'Q1/2023', ''])('%j names no covered unit', (input) => {
    expect(gazetteer.resolve(input)?.covered ?? []).toEqual([]);
  });

  it('knows units no article covers, so they are not taken for another', () => {
    expect(gazetteer.resolve('huyện Tân Phú')).toMatchObject({ covered: [], units: [{ province: 'Đồng Nai' }] });
    expect(gazetteer.resolve('Gò Vấp')).toMatchObject({ covered: [], units: [{ id: 'quan-go-vap' }] });
  });
});

describe('gazetteer: running text', () => {
  it('is number-exact and reads abbreviations', () => {
    expect(ids('Quận ủy Quận 12 và Đảng bộ Quận 11, Quận 1 họp.')).toEqual([
      ['quan-12', 'Quận 12'],
      ['quan-11', 'Quận 11'],
      ['(Quận 1)', 'Quận 1'],
    ]);
    expect(ids('Đoàn làm việc với quận 1.000 người')).toEqual([]);
    expect(ids('Doanh thu Q1 2023 và Q1/2024 tăng')).toEqual([]);
  });

  it('requires capitalised bare names and rejects personal names', () => {
    expect(ids('bà Lê Thị Hoàng Mai và tuổi thanh xuân')).toEqual([]);
    expect(ids('ông Huỳnh Bình Tân đến')).toEqual([]);
  });

  it('accepts unaccented and English forms', () => {
    expect(ids('hoi nghi quan binh tan va quan 12')).toEqual([
      ['quan-binh-tan', 'quan binh tan'],
      ['quan-12', 'quan 12'],
    ]);
    expect(ids('Party committee of District 8 and Binh Tan District met')).toEqual([
      ['quan-8', 'District 8'],
      ['quan-binh-tan', 'Binh Tan District'],
    ]);
  });

  it('a capitalised unit nobody knows is a mention with no units', () => {
    const [m] = gazetteer.find('Tăng trưởng của phường Hải Nam là bao nhiêu?');
    expect(m).toMatchObject({ units: [], label: 'phường Hải Nam', matched: 'phường Hải Nam' });
    expect(gazetteer.closest('phường Hải Ann').map((u) => u.id)).toEqual(['phuong-hai-an']);
  });

  it('a province printed after a mention keeps its units only', () => {
    expect(gazetteer.find('huyện ủy Tân Phú, tỉnh Đồng Nai')[0]?.units.map((u) => u.province)).toEqual(['Đồng Nai']);
  });

  it('closest offers covered names within a small edit distance', () => {
    expect(gazetteer.closest('Binh Tann').map((u) => u.label)).toEqual(['quận Bình Tân']);
    expect(gazetteer.closest('Hà Giang')).toEqual([]);
    expect(editDistance('binh tann', 'binh tan')).toBe(1);
  });
});
