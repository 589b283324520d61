import { describe, expect, it } from 'vitest';
import { cardFields, goldFields, levelOfKind, splitUnit } from './card-fields.js';
import { sourced as src, sourcedGuest as guest, sourcedPerson as person, syntheticCard as card } from './synthetic-card.js';

describe('splitUnit', () => {
  it.each([
    ['huyện Cần Giờ', 'huyện', 'Cần Giờ'],
    ['Quận 3', 'quận', '3'],
    ['thị xã Phú Mỹ', 'thị xã', 'Phú Mỹ'],
    ['Thị trấn Long Hải', 'thị trấn', 'Long Hải'],
    ['xã Bình Hưng', 'xã', 'Bình Hưng'],
    ['TX.Phú Mỹ', 'thị xã', 'Phú Mỹ'],
    ['TT. Long Hải', 'thị trấn', 'Long Hải'],
    ['TP. Vũng Tàu', 'thành phố', 'Vũng Tàu'],
    ['Q.3', 'quận', '3'],
    ['Cần Giờ', null, 'Cần Giờ'],
  ])('%s → %s + %s', (text, kind, name) => {
    expect(splitUnit(text)).toEqual({ kind, name });
  });

  it('takes the kind from the hint when the name has none', () => {
    expect(splitUnit('Cần Giờ', 'huyện')).toEqual({ kind: 'huyện', name: 'Cần Giờ' });
    expect(splitUnit('Cần Giờ', 'tỉnh')).toEqual({ kind: null, name: 'Cần Giờ' });
  });

  it('levels: quận/huyện/thị xã are districts, phường/xã/thị trấn wards, thành phố unknown', () => {
    expect(['quận', 'huyện', 'thị xã', 'phường', 'xã', 'thị trấn', 'thành phố', null].map((k) => levelOfKind(k as never))).toEqual([
      'district', 'district', 'district', 'ward', 'ward', 'ward', null, null,
    ]);
  });
});

describe('cardFields', () => {
  it("maps today's card: the district table gives kind, city and level; chairs and attendees as names, in order", () => {
    const f = cardFields({
      card: card({
        district: src({ id: 'can-gio', name: 'Cần Giờ' }),
        meetingNumber: src(5),
        congress: src('XII'),
        term: src('2020-2025'),
        meetingDate: src('2021-04-15'),
        chairs: [person('Nguyễn Văn A'), person('Lê Thị D')],
        attendees: [guest('Trần Thị B', true), guest('Lê Văn C')],
      }),
      publishedAt: '2021-04-16',
    });
    expect(f).toEqual({
      unitName: 'Cần Giờ',
      unitKind: 'huyện',
      level: 'district',
      province: 'Hồ Chí Minh',
      event: null,
      meeting: 5,
      congressTerm: 'XII',
      term: '2020-2025',
      published: '2021-04-16',
      meetingDate: '2021-04-15',
      chairs: ['Nguyễn Văn A', 'Lê Thị D'],
      guests: ['Trần Thị B', 'Lê Văn C'],
    });
  });

  it('numbered districts keep their kind word apart from the number', () => {
    const f = cardFields({ card: card({ district: src({ id: 'quan-3', name: 'Quận 3' }) }) });
    expect([f.unitKind, f.unitName]).toEqual(['quận', '3']);
  });

  it('an empty card maps to nulls and empty lists', () => {
    const f = cardFields({ card: card() });
    expect(Object.values(f).filter((v) => v !== null && !(Array.isArray(v) && v.length === 0))).toEqual([]);
  });

  it('uses fields a later card adds (plain or sourced), over the district-table mapping', () => {
    const f = cardFields({
      card: card({
        district: src({ id: 'can-gio', name: 'Cần Giờ' }),
        unit: src({ name: 'Cần Giờ', kind: 'xã' }),
        level: 'ward',
        province: src('TP.HCM'),
        event: { kind: 'congress', number: 1 },
        guests: [src({ name: 'Trần Thị B', role: '' })],
      }),
    });
    expect(f).toMatchObject({
      unitName: 'Cần Giờ',
      unitKind: 'xã',
      level: 'ward',
      province: 'TP.HCM',
      event: 'congress',
      meeting: 1,
      guests: ['Trần Thị B'],
    });
    expect(cardFields({ card: card({ unit: { name: 'thị xã Phú Mỹ' }, event: 'Đại hội' }) })).toMatchObject({
      unitKind: 'thị xã',
      unitName: 'Phú Mỹ',
      level: 'district',
      event: 'congress',
    });
  });

  it('ignores later fields of an unexpected shape', () => {
    const f = cardFields({ card: card({ unit: 42, event: { type: 'x' }, guests: 'A', level: 'galaxy' }) });
    expect([f.unitName, f.event, f.guests, f.level]).toEqual([null, null, [], null]);
  });
});

describe('goldFields', () => {
  it('splits the unit and renames the gold schema', () => {
    expect(
      goldFields({
        level: 'ward', province: 'Hà Nội', district: 'xã Đông Anh', event: 'congress', meeting: 1, congress_term: null,
        term: '2025-2030', published: null, meeting_date: '2025-08-01', chairs: [], directing: ['Nguyễn  Văn A'],
      }),
    ).toEqual({
      unitName: 'Đông Anh', unitKind: 'xã', level: 'ward', province: 'Hà Nội', event: 'congress', meeting: 1,
      congressTerm: null, term: '2025-2030', published: null, meetingDate: '2025-08-01', chairs: [], guests: ['Nguyễn Văn A'],
    });
  });
});
