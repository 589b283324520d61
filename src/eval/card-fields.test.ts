import { makeUnit } from '../text/units.js';
import { describe, expect, it } from 'vitest';
import { cardFields, goldFields, levelOfKind, splitUnit } from './card-fields.js';
import { sourced as src, sourcedGuest as guest, sourcedPerson as person, syntheticCard as card } from '../testing/synthetic-card.js';

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
  it('maps the card: unit kind, name, level and province; the event and its number; chairs and attendees as names, in order', () => {
    const f = cardFields({
      card: card({
        unit: src(makeUnit('huyện', 'Cần Giờ', 'TP.HCM')),
        event: src('conference'),
        meetingNumber: src(5),
        khoa: src('XII'),
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
      province: 'TP.HCM',
      event: 'conference',
      meeting: 5,
      congressTerm: 'XII',
      term: '2020-2025',
      published: '2021-04-16',
      meetingDate: '2021-04-15',
      chairs: ['Nguyễn Văn A', 'Lê Thị D'],
      guests: ['Trần Thị B', 'Lê Văn C'],
    });
  });

  it('a congress scores its congress number; a province-level city scores as a city', () => {
    const f = cardFields({ card: card({ unit: src(makeUnit('thành phố', 'Đà Nẵng')), event: src('congress'), meetingNumber: src(3), congressNumber: src(1) }) });
    expect([f.level, f.province, f.event, f.meeting]).toEqual(['city', 'Đà Nẵng', 'congress', 1]);
  });

  it('numbered districts keep their kind word apart from the number', () => {
    const f = cardFields({ card: card({ unit: src(makeUnit('quận', '3')) }) });
    expect([f.unitKind, f.unitName]).toEqual(['quận', '3']);
  });

  it('an empty card maps to nulls and empty lists (event "other")', () => {
    const f = cardFields({ card: card() });
    expect(Object.values(f).filter((v) => v !== null && v !== 'other' && !(Array.isArray(v) && v.length === 0))).toEqual([]);
  });

  it('uses guests a later card adds (plain or sourced)', () => {
    const f = cardFields({ card: card({ guests: [src({ name: 'Trần Thị B', role: '' })] }) });
    expect(f).toMatchObject({ guests: ['Trần Thị B'] });
    expect(cardFields({ card: card({ guests: 'A' }) }).guests).toEqual([]);
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
