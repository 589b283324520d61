import { describe, expect, it } from 'vitest';
import { extractEventCard } from './event-card.js';
import { extractFigures, printedNumber, type FigureInput } from './figures.js';

const rows = (sentences: string[], over: Partial<FigureInput> = {}) =>
  extractFigures({ paragraphs: [sentences], title: 'T', lead: null, unitId: 'quan-12', year: 2023, term: '2020-2025', ...over });

describe('extractFigures', () => {
  it('reads a verb, a number and a counted noun: the noun joins the indicator', () => {
    const [r] = rows(['Tiêu biểu là công tác đảng viên đã kết nạp được 596 đảng viên, đạt tỷ lệ 56,9%.']);
    expect(r).toMatchObject({ value: 596, measure: 'đảng viên', text: '596 đảng viên', unitId: 'quan-12', period: null });
    expect(r!.indicator.split(' ')).toEqual(expect.arrayContaining(['ket', 'nap', 'dang', 'vien']));
  });

  it('leaves out the qualifiers of a figure (share of plan, change) and keeps its qualifier word in the text', () => {
    const r = rows(['Trong 9 tháng đầu năm, thu ngân sách đạt hơn 3.200 tỷ đồng, đạt 89,3% chỉ tiêu năm, tăng 23% so với cùng kỳ.']);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ indicator: 'thu ngan sach', value: 3200, measure: 'tỷ đồng', text: 'hơn 3.200 tỷ đồng', period: '9 tháng đầu năm 2023' });
  });

  it('reads growth rates per year, jobs with a target, and percentages of the plan', () => {
    const r = rows([
      'Tốc độ tăng trưởng kinh tế bình quân đạt 9,8%/năm; giải quyết việc làm cho 4.523/7.500 người; thu ngân sách đạt 78,8% dự toán.',
    ]);
    expect(r.map((x) => [x.value, x.measure])).toEqual([
      [9.8, '%/năm'],
      [4523, 'người'],
      [78.8, '% dự toán'],
    ]);
    expect(r[0]!.indicator).toContain('tang truong kinh te');
    expect(r[1]!.indicator).toContain('giai quyet viec lam');
  });

  it('reads "X tỷ Y triệu đồng" as tỷ đồng', () => {
    expect(rows(['Tổng thu ngân sách thực hiện hơn 04 tỷ 340 triệu đồng.'])[0]).toMatchObject({ value: 4.34, measure: 'tỷ đồng' });
  });

  it('takes the period from the sentence, else an earlier sentence of the paragraph, else the report period', () => {
    const r = extractFigures({
      paragraphs: [['Sáng 5/10, Quận ủy tổ chức hội nghị lần thứ 18 khóa XII, nhiệm kỳ 2020-2025.'], ['Về kết quả 6 tháng đầu năm, quận đạt nhiều kết quả.', 'Quận đã kết nạp 31 đảng viên.'], ['Thu ngân sách đạt 652,55 tỷ đồng.']],
      title: 'Hội nghị sơ kết 9 tháng',
      lead: 'Sáng 5/10, Quận ủy tổ chức hội nghị lần thứ 18 khóa XII, nhiệm kỳ 2020-2025.',
      unitId: null,
      year: 2021,
      term: '2020-2025',
    });
    expect(r.map((x) => [x.value, x.period, x.periodSentence])).toEqual([
      [31, '6 tháng đầu năm 2021', 'Về kết quả 6 tháng đầu năm, quận đạt nhiều kết quả.'],
      // The committee's term in the lead ("khóa XII, nhiệm kỳ …") is no period; the title's "9 tháng" is.
      [652.55, '9 tháng đầu năm 2021', 'Hội nghị sơ kết 9 tháng'],
    ]);
  });

  it('does not read a date, a target year or a base year as a period', () => {
    const r = rows(['Ngày 18 tháng 8 năm 2025, huyện đã huy động 31.500 tỷ đồng, tăng so với năm 2020.', 'Phấn đấu đến năm 2030 thu nhập đạt 90 triệu đồng.']);
    expect(r[0]).toMatchObject({ value: 31500, period: 'năm 2025' });
  });

  it('gives no row for a number with nothing named before it', () => {
    expect(rows(['100% hồ sơ được giải quyết đúng hạn.', 'Đại hội có 5 người.'])).toHaveLength(1);
  });

  it('reads Vietnamese number formats', () => {
    expect([printedNumber('9.308'), printedNumber('56,9'), printedNumber('4.465,775'), printedNumber('12')]).toEqual([9308, 56.9, 4465.775, 12]);
  });
});

describe('figures on the event card', () => {
  it('carries rows with the card unit and sentences of the text', () => {
    const text =
      'Ngày 30-3, Ban Chấp hành Đảng bộ Quận 12 tổ chức hội nghị lần thứ 12 và sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ Quận 12, nhiệm kỳ 2020-2025.\n\nTiêu biểu là công tác đảng viên đã kết nạp được 596 đảng viên, đạt tỷ lệ 56,9%.';
    const card = extractEventCard({ id: 't', title: 'T', text, publishedAt: '2023-03-31' });
    expect(card.figures).toHaveLength(1);
    expect(card.figures[0]).toMatchObject({ value: 596, unitId: 'quan-12', period: 'giữa nhiệm kỳ 2020-2025' });
    expect(text).toContain(card.figures[0]!.sentence);
  });
});
