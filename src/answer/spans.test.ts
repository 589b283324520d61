import { describe, expect, it } from 'vitest';
import { asksOf, excerpt, implicitAsk, printedDate, printedOrdinal, spanFor, sureAsk } from './spans.js';

/** The spans of every ask of `question` in `sentence`, in ask order (each ask sees the earlier asks' spans as taken). */
function spans(question: string, sentence: string): Array<string | null> {
  const taken: string[] = [];
  return asksOf(question).map((a) => {
    const s = spanFor(a, sentence, question, taken);
    if (s) taken.push(s);
    return s;
  });
}

describe('asksOf: one ask per question word, in order', () => {
  it.each([
    ['Quận 12 kết nạp bao nhiêu đảng viên?', ['number']],
    ['BCH gồm bao nhiêu người, bao nhiêu người vào Ban thường vụ?', ['number', 'number']],
    ['Ai tái đắc cử Bí thư Huyện ủy và với tỉ lệ phiếu bao nhiêu?', ['person', 'number']],
    ['Hội nghị là lần thứ mấy, khóa mấy?', ['ordinal', 'ordinal']],
    ['Bí thư Đảng ủy phường Thủ Đức là ai, trước đó giữ chức gì?', ['person', 'role']],
    ['Huỳnh Khắc Điệp là ai?', ['role']],
    ['Ai giữ chức Bí thư Huyện ủy Thường Tín khóa XXIV?', ['person']],
    ['Phường dự kiến tái thiết khu cảng nào?', ['entity']],
    ['Võ Ngọc Quốc Thuận là bí thư quận nào?', []],
    ['Vì sao hội nghị hoãn?', []],
    ['Trải qua mấy kỳ Đại hội?', ['number']],
  ])('%s → %j', (q, types) => expect(asksOf(q).map((a) => a.type)).toEqual(types));

  it('a span of a count, a share, a date, an ordinal or a named title stands alone; a bare figure does not', () => {
    expect(asksOf('Quận 12 kết nạp bao nhiêu đảng viên?').every(sureAsk)).toBe(true);
    expect(asksOf('Thu ngân sách đạt bao nhiêu % dự toán?').every(sureAsk)).toBe(true);
    expect(asksOf('Thu ngân sách được bao nhiêu?').every(sureAsk)).toBe(false);
  });
});

describe('spanFor: the span answering each ask', () => {
  it.each([
    ['BCH gồm bao nhiêu người, bao nhiêu người vào Ban thường vụ?', 'Đại hội bầu Ban chấp hành gồm 41 người, trong đó, 13 người được bầu vào Ban thường vụ Quận ủy.', ['41 người', '13 người']],
    ['Có khoảng bao nhiêu đảng viên, trải qua mấy kỳ Đại hội?', 'Đảng bộ có khoảng 9.000 đảng viên, trải qua 12 kỳ Đại hội.', ['9.000 đảng viên', '12 kỳ Đại hội']],
    ['Đặt mục tiêu bao nhiêu phần trăm phương tiện giao thông công cộng dùng năng lượng sạch?', 'Đến năm 2030, 100% phương tiện giao thông công cộng sử dụng năng lượng sạch.', ['100% phương tiện giao thông công cộng']],
    ['Huyện đạt và vượt bao nhiêu mục tiêu Nghị quyết?', 'Huyện đạt và vượt 17 trong tổng số 19 mục tiêu Nghị quyết.', ['17 trong tổng số 19 mục tiêu']],
    ['Tốc độ tăng trưởng bình quân là bao nhiêu?', 'Tốc độ tăng trưởng bình quân đạt 10,8%/năm.', ['10,8%/năm']],
    ['Hội nghị triển khai đến bao nhiêu cán bộ, đảng viên?', 'Hội nghị quán triệt đến hơn 3.000 cán bộ, đảng viên.', ['3.000 cán bộ, đảng viên']],
    ['Thu ngân sách đạt bao nhiêu % dự toán?', 'Thu ngân sách được 6.587 tỷ đồng, tăng 23% so với cùng kỳ, đạt 104,99% dự toán.', ['104,99% dự toán']],
    ['Thu ngân sách tăng bao nhiêu so với cùng kỳ?', 'Thu ngân sách được 6.587 tỷ đồng, đạt 104,99% dự toán, tăng 23% so với cùng kỳ.', ['23% so với cùng kỳ']],
    ['Tổng số đảng viên hiện nay là bao nhiêu?', 'Tổng số đảng viên 9.308, tăng 641 đảng viên so với đầu nhiệm kỳ.', ['9.308']],
    ['Quận có bao nhiêu doanh nghiệp thành lập mới?', 'Có 9.273 doanh nghiệp thành lập mới, tăng 2.983 doanh nghiệp, tỷ lệ tăng 47,42%.', ['9.273 doanh nghiệp thành lập mới']],
    ['Số doanh nghiệp mới tăng bao nhiêu?', 'Có 9.273 doanh nghiệp thành lập mới, tăng 2.983 doanh nghiệp, tỷ lệ tăng 47,42%.', ['2.983 doanh nghiệp, tỷ lệ tăng 47,42%']],
    ['Đại hội diễn ra những ngày nào?', 'Trong 2 ngày (16, 17-7-2020), Đảng bộ huyện tổ chức Đại hội.', ['16, 17-7-2020']],
    ['Phiên trù bị diễn ra khi nào?', 'Chiều ngày 5/8, Đại hội tiến hành phiên trù bị.', ['Chiều ngày 5/8']],
    ['Hội nghị là lần thứ mấy?', 'Huyện ủy tổ chức Hội nghị Ban Chấp hành lần thứ mười bốn.', ['lần thứ mười bốn']],
    ['Thành phố phấn đấu đạt đô thị loại mấy vào năm 2030?', 'Phấn đấu đến năm 2030 đạt tiêu chí đô thị loại I.', ['đô thị loại I']],
    ['Phường dự kiến tái thiết khu cảng nào?', 'Phường sẽ tái thiết khu vực cảng Trường Thọ thành khu đô thị.', ['cảng Trường Thọ']],
    ['Xã Hưng Vũ được sáp nhập từ những xã nào?', 'Xã Hưng Vũ được thành lập trên cơ sở sáp nhập 2 xã Hưng Vũ và Trấn Yên.', ['Hưng Vũ và Trấn Yên']],
    ['Đại biểu dùng ứng dụng gì?', 'Đại biểu được hướng dẫn sử dụng ứng dụng “Giải pháp Đại hội Đảng” trên điện thoại.', ['Giải pháp Đại hội Đảng']],
    ['Ai được bầu làm Phó Bí thư Huyện ủy?', 'Đồng chí Lê Thanh Hải và Nguyễn Văn Tuấn được bầu làm Phó Bí thư Huyện ủy.', ['Lê Thanh Hải và Nguyễn Văn Tuấn']],
    ['Bí thư Huyện ủy Châu Đức là ai?', 'Đồng chí Phùng Bá Kỳ, Phó Bí thư Tỉnh ủy dự; đồng chí Nguyễn Văn Việt, Bí thư Huyện ủy chủ trì.', ['Nguyễn Văn Việt']],
    ['Bí thư Đảng ủy xã là ai?', 'Ông Nguyễn Thanh Hoàng, Bí thư Đảng ủy xã tiếp tục được bầu.', ['Nguyễn Thanh Hoàng']],
    ['Ai trình bày báo cáo chính trị?', 'Phó Bí thư Thường trực Huyện ủy Hoài Đức Đàm Văn Thông trình bày báo cáo chính trị.', ['Đàm Văn Thông']],
    ['Đồng chí Nguyễn Văn Hiếu giữ chức vụ gì?', 'Dự có Ủy viên dự khuyết Trung ương Đảng, Phó Bí thư Thành ủy TPHCM Nguyễn Văn Hiếu.', ['Ủy viên dự khuyết Trung ương Đảng, Phó Bí thư Thành ủy TPHCM']],
    ['Ông Phạm Thành Kiên trước đó là giám đốc sở nào?', 'Ông Phạm Thành Kiên, Giám đốc Sở Công thương, được bầu.', ['Giám đốc Sở Công thương']],
    ['Huyện đặt mục tiêu thành quận năm nào?', 'Đại hội nhiệm kỳ 2020 - 2025 đặt mục tiêu xây dựng huyện thành quận năm 2025.', ['2025']],
  ])('%s', (q, sentence, want) => expect(spans(q, sentence)).toEqual(want));

  it('never answers with what the question already prints, nor a figure taken by an earlier ask', () => {
    expect(spans('Quận 12 kết nạp 596 đảng viên, bao nhiêu đảng viên?', 'Quận 12 kết nạp 596 đảng viên.')).toEqual([null]);
    const [ask] = asksOf('Có bao nhiêu đảng viên?');
    expect(spanFor(ask!, 'Có 596 đảng viên, 600 đảng viên dự bị.', 'Có bao nhiêu đảng viên?', ['596 đảng viên'])).toBe('600 đảng viên');
  });

  it('a question without a question word takes a figure only when printed right by its words, and never for yes/no', () => {
    const ask = implicitAsk('thu ngân sách Quận 12')!;
    expect(spanFor(ask, 'Thu ngân sách nhà nước được 6.587 tỷ đồng, đạt 104,99% dự toán.', 'thu ngân sách Quận 12')).toBe('6.587 tỷ đồng, đạt 104,99% dự toán');
    expect(spanFor(ask, 'Quận có 35 phường và 1.200 tổ dân phố.', 'thu ngân sách Quận 12')).toBeNull();
    expect(implicitAsk('Quận Bình Tân còn hộ nghèo không?')).toBeNull();
  });
});

describe('printed forms and excerpts', () => {
  it('prints dates and ordinals as the article does', () => {
    expect(printedDate('Sáng 4/6, Đại hội khai mạc.')).toBe('Sáng 4/6');
    expect(printedDate('Đại hội diễn ra từ ngày 29 đến 31-7.')).toBe('từ ngày 29 đến 31-7');
    expect(printedOrdinal('lan thu', 'Hội nghị lần thứ XII Ban Chấp hành.')).toBe('lần thứ XII');
  });

  it('quotes a long sentence by its clauses holding the answer, never cutting inside one', () => {
    const long = `Đã hoàn thành 1 chỉ tiêu được giao; giá trị sản xuất ước đạt 27.278 tỷ đồng, tăng 10,2%; ${'chi ngân sách đảm bảo đúng chế độ, định mức; '.repeat(5)}an sinh được đảm bảo.`;
    expect(excerpt(long, ['27.278 tỷ đồng'])).toBe('… giá trị sản xuất ước đạt 27.278 tỷ đồng, tăng 10,2% …');
    expect(excerpt('Câu ngắn có 596 đảng viên.', ['596 đảng viên'])).toBe('Câu ngắn có 596 đảng viên.');
  });
});
