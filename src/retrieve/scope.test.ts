import { describe, expect, it } from 'vitest';
import { articlesInMemory } from '../index/article-rows.js';
import { makeUnit } from '../text/units.js';
import { sourced, syntheticCard } from '../testing/synthetic-card.js';
import type { EventCard, StoredArticle } from '../types.js';
import { planQuery } from './query/index.js';
import { unitGazetteer } from './retriever.js';
import { scopeArticles, type PrintedIn } from './scope.js';

const article = (id: string, card: Partial<EventCard>, publishedAt: string | null = null): StoredArticle => ({
  id,
  title: id,
  url: null,
  publishedAt,
  card: syntheticCard({ articleId: id, ...card }),
  contentHash: id,
});

const HL = makeUnit('huyện', 'Hòa Lâm');
const articles = articlesInMemory(
  [
    article('congress-2020', { unit: sourced(HL), event: sourced('congress'), congressNumber: sourced(12), term: sourced('2020-2025'), meetingDate: sourced('2020-07-22') }),
    article('congress-2015', { unit: sourced(HL), event: sourced('congress'), congressNumber: sourced(11), term: sourced('2015-2020') }, '2015-07-15'),
    article('conference-8', { unit: sourced(HL), event: sourced('conference'), meetingNumber: sourced(8), term: sourced('2020-2025'), meetingDate: sourced('2023-10-05') }),
    // A preview: the unit on its card, no date.
    article('preview', { unit: sourced(HL) }),
    // No unit on the card: only its text names quận Đồ Sơn.
    article('ward-report', {}),
    // A page on Paris printing "quận La Tinh" (no unit of the country).
    article('paris', {}),
    // A news story whose card read a foreign city as its unit.
    article('new-york', { unit: sourced(makeUnit('thành phố', 'New York')) }),
    article('other-unit', { unit: sourced(makeUnit('huyện', 'Tây Lâm')), event: sourced('congress'), congressNumber: sourced(12) }),
    // A ward's report printing its district (quận Kiến An) and quận Đồ Sơn; a district's report printing quận Kiến An.
    article('ward-of-kien-an', { unit: sourced(makeUnit('phường', 'Vạn Mỹ')), event: sourced('congress'), congressNumber: sourced(10) }),
    article('tay-lam-news', { unit: sourced(makeUnit('huyện', 'Tây Lâm')) }),
  ],
);

/** Text index of the fake corpus: the preview prints the unit, "lần thứ XII", 2015 and 2020; the 2015 congress prints "thứ 8". */
const printed: Record<string, string[]> = {
  huyen_hoa: ['preview', 'congress-2020'],
  hoa_lam: ['preview', 'congress-2020'],
  thu_xii: ['preview', 'congress-2020'],
  thu_8: ['congress-2015', 'conference-8'],
  '2020': ['preview', 'congress-2020'],
  '2015': ['preview'],
  quan_la: ['paris'],
  la_tinh: ['paris'],
  quan_do: ['ward-report', 'ward-of-kien-an'],
  do_son: ['ward-report', 'ward-of-kien-an'],
  quan_kien: ['ward-of-kien-an', 'tay-lam-news'],
  kien_an: ['ward-of-kien-an', 'tay-lam-news'],
};
const probes: string[] = [];
const printedIn: PrintedIn = (term) => {
  probes.push(term);
  return new Set(printed[term] ?? []);
};
const gazetteer = unitGazetteer(articles.rows);
const scope = (q: string, index: PrintedIn | null = printedIn) => {
  const s = scopeArticles(articles.rows, planQuery(q, gazetteer), index ?? undefined);
  return { ids: s.scope ? [...s.scope].sort() : null, failure: s.failure };
};

describe('scopeArticles', () => {
  it('a unit is hard: its cards; without any, cardless articles whose text prints it', () => {
    expect(scope('Huyện Hòa Lâm kết nạp bao nhiêu đảng viên?').ids).toEqual(['conference-8', 'congress-2015', 'congress-2020', 'preview']);
    expect(scope('Quận Đồ Sơn kết nạp bao nhiêu đảng viên?').ids).toEqual(['ward-report']);
    expect(scope('Quận Đồ Sơn kết nạp bao nhiêu đảng viên?', null).failure).toBe('unit');
    expect(scope('Huyện Ngọc Lâm kết nạp bao nhiêu đảng viên?').failure).toBe('unit');
    // No card and no cardless article: the reports of lower-level units printing it (a ward's, not another
    // district's); with a cardless article printing it, only that one.
    expect(scope('Đại hội Đảng bộ quận Kiến An lần thứ mấy?').ids).toEqual(['ward-of-kien-an']);
    expect(scope('Quận Kiến An kết nạp bao nhiêu đảng viên?', null).failure).toBe('unit');
    // A place no gazetteer knows: the articles printing it.
    expect(scope('Quận La Tinh được biết đến là nơi như thế nào?')).toEqual({ ids: ['paris'], failure: null });
  });

  it('a meeting number is hard where a card is sure, else the text decides', () => {
    expect(scope('Đại hội Đảng bộ huyện Hòa Lâm lần thứ XII diễn ra ngày nào?').ids).toEqual(['congress-2020']);
    // No card says conference 9 and no text prints it: nothing to answer from.
    expect(scope('Hội nghị lần thứ 9 huyện Hòa Lâm diễn ra ngày nào?').failure).toBe('meeting');
  });

  it('the gazetteer learns units from the cards, but no foreign place', () => {
    expect(planQuery('Huyện Hòa Lâm kết nạp bao nhiêu đảng viên?', gazetteer).units.map((u) => u.id)).toEqual([HL.id]);
    expect(planQuery('Thời báo New York đã viết gì về ông?', gazetteer).unitMentions).toEqual([]);
  });

  it('a term: its cards, the congress opening the next term (its report reviews this one) and cards without a term printing it; else the text', () => {
    expect(scope('Huyện Hòa Lâm nhiệm kỳ 2015-2020 kết nạp bao nhiêu đảng viên?').ids).toEqual(['congress-2015', 'congress-2020', 'preview']);
    expect(scope('Huyện Hòa Lâm nhiệm kỳ 2020-2025 kết nạp bao nhiêu đảng viên?').ids).toEqual(['conference-8', 'congress-2020']);
    // No card of 2010-2015: the 2015 congress reviews it.
    expect(scope('Huyện Hòa Lâm nhiệm kỳ 2010-2015 kết nạp bao nhiêu đảng viên?').ids).toEqual(['congress-2015']);
  });

  it('a meeting year: dated cards of that year, and undated articles that print it', () => {
    expect(scope('Đại hội Đảng bộ huyện Hòa Lâm năm 2020 khai mạc ngày nào?').ids).toEqual(['congress-2020', 'preview']);
    expect(scope('Đại hội Đảng bộ huyện Hòa Lâm năm 2015 khai mạc ngày nào?').ids).toEqual(['congress-2015', 'preview']);
    expect(scope('Đại hội Đảng bộ huyện Hòa Lâm năm 2018 khai mạc ngày nào?').failure).toBe('year');
  });

  it('no filter, no scope; text is probed per term, never per article', () => {
    expect(scope('Kết nạp bao nhiêu đảng viên?')).toEqual({ ids: null, failure: null });
    probes.length = 0;
    scope('Quận Đồ Sơn kết nạp bao nhiêu đảng viên?');
    expect(probes.sort()).toEqual(['do_son']); // by its name: a report may print "Đồ Sơn" without "quận"
  });
});
