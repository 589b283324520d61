import { describe, expect, it } from 'vitest';
import { makeUnit } from '../../text/units.js';
import { sourced, sourcedGuest, syntheticCard } from '../../testing/synthetic-card.js';
import type { EventCard, StoredArticle } from '../../types.js';
import { guestList, sameMeeting } from './chair-attendees.js';

const congress = (over: Partial<EventCard> = {}) =>
  syntheticCard({ unit: sourced(makeUnit('huyện', 'Củ Chi', 'TP.HCM')), event: sourced('congress'), ...over });
const article = (id: string, card: EventCard): StoredArticle => ({ id, title: id, url: null, publishedAt: null, card, contentHash: id });

describe('sameMeeting', () => {
  it('the same unit and event, with a field that agrees and none that differs', () => {
    expect(sameMeeting(congress({ congressNumber: sourced(12) }), congress({ congressNumber: sourced(12), term: sourced('2020-2025') }))).toBe(true);
    expect(sameMeeting(congress({ term: sourced('2020-2025') }), congress({ meetingDate: sourced('2020-07-10'), term: sourced('2020-2025') }))).toBe(true);
  });

  it('not when a printed field differs, nothing agrees, or the unit or event kind differs', () => {
    expect(sameMeeting(congress({ congressNumber: sourced(12) }), congress({ congressNumber: sourced(11) }))).toBe(false);
    expect(sameMeeting(congress({ congressNumber: sourced(12), meetingDate: sourced('2020-07-10') }), congress({ congressNumber: sourced(12), meetingDate: sourced('2015-07-10') }))).toBe(false);
    expect(sameMeeting(congress(), congress())).toBe(false);
    expect(sameMeeting(congress({ term: sourced('2020-2025') }), congress({ term: sourced('2020-2025'), event: sourced('conference') }))).toBe(false);
    expect(sameMeeting(congress({ term: sourced('2020-2025') }), congress({ term: sourced('2020-2025'), unit: sourced(makeUnit('xã', 'Củ Chi', 'TP.HCM')) }))).toBe(false);
  });
});

describe('guestList', () => {
  it('each name once, those who direct first, each part in the reports’ printed order', () => {
    const a = article('a.txt', congress({ attendees: [sourcedGuest('Trần Văn Bảy'), sourcedGuest('Võ Thị Dung', true)] }));
    const b = article('b.txt', congress({ attendees: [sourcedGuest('Võ Thị Dung'), sourcedGuest('Lâm Văn Khoa'), sourcedGuest('Lê Văn Tư', true)] }));
    expect(guestList([a, b]).map((e) => [e.guest.value.name, e.articleId])).toEqual([
      ['Võ Thị Dung', 'a.txt'],
      ['Lê Văn Tư', 'b.txt'],
      ['Trần Văn Bảy', 'a.txt'],
      ['Lâm Văn Khoa', 'b.txt'],
    ]);
  });
});
