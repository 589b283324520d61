import { describe, expect, it } from 'vitest';
import type { StoredArticle } from '../types.js';
import { decodeArticle, encodeArticle } from './article-codec.js';

const lead = 'Chiều 12/8, Quận ủy Quận 8 tổ chức Hội nghị lần thứ 18 Ban Chấp hành Đảng bộ quận.';
const article = {
  id: 'a.txt',
  title: 'Hội nghị lần thứ 18 Ban Chấp hành Đảng bộ Quận 8',
  url: null,
  publishedAt: '2023-08-12',
  contentHash: 'ab',
  card: {
    articleId: 'a.txt',
    title: { value: 'Hội nghị lần thứ 18 Ban Chấp hành Đảng bộ Quận 8', sentence: 'Hội nghị lần thứ 18 Ban Chấp hành Đảng bộ Quận 8' },
    meetingNumber: { value: 18, sentence: lead },
    event: { value: 'conference', sentence: lead },
    odd: ['\u0000', '\u00001', '\u0000\u0000x', 'short', 7, null, { sentence: lead }],
  },
} as unknown as StoredArticle;

describe('article codec', () => {
  it('round-trips, storing each long string once, escaping strings that look like references', () => {
    const encoded = encodeArticle(article);
    expect(encoded.split(lead).length - 1).toBe(1);
    expect(encoded.split('Hội nghị lần thứ 18 Ban Chấp hành Đảng bộ Quận 8').length - 1).toBe(1);
    const decoded = decodeArticle(encoded);
    expect(decoded).toEqual(article);
  });
});
