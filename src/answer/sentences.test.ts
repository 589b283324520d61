import { describe, expect, it } from 'vitest';
import { fold } from '../text/normalize.js';
import type { Chunk, Hit } from '../types.js';
import { planQuery } from '../retrieve/query/plan.js';
import { DEFAULT_ANSWER_TUNING } from './tuning.js';
import { answerType, countedPattern, hasAnswerOfType, scoreSentences, selectSentences } from './sentences.js';
import { asksOf, spanFor } from './spans.js';

describe('answerType', () => {
  it.each([
    ['Quận 12 kết nạp bao nhiêu đảng viên?', 'number'],
    ['Gandhi sinh năm nào?', 'year'],
    ['Hội nghị diễn ra khi nào?', 'date'],
    ['Paris thịnh vượng nhất vào thời kì nào?', 'date'],
    ['Ai chủ trì hội nghị?', 'person'],
    ['Đồng chí Nguyễn Văn Hiếu giữ chức vụ gì?', 'role'],
    ['What position does Nguyen Van Hieu hold?', 'role'],
    ['Đại học Paris XI tọa lạc ở đâu?', 'place'],
    ['Vì sao các trường di chuyển ra ngoại thành?', 'reason'],
    ['Tối nay đá mấy giờ?', 'date'],
    ['Mục tiêu ưu tiên của Gruzia là gì?', 'other'],
    // "máy" (machine) is not "mấy" (how many) once the question has diacritics; unaccented "may" still asks.
    ['Vì sao máy bay trực thăng được Iraq sử dụng?', 'reason'],
    ['Bộ máy chính trị "Tammany Hall" là gì?', 'other'],
    ['Quận 11 để xảy ra mấy vụ cháy?', 'number'],
    ['quan 11 co may vu chay', 'number'],
  ])('%s → %s', (q, t) => expect(answerType(planQuery(q))).toBe(t));
});

describe('countedPattern: a number, in digits or words, before the counted noun', () => {
  it.each([
    ['Quận 12 kết nạp bao nhiêu đảng viên?', 'kết nạp được 596 đảng viên', true],
    ['Có bao nhiêu nhánh trong hệ thống tam quyền phân lập?', 'gồm ba nhánh: lập pháp, hành pháp và tư pháp', true],
    ['Quận 8 có bao nhiêu đảng viên?', 'kỷ luật đảng viên là 0,05%', false],
  ])('%s in %j → %s', (q, text, want) => {
    expect(countedPattern(planQuery(q))!.test(fold(text))).toBe(want);
  });

  it('is null when the question counts nothing, or only asks "máy"', () => {
    expect(countedPattern(planQuery('Ai chủ trì hội nghị?'))).toBeNull();
    expect(countedPattern(planQuery('Bộ máy chính quyền cấp tỉnh có quyền gì?'))).toBeNull();
    expect(countedPattern(planQuery('Quận 8 thu ngân sách đạt bao nhiêu % dự toán?'))).toBeNull();
  });
});

describe('hasAnswerOfType: the wanted kind of answer, not already in the question', () => {
  it.each([
    ['number', 'Quận kết nạp 596 đảng viên.', 'quận 12 kết nạp bao nhiêu', true],
    ['number', 'Quận 12 tổ chức hội nghị.', 'quận 12 kết nạp bao nhiêu', false],
    ['year', 'Ông sinh năm 1869 tại Porbandar.', 'gandhi sinh năm nào', true],
    ['year', 'Năm 1528 họ đến.', 'năm 1528 ai đến', false],
    ['date', 'Chiều 5/10, hội nghị diễn ra.', 'hội nghị diễn ra khi nào', true],
    ['date', 'Đến thế kỷ 19, Paris là thủ đô âm nhạc.', 'paris khi nào', true],
    ['person', 'Hội nghị do đồng chí Võ Ngọc Quốc Thuận chủ trì.', 'ai chủ trì', true],
    ['person', 'Paris là thủ đô.', 'ai', false],
    ['place', 'Trường nằm ở Saclay.', 'trường ở đâu', true],
    ['reason', 'Lý do bởi giá bất động sản cao.', 'vì sao', true],
    ['role', 'Đồng chí Nguyễn Văn Hiếu, Phó Bí thư Thành ủy TPHCM dự hội nghị.', 'nguyễn văn hiếu giữ chức vụ gì', true],
    ['role', 'Đồng chí Nguyễn Văn Hiếu góp ý về nhiệm vụ.', 'nguyễn văn hiếu giữ chức vụ gì', false],
    ['role', 'Bí thư Quận ủy phát biểu.', 'bí thư quận ủy giữ chức vụ gì', false],
  ] as const)('%s in %j → %s', (type, text, question, want) => {
    expect(hasAnswerOfType(type, text, fold(question))).toBe(want);
  });
});

const chunk = (id: string, text: string): Chunk =>
  ({ id, ordinal: 0, text, header: '', meta: { articleId: id.split('#')[0]! } }) as unknown as Chunk;
const hit = (c: Chunk): Hit => ({ chunk: c, score: 1, views: {} });

describe('scoreSentences', () => {
  it('weighs the given terms: the sentence with the rare term and a number wins', () => {
    const plan = planQuery('Quận 12 kết nạp bao nhiêu đảng viên?');
    const hits = [hit(chunk('a#0', 'Đảng viên Quận 12 họp bàn. Quận 12 kết nạp 596 đảng viên mới trong năm.'))];
    const scored = scoreSentences(plan, hits, DEFAULT_ANSWER_TUNING, [
      { term: 'kết_nạp', weight: 5 },
      { term: 'đảng_viên', weight: 1 },
    ]);
    expect(scored[0]!.text).toContain('596');
    expect(scored[0]!.coverage).toBeCloseTo(1);
    expect(scored[1]!.coverage).toBeCloseTo(1 / 6);
  });

  it('selectSentences keeps the first (lead) and drops near-duplicates', () => {
    const plan = planQuery('thu ngân sách bao nhiêu');
    const hits = [hit(chunk('a#0', 'Thu ngân sách đạt 6.587 tỷ đồng. Thu ngân sách đạt 6.587 tỷ đồng. Chi ngân sách đúng định mức.'))];
    const picked = selectSentences(scoreSentences(plan, hits, DEFAULT_ANSWER_TUNING), DEFAULT_ANSWER_TUNING.select);
    expect(picked[0]!.text).toContain('6.587');
    expect(picked.filter((s) => s.text.includes('6.587'))).toHaveLength(1);
  });
});

describe('the span answering the question, by answer type (spans.ts)', () => {
  // Each case: the first ask of the question, its span in the sentence.
  const span = (question: string, text: string) => {
    const [ask] = asksOf(question);
    return ask ? spanFor(ask, text, question) : null;
  };
  it.each([
    ['Tiêu biểu là công tác đảng viên đã kết nạp được 596 đảng viên, đạt tỷ lệ 56,9%.', 'Quận 12 kết nạp bao nhiêu đảng viên?', '596 đảng viên'],
    ['giải quyết việc làm cho 4.523/7.500 người, đạt tỷ lệ 60,3%', 'giải quyết việc làm cho bao nhiêu người?', '4.523/7.500 người'],
    ['Xã xác định 4 khâu đột phá trong nhiệm kỳ.', 'Xã xác định bao nhiêu khâu đột phá?', '4 khâu đột phá'],
    ['phường đạt tốc độ tăng trưởng kinh tế bình quân 30,8% mỗi năm', 'Tốc độ tăng trưởng bình quân là bao nhiêu?', '30,8%'],
    ['Ban Chấp hành nhiệm kỳ 2025-2030 ra mắt gồm 33 đồng chí.', 'Ban Chấp hành ra mắt gồm bao nhiêu?', '33 đồng chí'],
    ['Ngày 30-3, Ban Chấp hành Đảng bộ Quận 12 tổ chức hội nghị lần thứ 12.', 'Hội nghị diễn ra ngày nào?', 'Ngày 30-3'],
    ['Quận được thành lập năm 2003 từ một phần huyện Bình Chánh.', 'Quận thành lập năm nào?', '2003'],
    ['Phát biểu tại hội nghị, đồng chí Huỳnh Khắc Điệp nhấn mạnh.', 'Ai phát biểu tại hội nghị?', 'Huỳnh Khắc Điệp'],
    ['Vì mưa nên hoãn.', 'Vì sao hoãn?', null],
  ] as const)('%s → %s', (text, question, want) => expect(span(question, text)).toBe(want));
});
