import { describe, expect, it } from 'vitest';
import type { StoredArticle } from '../../types.js';
import { fromOutlet, MEETING_FRAME, meetingFrameOf, sourceNames } from './common.js';

describe('meetingFrameOf', () => {
  it('adds the qualifier printed right after a meeting noun, accented or not', () => {
    expect(meetingFrameOf('Đại hội điểm Đảng bộ phường Hải An có bao nhiêu đại biểu?').has('diem')).toBe(true);
    expect(meetingFrameOf('dai hoi diem phuong Hai An co bao nhieu dai bieu').has('diem')).toBe(true);
    const extra = meetingFrameOf('Hội nghị bất thường của Quận 8 quyết định gì?');
    expect(['bat', 'thuong'].every((w) => extra.has(w))).toBe(true);
  });

  it('keeps the same words elsewhere in the question', () => {
    // "điểm" not right after a meeting noun ("điểm sáng", "điểm nghẽn") still has to be supported.
    expect(meetingFrameOf('Đại hội Đảng bộ Quận 8 nêu những điểm nghẽn nào?')).toBe(MEETING_FRAME);
    expect(meetingFrameOf('Hội nghị bàn về mở rộng sản xuất thế nào?')).toBe(MEETING_FRAME);
    expect(meetingFrameOf('Quận 12 kết nạp bao nhiêu đảng viên?')).toBe(MEETING_FRAME);
  });
});

describe('sourceNames and fromOutlet', () => {
  const namesSource = (question: string, article: StoredArticle) => fromOutlet(article, sourceNames(question));
  const from = (site: string | null, url: string | null) =>
    ({ url, card: { sourceSite: site ? { value: site, sentence: `(${site}) -` } : null } }) as unknown as StoredArticle;

  it('a source phrase naming the article\'s outlet, by its tag or its address', () => {
    expect(namesSource('Đại hội khai mạc ngày nào theo bài phỏng vấn VOH?', from('VOH', null))).toBe(true);
    expect(namesSource('Bài của Người Làm Báo nói gì về đại hội?', from(null, 'https://www.nguoilambao.vn/x'))).toBe(true);
    expect(namesSource('HTV đưa tin đại hội khai mạc ngày nào?', from('HTV', null))).toBe(true);
  });

  it('another outlet, no source phrase, or an article of unknown outlet: no', () => {
    expect(namesSource('Đại hội khai mạc ngày nào theo bài phỏng vấn VOH?', from('SGGP', null))).toBe(false);
    expect(namesSource('Đại hội Quận 3 khai mạc ngày nào?', from('VOH', null))).toBe(false);
    expect(namesSource('Đại hội khai mạc ngày nào theo bài phỏng vấn VOH?', from(null, null))).toBe(false);
  });
});
