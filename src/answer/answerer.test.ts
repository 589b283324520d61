import { beforeAll, describe, expect, it } from 'vitest';
import { openIndex, type IndexSnapshot } from '../index/store.js';
import { LocalHashEmbeddings } from '../providers/local-embeddings.js';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSeedIndex, SEEDS_DIR, tempDir } from '../testing/seed-index.js';
import type { Answer, AnswerFn } from '../types.js';
import { createRetriever } from '../retrieve/retriever.js';
import { turnsAfter } from '../testing/turns.js';
import { createExtractiveAnswerer, prepare } from './answerer.js';
import { holdsTitle, type TitleQuestion } from './strategies/facts.js';

const Q12 = '000_8560dab47670abcc.txt';
const BT = '001_89852375af5197ac.txt';
const Q8 = '002_38b2f8d630866424.txt';
const NTL = '003_51f19a44640f24e0.txt';
const Q11 = '004_14a5125e8fc205ba.txt';

let snapshot: IndexSnapshot;
let ask: AnswerFn;
const embedder = new LocalHashEmbeddings();

beforeAll(async () => {
  const { dir } = await buildSeedIndex();
  snapshot = await openIndex(dir);
  ask = createExtractiveAnswerer({ retriever: createRetriever(snapshot, { embedQuery: (t) => embedder.embedQuery(t) }), topK: 8 });
});

const sources = (a: Answer) => [...new Set(a.citations.map((c) => c.source))];

function expectCitedMarkers(a: Answer) {
  const markers = [...a.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  expect(markers.length).toBeGreaterThan(0);
  for (const n of markers) expect(a.citations.some((c) => c.n === n), `marker [${n}]`).toBe(true);
  a.citations.forEach((c, i) => expect(c.n).toBe(i + 1));
}

/** An answerer over the bundled articles plus extra ones (file name → lines). */
async function answererWith(files: Record<string, string[]>): Promise<AnswerFn> {
  const extra = await tempDir('dangbo-extra-');
  for (const [name, lines] of Object.entries(files)) await writeFile(path.join(extra, name), lines.join('\n'));
  const { dir } = await buildSeedIndex([SEEDS_DIR, extra]);
  return createExtractiveAnswerer({ retriever: createRetriever(await openIndex(dir), { embedQuery: (t) => embedder.embedQuery(t) }), topK: 8 });
}

describe('chair questions (event cards)', () => {
  it.each([
    ['Ai chủ trì Hội nghị lần thứ 8 Quận 8?', Q8, 'Võ Ngọc Quốc Thuận'],
    ['ai chu tri hoi nghi lan thu 8 quan 8', Q8, 'Võ Ngọc Quốc Thuận'],
    ['Ai chủ trì hội nghị lần thứ 18 quận Bình Tân?', BT, 'Huỳnh Khắc Điệp'],
    ['Ai chủ trì hội nghị lần thứ mười tám quận Bình Tân?', BT, 'Huỳnh Khắc Điệp'],
    ['ai chu tri hoi nghi lan thu tam quan 8', Q8, 'Võ Ngọc Quốc Thuận'],
    ['Ai chủ trì hội nghị Quận 11?', Q11, 'Trương Quốc Lâm'],
    ['Who chaired the 18th conference of Binh Tan district?', BT, 'Huỳnh Khắc Điệp'],
  ])('%s', async (q, source, name) => {
    const a = await ask(q);
    expect(a.grounded).toBe(true);
    expect(a.intent).toBe('chair');
    expect(a.answer).toContain(name);
    expect(sources(a)).toEqual([source]);
    expect(a.citations[0]!.quote).toContain(name);
    expect(a.citations[0]!.title.length).toBeGreaterThan(5);
    expectCitedMarkers(a);
  });

  it('says so when the article names no chair, and gives who opened and concluded', async () => {
    const a = await ask('Ai chủ trì hội nghị lần thứ 14 quận Nam Từ Liêm?');
    expect(a.grounded).toBe(true);
    expect(a.answer).toContain('Trần Đức Hoạt');
    expect(a.answer.toLowerCase()).toContain('không nêu');
    expect(sources(a)).toEqual([NTL]);
  });

  it('says in English that no chair is named, and who attended, for an English question', async () => {
    const a = await ask('Who chaired the meeting in District 12?');
    expect(a.language).toBe('en');
    expect(a.answer).toContain('does not name who chaired');
    expect(a.answer).toMatch(/Attended by:\n• Nguyễn Văn Hiếu/);
    // Only the quotes are Vietnamese: no Vietnamese frame sentence.
    expect(a.answer).not.toContain('Bài viết không nêu');
    expect(sources(a)).toEqual([Q12]);
    expectCitedMarkers(a);
  });

  it.each([
    ['Ai dự hội nghị Quận 11?', 'Bài viết không nêu thành phần dự hội nghị.'],
    ['Who attended the District 11 conference?', 'The article does not list who attended the meeting.'],
  ])('"%s": says the article lists no attendees and gives the chair, cited', async (q, note) => {
    const a = await ask(q);
    expect(a.intent).toBe('attendees');
    expect(a.answer).toContain(note);
    expect(a.answer).toContain('Trương Quốc Lâm');
    // Not the budget sentences of the fact path.
    expect(a.answer).not.toContain('652,55');
    expect(sources(a)).toEqual([Q11]);
    expectCitedMarkers(a);
  });

  it('answers in an English frame for English questions', async () => {
    const a = await ask('Who chaired the 8th conference of District 8?');
    expect(a.language).toBe('en');
    expect(a.answer).toMatch(/Chaired by/);
  });
});

/** The guests of an attendee answer's first line ("Thành phần dự: A (…), dự và chỉ đạo [1]; B (…) [2]."). */
const guestsOf = (answer: string) =>
  answer
    .split('\n')[0]!
    .replace(/^[^:]+: /, '')
    .replace(/\.$/, '')
    .split('; ');

describe('a pilot congress counted (synthetic report)', () => {
  it('"Đại hội điểm … bao nhiêu đại biểu?": the sentence counting delegates leads, not those repeating "điểm"', async () => {
    const answer = await answererWith({
      'tan-hoa-i.txt': [
        'Đảng bộ phường Tân Hòa tổ chức Đại hội điểm nhiệm kỳ 2025-2030',
        '',
        'Ngày 18/7, Đảng bộ phường Tân Hòa (tỉnh Đồng Nai) tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025-2030. Đây là đại hội điểm cấp phường đầu tiên của tỉnh Đồng Nai.',
        '',
        'Đại hội điểm được tổ chức chu đáo, là kinh nghiệm cho các phường khác trong tỉnh trước khi tổ chức đại hội.',
        '',
        'Phường Tân Hòa được thành lập trên cơ sở sắp xếp ba phường cũ, có diện tích tự nhiên hơn 20 km² và dân số khoảng 95.000 người. Trong nhiệm kỳ qua, kinh tế của phường tăng trưởng khá, thu nhập bình quân đầu người tăng gấp 1,8 lần so với đầu nhiệm kỳ.',
        '',
        'Báo cáo chính trị trình đại hội xác định ba khâu đột phá: chỉnh trang đô thị, cải cách thủ tục hành chính và chuyển đổi số; phấn đấu đến năm 2030 hoàn thành 100% chỉ tiêu xây dựng phường văn minh.',
        '',
        'Dự đại hội có lãnh đạo tỉnh Đồng Nai cùng 215 đại biểu thay mặt cho 3.410 đảng viên trong toàn Đảng bộ phường.',
      ],
      // Another outlet's report of the same congress: its sentences share more of the question's words, none counts.
      'tan-hoa-i-b.txt': [
        'Đại hội điểm cấp phường đầu tiên của tỉnh Đồng Nai',
        '',
        'Ngày 18/7/2025, Đảng bộ phường Tân Hòa (tỉnh Đồng Nai) tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025-2030. Đây là Đại hội Đảng bộ điểm cấp phường ở tỉnh Đồng Nai. Đại hội điểm phường Tân Hòa diễn ra trong tháng 7/2025 với chủ đề đoàn kết, đổi mới.',
      ],
    });
    const a = await answer('Đại hội điểm Đảng bộ phường Tân Hòa (Đồng Nai) tháng 7/2025 có bao nhiêu đại biểu?', { history: [] });
    expect(a.grounded).toBe(true);
    expect(a.answer.split('\n')[0]).toContain('215 đại biểu');
    expectCitedMarkers(a);
  });
});

describe('a question naming its source (synthetic reports)', () => {
  it('"… theo bài phỏng vấn VOH?": the day that outlet\'s article gives, not another report\'s', async () => {
    const answer = await answererWith({
      'tan-lap-voh.txt': [
        'PV Bí thư Huyện ủy Tân Lập về công tác chuẩn bị Đại hội',
        '',
        '(VOH) - Bí thư Huyện ủy Tân Lập Lê Văn Tư đã trao đổi về công tác chuẩn bị cho Đại hội đại biểu Đảng bộ huyện Tân Lập lần thứ IX, sẽ khai mạc vào ngày 14/7/2010.',
      ],
      'tan-lap-ix.txt': [
        'Bế mạc Đại hội đại biểu Đảng bộ huyện Tân Lập lần thứ IX',
        '',
        '(SGGP) - Đại hội đại biểu Đảng bộ huyện Tân Lập lần thứ IX, nhiệm kỳ 2010-2015 diễn ra trong các ngày 8/7/2010 và 15, 16/7/2010. Đại hội đã bầu Ban Chấp hành gồm 39 đồng chí.',
      ],
    });
    const voh = await answer('Đại hội Đảng bộ huyện Tân Lập năm 2010 khai mạc ngày nào theo bài phỏng vấn VOH?', { history: [] });
    expect(voh.grounded).toBe(true);
    expect(voh.answer.split('\n')[0]).toContain('14/7/2010');
    expect(sources(voh)).toEqual(['tan-lap-voh.txt']);
    // Without the source phrase, the congress report's dates.
    const plain = await answer('Đại hội Đảng bộ huyện Tân Lập năm 2010 diễn ra những ngày nào?', { history: [] });
    expect(plain.answer).toContain('8/7/2010');
  });
});

describe('a district named only in a ward\'s report (synthetic report)', () => {
  it('its congress number is read from the sentence naming it, never from the ward\'s card', async () => {
    const answer = await answererWith({
      'van-my-x.txt': [
        'Đảng bộ phường Vạn Mỹ duyệt chương trình Đại hội lần thứ 10',
        '',
        'Ngày 12-2, thực hiện chỉ đạo của Quận ủy Kiến An, Ban Chấp hành Đảng bộ phường Vạn Mỹ tổ chức duyệt chương trình Đại hội đại biểu Đảng bộ phường lần thứ 10, nhiệm kỳ 2025-2030.',
        '',
        'Đảng bộ, chính quyền và nhân dân phường Vạn Mỹ quyết tâm tổ chức thành công đại hội, góp phần vào thành công của Đại hội đại biểu Đảng bộ quận Kiến An lần thứ 25.',
      ],
    });
    const a = await answer('Đại hội đại biểu Đảng bộ quận Kiến An sắp tới là lần thứ mấy?', { history: [] });
    expect(a.grounded).toBe(true);
    expect(a.answer.split('\n')[0]).toContain('lần thứ 25');
    expect(a.answer).not.toContain('lần thứ 10');
    expectCitedMarkers(a);
    // The ward's figures are not the district's.
    const count = await answer('Quận Kiến An kết nạp bao nhiêu đảng viên?', { history: [] });
    expect(count.grounded).toBe(false);
  });
});

describe('co-chairs and directing guests (synthetic reports)', () => {
  let withReports: AnswerFn;
  beforeAll(async () => {
    withReports = await answererWith({
      'go-vap-21.txt': [
        'Quận ủy Gò Vấp tổ chức Hội nghị Ban Chấp hành lần thứ 21',
        '',
        'Sáng 1/11, Quận ủy Gò Vấp tổ chức Hội nghị Ban Chấp hành Đảng bộ quận lần thứ 21 để cho ý kiến về dự thảo báo cáo chính trị. Tham dự và chủ trì hội nghị có các đồng chí: Phan Văn Tâm, Bí thư Quận ủy; Lê Thị Ngọc Hân, Phó Bí thư Thường trực Quận ủy.',
        '',
        'Hội nghị thống nhất hoàn thành 42 công trình chào mừng đại hội.',
      ],
      'cu-chi-xii.txt': [
        'Khai mạc Đại hội đại biểu Đảng bộ huyện Củ Chi lần thứ XII',
        '',
        'Ngày 10/7, Đại hội đại biểu Đảng bộ huyện Củ Chi lần thứ XII, nhiệm kỳ 2020-2025 khai mạc. Dự Đại hội có các đồng chí: Trần Văn Bảy, Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Dân vận Thành ủy; Đỗ Thị Thu Hà, Phó Chủ tịch UBND thành phố. Đồng chí Võ Thị Hạnh Dung, Phó Bí thư Thành ủy dự và chỉ đạo Đại hội.',
        '',
        'Đại hội thông qua 18 chỉ tiêu phát triển kinh tế - xã hội của huyện.',
      ],
      // Another site's report of the same congress, naming one more guest.
      'cu-chi-xii-b.txt': [
        'Huyện Củ Chi bầu Ban Chấp hành khóa mới',
        '',
        'Ngày 10/7, Đảng bộ huyện Củ Chi tổ chức Đại hội đại biểu lần thứ XII, nhiệm kỳ 2020-2025. Dự Đại hội có đồng chí Võ Thị Hạnh Dung, Phó Bí thư Thành ủy; đồng chí Lâm Văn Khoa, Phó Trưởng Ban Tổ chức Thành ủy.',
      ],
    });
  });

  it.each([
    ['Ai chủ trì hội nghị lần thứ 21 quận Gò Vấp?', 'Các đồng chí cùng chủ trì:'],
    ['Who chaired the 21st conference of Go Vap district?', 'Chaired jointly by:'],
  ])('"%s": names every chair in printed order, each cited', async (q, heading) => {
    const a = await withReports(q);
    expect(a.intent).toBe('chair');
    expect(a.grounded).toBe(true);
    // The answer first, on one line: every chair in printed order, each cited.
    const [first] = a.answer.split('\n');
    expect(first).toMatch(new RegExp(`^${heading} Phan Văn Tâm \\(Bí thư Quận ủy\\) \\[\\d\\]; Lê Thị Ngọc Hân \\(Phó Bí thư Thường trực Quận ủy\\) \\[\\d\\]\\.$`));
    expect(sources(a)).toEqual(['go-vap-21.txt']);
    expectCitedMarkers(a);
  });

  it('lists the guest who directs first, marked, then the others in printed order', async () => {
    const a = await withReports('Ai dự Đại hội Đảng bộ huyện Củ Chi lần thứ XII?');
    expect(a.intent).toBe('attendees');
    const guests = guestsOf(a.answer);
    expect(guests.map((l) => l.replace(/ \(.*$/, '')).slice(0, 3)).toEqual(['Võ Thị Hạnh Dung', 'Trần Văn Bảy', 'Đỗ Thị Thu Hà']);
    expect(guests[0]).toMatch(/, dự và chỉ đạo \[\d\]$/);
    expect(guests.slice(1).every((l) => !l.includes('dự và chỉ đạo'))).toBe(true);
    expectCitedMarkers(a);
  });

  it('completes the guest list from another report of the same congress, each guest cited to their own report', async () => {
    const a = await withReports('Những ai dự Đại hội Đảng bộ huyện Củ Chi lần thứ XII?');
    const guests = guestsOf(a.answer);
    expect(guests.map((l) => l.replace(/ \(.*$/, ''))).toEqual(['Võ Thị Hạnh Dung', 'Trần Văn Bảy', 'Đỗ Thị Thu Hà', 'Lâm Văn Khoa']);
    expect(new Set(sources(a))).toEqual(new Set(['cu-chi-xii.txt', 'cu-chi-xii-b.txt']));
    const khoa = Number(/Lâm Văn Khoa[^\n]*\[(\d+)\]/.exec(a.answer)![1]);
    expect(a.citations[khoa - 1]!.source).toBe('cu-chi-xii-b.txt');
    expectCitedMarkers(a);
  });

  it('answers "which post does the directing guest hold" from the card', async () => {
    const a = await withReports('Người dự và chỉ đạo Đại hội Đảng bộ huyện Củ Chi giữ chức vụ gì trong Thành ủy?');
    expect(a.intent).toBe('attendees');
    expect(a.answer).toContain('Võ Thị Hạnh Dung (Phó Bí thư Thành ủy), dự và chỉ đạo');
  });

  it('answers an English question naming the unit with diacritics in an English frame, names in Vietnamese', async () => {
    const a = await withReports('Who attended and directed the 12th congress of the Củ Chi district Party committee?');
    expect(a.language).toBe('en');
    expect(a.intent).toBe('attendees');
    expect(a.grounded).toBe(true);
    expect(a.answer).toMatch(/^Attended by: Võ Thị Hạnh Dung \(Phó Bí thư Thành ủy\), attended and directed \[\d\]/);
    expect(a.answer).not.toContain('Thành phần dự');
  });
});

describe('facts, with and without diacritics', () => {
  it.each([
    ['Quận 12 kết nạp bao nhiêu đảng viên?', Q12, '596'],
    ['quan 12 ket nap bao nhieu dang vien', Q12, '596'],
    ['Tổng số đảng viên Quận 12 hiện nay?', Q12, '9.308'],
    ['Quận 11 thu ngân sách được bao nhiêu?', Q11, '652,55'],
    ['quan binh tan thu ngan sach dat bao nhieu', BT, '3.200'],
    ['Quận 8 giải quyết việc làm cho bao nhiêu người?', Q8, '4.523'],
    ['How many party members did District 12 admit?', Q12, '596'],
    // "tỉ" is the i-spelling of the article's "tỷ"; "104.99" the decimal point for its "104,99".
    ['Quận 12 thu ngân sách được bao nhiêu tỉ đồng?', Q12, '6.587'],
    ['Quận 12 thu ngân sách đạt 104.99% dự toán là bao nhiêu tiền?', Q12, '6.587'],
  ])('%s', async (q, source, fact) => {
    const a = await ask(q);
    expect(a.grounded).toBe(true);
    expect(a.answer).toContain(fact);
    expect(sources(a)[0]).toBe(source);
    expect(a.answer).not.toContain('con số được hỏi');
    expectCitedMarkers(a);
  });

  it.each([
    ['Quận 8 có bao nhiêu đảng viên?', Q8],
    ['quan 8 co bao nhieu dang vien', Q8],
  ])('"%s": the article states no such count, and the answer says so before the closest quotes', async (q, source) => {
    const a = await ask(q);
    expect(a.answer.split('\n')[0]).toBe('Không có câu nào nêu đúng con số được hỏi; dưới đây là các câu liên quan nhất.');
    for (const s of sources(a)) expect(s).toBe(source);
    expectCitedMarkers(a);
  });

  it.each([
    ['What were the key tasks set for District 8 in the second half of 2022?', 'nhiệm vụ'],
    ['What are the main solutions proposed for District 8?', 'giải pháp'],
  ])('answers "%s" ("key", "main", "set" carry no topic)', async (q, quoted) => {
    const a = await ask(q);
    expect(a.grounded).toBe(true);
    expect(a.answer).toContain(quoted);
    expect(sources(a)).toEqual([Q8]);
  });

  it('never answers one district with another district’s article', async () => {
    for (const q of ['Quận 11 kết nạp bao nhiêu đảng viên?', 'Quận 8 thu ngân sách đạt bao nhiêu?']) {
      const a = await ask(q);
      const wanted = q.includes('11') ? Q11 : Q8;
      for (const s of sources(a)) expect(s).toBe(wanted);
    }
  });

  it('cites only retrieved passages, with quotes taken from them', async () => {
    const p = await prepare({ retriever: createRetriever(snapshot, { embedQuery: (t) => embedder.embedQuery(t) }), topK: 8 }, 'Quận 12 có bao nhiêu doanh nghiệp thành lập mới?');
    const hitIds = new Set(p.hits.map((h) => h.chunk.id));
    for (const c of p.extractive.citations) {
      expect(hitIds.has(c.chunkId)).toBe(true);
      const chunk = p.hits.find((h) => h.chunk.id === c.chunkId)!.chunk;
      for (const part of c.quote.split(' … ')) expect(chunk.text).toContain(part);
    }
    expect(p.extractive.answer).toContain('9.273');
  });
});

describe('abstention', () => {
  it.each([
    'Ai chủ trì hội nghị Quận 5?',
    'Quận 5 thu ngân sách bao nhiêu?',
    'Giá vàng hôm nay bao nhiêu?',
    'Kết quả nhiệm kỳ 2025-2030 của Quận 12?',
    'Ai chủ trì hội nghị lần thứ 9 Quận 8?',
    'Đội tuyển bóng đá Việt Nam thắng mấy trận?',
    '',
    '🙂🙂🙂',
  ])('%s → not grounded, says so plainly', async (q) => {
    const a = await ask(q);
    expect(a.grounded).toBe(false);
    expect(a.citations).toEqual([]);
    expect(a.answer.length).toBeGreaterThan(10);
  });

  it('questions about today are refused: the articles are past news', async () => {
    for (const q of ['giá vàng hôm nay bao nhiêu', 'tỷ giá USD hôm nay', 'What is the gold price in Hanoi today?']) {
      const a = await ask(q);
      expect(a.grounded, q).toBe(false);
      expect(a.answer).toMatch(/cập nhật|up-to-date/);
    }
  });

  it('refuses a question whose key compound no article contains ("dân số")', async () => {
    expect((await ask('Dân số quận Bình Tân là bao nhiêu?')).grounded).toBe(false);
    expect((await ask('Bình Tân giải quyết việc làm cho bao nhiêu lao động?')).grounded).toBe(false);
  });

  it('refuses a card field the named district’s article does not state', async () => {
    expect((await ask('BCH Đảng bộ Quận 12 là khóa mấy?')).grounded).toBe(false);
    expect((await ask('BCH Đảng bộ Quận 8 là khóa mấy?')).answer).toContain('XII');
  });

  it('names the unknown district', async () => {
    const a = await ask('Quận 5 kết nạp bao nhiêu đảng viên?');
    expect(a.answer).toMatch(/Quận 5/);
  });
});

describe('term summaries', () => {
  it('summarises a district from all its articles, grouped by theme, figures cited', async () => {
    const a = await ask('Tóm tắt nhiệm kỳ của quận Bình Tân');
    expect(a.intent).toBe('summary');
    expect(a.grounded).toBe(true);
    expect(sources(a)).toEqual([BT]);
    expect(a.answer).toContain('Xây dựng Đảng');
    expect(a.answer).toContain('217');
    expect(a.answer).toContain('31.748');
    expectCitedMarkers(a);
  });

  it('works without diacritics and asks which district when none is named', async () => {
    expect((await ask('tom tat quan 12')).answer).toContain('596');
    const none = await ask('Tóm tắt nhiệm kỳ');
    expect(none.grounded).toBe(false);
    expect(none.answer).toContain('Quận 12');
  });
});

describe('answer types', () => {
  const district = (title: string, city = false): TitleQuestion => ({ title, level: 'district', city });
  it.each([
    // [sentence, title asked of a district, the sentence names it held there]
    ['Bà Lưu Lê Bích Phượng, Bí thư phường Nguyễn Thái Bình cho rằng vỉa hè là “mảnh đất vàng”.', 'bi thu', false],
    ['Chủ tịch UBND xã Tân Nhựt và Bí thư Đảng ủy phường 2 dự.', 'bi thu', false],
    ['Đồng chí Võ Ngọc Quốc Thuận, Bí thư Quận ủy chủ trì hội nghị.', 'bi thu', true],
    ['Bí thư phường 5 và Bí thư Quận ủy cùng dự.', 'bi thu', true],
    ['Hội nghị diễn ra sáng nay.', 'bi thu', false],
    ['Bí thư Thành ủy TP.HCM Nguyễn Thiện Nhân phát biểu tại buổi làm việc.', 'bi thu', false],
    ['Phó Chủ tịch UBND TP Nguyễn Văn Đua và Chủ tịch UBND tỉnh dự.', 'chu tich', false],
    ['Phó Chủ tịch UBND TP Nguyễn Văn Đua và Chủ tịch UBND quận dự.', 'chu tich', true],
    ['Học sinh viếng bia tưởng niệm cố Tổng Bí thư Trần Phú.', 'bi thu', false],
    ['Bà Lưu Thị C, Bí thư kiêm Chủ tịch phường Nguyễn Thái Bình, quận 1 cho biết.', 'bi thu', false],
    // A deputy does not answer who holds the title, unless a deputy is asked for; another title does not either.
    ['Thông tin trên được ông Trần Văn B, Phó bí thư Quận ủy, Chủ tịch UBND quận 1 cho biết.', 'bi thu', false],
    ['Thông tin trên được ông Trần Văn B, Phó bí thư Quận ủy, Chủ tịch UBND quận 1 cho biết.', 'pho bi thu', true],
  ] as const)('%s (%s) → %s', (sentence, title, want) => {
    expect(holdsTitle(sentence, district(title))).toBe(want);
  });

  it('a city of a province holds its own Thành ủy', () => {
    const s = 'Đồng chí Trần Văn A được bầu giữ chức Bí thư Thành ủy Vũng Tàu.';
    expect(holdsTitle(s, district('bi thu', true))).toBe(true);
    expect(holdsTitle(s, district('bi thu'))).toBe(false);
  });

  it('"… là bí thư quận nào?" quotes the sentence the district was read from', async () => {
    const a = await ask('Võ Ngọc Quốc Thuận là bí thư quận nào?');
    expect(a.grounded).toBe(true);
    expect(a.answer).toMatch(/Đơn vị: Quận 8\. \[\d\]/);
    expect(a.citations.some((c) => c.quote.includes('Quận 8'))).toBe(true);
  });
});

describe('"giữ chức vụ gì": the person’s title, not another person’s "giữ chức vụ"', () => {
  it('quotes the sentence naming the person with a title, over a distractor that says "giữ chức vụ"', async () => {
    const withDistractor = await answererWith({
      'distractor.txt': [
        'Thứ Hai, ngày 3 tháng 4 năm 2023',
        '',
        'Kiện toàn nhân sự tiểu ban điện nước',
        '',
        'Trưởng tiểu ban là đồng chí Mười Sơn, đồng chí Lê Thành Phụng giữ chức vụ phó tiểu ban và 5 ủy viên.',
        '',
        'Đội điện nước do đồng chí Nguyễn Văn Tiên giữ chức vụ đội trưởng, hai đồng chí giữ chức đội phó.',
      ],
    });
    const a = await withDistractor('Đồng chí Nguyễn Văn Hiếu giữ chức vụ gì?');
    expect(a.answer.split('\n')[0]).toContain('Phó Bí thư Thành ủy');
    expect(sources(a)).toEqual([Q12]);
    expectCitedMarkers(a);
  });
});

describe('follow-ups', () => {
  it('"ông ấy giữ chức vụ gì?" after an attendee question names that person’s role, quoted', async () => {
    const a = await ask('ông ấy giữ chức vụ gì?', { history: await turnsAfter(ask, ['Hội nghị lần thứ 18 quận Bình Tân có ai đến dự?']) });
    expect(a.grounded).toBe(true);
    expect(a.answer).toContain('Dương Ngọc Hải');
    expect(a.answer).toContain('Chủ nhiệm Ủy ban Kiểm tra Thành ủy');
    expect(a.answer).toMatch(/^[^\n]+\. \[\d+\]\n«[^\n]+» \[\d+\]$/);
    expect(sources(a)).toEqual([BT]);
    expectCitedMarkers(a);
    // Without a person in the previous answer there is no referent.
    const none = await ask('ông ấy giữ chức vụ gì?', { history: await turnsAfter(ask, ['Quận 12 kết nạp bao nhiêu đảng viên?']) });
    expect(none.answer).not.toContain('Dương Ngọc Hải');
    // Not the referent answer ("Name (role). [n]" then the quoted source sentence) for anyone of Quận 12 either.
    expect(none.answer).not.toMatch(/^[^\n]+\. \[\d+\]\n«[^\n]+» \[\d+\]$/);
  });

  it('"xóa tên bao nhiêu người?" after a question about Quận 12: "32 đảng viên" answers it, with no missing-figure note', async () => {
    const a = await ask('xóa tên bao nhiêu người?', { history: await turnsAfter(ask, ['Đảng bộ Quận 12 xóa tên bao nhiêu đảng viên?']) });
    expect(a.answer).toContain('32');
    expect(a.answer).not.toContain('con số được hỏi');
    expect(sources(a)[0]).toBe(Q12);
  });

  it('"còn quận 11 thì sao?" asks the same about Quận 11', async () => {
    const a = await ask('còn quận 11 thì sao?', { history: await turnsAfter(ask, ['Quận 12 kết nạp bao nhiêu đảng viên?']) });
    expect(a.resolvedQuestion).toContain('quận 11');
    expect(a.answer).toContain('31');
    expect(sources(a)[0]).toBe(Q11);
  });
});

describe('real-world card answers: date ranges, publication dates, outlets, meeting years', () => {
  let realAsk: AnswerFn;
  const CONGRESS = 'dai-hoi-dong-lam.txt';
  const PREVIEW = 'chuan-bi-dong-lam.txt';
  const OLD = 'dai-hoi-dong-lam-2015.txt';
  const REHEARSAL = 'duyet-chuong-trinh-tay-hoa.txt';
  beforeAll(async () => {
    const extra = await tempDir('dangbo-real-');
    const write = (name: string, lines: string[]) => writeFile(path.join(extra, name), lines.join('\n'));
    await write(CONGRESS, [
      'Đại hội đại biểu Đảng bộ huyện Đông Lâm lần thứ XII thành công tốt đẹp',
      '',
      '24/07/2020 09:30',
      '',
      'Chiều 22-7, Đại hội đại biểu Đảng bộ huyện Đông Lâm lần thứ XII, nhiệm kỳ 2020 - 2025 tiến hành phiên trù bị với 250 đại biểu.',
      '',
      'Đại hội diễn ra trong 3 ngày, từ 22 đến 24-7-2020, tại Trung tâm Hội nghị huyện.',
      '',
      'Đại hội đã bầu 45 đồng chí vào Ban Chấp hành Đảng bộ huyện khóa XII.',
    ]);
    await write(OLD, [
      'Đại hội đại biểu Đảng bộ huyện Đông Lâm lần thứ XI',
      '',
      '15/07/2015 08:00',
      '',
      '(BĐL) - Sáng 14-7, Đại hội đại biểu Đảng bộ huyện Đông Lâm lần thứ XI, nhiệm kỳ 2015 - 2020 khai mạc với 230 đại biểu.',
    ]);
    await write(REHEARSAL, [
      'Huyện Tây Hòa duyệt chương trình Đại hội',
      '',
      '18/07/2020 10:00',
      '',
      'Ngày 17-7, Ban Chấp hành Đảng bộ huyện Tây Hòa tổ chức duyệt chương trình Đại hội đại biểu Đảng bộ huyện lần thứ X, nhiệm kỳ 2020 - 2025.',
      '',
      'Đại hội dự kiến diễn ra trong 2 ngày 24 và 25-7 với 200 đại biểu chính thức.',
    ]);
    await write(PREVIEW, [
      'Huyện Đông Lâm sẵn sàng cho Đại hội',
      '',
      '(THĐL) - Đảng bộ huyện Đông Lâm hoàn tất công tác chuẩn bị Đại hội đại biểu lần thứ XII, nhiệm kỳ 2020 - 2025.',
      '',
      'Ban tổ chức đã in 300 bộ tài liệu phục vụ đại biểu.',
    ]);
    const { dir } = await buildSeedIndex([SEEDS_DIR, extra]);
    realAsk = createExtractiveAnswerer({ retriever: createRetriever(await openIndex(dir), { embedQuery: (t) => embedder.embedQuery(t) }), topK: 8 });
  });

  it('a meeting over several days: the range with its day count, both ends quoted', async () => {
    for (const q of ['Đại hội Đảng bộ huyện Đông Lâm lần thứ XII diễn ra những ngày nào?', 'dh dang bo huyen dong lam lan thu XII dien ra may ngay']) {
      const a = await realAsk(q);
      expect(a.grounded, q).toBe(true);
      expect(a.answer, q).toContain('22 đến 24-7-2020 (3 ngày)');
      expect(a.answer, q).toContain('từ 22 đến 24-7-2020');
      expect(sources(a)).toEqual([CONGRESS]);
      expectCitedMarkers(a);
    }
  });

  it('a session’s date comes from the sentence naming it; a congress date never from a rehearsal report', async () => {
    const session = await realAsk('Phiên trù bị Đại hội Đảng bộ huyện Đông Lâm lần thứ XII diễn ra ngày nào?');
    expect(session.answer).toContain('Chiều 22-7');
    const congress = await realAsk('Đại hội Đảng bộ huyện Tây Hòa lần thứ X diễn ra những ngày nào?');
    expect(congress.grounded).toBe(true);
    expect(congress.answer).toContain('24 và 25-7');
    expect(congress.answer).not.toContain('Thời gian: 17/07/2020');
    expect(sources(congress)).toEqual([REHEARSAL]);
  });

  it('the publication date: the stamp as printed, the article cited', async () => {
    const a = await realAsk('Bài về Đại hội Đảng bộ huyện Đông Lâm lần thứ XII đăng ngày nào?');
    expect(a.grounded).toBe(true);
    expect(a.answer).toContain('Ngày đăng: 24/07/2020.');
    expect(a.answer).toContain('«24/07/2020 09:30»');
    expect(sources(a)).toEqual([CONGRESS]);
    expectCitedMarkers(a);
  });

  it('"năm 2015" picks the congress held that year; a year with none is refused with the unit’s meetings', async () => {
    const a = await realAsk('Đại hội Đảng bộ huyện Đông Lâm năm 2015 khai mạc ngày nào?');
    expect(sources(a)).toEqual([OLD]);
    expect(a.answer).toContain('Sáng 14-7 (2015)');
    const none = await realAsk('Đại hội Đảng bộ huyện Đông Lâm năm 2018 khai mạc ngày nào?');
    expect(none.grounded).toBe(false);
    expect(none.answer).toContain('năm 2018');
  });

  it('an outlet named in the question is no content of an article of unknown outlet, and rules out another outlet’s', async () => {
    const unknown = await realAsk('Bài của Người Làm Báo về Đại hội Đảng bộ huyện Đông Lâm lần thứ XII đăng ngày nào?');
    expect(unknown.grounded).toBe(true);
    expect(unknown.answer).toContain('24/07/2020');
    const own = await realAsk('Bài của BĐL về Đại hội Đảng bộ huyện Đông Lâm lần thứ XI đăng ngày nào?');
    expect(own.answer).toContain('15/07/2015');
    const other = await realAsk('Bài của Người Làm Báo về Đại hội Đảng bộ huyện Đông Lâm lần thứ XI đăng ngày nào?');
    expect(other.grounded).toBe(false);
  });
});

describe('questions about the collection (event cards)', () => {
  it('how many and which meetings of a unit, each cited', async () => {
    const a = await ask('Quận 8 có bao nhiêu hội nghị?');
    expect(a.intent).toBe('collection');
    expect(a.grounded).toBe(true);
    expect(a.answer).toMatch(/^Dữ liệu có 1 hội nghị của Quận 8/);
    expect(a.answer).toContain('Hội nghị lần thứ 8, ngày 12/07/2022 [1]');
    expect(sources(a)).toEqual([Q8]);
    expectCitedMarkers(a);
  });

  it('lists every meeting newest first, with units, without diacritics', async () => {
    const a = await ask('co nhung hoi nghi nao?');
    expect(a.intent).toBe('collection');
    const lines = a.answer.split('\n').slice(1);
    expect(lines).toHaveLength(5);
    const dates = lines.map((l) => /(\d{2})\/(\d{2})\/(\d{4})/.exec(l)!.slice(1).reverse().join('-'));
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(lines[0]).toMatch(/– quận Bình Tân, ngày 05\/10\/2023/);
    expectCitedMarkers(a);
  });

  it('the latest meeting, overall and in English', async () => {
    const a = await ask('Hội nghị gần đây nhất là gì?');
    expect(a.answer).toMatch(/^Cuộc họp gần đây nhất trong dữ liệu \(trong 5 cuộc họp\): Hội nghị lần thứ 18 – quận Bình Tân, ngày 05\/10\/2023 \[1\]$/);
    expect(sources(a)).toEqual([BT]);
    const en = await ask('What was the latest meeting of Quận 8?');
    expect(en.answer).toMatch(/^The latest meeting in the articles: Conference no\. 8 – Quận 8, 12\/07\/2022 \[1\]$/);
  });

  it('a field of the latest meeting is answered from that meeting only', async () => {
    const a = await ask('Ai chủ trì hội nghị gần đây nhất?');
    expect(a.intent).toBe('chair');
    expect(a.answer).toContain('Huỳnh Khắc Điệp');
    expect(sources(a)).toEqual([BT]);
  });

  it('a person index: the meetings a person chaired; a person no card names is said so', async () => {
    const a = await ask('Võ Ngọc Quốc Thuận chủ trì những hội nghị nào?');
    expect(a.grounded).toBe(true);
    expect(a.answer).toContain('Hội nghị lần thứ 8 – Quận 8, ngày 12/07/2022 (chủ trì) [1]');
    expect(a.answer.split('\n')).toHaveLength(2);
    expect(a.turn?.people.map((p) => p.name)).toEqual(['Võ Ngọc Quốc Thuận']);
    const none = await ask('Trần Kim Yến chủ trì những hội nghị nào?');
    expect(none.grounded).toBe(false);
    expect(none.answer).toBe('Không có cuộc họp nào trong dữ liệu ghi Trần Kim Yến chủ trì hoặc dự.');
  });

  it('a count of congresses when none is in the collection is refused', async () => {
    const a = await ask('Quận 8 có bao nhiêu đại hội?');
    expect(a.grounded).toBe(false);
  });
});

describe('small talk', () => {
  it.each([
    ['hi', /^Xin chào!/],
    ['Chào bot', /^Xin chào!/],
    ['cảm ơn nhé', /^Không có gì!/],
    ['thanks!', /^You're welcome!/],
  ])('%s → a short friendly line, no sources', async (q, reply) => {
    const a = await ask(q);
    expect(a.intent).toBe('smalltalk');
    expect(a.answer).toMatch(reply);
    expect(a.citations).toEqual([]);
  });
});

describe('yes/no checks of a stated figure', () => {
  it.each([
    ['Quận 12 kết nạp 600 đảng viên đúng không?', 'Không — bài viết nêu 596 đảng viên, không phải 600. [1]'],
    ['quan 12 ket nap 596 dang vien phai khong', 'Đúng — bài viết nêu 596 đảng viên. [1]'],
    ['Quận 12 xóa tên 30 đảng viên phải không?', 'Không — bài viết nêu 32 đảng viên, không phải 30. [1]'],
    ['Quận 12 có tỷ lệ kết nạp 60% đúng không?', 'Không — bài viết nêu 56,9%, không phải 60%. [1]'],
  ])('%s', async (q, verdict) => {
    const a = await ask(q);
    expect(a.grounded).toBe(true);
    expect(a.answer.split('\n')[0]).toBe(verdict);
    expect(sources(a)).toEqual([Q12]);
    expectCitedMarkers(a);
  });
});

describe('one figure compared across units (figure rows)', () => {
  it.each([
    ['Quận nào kết nạp nhiều đảng viên nhất?', 'Các số liệu thuộc kỳ khác nhau'],
    ['quan nao ket nap nhieu dang vien nhat', 'Các số liệu thuộc kỳ khác nhau'],
    ['Which district admitted the most party members?', 'The figures cover different periods'],
  ])('"%s": unlike periods are said, not ranked; each unit cited with its period', async (q, flag) => {
    const a = await ask(q);
    expect(a.grounded).toBe(true);
    const lines = a.answer.split('\n');
    expect(lines[0]).toContain(flag);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^• Quận 12 — 596 đảng viên \(giữa nhiệm kỳ 2020-2025\) \[1\]$/),
      expect.stringMatching(/^• quận Bình Tân — 217 đảng viên \(9 tháng đầu năm 2023\)( \[\d\])+$/),
      expect.stringMatching(/^• Quận 11 — 31 đảng viên mới \(9 tháng đầu năm 2021\) \[\d\]$/),
    ]);
    expect(a.citations[0]!.source).toBe(Q12);
    expect(a.citations[0]!.quote).toContain('kết nạp được 596 đảng viên');
    expect(new Set(sources(a))).toEqual(new Set([Q12, BT, Q11]));
    expectCitedMarkers(a);
  });

  it('compares budget revenue of every unit, a share of the plan listed apart, not ranked', async () => {
    const a = await ask('so sánh thu ngân sách các quận');
    const lines = a.answer.split('\n');
    expect(lines.map((l) => l.replace(/ —.*/, ''))).toEqual([expect.any(String), '• Quận 12', '• quận Nam Từ Liêm', '• quận Bình Tân', '• Quận 11', '• Quận 8']);
    expect(lines[5]).toMatch(/78,8% dự toán .*đơn vị đo khác, không so/);
    expect(a.answer).toContain('hơn 3.200 tỷ đồng (9 tháng đầu năm 2023)');
    expectCitedMarkers(a);
  });

  it('compares the coordinated units asked, saying which prints no such figure', async () => {
    const a = await ask('So sánh số đảng viên kết nạp của Quận 8 và Quận 12');
    expect(a.answer.split('\n')).toEqual([
      'Số liệu của từng đơn vị:',
      '• Quận 12 — 596 đảng viên (giữa nhiệm kỳ 2020-2025) [1]',
      '• Quận 8 — bài viết không nêu số liệu này',
    ]);
    expect(sources(a)).toEqual([Q12]);
  });

  it('ranks figures of one period: the top unit first', async () => {
    const withReports = await answererWith({
      'go-vap-2023.txt': [
        'Quận ủy Gò Vấp tổng kết công tác năm 2023',
        '',
        'Ngày 20/12/2023, Ban Chấp hành Đảng bộ quận Gò Vấp tổ chức hội nghị lần thứ 20. Năm 2023, Đảng bộ quận đã kết nạp được 320 đảng viên, đạt 106% chỉ tiêu.',
      ],
      'phu-nhuan-2023.txt': [
        'Quận ủy Phú Nhuận tổng kết công tác năm 2023',
        '',
        'Ngày 21/12/2023, Ban Chấp hành Đảng bộ quận Phú Nhuận tổ chức hội nghị lần thứ 19. Năm 2023, toàn Đảng bộ kết nạp 150 đảng viên mới.',
      ],
    });
    const most = await withReports('Quận Gò Vấp và quận Phú Nhuận, quận nào kết nạp nhiều đảng viên nhất?');
    expect(most.answer.split('\n')).toEqual([
      'Nhiều nhất: quận Gò Vấp — 320 đảng viên (năm 2023) [1]',
      'Các đơn vị khác:',
      '• quận Phú Nhuận — 150 đảng viên mới (năm 2023) [2]',
    ]);
    const least = await withReports('Which district, Go Vap or Phu Nhuan, admitted the fewest party members?');
    expect(least.answer.split('\n')[0]).toBe('Fewest: quận Phú Nhuận — 150 đảng viên mới (năm 2023) [1]');
  });
});

describe('several units in one question', () => {
  it('answers each coordinated unit under its name, citations numbered in order', async () => {
    const a = await ask('Ai chủ trì hội nghị Quận 8 và Quận 11?');
    expect(a.grounded).toBe(true);
    const [q8, q11] = a.answer.split('\n\n');
    expect(q8).toMatch(/^Quận 8:\n[\s\S]*Võ Ngọc Quốc Thuận[\s\S]*\[1\]/);
    expect(q11).toMatch(/^Quận 11:\n[\s\S]*Trương Quốc Lâm[\s\S]*\[2\]/);
    expect(sources(a)).toEqual([Q8, Q11]);
    expectCitedMarkers(a);
    expect(a.turn?.articleIds).toEqual([Q8, Q11]);
  });

  it('answers two questions on two lines each, under its question, citations numbered in order; the turn is the last one', async () => {
    const a = await ask('Ai chủ trì hội nghị lần thứ 8 Quận 8?\nQuận 12 kết nạp bao nhiêu đảng viên?');
    expect(a.question).toBe('Ai chủ trì hội nghị lần thứ 8 Quận 8?\nQuận 12 kết nạp bao nhiêu đảng viên?');
    const [q8, q12] = a.answer.split('\n\n');
    expect(q8).toMatch(/^Ai chủ trì hội nghị lần thứ 8 Quận 8\?\n[\s\S]*Võ Ngọc Quốc Thuận[\s\S]*\[1\]/);
    expect(q12).toMatch(/^Quận 12 kết nạp bao nhiêu đảng viên\?\n[\s\S]*596 đảng viên[\s\S]*\[2\]/);
    expect(sources(a)).toEqual([Q8, Q12]);
    expectCitedMarkers(a);
    expect(a.turn?.articleIds).toEqual([Q12]);
    // One question wrapped over two lines stays one question.
    expect((await ask('Ai chủ trì hội nghị\nlần thứ 8 Quận 8?')).answer).not.toContain('\n\n');
  });

  it("a question whose words say no language is answered in the asker's", async () => {
    expect((await ask('hi', { language: 'en' })).language).toBe('en');
    expect((await ask('hi')).language).toBe('vi');
    expect((await ask('cảm ơn', { language: 'en' })).language).toBe('vi');
    expect((await ask('Who chaired the 8th conference of District 8?', { language: 'vi' })).language).toBe('en');
  });

  it('a unit named inside another phrase is no part', async () => {
    const a = await ask('Bí thư Quận ủy Quận 11 có dự hội nghị Quận 8 không?');
    expect(a.answer).not.toMatch(/^Quận 11:/);
  });
});

describe('a question back instead of a guess', () => {
  it('a chair question naming no unit asks which unit, with the units as choices; a choice answers it', async () => {
    const a = await ask('ai chủ trì?');
    expect(a.grounded).toBe(false);
    expect(a.answer).toMatch(/^Bạn hỏi về cuộc họp của đơn vị nào\?/);
    expect(a.choices!.length).toBeGreaterThanOrEqual(2);
    const q8 = a.choices!.find((c) => c.label === 'Quận 8')!;
    const chosen = await ask('ai chủ trì?', { unitId: q8.unitId });
    expect(chosen.grounded).toBe(true);
    expect(chosen.answer).toContain('Võ Ngọc Quốc Thuận');
    expect(sources(chosen)).toEqual([Q8]);
  });

  it('a misspelled unit offers the covered units like it; the choice replaces the misspelling', async () => {
    const a = await ask('ai chủ trì hội nghị quận Bìnhh Tân?');
    expect(a.grounded).toBe(false);
    expect(a.choices?.map((c) => c.label)).toContain('quận Bình Tân');
    const unitId = a.choices!.find((c) => c.label === 'quận Bình Tân')!.unitId;
    const chosen = await ask('ai chủ trì hội nghị quận Bìnhh Tân?', { unitId });
    expect(chosen.answer).toContain('Huỳnh Khắc Điệp');
    expect(sources(chosen)).toEqual([BT]);
  });
});

describe('questions back without a guess: pronouns and commands', () => {
  it('"ông ấy giữ chức vụ gì?" in a new conversation asks who is meant', async () => {
    const a = await ask('ông ấy giữ chức vụ gì?');
    expect(a.grounded).toBe(false);
    expect(a.answer).toMatch(/^Bạn hỏi về ai\?/);
    expect(a.citations).toEqual([]);
  });

  it('/tomtat with a misspelled unit offers the closest covered unit, never another unit’s summary', async () => {
    const { dir } = await buildSeedIndex();
    const retriever = createRetriever(await openIndex(dir));
    const first = await prepare({ retriever, topK: 8 }, { intent: 'summary', unit: 'quận 8', text: '/tomtat quận 8' });
    const p = await prepare({ retriever, topK: 8 }, { intent: 'summary', unit: 'Binh Tann', text: '/tomtat Binh Tann' }, { history: [first.extractive.turn!] });
    expect(p.extractive.grounded).toBe(false);
    expect(p.extractive.answer).toContain('quận Bình Tân');
    expect(p.extractive.choices?.map((c) => c.label)).toEqual(['quận Bình Tân']);
  });
});
