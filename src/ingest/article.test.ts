import { describe, expect, it } from 'vitest';
import { toArticle } from './article.js';
import { loadDocuments, type RawDocument } from './load.js';

const SEED_DIR = new URL('../../data/articles/', import.meta.url).pathname;

const raw = (over: Partial<RawDocument>): RawDocument => ({
  id: 'x',
  path: 'x.jsonl',
  format: 'jsonl',
  title: null,
  url: null,
  date: null,
  text: '',
  contentHash: 'h',
  ...over,
});

describe('toArticle on the seeds', () => {
  it('builds articles with ids, titles, dates and cards', async () => {
    const articles = [];
    for await (const doc of loadDocuments([SEED_DIR])) articles.push(toArticle(doc));
    expect(articles.map((a) => [a.id.slice(0, 3), a.publishedAt, a.card.unit?.value.id, a.card.meetingDate?.value])).toEqual([
      // 000 prints only the month, 001, 002 and 004 a page-render header: none is a publication date.
      ['000', null, 'quan-12', '2023-03-30'],
      ['001', null, 'quan-binh-tan', '2023-10-05'],
      ['002', null, 'quan-8', '2022-07-12'],
      ['003', '2022-06-23', 'quan-nam-tu-liem', '2022-06-23'],
      ['004', null, 'quan-11', '2021-10-12'],
    ]);
    for (const a of articles) {
      expect(a.id).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
      expect(a.title.length).toBeGreaterThan(10);
      expect(a.card.articleId).toBe(a.id);
      expect(a.card.title.value).toBe(a.title);
      expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(a.url).toBeNull();
      expect(a.text).not.toContain('Ý kiến bạn đọc');
      expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    }
  });
});

describe('toArticle on records', () => {
  it('prefers record metadata and derives the site from the url', () => {
    const a = toArticle(
      raw({
        id: 'baomoi:1',
        title: 'Quận ủy Quận 1 tổ chức hội nghị',
        url: 'http://www.baomoi.com/a/c/1.epi',
        date: '2023-06-14T09:00:00+07:00',
        text: 'Chiều 14/6, Quận ủy quận 1 tổ chức hội nghị sơ kết. Bí thư Quận ủy Quận 1 Nguyễn Văn A chủ trì hội nghị.',
      }),
    );
    expect(a).toMatchObject({ id: 'baomoi:1', title: 'Quận ủy Quận 1 tổ chức hội nghị', url: 'http://www.baomoi.com/a/c/1.epi', publishedAt: '2023-06-14' });
    expect(a.card.publishedAt).toEqual({ value: '2023-06-14', sentence: '2023-06-14T09:00:00+07:00' });
    expect(a.card.meetingDate?.value).toBe('2023-06-14');
    expect(a.card.unit?.value.id).toBe('quan-1');
    expect(a.card.chairs.map((c) => c.value)).toEqual([{ name: 'Nguyễn Văn A', role: 'Bí thư Quận ủy Quận 1' }]);
    expect(a.card.sourceSite).toEqual({ value: 'baomoi.com', sentence: 'http://www.baomoi.com/a/c/1.epi' });
  });
  it('falls back to the dateline when the metadata date is missing or unparseable', () => {
    const a = toArticle(raw({ date: 'không rõ', text: 'Tiêu đề\nThứ Hai, ngày 2 tháng 1 năm 2023 08:15\nMột câu.' }));
    expect(a.publishedAt).toBe('2023-01-02');
    expect(a.title).toBe('Tiêu đề');
  });
  it('a month-only date (metadata or stamp) and a page-render header only bound the meeting date', () => {
    const text = 'Thứ Hai, ngày 2 tháng 10 năm 2023\nTiêu đề\nChiều 5/9, Quận ủy tổ chức hội nghị.';
    const rendered = toArticle(raw({ text }));
    expect(rendered.publishedAt).toBeNull();
    expect(rendered.card.publishedAt).toBeNull();
    expect(rendered.card.meetingDate?.value).toBe('2023-09-05');
    const month = toArticle(raw({ date: '2023-09', text: 'Chiều 5/9, Quận ủy tổ chức hội nghị.' }));
    expect(month.publishedAt).toBeNull();
    expect(month.card.meetingDate?.value).toBe('2023-09-05');
    const stamped = toArticle(raw({ text: 'date 2023-09 Chiều 5/9, Quận ủy tổ chức hội nghị.' }));
    expect([stamped.publishedAt, stamped.card.meetingDate?.value, stamped.card.meetingEndDate?.value ?? null]).toEqual([null, '2023-09-05', null]);
  });
  it('keeps a printed range: first day as the meeting date, last day as its end', () => {
    const a = toArticle(raw({ text: 'Tiêu đề\n17/07/2020 | 16:21 PM\nTrong 2 ngày (16, 17-7-2020), Đảng bộ huyện tổ chức Đại hội.' }));
    expect(a.publishedAt).toBe('2020-07-17');
    expect(a.card.meetingDate?.value).toBe('2020-07-16');
    expect(a.card.meetingEndDate?.value).toBe('2020-07-17');
    expect(a.card.meetingEndDate?.sentence).toBe('Trong 2 ngày (16, 17-7-2020), Đảng bộ huyện tổ chức Đại hội.');
  });
  it('never returns an empty title', () => {
    expect(toArticle(raw({ id: 'rec-9', text: ' ' })).title).toBe('rec-9');
  });
});
