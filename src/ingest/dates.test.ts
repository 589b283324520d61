import { describe, expect, it } from 'vitest';
import {
  congressTermYear,
  findDateMentions,
  findMeetingDate,
  findPeriodYear,
  parseDateLine,
  parsePublishedDate,
  planYear,
  reportingYear,
  resolveMeetingDate,
  splitTrailingStamp,
} from './dates.js';

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
    expect(parseDateLine('Ngày đăng 23/06/2022 | 15:04  | Lượt xem: 184')).toEqual({
      text: 'Ngày đăng 23/06/2022 | 15:04',
      date: '2022-06-23',
      hasTime: true,
      hasWeekday: false,
    });
    expect(parseDateLine('Thứ Tư, ngày 28 tháng 2 năm 2024')).toEqual({
      text: 'Thứ Tư, ngày 28 tháng 2 năm 2024',
      date: '2024-02-28',
      hasTime: false,
      hasWeekday: true,
    });
    expect(parseDateLine('Thứ năm, 05/10/2023 - 14:30 (GMT+7)')?.date).toBe('2023-10-05');
  });
  const stamps: Array<[string, string]> = [
    ['12/03/2024 08:15 GMT+7', '2024-03-12'],
    ['12/03/2024 - 08:15', '2024-03-12'],
    ['12/03/2024 - 08:15 AM', '2024-03-12'],
    ['12/03/2024 | 16:21 PM', '2024-03-12'],
    ['Cập nhật: 10:36, 12/03/2024 (GMT+7)', '2024-03-12'],
    ['Cập nhật ngày: 12/03/2024 - 08:15', '2024-03-12'],
    ['2024-03-12 09:43:02 Phóng Viên', '2024-03-12'],
    ['Print Thứ Ba, 12/03/2024 07:28 Gốc', '2024-03-12'],
    ['Thứ ba, 12/03/2024, 10:30 SA', '2024-03-12'],
    ['Thời sự Thứ Ba 12/03/2024, 15:48', '2024-03-12'],
    ['Trần An - Lê Bình| 12/03/2024 20:11', '2024-03-12'],
    ['12/03/2024, 23:29', '2024-03-12'],
    ['12/03/2024 14:32 (GMT+07:00)', '2024-03-12'],
    ['12/03/2024', '2024-03-12'],
  ];
  it.each(stamps)('reads the stamp %j', (line, date) => {
    expect(parseDateLine(line)?.date).toBe(date);
  });
  it('rejects lines that say anything else', () => {
    expect(parseDateLine('Ngày 30-3, Ban Chấp hành Đảng bộ Quận 12 tổ chức hội nghị')).toBeNull();
    expect(parseDateLine('Hội nghị ngày 23/06/2022 thành công')).toBeNull();
    expect(parseDateLine('Quang cảnh hội nghị')).toBeNull();
    // A label needs a printed time, and stays short.
    expect(parseDateLine('Tin mới 12/03/2024')).toBeNull();
    expect(parseDateLine('Hội nghị tổng kết năm của huyện diễn ra 12/03/2024 08:15')).toBeNull();
  });
});

describe('splitTrailingStamp', () => {
  it('splits a timed stamp closing a title line', () => {
    expect(splitTrailingStamp('Huy động mọi nguồn lực xây dựng huyện (12:06 09/07/2020)')).toMatchObject({
      head: 'Huy động mọi nguồn lực xây dựng huyện',
      stamp: { date: '2020-07-09' },
    });
    expect(splitTrailingStamp('Ông A làm Bí thư Đảng ủy phường 11/08/2025 13:01')?.stamp.date).toBe('2025-08-11');
  });
  it('leaves other lines alone', () => {
    expect(splitTrailingStamp('Hội nghị lần thứ 14 khóa III')).toBeNull();
    expect(splitTrailingStamp('09/07/2020 12:06')).toBeNull();
    expect(splitTrailingStamp('Đại hội diễn ra ngày 9/7/2020')).toBeNull();
  });
});

describe('findDateMentions', () => {
  const span = (s: string) => findDateMentions(s).map((m) => [m.day, m.month, m.year, m.endDay, m.endMonth, m.endYear]);
  const cases: Array<[string, Array<Array<number | null>>]> = [
    ['(Thanhuytphcm.vn) - Chiều 5/10, Quận ủy quận Bình Tân tổ chức hội nghị lần thứ 18.', [[5, 10, null, 5, 10, null]]],
    ['(NTL) Sáng ngày 23/6, BCH Đảng bộ quận đã tổ chức Hội nghị lần thứ 14.', [[23, 6, null, 23, 6, null]]],
    ['Ngày 30-3, Ban Chấp hành tổ chức hội nghị.', [[30, 3, null, 30, 3, null]]],
    ['Sáng 7.8, Đại hội tiếp tục làm việc.', [[7, 8, null, 7, 8, null]]],
    ['Sáng ngày 12 tháng 7 năm 2022, hội nghị diễn ra.', [[12, 7, 2022, 12, 7, 2022]]],
    ['Ngày 12/7/2022, hội nghị diễn ra.', [[12, 7, 2022, 12, 7, 2022]]],
    ['Sáng nay (23/6), Đại hội chính thức khai mạc.', [[23, 6, null, 23, 6, null]]],
    ['8h sáng nay, 12/10, Đại hội khai mạc.', [[12, 10, null, 12, 10, null]]],
    ['Trong 2 ngày (16, 17-7-2020), Đảng bộ huyện tổ chức Đại hội.', [[16, 7, 2020, 17, 7, 2020]]],
    ['Sau 3 ngày (22,23,24.6) làm việc, Đại hội thành công.', [[22, 6, null, 24, 6, null]]],
    ['Trong 2 ngày 28,29/02/2020, Đảng bộ tổ chức Đại hội.', [[28, 2, 2020, 29, 2, 2020]]],
    ['Trong hai ngày 22 và 23/7/2025, Đảng bộ xã tổ chức Đại hội.', [[22, 7, 2025, 23, 7, 2025]]],
    ['Trong 2 ngày 7 và 8-5, Đảng bộ xã tiến hành Đại hội.', [[7, 5, null, 8, 5, null]]],
    ['Đại hội tổ chức trong 03 ngày, từ ngày 27 đến ngày 29/7/2020.', [[27, 7, 2020, 29, 7, 2020]]],
    ['Đại hội diễn ra trong 2,5 ngày (từ ngày 5 đến 7-8).', [[5, 8, null, 7, 8, null]]],
    ['Sau 3 ngày làm việc (22 - 24/7), Đại hội thành công.', [[22, 7, null, 24, 7, null]]],
    ['Đại hội diễn ra trong 3 ngày, từ ngày 8 - 10.7.2020.', [[8, 7, 2020, 10, 7, 2020]]],
    ['Đại hội diễn ra vào ngày 26, 27 và 28 tháng 8 năm 2020.', [[26, 8, 2020, 28, 8, 2020]]],
    ['Đại hội tiến hành các ngày 25/6/2010 và ngày 02, 03/7/2010.', [[25, 6, 2010, 3, 7, 2010]]],
    ['Hội nghị họp từ ngày 30/7 đến 2/8.', [[30, 7, null, 2, 8, null]]],
    ['Hội nghị họp từ ngày 30/12/2024 đến 2/1/2025.', [[30, 12, 2024, 2, 1, 2025]]],
    // Not dates: fractions, figures, and a day/month without a cue.
    ['Quận đã có 31/50 công trình, đạt 80/80 chỉ tiêu, 5.505 đảng viên, 39,99km2.', []],
    ['Tham dự có 23/30 xã (30/7).', []],
  ];
  it.each(cases)('%s', (sentence, expected) => {
    expect(span(sentence)).toEqual(expected);
  });
  it('flags issue dates, announcements and clause-initial dates', () => {
    const [doc] = findDateMentions('Xã được thành lập theo Nghị quyết số 1672/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban.');
    expect(doc).toMatchObject({ reference: true });
    expect(findDateMentions('Sơ kết Chỉ thị 20-CT/TW, ngày 18/01/2018 của Ban Bí thư.')[0]).toMatchObject({ reference: true });
    expect(findDateMentions('Tính đến ngày 15/9, huyện giải ngân 38,1% kế hoạch.')[0]).toMatchObject({ reference: true });
    expect(findDateMentions('Từ ngày 1-7-2025, phường hoạt động theo mô hình mới.')[0]).toMatchObject({ reference: true });
    expect(findDateMentions('Đại hội diễn ra từ ngày 27 đến ngày 29/7/2020.')[0]).toMatchObject({ reference: false });
    expect(findDateMentions('Yêu cầu hoàn chỉnh đồ án trước ngày 10/02/2017.')[0]).toMatchObject({ reference: true });
    expect(findDateMentions('Đồng chí A sinh ngày 9/2/1907 tại Nam Định.')[0]).toMatchObject({ reference: true });
    expect(findDateMentions('Sáng mai 6/8, Đại hội sẽ chính thức khai mạc.')[0]).toMatchObject({ future: true });
    expect(findDateMentions('Đại hội sẽ diễn ra trong 2 ngày, từ 25-26/7.')[0]).toMatchObject({ future: true, day: 25, endDay: 26 });
    expect(findDateMentions('HNP - Sáng 9/7, Đại hội khai mạc.')[0]).toMatchObject({ initial: true, matched: 'Sáng 9/7' });
    expect(findDateMentions('Sau 3 ngày làm việc nghiêm túc, dân chủ, sáng 23/7, Đại hội bế mạc.')[0]).toMatchObject({ initial: false });
  });
});

describe('year clues', () => {
  it('findPeriodYear returns the most named period year', () => {
    expect(findPeriodYear('9 tháng đầu năm, … dự kiến đến cuối năm 2023, thu đạt trên 4.000 tỷ đồng')).toBe(2023);
    expect(findPeriodYear('6 tháng đầu năm, đề ra phương hướng, nhiệm vụ 6 tháng cuối năm 2022')).toBe(2022);
    expect(findPeriodYear('nhiệm vụ trọng tâm quý IV năm 2021; 9 tháng đầu năm 2021 và quý IV năm 2021')).toBe(2021);
    expect(findPeriodYear('Nghị quyết số 98/2023/QH15, nhiệm kỳ 2020-2025')).toBeNull();
  });
  it('planYear: a late-year meeting plans the next year', () => {
    expect(planYear('Hội nghị đánh giá năm 2019; đề ra phương hướng, nhiệm vụ năm 2020.', 12)).toBe(2019);
    expect(planYear('Tổng kết công tác năm 2022, triển khai nhiệm vụ năm 2023.', 1)).toBe(2023);
    expect(planYear('Hội nghị sơ kết 6 tháng.', 7)).toBeNull();
  });
  it('reportingYear: a closed period the meeting can review', () => {
    expect(reportingYear('Trong 9 tháng năm 2022, hầu hết chỉ tiêu đạt khá.', 10)).toBe(2022);
    expect(reportingYear('Trong quý I/2023, nhiều chỉ tiêu đạt khá.', 4)).toBe(2023);
    expect(reportingYear('Trong 9 tháng năm 2022, hầu hết chỉ tiêu đạt khá.', 3)).toBeNull();
  });
  it('congressTermYear: the first year of the congress term, not of a conference about it', () => {
    expect(congressTermYear('Sáng 18/8, đại hội đại biểu Đảng bộ Quận 3 lần thứ XII nhiệm kỳ 2020-2025 công bố kết quả.')).toBe(2020);
    expect(congressTermYear('Chiều 5-8, Đại hội (nhiệm kỳ 2020 – 2025) đánh giá nhiệm kỳ 2015 - 2020.')).toBe(2020);
    expect(congressTermYear('Ngày 30/7, Đảng bộ xã tổ chức phiên họp trù bị Đại hội Đảng bộ xã lần thứ I, nhiệm kỳ 2025 – 2030.')).toBe(2025);
    expect(congressTermYear('Ngày 1/11, Quận ủy tổ chức Hội nghị cho ý kiến báo cáo trình Đại hội đại biểu Đảng bộ quận, nhiệm kỳ 2025 - 2030.')).toBeNull();
    expect(congressTermYear('Ngày 5/3, Đảng ủy sơ kết Nghị quyết Đại hội Đảng bộ xã nhiệm kỳ 2020-2025.')).toBeNull();
    expect(congressTermYear('Ngày 5/3, Đảng ủy họp.')).toBeNull();
  });
});

describe('resolveMeetingDate', () => {
  const dm = (day: number, month: number, year: number | null = null) => ({ day, month, year });
  it('resolves the five seeds (month stamp and page-render bounds)', () => {
    expect(resolveMeetingDate(dm(30, 3), { bound: '2023-03' })).toBe('2023-03-30');
    expect(resolveMeetingDate(dm(5, 10), { bound: '2024-02-28', periodYear: 2023 })).toBe('2023-10-05');
    expect(resolveMeetingDate(dm(12, 7), { bound: '2022-10-06', periodYear: 2022 })).toBe('2022-07-12');
    expect(resolveMeetingDate(dm(23, 6), { publishedAt: '2022-06-23' })).toBe('2022-06-23');
    expect(resolveMeetingDate(dm(12, 10), { bound: '2021-12-04', periodYear: 2021 })).toBe('2021-10-12');
  });
  it('places a meeting not reported as held at most a few days after publication', () => {
    expect(resolveMeetingDate(dm(5, 10), { publishedAt: '2024-02-28' })).toBe('2023-10-05');
    expect(resolveMeetingDate(dm(24, 6), { publishedAt: '2022-06-23' })).toBe('2022-06-24');
    expect(resolveMeetingDate(dm(30, 6), { publishedAt: '2022-06-23' })).toBe('2021-06-30');
  });
  it('lets a stamp precede a meeting reported as held (an early or wrong stamp) when that year is much nearer', () => {
    expect(resolveMeetingDate(dm(9, 7), { publishedAt: '2020-04-22', held: true })).toBe('2020-07-09');
    expect(resolveMeetingDate(dm(15, 6), { publishedAt: '2023-03-01', held: true })).toBe('2022-06-15');
  });
  it('with a publication date the nearest year wins; with a bound only the period year may', () => {
    expect(resolveMeetingDate(dm(4, 1), { publishedAt: '2023-01-04', periodYear: 2022 })).toBe('2023-01-04');
    expect(resolveMeetingDate(dm(5, 10), { bound: '2024-11-01', periodYear: 2023 })).toBe('2023-10-05');
    expect(resolveMeetingDate(dm(5, 10), { bound: '2024-11-01', periodYear: 2025 })).toBe('2024-10-05');
  });
  it('uses a printed year; without an anchor the year is unknown', () => {
    expect(resolveMeetingDate(dm(12, 7, 2020), { publishedAt: '2024-01-01' })).toBe('2020-07-12');
    expect(resolveMeetingDate(dm(12, 7), {})).toBeNull();
  });
  it('handles 29 February', () => {
    expect(resolveMeetingDate(dm(29, 2), { publishedAt: '2025-03-10' })).toBe('2024-02-29');
  });
});

describe('findMeetingDate', () => {
  const find = (sentences: string[], extra: Omit<Parameters<typeof findMeetingDate>[0], 'sentences'> = {}) => {
    const found = findMeetingDate({ sentences, ...extra });
    return found && [found.date, found.endDate];
  };
  it('reads the lede against the publication date or bound', () => {
    expect(find(['Chiều 5/10, Quận ủy tổ chức hội nghị lần thứ 18.'], { publishedAt: '2023-10-06' })).toEqual(['2023-10-05', null]);
    expect(find(['Ngày 23/7, Đảng bộ phường tổ chức hội nghị.'], { bound: '2025-07' })).toEqual(['2025-07-23', null]);
    expect(find(['Ngày 1/11, Quận ủy tổ chức Hội nghị lần thứ 41.'], { bound: '2024-11-21' })).toEqual(['2024-11-01', null]);
  });
  it('takes the year of a congress from its nhiệm kỳ when nothing else dates it', () => {
    expect(find(['Sáng 15/8, Đảng bộ phường tổ chức Đại hội Đại biểu lần thứ Nhất, nhiệm kỳ 2025 - 2030.'])).toEqual(['2025-08-15', null]);
    expect(find(['Đại hội Đảng bộ huyện khóa XII, nhiệm kỳ 2020 – 2025, tiến hành phiên trù bị, chiều ngày 5/8.'])).toEqual(['2020-08-05', null]);
    // A wrong stamp months before a congress reported as held does not move it a year back.
    expect(find(['Ngày 9/7, Đại hội đại biểu Đảng bộ huyện nhiệm kỳ 2020-2025 đã diễn ra.'], { publishedAt: '2020-04-22' })).toEqual(['2020-07-09', null]);
    // A header stamp set the day before the event it reports.
    expect(find(['Sáng ngày 8/8, phường tổ chức tổng duyệt Chương trình Đại hội Đảng bộ phường lần thứ I, nhiệm kỳ 2025 - 2030.'], { publishedAt: '2025-08-07' })).toEqual(['2025-08-08', null]);
    // A conference about the coming congress is not the congress.
    expect(find(['Ngày 1/11, Quận ủy tổ chức Hội nghị cho ý kiến dự thảo trình Đại hội nhiệm kỳ 2025 - 2030.'])).toBeNull();
  });
  it('reads the year of a year-less day from the reporting period or the year planned', () => {
    expect(find(['Sáng ngày 21/10, Huyện ủy tổ chức Hội nghị BCH lần thứ 11.', 'Trong 9 tháng năm 2022, chỉ tiêu đạt khá.'], {
      paragraphs: ['Sáng ngày 21/10, Huyện ủy tổ chức Hội nghị BCH lần thứ 11.', 'Trong 9 tháng năm 2022, chỉ tiêu đạt khá.'],
    })).toEqual(['2022-10-21', null]);
    expect(find(['Sáng 18/12, Ban Chấp hành tổ chức Hội nghị đánh giá năm 2019; đề ra phương hướng, nhiệm vụ năm 2020.'])).toEqual(['2019-12-18', null]);
    expect(find(['Ngày 10/7, Ban Chấp hành tổ chức hội nghị bàn nhiệm vụ 6 tháng cuối năm 2020.'])).toEqual(['2020-07-10', null]);
  });
  it('keeps printed ranges as first and last day', () => {
    expect(find(['Trong 2 ngày (16, 17-7-2020), Đảng bộ huyện tổ chức Đại hội.'])).toEqual(['2020-07-16', '2020-07-17']);
    expect(find(['Trong 2 ngày 6 và 7/8, Đảng bộ phường tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025-2030.'])).toEqual(['2025-08-06', '2025-08-07']);
    expect(find(['Đại hội lần thứ X (nhiệm kỳ 2010 – 2015) tiến hành các ngày 25/6/2010 và ngày 02, 03/7/2010.'])).toEqual(['2010-06-25', '2010-07-03']);
  });
  it('extends a single day to the range printed for the same meeting', () => {
    const sentences = ['Ngày 8.7, Đại hội khai mạc phiên trù bị.', 'Đây là Đại hội điểm, diễn ra trong 3 ngày, từ ngày 8 - 10.7.2020.'];
    expect(find(sentences)).toEqual(['2020-07-08', '2020-07-10']);
    // The closing day inside a range: the meeting starts at the range's first day.
    const closing = ['Sau 3 ngày làm việc nghiêm túc, dân chủ, sáng 23/7, Đại hội bế mạc.', 'Diễn ra trong 3 ngày (21-23/7), Đại hội đã tổng kết.'];
    expect(find(closing, { publishedAt: '2020-07-23' })).toEqual(['2020-07-21', '2020-07-23']);
  });
  it('starts a closing day at the earlier session printed nearby', () => {
    const sentences = [
      'Chiều 5/8, Đại hội Đại biểu quận nhiệm kỳ 2020 - 2025 tiến hành phiên bế mạc sau 1,5 ngày làm việc.',
      'Trước đó, chiều 4/8, Đại hội tiến hành họp phiên trù bị.',
    ];
    expect(find(sentences)).toEqual(['2020-08-04', '2020-08-05']);
    // An opening day stays the first day even when a preparatory session is printed after it.
    const opening = ['Sáng ngày 23/8/2025, Đại hội chính thức khai mạc.', 'Ngày 22/8/2025, Đại hội đã tiến hành phiên trù bị.'];
    expect(find(opening)).toEqual(['2025-08-23', null]);
  });
  it('a caption date after the lede does not beat the lede', () => {
    const sentences = ['Ngày 20-8, Đảng bộ xã tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025-2030.', 'Đại hội Đảng bộ xã sáng 20-9'];
    expect(find(sentences, { lead: sentences[0] })).toEqual(['2025-08-20', null]);
  });
  it('skips issue dates and announced dates', () => {
    const sentences = [
      'Trong hai ngày 22 và 23/7/2025, Đảng bộ xã đã tổ chức Đại hội.',
      'Đại hội được tổ chức khi xã mới được thành lập theo Nghị quyết số 1672/NQ-UBTVQH15 ngày 16/6/2025.',
    ];
    expect(find([...sentences].reverse())).toEqual(['2025-07-22', '2025-07-23']);
    expect(find(['Đại hội sẽ diễn ra trong 2 ngày, từ 25-26/7, tại Trung tâm Văn hóa.'])).toBeNull();
    expect(find(['Sáng mai 6/8, Đại hội sẽ chính thức khai mạc.'], { publishedAt: '2020-08-05' })).toBeNull();
    // A printed date after publication, not reported as held: a preview.
    expect(find(['Đại hội diễn ra vào ngày 26, 27 và 28 tháng 8 năm 2020.'], { publishedAt: '2020-08-20' })).toBeNull();
  });
  it('dates a lede opening with a relative day from the publication date only', () => {
    expect(find(['(TTO) - Sáng nay, Đại hội đại biểu Đảng bộ quận khai mạc.'], { publishedAt: '2020-08-12' })).toEqual(['2020-08-12', null]);
    expect(find(['Hôm qua, Quận ủy tổ chức hội nghị lần thứ 8.'], { publishedAt: '2021-03-01' })).toEqual(['2021-02-28', null]);
    expect(find(['Sáng nay, Đại hội khai mạc.'], { bound: '2020-08' })).toBeNull();
  });
  it('is null when the year cannot be known', () => {
    expect(find(['Chiều 5/10, Quận ủy tổ chức hội nghị.'])).toBeNull();
    expect(find(['Quang cảnh hội nghị.'])).toBeNull();
  });
});
