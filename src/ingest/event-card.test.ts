import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EventCard } from '../types.js';
import { cleanArticleText } from './clean.js';
import { extractEventCard } from './event-card.js';

const SEED_DIR = new URL('../../data/articles/', import.meta.url);
const files = readdirSync(SEED_DIR).filter((f) => f.endsWith('.txt'));

function seedCard(prefix: string): EventCard {
  const file = files.find((f) => f.startsWith(prefix))!;
  const c = cleanArticleText(readFileSync(new URL(file, SEED_DIR), 'utf8'));
  return extractEventCard({
    id: file,
    title: c.title!,
    text: c.body,
    publishedAt: c.date,
    dateBound: c.dateBound,
    author: c.author,
    titleSentence: c.titleSentence,
    publishedSentence: c.dateLine,
    authorLine: c.authorLine,
  });
}

/** Every Sourced value must quote a sentence of the cleaned body verbatim (metadata fields excepted). */
function expectProvenance(card: EventCard, body: string) {
  const fields = [card.unit, card.meetingDate, card.meetingNumber, card.khoa, card.term, ...card.chairs, card.openedBy, card.concludedBy, ...card.attendees, ...card.attendeeGroups];
  for (const f of fields) if (f) expect(body).toContain(f.sentence);
}

const card = (text: string, extra: Partial<Parameters<typeof extractEventCard>[0]> = {}) =>
  extractEventCard({ id: 't', title: 'T', text, publishedAt: null, ...extra });

describe('extractEventCard on the seeds', () => {
  it('000: Quận 12, lần thứ 12, no chair/opener — note names who "dự và chỉ đạo"', () => {
    const c = seedCard('000');
    expect(c.unit?.value).toMatchObject({ id: 'quan-12', label: 'Quận 12', province: 'TP.HCM' });
    expect(c.publishedAt).toBeNull();
    expect(c.meetingDate?.value).toBe('2023-03-30');
    expect(c.meetingDate?.sentence).toMatch(/^Ngày 30-3, Ban Chấp hành Đảng bộ Quận 12/u);
    expect(c.meetingNumber?.value).toBe(12);
    expect(c.khoa).toBeNull();
    expect(c.term?.value).toBe('2020-2025');
    expect(c.chairs).toEqual([]);
    expect(c.openedBy).toBeNull();
    expect(c.concludedBy).toBeNull();
    expect(c.attendees.map((a) => a.value)).toEqual([
      { name: 'Nguyễn Văn Hiếu', role: 'Ủy viên dự khuyết Trung ương Đảng, Phó Bí thư Thành ủy TPHCM', directs: true },
    ]);
    expect(c.attendees[0]!.sentence).toBe(
      'Đồng chí Nguyễn Văn Hiếu, Ủy viên dự khuyết Trung ương Đảng, Phó Bí thư Thành ủy TPHCM dự và chỉ đạo hội nghị.',
    );
    expect(c.chairNote).toBe(
      'Bài viết không nêu người chủ trì, người khai mạc hay kết luận hội nghị; đồng chí Nguyễn Văn Hiếu (Ủy viên dự khuyết Trung ương Đảng, Phó Bí thư Thành ủy TPHCM) dự và chỉ đạo hội nghị.',
    );
    expect(c.author).toBeNull();
    expect(c.sourceSite).toBeNull();
  });

  it('001: Bình Tân, lần thứ 18, khóa XII, chair Huỳnh Khắc Điệp', () => {
    const c = seedCard('001');
    expect(c.unit?.value.id).toBe('quan-binh-tan');
    expect(c.unit?.sentence).toMatch(/^\(Thanhuytphcm\.vn\) - Chiều 5\/10, Quận ủy quận Bình Tân tổ chức hội nghị lần thứ 18/u);
    expect(c.publishedAt).toBeNull();
    expect(c.meetingDate?.value).toBe('2023-10-05');
    expect(c.meetingNumber?.value).toBe(18);
    expect(c.khoa?.value).toBe('XII');
    expect(c.term?.value).toBe('2020-2025');
    expect(c.chairs).toEqual([{
      value: { name: 'Huỳnh Khắc Điệp', role: 'Thành ủy viên, Bí thư Quận ủy quận Bình Tân' },
      sentence: 'Thành ủy viên, Bí thư Quận ủy quận Bình Tân Huỳnh Khắc Điệp chủ trì hội nghị.',
    }]);
    expect(c.chairNote).toBeNull();
    expect(c.openedBy).toBeNull();
    expect(c.concludedBy).toBeNull();
    expect(c.attendees.map((a) => a.value)).toEqual([
      { name: 'Dương Ngọc Hải', role: 'Ủy viên Ban Thường vụ Thành ủy, Chủ nhiệm Ủy ban Kiểm tra Thành ủy TPHCM', directs: false },
    ]);
    expect(c.author).toEqual({ value: 'Long Hồ', sentence: 'Long Hồ' });
    expect(c.sourceSite?.value).toBe('Thanhuytphcm.vn');
  });

  it('002: Quận 8, lần thứ 8, chair Võ Ngọc Quốc Thuận (name before role)', () => {
    const c = seedCard('002');
    expect(c.unit?.value.id).toBe('quan-8');
    expect(c.publishedAt).toBeNull();
    expect(c.meetingDate?.value).toBe('2022-07-12');
    expect(c.meetingNumber?.value).toBe(8);
    expect(c.khoa?.value).toBe('XII');
    expect(c.term?.value).toBe('2020-2025');
    expect(c.chairs.map((x) => x.value)).toEqual([{ name: 'Võ Ngọc Quốc Thuận', role: 'Thành ủy viên, Bí thư Quận ủy' }]);
    expect(c.chairs[0]?.sentence).toBe('Đồng chí Võ Ngọc Quốc Thuận, Thành ủy viên, Bí thư Quận ủy chủ trì hội nghị.');
    expect(c.attendees).toEqual([]);
    expect(c.author?.value).toBe('Tăng Thanh Danh');
    expect(c.sourceSite?.value).toBe('Thanhuytphcm.vn');
  });

  it('003: Nam Từ Liêm from "(NTL)", khóa III, no chair — opened and concluded by Trần Đức Hoạt', () => {
    const c = seedCard('003');
    expect(c.unit?.value).toMatchObject({ id: 'quan-nam-tu-liem', label: 'quận Nam Từ Liêm', province: 'Hà Nội' });
    expect(c.unit?.sentence).toMatch(/^\(NTL\) Sáng ngày 23\/6/u);
    expect(c.publishedAt).toEqual({ value: '2022-06-23', sentence: 'Ngày đăng 23/06/2022 | 15:04' });
    expect(c.meetingDate?.value).toBe('2022-06-23');
    expect(c.meetingNumber?.value).toBe(14);
    expect(c.khoa?.value).toBe('III');
    expect(c.term?.value).toBe('2020-2025');
    expect(c.chairs).toEqual([]);
    expect(c.openedBy?.value).toEqual({ name: 'Trần Đức Hoạt', role: 'TUV, Bí thư Quận ủy, Chủ tịch HĐND quận' });
    expect(c.openedBy?.sentence).toMatch(/^Phát biểu khai mạc hội nghị, đồng chí Trần Đức Hoạt/u);
    expect(c.concludedBy?.value).toEqual({ name: 'Trần Đức Hoạt', role: 'Bí thư Quận ủy' });
    expect(c.concludedBy?.sentence).toMatch(/^Kết luận hội nghị, Bí thư Quận ủy Trần Đức Hoạt đề nghị/u);
    expect(c.chairNote).toBe(
      'Bài viết không nêu người chủ trì hội nghị; đồng chí Trần Đức Hoạt (TUV, Bí thư Quận ủy, Chủ tịch HĐND quận) phát biểu khai mạc và kết luận hội nghị.',
    );
    expect(c.attendees).toEqual([]);
    expect(c.attendeeGroups.map((g) => g.value)).toEqual([
      'đại diện các Ban Đảng Thành ủy',
      'Thường trực Quận ủy, Ban Thường vụ Quận ủy, Thường trực HĐND, lãnh đạo UBND, UBMTTQ Việt Nam quận',
      'ủy viên BCH Đảng bộ và cán bộ chủ chốt của quận',
    ]);
    expect(c.author?.value).toBe('Thanh Hải');
    expect(c.sourceSite?.value).toBe('Cổng thông tin điện tử quận Nam Từ Liêm (NTL)');
  });

  it('004: Quận 11, lần thứ 6, "khoá XII", chair Trương Quốc Lâm', () => {
    const c = seedCard('004');
    expect(c.unit?.value.id).toBe('quan-11');
    expect(c.publishedAt).toBeNull();
    expect(c.meetingDate?.value).toBe('2021-10-12');
    expect(c.meetingNumber?.value).toBe(6);
    expect(c.khoa?.value).toBe('XII');
    expect(c.term?.value).toBe('2020-2025');
    expect(c.chairs).toEqual([{
      value: { name: 'Trương Quốc Lâm', role: 'Bí thư Quận ủy Quận 11' },
      sentence: 'Bí thư Quận ủy Quận 11 Trương Quốc Lâm chủ trì hội nghị.',
    }]);
    expect(c.attendees).toEqual([]);
    expect(c.author?.value).toBe('Long Hồ');
    expect(c.sourceSite?.value).toBe('Thanhuytphcm.vn');
  });

  it.each(['000', '001', '002', '003', '004'])('%s: every value quotes a sentence of the body', (prefix) => {
    const file = files.find((f) => f.startsWith(prefix))!;
    const body = cleanArticleText(readFileSync(new URL(file, SEED_DIR), 'utf8')).body;
    expectProvenance(seedCard(prefix), body);
  });
});

describe('extractEventCard on synthetic sentences', () => {
  it('reads "Hội nghị do … chủ trì" and a huyện', () => {
    const c = card('Sáng 3/4, Huyện ủy Củ Chi tổ chức Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 20, khoá XI. Hội nghị do đồng chí Nguyễn Văn A, Bí thư Huyện ủy chủ trì.', {
      publishedAt: '2024-04-05',
    });
    expect(c.unit?.value.id).toBe('huyen-cu-chi');
    expect(c.meetingNumber?.value).toBe(20);
    expect(c.khoa?.value).toBe('XI');
    expect(c.meetingDate?.value).toBe('2024-04-03');
    expect(c.chairs.map((x) => x.value)).toEqual([{ name: 'Nguyễn Văn A', role: 'Bí thư Huyện ủy' }]);
  });
  it('reads "Chủ trì hội nghị có đồng chí …"', () => {
    const c = card('Ngày 2/3, Quận ủy Quận 1 tổ chức hội nghị. Chủ trì hội nghị có đồng chí Lê Văn Bình, Phó Bí thư Thường trực Quận ủy.');
    expect(c.unit?.value.id).toBe('quan-1');
    expect(c.chairs.map((x) => x.value)).toEqual([{ name: 'Lê Văn Bình', role: 'Phó Bí thư Thường trực Quận ủy' }]);
  });
  it('reports every co-chair listed with "Các đồng chí:", in order', () => {
    const c = card('Các đồng chí: Hoàng Trung Hải, Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội; Nguyễn Văn Vịnh, Bí thư Tỉnh ủy Lào Cai chủ trì buổi làm việc.');
    expect(c.chairs.map((x) => x.value)).toEqual([
      { name: 'Hoàng Trung Hải', role: 'Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội' },
      { name: 'Nguyễn Văn Vịnh', role: 'Bí thư Tỉnh ủy Lào Cai' },
    ]);
  });
  it('does not take agencies or "cơ quan chủ trì" for a chair', () => {
    const c = card('Giám đốc Sở Xây dựng chủ trì, phối hợp với UBND quận Cầu Giấy kiểm tra. Các cơ quan chủ trì cập nhật báo cáo. Bộ Công Thương chủ trì hội nghị.');
    expect(c.chairs).toEqual([]);
    expect(c.chairNote).toBe('Bài viết không nêu người chủ trì hội nghị.');
  });
  it('ignores congress numbers and references to earlier conferences', () => {
    const c = card('Quán triệt Nghị quyết Đại hội Đảng bộ quận lần thứ XII và Nghị quyết Hội nghị lần thứ ba Ban Chấp hành Đảng bộ quận.');
    expect(c.meetingNumber).toBeNull();
    expect(card('Hội nghị Ban Chấp hành Đảng bộ quận lần thứ mười bốn diễn ra.').meetingNumber?.value).toBe(14);
    expect(card('Quận ủy tổ chức Hội nghị lần thứ XV Ban Chấp hành.').meetingNumber?.value).toBe(15);
  });
  it('takes the committee district, not a district merely mentioned', () => {
    const c = card('Chiều 1/6, Quận ủy Quận 10 tổ chức hội nghị lần thứ 9; đoàn công tác Quận 5 đến dự. Đồng chí Phạm Văn C, Bí thư Quận ủy Quận 5 phát biểu.');
    expect(c.unit?.value.id).toBe('quan-10');
    expect(card('Người dân Quận 3 phấn khởi với công trình mới tại Quận 1.').unit).toBeNull();
  });
  it('reads unaccented committee names', () => {
    expect(card('Ngay 30-3, Quan uy Quan 12 to chuc hoi nghi lan thu 12.').unit?.value.id).toBe('quan-12');
  });
  it('reads "Đến dự có" lists with persons and groups', () => {
    const c = card(
      'Ngày 4/5, Quận ủy Gò Vấp tổ chức hội nghị. Đến dự có các đồng chí: Trần Văn D, Phó Bí thư Thành ủy; Lê Thị E, Trưởng Ban Dân vận Thành ủy; đại diện các sở, ngành thành phố.',
    );
    expect(c.attendees.map((a) => a.value)).toEqual([
      { name: 'Trần Văn D', role: 'Phó Bí thư Thành ủy', directs: false },
      { name: 'Lê Thị E', role: 'Trưởng Ban Dân vận Thành ủy', directs: false },
    ]);
    expect(c.attendeeGroups.map((g) => g.value)).toEqual(['đại diện các sở, ngành thành phố']);
  });
  it('reads openers and concluders when there is no chair', () => {
    const c = card('Phát biểu khai mạc hội nghị, đồng chí Võ Văn F - Bí thư Quận ủy nhấn mạnh nhiều nội dung. Kết luận hội nghị, Phó Bí thư Quận ủy Hồ Thị G đề nghị các đơn vị thực hiện tốt.');
    expect(c.openedBy?.value).toEqual({ name: 'Võ Văn F', role: 'Bí thư Quận ủy' });
    expect(c.concludedBy?.value).toEqual({ name: 'Hồ Thị G', role: 'Phó Bí thư Quận ủy' });
    expect(c.chairNote).toBe(
      'Bài viết không nêu người chủ trì hội nghị; đồng chí Võ Văn F (Bí thư Quận ủy) phát biểu khai mạc hội nghị; đồng chí Hồ Thị G (Phó Bí thư Quận ủy) kết luận hội nghị.',
    );
  });
  it('falls back to the site given by the caller', () => {
    expect(card('Một câu.', { site: 'baomoi.com', siteSentence: 'http://www.baomoi.com/a/1.epi' }).sourceSite).toEqual({
      value: 'baomoi.com',
      sentence: 'http://www.baomoi.com/a/1.epi',
    });
  });
  // Its speed is measured by the ingest bench (npm run bench), not here: shared machines make timed tests flaky.
  it('returns an almost empty card for unrelated or empty text', () => {
    const text = 'Mạo hiểm rừng Đa Mi. Trời đã về chiều khi chúng tôi đến hồ thủy điện rộng 625ha.\n'.repeat(25);
    const c = card(text);
    expect(c).toMatchObject({ unit: null, meetingNumber: null, chairs: [], attendees: [], author: null, sourceSite: null });
    expect(card('')).toMatchObject({ articleId: 't', title: { value: 'T', sentence: 'T' }, unit: null, chairs: [] });
  });
});
