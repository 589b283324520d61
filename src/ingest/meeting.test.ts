import { describe, expect, it } from 'vitest';
import { splitParagraphs, splitSentences } from '../text/sentences.js';
import { makeUnit } from '../text/units.js';
import type { EventKind } from '../types.js';
import {
  type ArticleText,
  articleProvince,
  eventKindIn,
  findEventKind,
  findKhoa,
  findNumbers,
  findTerm,
  findUnit,
  ordinalValue,
} from './meeting.js';

// Synthetic reports written in the style of unit portals. Unit names such as huyện Hòa Lâm, quận Tân Hòa, phường
// Đông Lâm, thị xã Bình Lâm, xã Tây Lâm are invented (the national list has none of them, so no province is guessed);
// real names are used only where the national list is what is being tested.

const MEETING_RE = /hội nghị|kỳ họp|phiên họp|cuộc họp|buổi làm việc|đại hội|\bhọp\b/iu;

/** An ArticleText as event-card.ts builds it: paragraphs, their sentences, and the first meeting sentence of the first 3 paragraphs. */
function article(title: string, ...paragraphs: string[]): ArticleText {
  const sentences: Array<{ text: string; paragraph: number }> = [];
  splitParagraphs(paragraphs.join('\n\n')).forEach((p, i) => {
    for (const s of splitSentences(p)) sentences.push({ text: s, paragraph: i });
  });
  const lead = sentences.find((s) => s.paragraph < 3 && MEETING_RE.test(s.text))?.text ?? null;
  return { title, sentences, lead };
}

describe('eventKindIn', () => {
  it.each<[string, EventKind | null]>([
    ['Sáng 12/6, Đảng bộ huyện Hòa Lâm long trọng tổ chức Đại hội đại biểu lần thứ XXIV, nhiệm kỳ 2025-2030.', 'congress'],
    ['Tổ chức thành công Đại hội Đảng bộ xã Tây Lâm lần thứ XV', 'congress'],
    ['Đồng chí Nguyễn Văn An tái đắc cử Bí thư Huyện ủy Hòa Lâm khóa XXIV', 'congress'],
    ['Hội nghị Ban Chấp hành Đảng bộ huyện Hòa Lâm lần thứ 18', 'conference'],
    // previews, counts of past congresses, a congress announced
    ['Hướng về Đại hội Đảng bộ huyện Hòa Lâm lần thứ XXIV', 'other'],
    ['Chuẩn bị cho Đại hội Đảng bộ quận Tân Hòa nhiệm kỳ 2025-2030', 'other'],
    ['Trải qua 12 kỳ Đại hội, Đảng bộ huyện Hòa Lâm không ngừng lớn mạnh', 'other'],
    ['Đại hội Đảng bộ huyện Hòa Lâm lần thứ XXIV sẽ diễn ra từ ngày 10 đến 12/8', 'other'],
    // reviews and briefings
    ['Huyện ủy Hòa Lâm tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm', 'other'],
    ['Hội nghị tổng kết công tác xây dựng Đảng năm 2023', 'other'],
    ['Hội nghị quán triệt Nghị quyết Trung ương 8 khóa XIII', 'other'],
    ['Kết quả sơ kết hội nghị được báo cáo', 'other'],
    // other events, checked before a meeting word
    ['Quận ủy Tân Hòa tổ chức gặp mặt các đồng chí nguyên lãnh đạo quận qua các thời kỳ', 'other'],
    ['Đảng ủy phường Đông Lâm tổ chức lễ kết nạp đảng viên mới', 'other'],
    // sports and mass-organisation congresses are not the Party congress: no meeting phrase of their own
    ['Đại hội Thể dục thể thao huyện Hòa Lâm lần thứ IX', null],
    ['Đại hội Đoàn TNCS Hồ Chí Minh huyện Hòa Lâm lần thứ XII', null],
    ['Đại hội Công đoàn cơ sở phường Đông Lâm', null],
    ['Đại hội đại biểu Hội Nông dân xã Tây Lâm lần thứ X, nhiệm kỳ 2023-2028', null],
    ['Đại hội đại biểu Hội Cựu chiến binh quận Tân Hòa lần thứ VII', null],
    ['Đại hội đại biểu Mặt trận Tổ quốc Việt Nam huyện Hòa Lâm lần thứ XXII', null],
    ['Đại hội đại biểu Đoàn TNCS Hồ Chí Minh huyện Hòa Lâm lần thứ XII', null],
    ['Đại hội đại biểu Đảng bộ huyện Hòa Lâm lần thứ XXIV', 'congress'],
    // a skipped congress does not hide a conference later in the sentence
    ['Đại hội Thể dục thể thao huyện Hòa Lâm và Hội nghị Ban Chấp hành Đảng bộ huyện', 'conference'],
    ['Trời nắng nóng kéo dài tại huyện Hòa Lâm', null],
  ])('%s → %s', (sentence, kind) => expect(eventKindIn(sentence)).toBe(kind));
});

describe('findUnit: the city holds the meeting', () => {
  it('a lead naming only the city places the meeting there, before a district named further down', () => {
    const doc = article(
      'Bí thư Thành ủy làm việc với doanh nghiệp',
      'Ngày 3/6, tại TP.HCM đã diễn ra buổi làm việc của lãnh đạo TP với các doanh nghiệp. Hội nghị do Thành ủy tổ chức.',
      'Đại diện một công ty cho biết dự án tại quận Tân Hòa đã chờ 7 năm.',
    );
    expect(findUnit(doc, true)?.value).toMatchObject({ kind: 'thành phố', level: 'city', province: 'TP.HCM' });
  });
});

describe('findEventKind', () => {
  it('a meeting of no Party body is another event', () => {
    const doc = article(
      'Ứng dụng thẻ vé tự động trên xe buýt',
      'Sáng 5/6, Sở Giao thông vận tải tổ chức hội nghị triển khai thẻ vé tự động tại quận Tân Hòa.',
      'Hội nghị có 120 doanh nghiệp vận tải tham dự.',
    );
    expect(findEventKind(doc).value).toBe('other');
    const party = article(
      'Hội nghị Ban Chấp hành mở rộng',
      'Sáng 5/6, Quận ủy quận Tân Hòa tổ chức hội nghị Ban Chấp hành Đảng bộ quận lần thứ 9.',
    );
    expect(findEventKind(party).value).toBe('conference');
  });

  it('a congress reported as held: the sentence that reports it', () => {
    const doc = article(
      'Đại hội Đảng bộ huyện Hòa Lâm lần thứ XXIV, nhiệm kỳ 2025-2030',
      'Sáng 12/6, Đảng bộ huyện Hòa Lâm long trọng tổ chức Đại hội đại biểu lần thứ XXIV, nhiệm kỳ 2025-2030. Dự Đại hội có 250 đại biểu.',
      'Đại hội đã bầu Ban Chấp hành Đảng bộ huyện khóa XXIV gồm 41 đồng chí.',
    );
    expect(findEventKind(doc)).toEqual({
      value: 'congress',
      sentence: 'Sáng 12/6, Đảng bộ huyện Hòa Lâm long trọng tổ chức Đại hội đại biểu lần thứ XXIV, nhiệm kỳ 2025-2030.',
    });
  });

  it('a conference of the Ban Chấp hành', () => {
    const doc = article(
      'Hội nghị Ban Chấp hành Đảng bộ huyện Hòa Lâm lần thứ 18',
      'Ngày 5/10, Ban Chấp hành Đảng bộ huyện Hòa Lâm khóa XXIII tổ chức hội nghị lần thứ 18 để đánh giá tình hình 9 tháng.',
      'Đồng chí Trần Văn Bình, Bí thư Huyện ủy chủ trì hội nghị.',
    );
    expect(findEventKind(doc)).toEqual({
      value: 'conference',
      sentence: 'Ngày 5/10, Ban Chấp hành Đảng bộ huyện Hòa Lâm khóa XXIII tổ chức hội nghị lần thứ 18 để đánh giá tình hình 9 tháng.',
    });
  });

  it('the sentence reporting a meeting (its verb) comes before an earlier lead that does not', () => {
    const doc = article(
      'Tin hoạt động',
      'Hội nghị quán triệt Nghị quyết diễn ra tại hội trường.',
      'Sáng 12/6, Quận ủy Tân Hòa tổ chức Hội nghị Ban Chấp hành Đảng bộ quận lần thứ 9.',
    );
    expect(doc.lead).toBe('Hội nghị quán triệt Nghị quyết diễn ra tại hội trường.');
    expect(findEventKind(doc)).toEqual({ value: 'conference', sentence: 'Sáng 12/6, Quận ủy Tân Hòa tổ chức Hội nghị Ban Chấp hành Đảng bộ quận lần thứ 9.' });
  });

  it('a preview title ("Hướng về Đại hội") is other', () => {
    const doc = article(
      'Hướng về Đại hội Đảng bộ huyện Hòa Lâm lần thứ XXIV',
      'Những năm qua, Đảng bộ huyện Hòa Lâm đã lãnh đạo thực hiện thắng lợi Nghị quyết Đại hội lần thứ XXIII.',
      'Đại hội Đảng bộ huyện lần thứ XXIV là sự kiện chính trị quan trọng.',
    );
    expect(findEventKind(doc)).toEqual({ value: 'other', sentence: 'Hướng về Đại hội Đảng bộ huyện Hòa Lâm lần thứ XXIV' });
  });

  it('a preview title outweighs a congress read from the lead, not a conference', () => {
    const congress = article('Hướng về Đại hội Đảng bộ huyện Hòa Lâm', 'Sáng 12/6, Đảng bộ huyện Hòa Lâm tổ chức Đại hội đại biểu lần thứ XXIV, nhiệm kỳ 2025-2030.');
    expect(findEventKind(congress)).toEqual({ value: 'other', sentence: 'Hướng về Đại hội Đảng bộ huyện Hòa Lâm' });
    const conference = article(
      'Hướng về Đại hội Đảng bộ huyện Hòa Lâm',
      'Chiều 3/3, Ban Chấp hành Đảng bộ huyện Hòa Lâm tổ chức Hội nghị lần thứ 20 cho ý kiến vào dự thảo Báo cáo chính trị.',
    );
    expect(findEventKind(conference)).toEqual({
      value: 'conference',
      sentence: 'Chiều 3/3, Ban Chấp hành Đảng bộ huyện Hòa Lâm tổ chức Hội nghị lần thứ 20 cho ý kiến vào dự thảo Báo cáo chính trị.',
    });
  });

  it('a count of past congresses ("Trải qua 12 kỳ Đại hội") is not the congress reported', () => {
    const doc = article(
      'Đảng bộ huyện Hòa Lâm không ngừng lớn mạnh',
      'Trải qua 12 kỳ Đại hội, Đảng bộ huyện Hòa Lâm đã lãnh đạo Nhân dân vượt qua nhiều khó khăn.',
    );
    expect(findEventKind(doc)).toEqual({ value: 'other', sentence: 'Trải qua 12 kỳ Đại hội, Đảng bộ huyện Hòa Lâm đã lãnh đạo Nhân dân vượt qua nhiều khó khăn.' });
  });

  it('a sports congress is other', () => {
    const doc = article('Đại hội Thể dục thể thao huyện Hòa Lâm lần thứ IX', 'Sáng 5/3, UBND huyện Hòa Lâm tổ chức Đại hội Thể dục thể thao lần thứ IX năm 2022.');
    expect(findEventKind(doc)).toEqual({ value: 'other', sentence: 'Sáng 5/3, UBND huyện Hòa Lâm tổ chức Đại hội Thể dục thể thao lần thứ IX năm 2022.' });
  });

  it('a mass organisation’s "Đại hội đại biểu" is other', () => {
    const doc = article(
      'Đại hội đại biểu Hội Nông dân xã Tây Lâm lần thứ X',
      'Sáng 20/4, Đại hội đại biểu Hội Nông dân xã Tây Lâm lần thứ X, nhiệm kỳ 2023-2028 khai mạc tại hội trường UBND xã.',
    );
    expect(findEventKind(doc)).toEqual({
      value: 'other',
      sentence: 'Sáng 20/4, Đại hội đại biểu Hội Nông dân xã Tây Lâm lần thứ X, nhiệm kỳ 2023-2028 khai mạc tại hội trường UBND xã.',
    });
  });

  it('a review conference ("Hội nghị sơ kết") is other', () => {
    const doc = article(
      'Huyện ủy Hòa Lâm sơ kết công tác 6 tháng đầu năm',
      'Chiều 15/7, Huyện ủy Hòa Lâm tổ chức Hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2023.',
    );
    expect(findEventKind(doc)).toEqual({ value: 'other', sentence: 'Chiều 15/7, Huyện ủy Hòa Lâm tổ chức Hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2023.' });
  });

  it('"tổ chức gặp mặt" and "tổ chức lễ" report other events', () => {
    const meetup = article('Gặp mặt cán bộ hưu trí nhân dịp Tết', 'Sáng 25/1, Quận ủy Tân Hòa tổ chức gặp mặt các đồng chí nguyên lãnh đạo quận qua các thời kỳ.');
    expect(findEventKind(meetup)).toEqual({ value: 'other', sentence: 'Sáng 25/1, Quận ủy Tân Hòa tổ chức gặp mặt các đồng chí nguyên lãnh đạo quận qua các thời kỳ.' });
    const ceremony = article('Trao Huy hiệu Đảng đợt 3/2', 'Chiều 2/2, Đảng ủy phường Đông Lâm tổ chức lễ trao Huy hiệu 30 năm tuổi Đảng cho các đảng viên.');
    expect(findEventKind(ceremony)).toEqual({ value: 'other', sentence: 'Chiều 2/2, Đảng ủy phường Đông Lâm tổ chức lễ trao Huy hiệu 30 năm tuổi Đảng cho các đảng viên.' });
  });

  it('a congress that "sẽ diễn ra" is announced, not reported', () => {
    const doc = article(
      'Đại hội Đảng bộ huyện Hòa Lâm lần thứ XXIV sẽ diễn ra trong 3 ngày',
      'Đại hội Đảng bộ huyện Hòa Lâm lần thứ XXIV, nhiệm kỳ 2025-2030 sẽ diễn ra từ ngày 10 đến 12/8.',
    );
    expect(findEventKind(doc)).toEqual({ value: 'other', sentence: 'Đại hội Đảng bộ huyện Hòa Lâm lần thứ XXIV, nhiệm kỳ 2025-2030 sẽ diễn ra từ ngày 10 đến 12/8.' });
  });

  it('a look-back title makes the article other, even when the body reports a congress', () => {
    const lookBack = article(
      'Đảng bộ huyện Hòa Lâm - Một nhiệm kỳ nhìn lại',
      'Đại hội đại biểu Đảng bộ huyện Hòa Lâm lần thứ XXIII, nhiệm kỳ 2020-2025 đã đề ra 18 chỉ tiêu.',
    );
    expect(findEventKind(lookBack)).toEqual({ value: 'other', sentence: 'Đảng bộ huyện Hòa Lâm - Một nhiệm kỳ nhìn lại' });
    const journey = article('Chặng đường 5 năm thực hiện Nghị quyết', 'Sáng 12/6, Đảng bộ huyện Hòa Lâm tổ chức Đại hội đại biểu lần thứ XXIV, nhiệm kỳ 2025-2030.');
    expect(findEventKind(journey)).toEqual({ value: 'other', sentence: 'Chặng đường 5 năm thực hiện Nghị quyết' });
  });

  it('an election of the secretary with no meeting word is a congress (read from the first paragraphs)', () => {
    const doc = article('Tin nhân sự', 'Ông Nguyễn Văn An tái đắc cử Bí thư Huyện ủy Hòa Lâm khóa XXIV.', 'Ông An sinh năm 1972.');
    expect(doc.lead).toBeNull();
    expect(findEventKind(doc)).toEqual({ value: 'congress', sentence: 'Ông Nguyễn Văn An tái đắc cử Bí thư Huyện ủy Hòa Lâm khóa XXIV.' });
  });

  it('an article naming no meeting is other, quoting its title when it has no lead', () => {
    const doc = article('Nắng nóng kéo dài', 'Trời nắng nóng kéo dài tại huyện Hòa Lâm.');
    expect(findEventKind(doc)).toEqual({ value: 'other', sentence: 'Nắng nóng kéo dài' });
  });
});

describe('ordinalValue', () => {
  it.each<[string, { value: number; used: string } | null]>([
    ['12', { value: 12, used: '12' }],
    ['XII', { value: 12, used: 'XII' }],
    ['XXIV', { value: 24, used: 'XXIV' }],
    ['mười hai', { value: 12, used: 'mười hai' }],
    ['mười', { value: 10, used: 'mười' }],
    ['hai mươi mốt', { value: 21, used: 'hai mươi mốt' }],
    ['Nhất', { value: 1, used: 'Nhất' }],
    ['tư', { value: 4, used: 'tư' }],
    ['tám Ban', { value: 8, used: 'tám' }],
    ['Ban', null],
  ])('%s', (raw, want) => expect(ordinalValue(raw)).toEqual(want));
});

describe('findNumbers', () => {
  it('a conference: "Hội nghị … lần thứ 8" (Arabic); no congress', () => {
    const doc = article(
      'Hội nghị Ban Chấp hành Đảng bộ huyện Hòa Lâm lần thứ 8',
      'Ngày 5/10, Huyện ủy Hòa Lâm tổ chức Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 8, khóa XXIII, nhiệm kỳ 2020-2025.',
    );
    expect(findNumbers(doc)).toEqual({
      conference: { value: 8, sentence: 'Ngày 5/10, Huyện ủy Hòa Lâm tổ chức Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 8, khóa XXIII, nhiệm kỳ 2020-2025.' },
      congress: null,
    });
  });

  it('a congress: "Đại hội … lần thứ XII" (Roman); no conference', () => {
    const doc = article(
      'Đại hội Đảng bộ quận Tân Hòa lần thứ XII',
      'Sáng 20/6, Đảng bộ quận Tân Hòa long trọng tổ chức Đại hội đại biểu lần thứ XII, nhiệm kỳ 2025-2030.',
    );
    expect(findNumbers(doc)).toEqual({
      conference: null,
      congress: { value: 12, sentence: 'Sáng 20/6, Đảng bộ quận Tân Hòa long trọng tổ chức Đại hội đại biểu lần thứ XII, nhiệm kỳ 2025-2030.' },
    });
  });

  it('written-out ordinals: "lần thứ mười hai", "lần thứ mười bốn"', () => {
    const congress = article('Khai mạc Đại hội', 'Sáng 20/6, Đại hội đại biểu Đảng bộ huyện Hòa Lâm lần thứ mười hai chính thức khai mạc.');
    expect(findNumbers(congress).congress).toEqual({ value: 12, sentence: 'Sáng 20/6, Đại hội đại biểu Đảng bộ huyện Hòa Lâm lần thứ mười hai chính thức khai mạc.' });
    const conference = article('Hội nghị Huyện ủy', 'Chiều 3/3, Ban Chấp hành Đảng bộ huyện Hòa Lâm tổ chức Hội nghị lần thứ mười bốn.');
    expect(findNumbers(conference).conference).toEqual({ value: 14, sentence: 'Chiều 3/3, Ban Chấp hành Đảng bộ huyện Hòa Lâm tổ chức Hội nghị lần thứ mười bốn.' });
  });

  it('a conference number and a congress number in one sentence go each to its meeting word', () => {
    const s = 'Hội nghị lần thứ 20 Ban Chấp hành Đảng bộ huyện Hòa Lâm thảo luận việc chuẩn bị Đại hội Đảng bộ huyện lần thứ XXIV.';
    expect(findNumbers(article('Tin hoạt động', s))).toEqual({ conference: { value: 20, sentence: s }, congress: { value: 24, sentence: s } });
  });

  it('"Hội nghị lần thứ nhất" of the new committee inside a congress report is no conference number', () => {
    const doc = article(
      'Đại hội Đảng bộ huyện Hòa Lâm lần thứ XXIV thành công tốt đẹp',
      'Sáng 12/6, Đảng bộ huyện Hòa Lâm tổ chức Đại hội đại biểu lần thứ XXIV, nhiệm kỳ 2025-2030.',
      'Tại Hội nghị lần thứ nhất của Ban Chấp hành Đảng bộ huyện khóa XXIV ngay sau Đại hội, đồng chí Nguyễn Văn An được bầu giữ chức Bí thư.',
    );
    expect(findNumbers(doc)).toEqual({
      conference: null,
      congress: { value: 24, sentence: 'Sáng 12/6, Đảng bộ huyện Hòa Lâm tổ chức Đại hội đại biểu lần thứ XXIV, nhiệm kỳ 2025-2030.' },
    });
  });

  it('the resolution of an earlier congress is not the congress reported', () => {
    const doc = article(
      'Đảng bộ huyện Hòa Lâm tổ chức Đại hội',
      'Sáng 12/6, Đảng bộ huyện Hòa Lâm tổ chức Đại hội đại biểu, nhiệm kỳ 2025-2030.',
      'Đại hội đánh giá kết quả thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XXIII, đề ra phương hướng cho nhiệm kỳ mới.',
    );
    expect(findNumbers(doc)).toEqual({ conference: null, congress: null });
  });

  it('the Central Committee conference whose resolution is carried out is not the conference reported', () => {
    const own = 'Ngày 5/10, Huyện ủy Hòa Lâm tổ chức Hội nghị lần thứ 15 đánh giá kết quả thực hiện Nghị quyết Hội nghị lần thứ 8 Ban Chấp hành Trung ương khóa XIII.';
    expect(findNumbers(article('Hội nghị Huyện ủy Hòa Lâm', own)).conference).toEqual({ value: 15, sentence: own });
    // The conference's own number is not printed: "Nghị quyết Hội nghị lần thứ 8" after an earlier "hội nghị".
    const unnumbered = article(
      'Hội nghị Huyện ủy Hòa Lâm',
      'Ngày 5/10, Huyện ủy Hòa Lâm tổ chức hội nghị đánh giá 3 năm thực hiện Nghị quyết Hội nghị lần thứ 8 Ban Chấp hành Trung ương khóa XIII.',
    );
    expect(findNumbers(unnumbered).conference).toBeNull();
  });

  it('a higher level’s congress in a ward’s report is not the ward’s; without a unit it is taken', () => {
    const s = 'Ngày 5/10, Đảng ủy phường Đông Lâm tổ chức Hội nghị Ban Chấp hành lần thứ 15 để góp ý dự thảo văn kiện Đại hội Đảng bộ thành phố lần thứ XVI.';
    const doc = article('Hội nghị Ban Chấp hành Đảng bộ phường Đông Lâm', s);
    expect(findNumbers(doc, makeUnit('phường', 'Đông Lâm'))).toEqual({ conference: { value: 15, sentence: s }, congress: null });
    expect(findNumbers(doc).congress).toEqual({ value: 16, sentence: s });
  });

  it('a congress of another named unit is the article unit’s only when the names agree', () => {
    const s = 'Sáng 10/5, Ban Thường vụ Huyện ủy Hòa Lâm chỉ đạo tổ chức Đại hội Đảng bộ xã Tây Lâm lần thứ XXV.';
    const doc = article('Đại hội điểm cấp xã', s);
    expect(findNumbers(doc, makeUnit('huyện', 'Hòa Lâm')).congress).toBeNull();
    expect(findNumbers(doc, makeUnit('xã', 'Tây Lâm')).congress).toEqual({ value: 25, sentence: s });
  });

  it('the congress a unit sends delegates to is not its own', () => {
    const doc = article(
      'Đảng bộ xã Tây Lâm tổ chức Đại hội',
      'Sáng 10/5, Đảng bộ xã Tây Lâm tổ chức Đại hội đại biểu, nhiệm kỳ 2025-2030.',
      'Đại hội đã bầu 15 đồng chí vào Ban Chấp hành và bầu đoàn đại biểu đi dự Đại hội Đảng bộ huyện Hòa Lâm lần thứ XXIV.',
    );
    expect(findNumbers(doc, makeUnit('xã', 'Tây Lâm'))).toEqual({ conference: null, congress: null });
  });

  it('a congress named by its khóa, or the khóa of the committee it elects, gives the congress number', () => {
    const named = article('Đại hội Đảng bộ huyện Hòa Lâm khóa XXIV', 'Sáng 12/6, Đại hội Đảng bộ huyện Hòa Lâm khóa XXIV khai mạc trọng thể.');
    expect(findNumbers(named)).toEqual({ conference: null, congress: { value: 24, sentence: 'Sáng 12/6, Đại hội Đảng bộ huyện Hòa Lâm khóa XXIV khai mạc trọng thể.' } });
    const elected = article(
      'Đảng bộ huyện Hòa Lâm tổ chức Đại hội',
      'Sáng 12/6, Đảng bộ huyện Hòa Lâm tổ chức Đại hội đại biểu, nhiệm kỳ 2025-2030.',
      'Đại hội đã bầu Ban Chấp hành Đảng bộ huyện khóa XXIV gồm 41 đồng chí.',
    );
    expect(findNumbers(elected).congress).toEqual({ value: 24, sentence: 'Đại hội đã bầu Ban Chấp hành Đảng bộ huyện khóa XXIV gồm 41 đồng chí.' });
  });

  it('the outgoing committee’s khóa and an HĐND khóa are not the congress number', () => {
    const outgoing = article(
      'Đảng bộ huyện Hòa Lâm tổ chức Đại hội',
      'Sáng 12/6, Đảng bộ huyện Hòa Lâm tổ chức Đại hội đại biểu, nhiệm kỳ 2025-2030.',
      'Thay mặt Ban Chấp hành Đảng bộ huyện khóa XXIII, đồng chí Trần Văn Bình trình bày báo cáo chính trị tại Đại hội.',
    );
    expect(findNumbers(outgoing).congress).toBeNull();
    const hdnd = article('Đảng bộ huyện Hòa Lâm tổ chức Đại hội', 'Sáng 12/6, Đảng bộ huyện Hòa Lâm tổ chức Đại hội đại biểu, nhiệm kỳ 2025-2030, bầu đại biểu HĐND khóa XII.');
    expect(findNumbers(hdnd).congress).toBeNull();
  });

  it('a sitting ("kỳ họp lần thứ 9") is neither', () => {
    const doc = article('Kỳ họp thứ 9 HĐND huyện Hòa Lâm', 'Sáng 10/7, HĐND huyện Hòa Lâm khai mạc kỳ họp lần thứ 9.');
    expect(findNumbers(doc)).toEqual({ conference: null, congress: null });
  });
});

describe('findKhoa', () => {
  it('the Central Committee’s khóa is not the unit’s', () => {
    const doc = article(
      'Đại hội Đảng bộ huyện Hòa Lâm',
      'Ngày 5/10, Đảng bộ huyện Hòa Lâm tổ chức Đại hội đại biểu lần thứ VIII, học tập Nghị quyết của BCHTƯ khóa XII.',
    );
    expect(findKhoa(doc, 'congress', null)).toBeNull();
  });

  it('a conference: the khóa printed with its Ban Chấp hành (Roman, or digits printed as Roman)', () => {
    const roman = article(
      'Hội nghị Ban Chấp hành Đảng bộ huyện Hòa Lâm lần thứ 8',
      'Ngày 5/10, Ban Chấp hành Đảng bộ huyện Hòa Lâm khóa XXIII tổ chức Hội nghị lần thứ 8, nhiệm kỳ 2020 - 2025.',
    );
    expect(findKhoa(roman, 'conference', null)).toEqual({
      value: 'XXIII',
      sentence: 'Ngày 5/10, Ban Chấp hành Đảng bộ huyện Hòa Lâm khóa XXIII tổ chức Hội nghị lần thứ 8, nhiệm kỳ 2020 - 2025.',
    });
    const digits = article('Hội nghị Quận ủy Tân Hòa', 'Chiều 2/3, Quận ủy Tân Hòa tổ chức Hội nghị Ban Chấp hành Đảng bộ quận khóa 12 lần thứ 9.');
    expect(findKhoa(digits, 'conference', null)).toEqual({ value: 'XII', sentence: 'Chiều 2/3, Quận ủy Tân Hòa tổ chức Hội nghị Ban Chấp hành Đảng bộ quận khóa 12 lần thứ 9.' });
  });

  it('a conference: a khóa printed with a congress is not the conference’s', () => {
    const doc = article(
      'Hội nghị Ban Chấp hành Đảng bộ huyện Hòa Lâm lần thứ 20',
      'Ngày 5/3, Ban Chấp hành Đảng bộ huyện Hòa Lâm tổ chức Hội nghị lần thứ 20 thảo luận nhân sự Đại hội Đảng bộ huyện khóa XXIV.',
    );
    expect(findKhoa(doc, 'conference', null)).toBeNull();
  });

  describe('a congress: the new committee’s khóa, never the outgoing one', () => {
    const doc = article(
      'Đại hội Đảng bộ huyện Hòa Lâm lần thứ XXIV',
      'Sáng 12/6, Đảng bộ huyện Hòa Lâm tổ chức Đại hội đại biểu lần thứ XXIV, nhiệm kỳ 2025-2030.',
      'Thay mặt Ban Chấp hành Đảng bộ huyện khóa XXIII, đồng chí Trần Văn Bình trình bày báo cáo chính trị nhiệm kỳ 2020-2025.',
      'Đại hội đã bầu Ban Chấp hành Đảng bộ huyện khóa XXIV gồm 41 đồng chí.',
    );
    const elected = { value: 'XXIV', sentence: 'Đại hội đã bầu Ban Chấp hành Đảng bộ huyện khóa XXIV gồm 41 đồng chí.' };

    it('the khóa equal to the congress number, though the outgoing one is printed first', () => expect(findKhoa(doc, 'congress', 24)).toEqual(elected));
    it('the congress number unknown: the largest khóa printed', () => expect(findKhoa(doc, 'congress', null)).toEqual(elected));
    it('no khóa equal to the congress number: none', () => expect(findKhoa(doc, 'congress', 25)).toBeNull());
    it('only the outgoing khóa printed: none', () => {
      const outgoing = article(
        'Đại hội Đảng bộ huyện Hòa Lâm lần thứ XXIV',
        'Sáng 12/6, Đảng bộ huyện Hòa Lâm tổ chức Đại hội đại biểu lần thứ XXIV.',
        'Thay mặt Ban Chấp hành Đảng bộ huyện khóa XXIII, đồng chí Trần Văn Bình trình bày báo cáo chính trị nhiệm kỳ 2020-2025.',
      );
      expect(findKhoa(outgoing, 'congress', 24)).toBeNull();
    });
    it('another event has no khóa', () => expect(findKhoa(doc, 'other', 24)).toBeNull());
  });

  it('an HĐND khóa is skipped', () => {
    const doc = article(
      'Hội nghị Huyện ủy Hòa Lâm',
      'Ngày 5/10, Huyện ủy Hòa Lâm tổ chức hội nghị lần thứ 10 cho ý kiến về kỳ họp HĐND huyện khóa XX, nhiệm kỳ 2021-2026.',
    );
    expect(findKhoa(doc, 'conference', null)).toBeNull();
  });
});

describe('findTerm', () => {
  it('"nhiệm kỳ 2020 - 2025" with spaces, and an en dash, print as "2020-2025"', () => {
    const spaced = article(
      'Hội nghị Ban Chấp hành Đảng bộ huyện Hòa Lâm lần thứ 8',
      'Ngày 5/10, Ban Chấp hành Đảng bộ huyện Hòa Lâm khóa XXIII tổ chức Hội nghị lần thứ 8, nhiệm kỳ 2020 - 2025.',
    );
    expect(findTerm(spaced, 'conference')).toEqual({
      value: '2020-2025',
      sentence: 'Ngày 5/10, Ban Chấp hành Đảng bộ huyện Hòa Lâm khóa XXIII tổ chức Hội nghị lần thứ 8, nhiệm kỳ 2020 - 2025.',
    });
    const dash = article('Đại hội Đảng bộ xã Tây Lâm', 'Sáng 12/6, Đảng bộ xã Tây Lâm tổ chức Đại hội lần thứ XXV, nhiệm kỳ 2025–2030.');
    expect(findTerm(dash, 'congress')).toEqual({ value: '2025-2030', sentence: 'Sáng 12/6, Đảng bộ xã Tây Lâm tổ chức Đại hội lần thứ XXV, nhiệm kỳ 2025–2030.' });
  });

  it('a congress: the term with the latest start year, not the reviewed one printed first', () => {
    const doc = article(
      'Đại hội Đảng bộ huyện Hòa Lâm',
      'Thay mặt Ban Chấp hành khóa XXIII, đồng chí Trần Văn Bình trình bày tại Đại hội báo cáo chính trị nhiệm kỳ 2020-2025.',
      'Sáng 12/6, Đảng bộ huyện Hòa Lâm tổ chức Đại hội đại biểu lần thứ XXIV, nhiệm kỳ 2025-2030.',
    );
    expect(findTerm(doc, 'congress')).toEqual({ value: '2025-2030', sentence: 'Sáng 12/6, Đảng bộ huyện Hòa Lâm tổ chức Đại hội đại biểu lần thứ XXIV, nhiệm kỳ 2025-2030.' });
  });

  it('an election of other bodies (bầu cử) and implausible spans are skipped', () => {
    const s = 'Đại hội Đảng bộ xã Tây Lâm, nhiệm kỳ 2025-2030 thảo luận công tác bầu cử đại biểu Quốc hội nhiệm kỳ 2026-2031.';
    expect(findTerm(article('Đại hội', s), 'congress')).toEqual({ value: '2025-2030', sentence: s });
    expect(findTerm(article('Đại hội', 'Đại hội Đảng bộ xã Tây Lâm, nhiệm kỳ 2020-2021 đã diễn ra.'), 'congress')).toBeNull();
  });

  it('a conference: an upcoming congress’s term is not the conference’s', () => {
    const doc = article(
      'Hội nghị Ban Chấp hành Đảng bộ huyện Hòa Lâm lần thứ 20',
      'Ngày 5/3, Ban Chấp hành Đảng bộ huyện Hòa Lâm tổ chức Hội nghị lần thứ 20 để chuẩn bị Đại hội Đảng bộ huyện lần thứ XXIV, nhiệm kỳ 2025-2030.',
    );
    expect(findTerm(doc, 'conference', 2025)).toBeNull();
  });

  it('a conference: the term of a congress whose resolution is carried out', () => {
    const s =
      'Ngày 5/3, Ban Chấp hành Đảng bộ huyện Hòa Lâm tổ chức Hội nghị lần thứ 12 đánh giá kết quả thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XXIII, nhiệm kỳ 2020-2025.';
    expect(findTerm(article('Hội nghị lần thứ 12', s), 'conference')).toEqual({ value: '2020-2025', sentence: s });
  });

  it('a conference: a congress term counts when it started before the conference’s year', () => {
    const s = 'Ngày 5/3, Ban Chấp hành Đảng bộ huyện Hòa Lâm tổ chức Hội nghị lần thứ 12 nhằm đánh giá Đại hội Đảng bộ huyện nhiệm kỳ 2020-2025.';
    const doc = article('Hội nghị lần thứ 12', s);
    expect(findTerm(doc, 'conference', 2023)).toEqual({ value: '2020-2025', sentence: s });
    expect(findTerm(doc, 'conference', 2020)).toBeNull();
    expect(findTerm(doc, 'conference', null)).toBeNull();
  });

  it('a conference: an HĐND term ("HĐND huyện khóa XX, nhiệm kỳ 2021-2026") is not the Party committee’s', () => {
    const hdnd = 'Ngày 5/10, Huyện ủy Hòa Lâm tổ chức hội nghị lần thứ 10 cho ý kiến về kỳ họp HĐND huyện khóa XX, nhiệm kỳ 2021-2026.';
    expect(findTerm(article('Hội nghị Huyện ủy Hòa Lâm', hdnd), 'conference')).toBeNull();
    const own = 'Hội nghị do Ban Chấp hành Đảng bộ huyện khóa XXIII, nhiệm kỳ 2020-2025 triệu tập.';
    expect(findTerm(article('Hội nghị Huyện ủy Hòa Lâm', hdnd, own), 'conference')).toEqual({ value: '2020-2025', sentence: own });
  });

  it('another event: the latest term printed', () => {
    const s = 'Nhiệm kỳ 2015-2020 và nhiệm kỳ 2020-2025, Đảng bộ xã Tây Lâm đạt nhiều thành tựu.';
    expect(findTerm(article('Nhìn lại hai nhiệm kỳ', s), 'other')).toEqual({ value: '2020-2025', sentence: s });
  });
});

describe('findUnit', () => {
  it.each([
    ['Ngày 5/10, Huyện ủy Hòa Lâm tổ chức Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 8.', 'huyện Hòa Lâm', 'district'],
    ['Chiều 30/3, Ban Chấp hành Đảng bộ quận Tân Hòa tổ chức hội nghị lần thứ 12.', 'quận Tân Hòa', 'district'],
    ['Sáng 5/8, Đảng bộ thị xã Bình Lâm tổ chức Đại hội đại biểu lần thứ VII.', 'thị xã Bình Lâm', 'district'],
    ['Sáng 5/8, Thành ủy Lâm Hòa tổ chức Hội nghị Ban Chấp hành Đảng bộ thành phố lần thứ 20.', 'thành phố Lâm Hòa', 'district'],
    ['Sáng 5/8, Đảng ủy phường Đông Lâm tổ chức Đại hội đại biểu lần thứ V.', 'phường Đông Lâm', 'ward'],
    ['Sáng 5/8, Đảng bộ xã Tây Lâm tổ chức Đại hội đại biểu lần thứ V.', 'xã Tây Lâm', 'ward'],
  ])('%s → %s', (sentence, label, level) => {
    expect(findUnit(article('Tin hoạt động', sentence))).toEqual({
      value: expect.objectContaining({ label, level, province: null }),
      sentence,
    });
  });

  it('a numbered unit: "Quận 12", placed by the national list', () => {
    const s = 'Chiều 30/3, Ban Chấp hành Đảng bộ Quận 12 tổ chức hội nghị lần thứ 12.';
    expect(findUnit(article('Hội nghị Quận ủy', s))).toEqual({ value: makeUnit('quận', '12', 'TP.HCM'), sentence: s });
  });

  it('the acting committee: the one before the verb, else the lowest (a higher one directs)', () => {
    const directed = 'Thực hiện chỉ đạo của Quận ủy Tân Hòa, Đảng ủy phường Đông Lâm tổ chức Đại hội đại biểu lần thứ V.';
    expect(findUnit(article('Tin hoạt động', directed))?.value.label).toBe('phường Đông Lâm');
    const guest = 'Sáng 5/8, Ban Chấp hành Đảng bộ phường Đông Lâm tổ chức hội nghị với sự tham dự của lãnh đạo Quận ủy Tân Hòa.';
    expect(findUnit(article('Tin hoạt động', guest))?.value.label).toBe('phường Đông Lâm');
  });

  it('a committee in the lead comes before another one in the title', () => {
    const s = 'Sáng 5/8, Đảng bộ xã Tây Lâm tổ chức Đại hội đại biểu lần thứ V.';
    expect(findUnit(article('Huyện ủy Hòa Lâm chỉ đạo Đại hội cấp xã', s))).toEqual({ value: makeUnit('xã', 'Tây Lâm'), sentence: s });
  });

  it('no committee word: the title’s unit', () => {
    const doc = article('Đại hội Đảng bộ xã Tây Lâm lần thứ V', 'Sáng 5/8, Đại hội diễn ra trọng thể với 120 đại biểu.');
    expect(findUnit(doc)).toEqual({ value: makeUnit('xã', 'Tây Lâm'), sentence: 'Đại hội Đảng bộ xã Tây Lâm lần thứ V' });
  });

  it('a unit merely mentioned counts only in a sentence naming a meeting, or in an article reporting one', () => {
    const meeting = 'Sáng 5/8, tại hội trường UBND huyện Hòa Lâm, hội nghị lần thứ 5 được tổ chức.';
    expect(findUnit(article('Tin tức', meeting))).toEqual({ value: makeUnit('huyện', 'Hòa Lâm'), sentence: meeting });
    const mention = 'Sáng 5/8, tại hội trường UBND huyện Hòa Lâm, các đại biểu dự lễ chào cờ.';
    const doc = article('Tin tức', mention, 'Đồng chí Lê Văn Cường phát biểu.');
    expect(findUnit(doc, false)).toBeNull();
    expect(findUnit(doc, true)).toEqual({ value: makeUnit('huyện', 'Hòa Lâm'), sentence: mention });
  });

  it('junk paragraphs do not count among the first paragraphs a reporting article is read from', () => {
    const body = ['Sáng 5/8, các đại biểu dự lễ chào cờ.', 'Ông Lê Văn Cường phát biểu về kinh tế.', 'Bà Trần Thị Dung báo cáo tình hình.'];
    const late = 'Tại xã Tây Lâm, mô hình trồng lúa đạt năng suất cao.';
    // Three junk lines before: the unit's paragraph is the fourth with text in it.
    expect(findUnit(article('Tin tức', '*', 'Ảnh: TL', '---', ...body, late), true)).toEqual({ value: makeUnit('xã', 'Tây Lâm'), sentence: late });
    // A real paragraph before: it is the fifth, beyond the first four.
    expect(findUnit(article('Tin tức', 'Một đoạn văn mở đầu dài về thời tiết.', ...body, late), true)).toBeNull();
  });

  it('a province-level city only when nothing lower is named', () => {
    const city = 'Sáng 14/10, Đại hội đại biểu Đảng bộ thành phố Đà Nẵng lần thứ XXIII khai mạc.';
    expect(findUnit(article('Khai mạc Đại hội', city))).toEqual({ value: makeUnit('thành phố', 'Đà Nẵng'), sentence: city });
    expect(findUnit(article('Khai mạc Đại hội', city))?.value).toMatchObject({ level: 'city', province: 'Đà Nẵng' });
    const lower = 'Thực hiện chỉ đạo của Thành ủy Đà Nẵng, Đảng bộ quận Tân Hòa tổ chức Đại hội đại biểu lần thứ V.';
    expect(findUnit(article('Khai mạc Đại hội', lower))).toEqual({ value: makeUnit('quận', 'Tân Hòa', 'Đà Nẵng'), sentence: lower });
  });

  it('a committee printed without its name ("Đảng bộ Thị trấn") takes the name printed elsewhere', () => {
    const s = 'Sáng 5/8, Đảng bộ Thị trấn tổ chức Đại hội đại biểu lần thứ V.';
    const doc = article('Đại hội Đảng bộ thị trấn', s, 'Thị trấn Lâm Phú hiện có 15 chi bộ trực thuộc.');
    expect(findUnit(doc)).toEqual({ value: makeUnit('thị trấn', 'Lâm Phú'), sentence: s });
  });

  it('no unit named: null', () => {
    expect(findUnit(article('Nắng nóng', 'Trời nắng nóng kéo dài.'), true)).toBeNull();
  });
});

describe('the unit’s province', () => {
  const province = (title: string, ...paragraphs: string[]) => findUnit(article(title, ...paragraphs))?.value.province;

  it('a province printed in the unit’s sentence or the title', () => {
    expect(province('Tin hoạt động', 'Sáng 5/8, Đảng bộ huyện Châu Thành (tỉnh Tiền Giang) tổ chức Đại hội đại biểu lần thứ XII.')).toBe('Tiền Giang');
    expect(province('Tiền Giang: Đại hội Đảng bộ huyện Châu Thành', 'Sáng 5/8, Đảng bộ huyện Châu Thành tổ chức Đại hội đại biểu lần thứ XII.')).toBe('Tiền Giang');
  });

  it('a unit the national list does not know: the province the article prints, else none', () => {
    expect(province('Tin hoạt động', 'Sáng 5/8, Đảng bộ huyện Hòa Lâm tổ chức Đại hội đại biểu lần thứ XII.', 'Lãnh đạo tỉnh Quảng Ninh dự đại hội.')).toBe('Quảng Ninh');
    expect(province('Tin hoạt động', 'Sáng 5/8, Đảng bộ huyện Hòa Lâm tổ chức Đại hội đại biểu lần thứ XII.')).toBeNull();
  });

  it('a district of a unique name: the national list, before a province the article prints elsewhere', () => {
    expect(province('Tin hoạt động', 'Sáng 5/8, Đảng bộ huyện Cần Giờ tổ chức Đại hội đại biểu lần thứ XII.')).toBe('TP.HCM');
    expect(province('Tin hoạt động', 'Sáng 5/8, Đảng bộ huyện Cần Giờ tổ chức Đại hội đại biểu lần thứ XII.', 'Đoàn công tác tỉnh Bến Tre đến chúc mừng.')).toBe('TP.HCM');
  });

  it('an ambiguous district ("huyện Châu Thành", in ten provinces): none, or the province the article prints', () => {
    expect(province('Tin hoạt động', 'Sáng 5/8, Đảng bộ huyện Châu Thành tổ chức Đại hội đại biểu lần thứ XII.')).toBeNull();
    expect(province('Tin hoạt động', 'Sáng 5/8, Đảng bộ huyện Châu Thành tổ chức Đại hội đại biểu lần thứ XII.', 'Đến dự có các đồng chí lãnh đạo tỉnh Bến Tre.')).toBe('Bến Tre');
  });

  it('a ward of a common name: none, or placed under the district the article names', () => {
    expect(province('Tin hoạt động', 'Sáng 5/8, Đảng bộ xã Tân Phước tổ chức Đại hội đại biểu lần thứ V.')).toBeNull();
    expect(province('Tin hoạt động', 'Sáng 5/8, Đảng bộ xã Tân Phước tổ chức Đại hội đại biểu lần thứ V.', 'Đến dự có lãnh đạo Huyện ủy Tân Hồng.')).toBe('Đồng Tháp');
  });
});

describe('articleProvince', () => {
  it('the most printed province; a qualified mention ("tỉnh X") counts double', () => {
    expect(articleProvince(article('Tin hoạt động', 'Đoàn Tiền Giang đến thăm tỉnh Bến Tre.'))).toBe('Bến Tre');
    expect(articleProvince(article('Tin hoạt động', 'Đoàn Tiền Giang, Tiền Giang và Tiền Giang đến thăm tỉnh Bến Tre.'))).toBe('Tiền Giang');
    expect(articleProvince(article('Tin hoạt động', 'Lãnh đạo TP.HCM và tỉnh Long An ký kết hợp tác; Long An cảm ơn.'))).toBe('Long An');
  });

  it('the title counts; none printed: null', () => {
    expect(articleProvince(article('Quảng Ninh: Hội nghị Ban Chấp hành Đảng bộ huyện Hòa Lâm', 'Hội nghị diễn ra trong một ngày.'))).toBe('Quảng Ninh');
    expect(articleProvince(article('Tin hoạt động', 'Hội nghị diễn ra trong một ngày.'))).toBeNull();
  });

  it('only the first paragraphs are read', () => {
    const filler = Array.from({ length: 8 }, (_, i) => `Đoạn văn thứ ${i + 1} nói về công tác xây dựng Đảng.`);
    expect(articleProvince(article('Tin hoạt động', ...filler, 'Lãnh đạo tỉnh Quảng Ninh dự hội nghị.'))).toBeNull();
    expect(articleProvince(article('Tin hoạt động', ...filler.slice(1), 'Lãnh đạo tỉnh Quảng Ninh dự hội nghị.'))).toBe('Quảng Ninh');
  });
});
