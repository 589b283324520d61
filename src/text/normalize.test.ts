import { describe, expect, it } from 'vitest';
import { fold, lowerText, normalizeText } from './normalize.js';

describe('normalizeText', () => {
  it.each([
    ['Quận uỷ', 'Quận ủy'],
    ['hoà bình', 'hòa bình'],
    ['khoá XII', 'khóa XII'],
    ['thuỷ lợi', 'thủy lợi'],
    ['Uỷ viên', 'Ủy viên'],
    ['quý', 'quý'],
    ['hoàng', 'hoàng'],
    ['khóa XII', 'khóa XII'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('composes NFD input to NFC', () => {
    const nfd = 'Quận ủy'.normalize('NFD');
    expect(nfd.length).toBeGreaterThan(7);
    expect(normalizeText(nfd)).toBe('Quận ủy');
    expect(normalizeText(nfd).length).toBe(7);
  });

  it('is idempotent', () => {
    const s = 'Hội nghị lần thứ 18 Ban Chấp hành Đảng bộ quận (mở rộng) khoá XII, Uỷ ban';
    expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
  });
});

describe('fold', () => {
  it.each([
    ['Quận 12 kết nạp đảng viên', 'quan 12 ket nap dang vien'],
    ['Đảng bộ', 'dang bo'],
    ['Chủ trì', 'chu tri'],
    ['Quận ủy'.normalize('NFD'), 'quan uy'],
  ])('%s → %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('treats old and new tone placement alike', () => {
    expect(fold('uỷ')).toBe(fold('ủy'));
    expect(lowerText('Hoà')).toBe(lowerText('hòa'));
  });
});
