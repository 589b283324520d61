import { describe, expect, it } from 'vitest';
import { findMeetingDate, findPeriodYear, parseDateLine, parsePublishedDate, resolveMeetingDate } from './dates.js';

describe('parsePublishedDate', () => {
  const cases: Array<[string | null, string | null]> = [
    ['Thứ Tư, ngày 28 tháng 2 năm 2024', '2024-02-28'],
    ['Thứ Bảy, ngày 4 tháng 12 năm 2021', '2021-12-04'],
    ['Ngày đăng 23/06/2022 | 15:04', '2022-06-23'],
    ['date 2023-03', '2023-03'],
    ['2023-03-30', '2023-03-30'],
    ['2023-03-30T10:15:00+07:00', '2023-03-30'],
    ['2023-03-30T20:00:00Z', '2023-03-31'],
    ['2023-03-30 08:00:00', '2023-03-30'],
    ['05/10/2023 14:30', '2023-10-05'],
    ['5-10-2023', '2023-10-05'],
    ['2023/10/05', '2023-10-05'],
    ['30 Mar 2023', '2023-03-30'],
    ['March 30, 2023', '2023-03-30'],
    ['tháng 3/2023', '2023-03'],
    ['31/02/2023', null],
    ['2023-13', null],
    ['không có ngày', null],
    ['', null],
    [null, null],
  ];
  it.each(cases)('%j → %j', (input, expected) => {
    expect(parsePublishedDate(input)).toBe(expected);
  });
});

describe('parseDateLine', () => {
  it('accepts lines that are only a date, keeping the date part verbatim without counters', () => {
    expect(parseDateLine('Ngày đăng 23/06/2022 | 15:04  | Lượt xem: 184')).toEqual({ text: 'Ngày đăng 23/06/2022 | 15:04', date: '2022-06-23' });
    expect(parseDateLine('Thứ Tư, ngày 28 tháng 2 năm 2024')).toEqual({ text: 'Thứ Tư, ngày 28 tháng 2 năm 2024', date: '2024-02-28' });
    expect(parseDateLine('Thứ năm, 05/10/2023 - 14:30 (GMT+7)')?.date).toBe('2023-10-05');
  });
  it('rejects lines that say anything else', () => {
    expect(parseDateLine('Ngày 30-3, Ban Chấp hành Đảng bộ Quận 12 tổ chức hội nghị')).toBeNull();
    expect(parseDateLine('Hội nghị ngày 23/06/2022 thành công')).toBeNull();
    expect(parseDateLine('Quang cảnh hội nghị')).toBeNull();
  });
});

describe('findMeetingDate', () => {
  const cases: Array<[string, [number, number, number | null] | null]> = [
    ['(Thanhuytphcm.vn) - Chiều 5/10, Quận ủy quận Bình Tân tổ chức hội nghị lần thứ 18.', [5, 10, null]],
    ['Ngày 12/7, Quận ủy Quận 8 tổ chức Hội nghị Ban Chấp hành Đảng bộ lần thứ 8.', [12, 7, null]],
    ['(NTL) Sáng ngày 23/6, BCH Đảng bộ quận đã tổ chức Hội nghị lần thứ 14.', [23, 6, null]],
    ['Ngày 30-3, Ban Chấp hành Đảng bộ Quận 12 tổ chức hội nghị lần thứ 12.', [30, 3, null]],
    ['Chiều 12/10, Quận ủy Quận 11 tổ chức hội nghị.', [12, 10, null]],
    ['Ngày 5.2, đoàn tổ chức họp.', [5, 2, null]],
    ['Sáng ngày 12 tháng 7 năm 2022, hội nghị diễn ra.', [12, 7, 2022]],
    ['Ngày 12/7/2022, hội nghị diễn ra.', [12, 7, 2022]],
    ['Tổng số 4.523/7.500 người, nhiệm kỳ 2020-2025.', null],
    ['Ngày 45/13, không hợp lệ.', null],
  ];
  it.each(cases)('%s', (sentence, expected) => {
    const found = findMeetingDate([sentence]);
    expect(found === null ? null : [found.day, found.month, found.year]).toEqual(expected);
  });
  it('prefers a sentence that mentions a meeting', () => {
    const found = findMeetingDate(['Ngày 1/1, trời đẹp.', 'Chiều 5/10, Quận ủy tổ chức hội nghị.']);
    expect(found).toMatchObject({ day: 5, month: 10, sentence: 'Chiều 5/10, Quận ủy tổ chức hội nghị.', matched: 'Chiều 5/10' });
  });
});

describe('findPeriodYear', () => {
  it('returns the most named period year', () => {
    expect(findPeriodYear('9 tháng đầu năm, … dự kiến đến cuối năm 2023, thu đạt trên 4.000 tỷ đồng')).toBe(2023);
    expect(findPeriodYear('6 tháng đầu năm, đề ra phương hướng, nhiệm vụ 6 tháng cuối năm 2022')).toBe(2022);
    expect(findPeriodYear('nhiệm vụ trọng tâm quý IV năm 2021; 9 tháng đầu năm 2021 và quý IV năm 2021')).toBe(2021);
    expect(findPeriodYear('Nghị quyết số 98/2023/QH15, nhiệm kỳ 2020-2025')).toBeNull();
  });
});

describe('resolveMeetingDate', () => {
  const dm = (day: number, month: number, year: number | null = null) => ({ day, month, year });
  it('resolves the five seeds', () => {
    expect(resolveMeetingDate(dm(30, 3), '2023-03', null)).toBe('2023-03-30');
    expect(resolveMeetingDate(dm(5, 10), '2024-02-28', 2023)).toBe('2023-10-05');
    expect(resolveMeetingDate(dm(12, 7), '2022-10-06', 2022)).toBe('2022-07-12');
    expect(resolveMeetingDate(dm(23, 6), '2022-06-23', 2022)).toBe('2022-06-23');
    expect(resolveMeetingDate(dm(12, 10), '2021-12-04', 2021)).toBe('2021-10-12');
  });
  it('never places the meeting after publication', () => {
    expect(resolveMeetingDate(dm(5, 10), '2024-02-28', null)).toBe('2023-10-05');
    expect(resolveMeetingDate(dm(24, 6), '2022-06-23', 2022)).toBe('2021-06-24');
  });
  it('prefers the period year when it keeps the meeting before publication', () => {
    expect(resolveMeetingDate(dm(5, 10), '2024-11-01', 2023)).toBe('2023-10-05');
    expect(resolveMeetingDate(dm(5, 10), '2024-11-01', 2025)).toBe('2024-10-05');
  });
  it('uses a printed year, or the period year without publication date', () => {
    expect(resolveMeetingDate(dm(12, 7, 2020), '2024-01-01', 2023)).toBe('2020-07-12');
    expect(resolveMeetingDate(dm(12, 7), null, 2022)).toBe('2022-07-12');
    expect(resolveMeetingDate(dm(12, 7), null, null)).toBeNull();
  });
  it('handles 29 February', () => {
    expect(resolveMeetingDate(dm(29, 2), '2025-03-10', null)).toBe('2024-02-29');
  });
});
