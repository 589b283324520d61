import { describe, expect, it } from 'vitest';
import type { EventCard } from '../types.js';
import { toRoman } from '../text/numbers.js';
import { provinceKey as canonicalProvince, scoreCards } from './card-scoring.js';
import { makeUnit } from '../text/units.js';
import type { GoldArticle } from './labelled-dataset.js';
import { sourced, sourcedGuest, sourcedPerson, syntheticCard } from '../testing/synthetic-card.js';

const gold = (file: string, over: Partial<GoldArticle> = {}): GoldArticle => ({
  file,
  level: 'district',
  province: 'TP.HCM',
  district: 'huyện Cần Giờ',
  event: 'conference',
  meeting: null,
  congress_term: null,
  term: null,
  published: null,
  meeting_date: null,
  chairs: [],
  directing: [],
  ...over,
});

const articles = (entries: Array<[string, EventCard]>) => new Map(entries.map(([id, card]) => [id, { card }]));
const canGio = sourced(makeUnit('huyện', 'Cần Giờ', 'TP.HCM'));

describe('scoreCards', () => {
  it('compares units with their kind: "huyện Cần Giờ" = name "Cần Giờ" + kind "huyện", not "xã Cần Giờ"', () => {
    const s = scoreCards(
      [gold('a.txt'), gold('b.txt', { district: 'xã Cần Giờ', level: 'ward' }), gold('c.txt', { district: 'Quận 3' })],
      articles([
        ['a.txt', syntheticCard({ unit: canGio })],
        ['b.txt', syntheticCard({ unit: canGio })],
        ['c.txt', syntheticCard({ unit: sourced(makeUnit('quận', '3', 'TP.HCM')) })],
      ]),
    );
    expect(s.fields.unit.all).toEqual({ right: 2, total: 3 });
    expect(s.fields.unitName.all).toEqual({ right: 3, total: 3 });
    expect(s.fields.unitKind.all).toEqual({ right: 2, total: 3 });
    expect(s.fields.level.all).toEqual({ right: 2, total: 3 });
    expect(s.fields.province.all).toEqual({ right: 3, total: 3 });
    expect(s.rows.find((r) => r.file === 'b.txt')!.wrong).toEqual(expect.arrayContaining(['unit', 'unitKind', 'level']));
  });

  it('a unit printed without its kind never equals the gold unit', () => {
    const s = scoreCards([gold('a.txt')], articles([['a.txt', syntheticCard({ unit: sourced(makeUnit(null, 'Cần Giờ')) })]]));
    expect(s.fields.unit.all.right).toBe(0);
    expect(s.fields.unitName.all.right).toBe(1);
  });

  it('a null gold value is right only when the card has none; non-null gold is scored separately', () => {
    const s = scoreCards(
      [gold('a.txt', { meeting: 5 }), gold('b.txt'), gold('c.txt')],
      articles([
        ['a.txt', syntheticCard({ meetingNumber: sourced(5) })],
        ['b.txt', syntheticCard()],
        ['c.txt', syntheticCard({ meetingNumber: sourced(7) })],
      ]),
    );
    expect(s.fields.meeting).toEqual({ all: { right: 2, total: 3 }, goldNonNull: { right: 1, total: 1 } });
    expect(s.fields.event).toEqual({ all: { right: 0, total: 3 }, goldNonNull: { right: 0, total: 3 } });
  });

  it('normalises case, spaces, dashes in nhiệm kỳ and Arabic khóa numbers', () => {
    const s = scoreCards(
      [gold('a.txt', { term: '2020-2025', congress_term: 'XII', published: '2020-08-05' })],
      articles([['a.txt', syntheticCard({ term: sourced('2020 – 2025'), khoa: sourced('12'), publishedAt: sourced(' 2020-08-05') })]]),
    );
    expect([s.fields.term.all.right, s.fields.congressTerm.all.right, s.fields.published.all.right]).toEqual([1, 1, 1]);
  });

  it('chairs: the exact list, in order', () => {
    const chairs = ['Nguyễn Văn A', 'Trần Thị B'];
    const s = scoreCards(
      [gold('a.txt', { chairs }), gold('b.txt', { chairs }), gold('c.txt', { chairs }), gold('d.txt')],
      articles([
        ['a.txt', syntheticCard({ chairs: [sourcedPerson('nguyễn văn  a'), sourcedPerson('Trần Thị B')] })],
        ['b.txt', syntheticCard({ chairs: [sourcedPerson('Trần Thị B'), sourcedPerson('Nguyễn Văn A')] })],
        ['c.txt', syntheticCard({ chairs: [sourcedPerson('Nguyễn Văn A')] })],
        ['d.txt', syntheticCard()],
      ]),
    );
    expect(s.fields.chairs).toEqual({ all: { right: 2, total: 4 }, goldNonNull: { right: 1, total: 3 } });
  });

  it('guests: recall of gold names over articles with gold guests', () => {
    const s = scoreCards(
      [gold('a.txt', { directing: ['Nguyễn Văn A', 'Trần Thị B'] }), gold('b.txt', { directing: ['Lê Văn C'] }), gold('c.txt')],
      articles([
        ['a.txt', syntheticCard({ attendees: [sourcedGuest('Trần Thị B'), sourcedGuest('Phạm Văn X')] })],
        ['b.txt', syntheticCard({ attendees: [sourcedGuest('Lê Văn C')] })],
        ['c.txt', syntheticCard({ attendees: [sourcedGuest('Phạm Văn X')] })],
      ]),
    );
    expect(s.guests).toEqual({ articles: 2, gold: 3, found: 2, recall: 2 / 3, articlesComplete: 1 });
    expect(s.rows[0]!.guestsMissing).toEqual(['Nguyễn Văn A']);
  });

  it('leaves out gold articles missing from the index; finds ids that are paths ending in the file name', () => {
    const s = scoreCards([gold('a.txt'), gold('b.txt')], articles([['dev/articles/a.txt', syntheticCard({ unit: canGio })]]));
    expect([s.goldArticles, s.found, s.missing]).toEqual([2, 1, ['b.txt']]);
    expect(s.fields.unit.all).toEqual({ right: 1, total: 1 });
  });
});

describe('canonical forms', () => {
  it.each([
    ['TP.HCM', 'tp.hcm'],
    ['TPHCM', 'tp.hcm'],
    ['Thành phố Hồ Chí Minh', 'tp.hcm'],
    ['Hồ Chí Minh', 'tp.hcm'],
    ['Bà Rịa - Vũng Tàu', 'bà rịa - vũng tàu'],
    ['tỉnh Bà Rịa–Vũng Tàu', 'bà rịa - vũng tàu'],
    ['Hà Nội', 'hà nội'],
  ])('province %s → %s', (p, want) => {
    expect(canonicalProvince(p)).toBe(want);
  });

  it('Roman numerals', () => {
    expect([1, 4, 9, 12, 24, 40].map(toRoman)).toEqual(['I', 'IV', 'IX', 'XII', 'XXIV', 'XL']);
  });
});
