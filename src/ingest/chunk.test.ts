import { describe, expect, it } from 'vitest';
import type { Article, EventCard } from '../types.js';
import { toArticle } from './article.js';
import { makeUnit } from '../text/units.js';
import { chunkArticle, headlineOf } from './chunk.js';
import { loadDocuments } from './load.js';
import { syntheticCard } from '../testing/synthetic-card.js';

const SEED_DIR = new URL('../../data/articles/', import.meta.url).pathname;

function article(text: string, card: Partial<EventCard> = {}): Article {
  return {
    id: 'a1',
    title: 'Tiêu đề',
    url: null,
    publishedAt: '2024-02-28',
    text,
    contentHash: 'h',
    card: syntheticCard({
      articleId: 'a1',
      title: { value: 'Tiêu đề', sentence: 'Tiêu đề' },
      event: { value: 'other', sentence: 'Tiêu đề' },
      ...card,
    }),
  };
}

const sentence = (i: number) => `Câu số ${i} nói về công tác xây dựng Đảng và chính quyền ở địa phương.`;

describe('chunkArticle', () => {
  it('keeps the lead paragraph alone and merges short paragraphs with the next', () => {
    const text = ['Đoạn mở đầu ngắn.', 'Tiêu đề mục', 'Nội dung mục dài vừa phải. '.repeat(6).trim(), 'Đoạn cuối.'].join('\n\n');
    const chunks = chunkArticle(article(text));
    expect(chunks.map((c) => c.text)).toEqual([
      'Đoạn mở đầu ngắn.',
      `Tiêu đề mục\n\n${'Nội dung mục dài vừa phải. '.repeat(6).trim()}\n\nĐoạn cuối.`,
    ]);
    expect(chunks.map((c) => c.id)).toEqual(['a1#0', 'a1#1']);
    expect(chunks.map((c) => c.ordinal)).toEqual([0, 1]);
  });

  it('splits long paragraphs on sentence boundaries within maxChars', () => {
    const long = Array.from({ length: 30 }, (_, i) => sentence(i)).join(' ');
    const chunks = chunkArticle(article(`Mở đầu.\n\n${long}`), { maxChars: 300 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(300);
      expect(c.text).toMatch(/\.$/);
    }
    expect(chunks.slice(1).map((c) => c.text).join(' ')).toBe(long);
    for (const c of chunks) expect(long.includes(c.text) || c.text === 'Mở đầu.').toBe(true);
  });

  it('splits an over-long sentence at commas or spaces, never inside a word', () => {
    const words = Array.from({ length: 400 }, (_, i) => `từ${i}`).join(' ');
    const chunks = chunkArticle(article(words), { maxChars: 200 });
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(200);
    expect(chunks.map((c) => c.text).join(' ')).toBe(words);
  });

  it('carries meta and header; date = meeting date, else publication date', () => {
    const withMeeting = chunkArticle(
      article('Một câu.', {
        unit: { value: makeUnit('quận', 'Bình Tân', 'TP.HCM'), sentence: 's' },
        meetingDate: { value: '2023-10-05', sentence: 's' },
        meetingNumber: { value: 18, sentence: 's' },
        term: { value: '2020-2025', sentence: 's' },
        khoa: { value: 'XII', sentence: 's' },
      }),
    );
    expect(withMeeting[0]!.header).toBe('Tiêu đề — quận Bình Tân — 2023-10-05');
    expect(withMeeting[0]!.meta).toEqual({
      articleId: 'a1',
      title: 'Tiêu đề',
      url: null,
      unitId: 'quan-binh-tan',
      unitLabel: 'quận Bình Tân',
      date: '2023-10-05',
      meetingNumber: 18,
      congressNumber: null,
      term: '2020-2025',
      khoa: 'XII',
    });
    const plain = chunkArticle(article('Một câu.'));
    expect(plain[0]!.header).toBe('Tiêu đề — 2024-02-28');
    expect(plain[0]!.meta.date).toBe('2024-02-28');
    const noDate = chunkArticle({ ...article('Một câu.'), publishedAt: null });
    expect(noDate[0]!.header).toBe('Tiêu đề');
  });

  it('returns no chunks for an empty article and is deterministic', () => {
    expect(chunkArticle(article(''))).toEqual([]);
    const a = article('A.\n\nB.\n\nC.');
    expect(chunkArticle(a)).toEqual(chunkArticle(a));
  });

  it('chunks the seeds: headline and lead first, every paragraph kept, within bounds', async () => {
    for await (const doc of loadDocuments([SEED_DIR])) {
      const a = toArticle(doc);
      const chunks = chunkArticle(a);
      const paragraphs = a.text.split('\n\n');
      // A headline printed apart from the body opens the first chunk; a title the body prints (derived) does not.
      const headline = headlineOf(a);
      if (headline === null) expect(a.text.slice(0, a.title.length + 200)).toContain(a.title);
      const opening = headline === null ? paragraphs[0]! : `${headline}\n\n${paragraphs[0]}`;
      const text = headline === null ? a.text : `${headline}\n\n${a.text}`;
      expect(chunks[0]!.text).toBe(opening.length <= 700 ? opening : chunks[0]!.text);
      expect(text.startsWith(chunks[0]!.text)).toBe(true);
      for (const c of chunks) {
        expect(c.text.length).toBeLessThanOrEqual(700);
        expect(c.id).toBe(`${a.id}#${c.ordinal}`);
        expect(c.meta.unitId).toBe(a.card.unit?.value.id ?? null);
      }
      // Chunk texts are verbatim slices: joined without whitespace they equal headline + article without whitespace.
      expect(chunks.map((c) => c.text).join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      for (const c of chunks) for (const part of c.text.split('\n\n')) expect(text).toContain(part);
    }
  });

  it('a headline opens the first chunk only when the text does not print it and it is long enough', () => {
    expect(headlineOf({ title: 'Ông A tái đắc cử Bí thư Huyện ủy B', text: 'Sáng 5/7, đại hội khai mạc.' })).toBe('Ông A tái đắc cử Bí thư Huyện ủy B');
    expect(headlineOf({ title: 'Puerto Rico', text: 'Puerto Rico là một vùng lãnh thổ.' })).toBeNull();
    expect(headlineOf({ title: 'Ông A tái đắc cử Bí thư Huyện ủy B', text: 'Ông A tái đắc cử Bí thư Huyện ủy B\n\nSáng 5/7, …' })).toBeNull();
  });
});
