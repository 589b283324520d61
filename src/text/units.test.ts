import { describe, expect, it } from 'vitest';
import { canonicalProvince, findProvinceMentions, findUnitMentions, makeUnit } from './units.js';

const mentions = (text: string) => findUnitMentions(text).map((m) => `${m.committee ? '*' : ''}${m.kind} ${m.name}`);

describe('findUnitMentions', () => {
  it.each([
    ['Đảng bộ huyện Cần Giờ tổ chức Đại hội', ['*huyện Cần Giờ']],
    ['Đại hội đại biểu Đảng bộ xã Bình Hưng lần thứ I', ['*xã Bình Hưng']],
    ['Quận ủy Quận 7 tổ chức Hội nghị Ban Chấp hành Đảng bộ Quận 7 lần thứ 41', ['*quận 7', '*quận 7']],
    ['Huyện ủy Xuyên Mộc tổ chức hội nghị', ['*huyện Xuyên Mộc']],
    ['Ban Chấp hành Đảng bộ TX.Phú Mỹ nhiệm kỳ 2015-2020', ['*thị xã Phú Mỹ']],
    ['Đại hội Đảng bộ thị trấn Long Hải (huyện Long Đất)', ['*thị trấn Long Hải', 'huyện Long Đất']],
    ['Đảng ủy Phường Bến Thành tổ chức hội nghị', ['*phường Bến Thành']],
    ['ĐẢNG BỘ HUYỆN XUYÊN MỘC - MỘT NHIỆM KỲ', ['*huyện Xuyên Mộc']],
    ['Đảng bộ xã Bình Giã (TP HCM) tổ chức phiên chính thức', ['*xã Bình Giã', 'thành phố TP.HCM']],
    // A family name ending a unit's name before "lần thứ" is still the name ("Vũ" is a surname).
    ['ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ XÃ TÂN VŨ LẦN THỨ I', ['*xã Tân Vũ']],
    ['Đại hội Đảng bộ xã Tân Vũ lần thứ I', ['*xã Tân Vũ']],
  ])('%s', (text, want) => expect(mentions(text)).toEqual(want));

  it('stops a name where a person’s name starts, and skips persons after committee words', () => {
    expect(mentions('Bí thư Huyện ủy Thường Tín Nguyễn Tiến Minh phát biểu')).toEqual(['*huyện Thường Tín']);
    expect(mentions('Bí thư Thành ủy Vương Đình Huệ dự')).toEqual([]);
    expect(mentions('Phó Chủ tịch UBND thành phố Nguyễn Lan Hương')).toEqual([]);
  });

  it('keeps known places and unit names that start with a family name', () => {
    expect(mentions('Đảng bộ quận Hai Bà Trưng')).toEqual(['*quận Hai Bà Trưng']);
    expect(mentions('Đảng bộ phường Lê Lợi')).toEqual(['*phường Lê Lợi']);
  });

  it('reads the Youth Union of a district as the district, not a unit named "Đoàn"', () => {
    expect(mentions('Quận Đoàn Sơn Trà tổ chức gặp mặt')).toEqual(['quận Sơn Trà']);
    expect(mentions('Ban Thường vụ Quận Đoàn phát động')).toEqual([]);
  });

  it('ignores look-alikes: lowercase words, committee titles, abbreviations inside words', () => {
    expect(mentions('xã hội phát triển; Thành ủy viên; QUẢ THỰC; TTO - Sáng nay; QR Code')).toEqual([]);
    expect(mentions('Huyện ủy Thanh Oai khóa XXII')).toEqual(['*huyện Thanh Oai']);
  });
});

describe('units and provinces', () => {
  it('ids tell a ward from a district of the same name; labels print numbered kinds capitalised', () => {
    expect(makeUnit('huyện', 'Cần Giờ').id).not.toBe(makeUnit('xã', 'Cần Giờ').id);
    expect(makeUnit('quận', '3')).toMatchObject({ id: 'quan-3', label: 'Quận 3', level: 'district' });
    expect(makeUnit('xã', 'Cần Giờ', 'TP.HCM')).toMatchObject({ label: 'xã Cần Giờ', level: 'ward', province: 'TP.HCM' });
    expect(makeUnit('thành phố', 'Đà Nẵng')).toMatchObject({ level: 'city', province: 'Đà Nẵng' });
    expect(makeUnit('thành phố', 'Vũng Tàu').level).toBe('district');
  });

  it('canonical provinces from names and aliases', () => {
    expect(canonicalProvince('TP HCM')).toBe('TP.HCM');
    expect(canonicalProvince('Thành phố Hồ Chí Minh')).toBe('TP.HCM');
    expect(canonicalProvince('Bà Rịa-Vũng Tàu')).toBe('Bà Rịa - Vũng Tàu');
    expect(canonicalProvince('tỉnh Quảng Ninh')).toBe('Quảng Ninh');
    expect(canonicalProvince('Cần Giờ')).toBeNull();
  });

  it('province mentions: qualified or capitalised names; "tư tưởng Hồ Chí Minh" is not the city', () => {
    expect(findProvinceMentions('tỉnh Quảng Ninh lựa chọn; TPHCM; học tập tư tưởng Hồ Chí Minh').map((p) => [p.province, p.qualified])).toEqual([
      ['Quảng Ninh', true],
      ['TP.HCM', true],
    ]);
  });
});
