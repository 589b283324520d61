import { describe, expect, it } from 'vitest';
import { findParticipants, readingSentences } from './participants.js';

/** Paragraphs of a synthetic report: one per line. */
const read = (text: string) => findParticipants(text.split('\n'));
const chairs = (text: string) => read(text).chairs.map((c) => c.person);
const guests = (text: string) => read(text).attendees.map((a) => a.person);
const guestNames = (text: string) => read(text).attendees.map((a) => a.person.name);

const CONFERENCE = 'Sáng 5/10, Ban Chấp hành Đảng bộ huyện Mỹ Lâm tổ chức Hội nghị lần thứ 14.';
const CONGRESS = 'Ngày 14/8, Đảng bộ xã Tân Phong tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025-2030.';

describe('reading view', () => {
  it('joins a sentence hard-wrapped inside words and names, and splits a caption glued to the next sentence', () => {
    expect(readingSentences(['Đến dự và', 'chỉ đạo Đại hội có các đồng', 'chí: Trần Văn Mạnh, Bí thư Tỉnh', 'ủy.'])).toEqual([
      'Đến dự và chỉ đạo Đại hội có các đồng chí: Trần Văn Mạnh, Bí thư Tỉnh ủy.',
    ]);
    expect(readingSentences(['Dự có đồng chí Nguyễn Mạnh', 'Hiển, Bí thư Tỉnh ủy.'])).toEqual(['Dự có đồng chí Nguyễn Mạnh Hiển, Bí thư Tỉnh ủy.']);
    expect(readingSentences(['Quang cảnh đại hội', 'Trong nhiệm kỳ qua, huyện phát triển.'])).toHaveLength(2);
    expect(readingSentences(['Đại biểu dự đại hội.Đồng chí Lê Văn Tám phát biểu.'])).toEqual([
      'Đại biểu dự đại hội.',
      'Đồng chí Lê Văn Tám phát biểu.',
    ]);
    expect(readingSentences(['Đại hội Đảng bộ TP.HCM khai mạc.'])).toEqual(['Đại hội Đảng bộ TP.HCM khai mạc.']);
  });

  it('reads guests whose list is wrapped over several lines', () => {
    const text = [CONGRESS, 'Đến dự và', 'chỉ đạo Đại hội có các đồng', 'chí: Trần Văn Mạnh, Ủy viên Trung ương Đảng, Bí thư Tỉnh', 'ủy; Lê Thị Hoa, Phó Bí thư Tỉnh ủy dự và chỉ', 'đạo đại hội.'].join('\n');
    expect(guests(text)).toEqual([
      { name: 'Trần Văn Mạnh', role: 'Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy', directs: true },
      { name: 'Lê Thị Hoa', role: 'Phó Bí thư Tỉnh ủy', directs: true },
    ]);
  });
});

describe('chairs', () => {
  it('"dưới sự chủ trì của các đồng chí: A – ROLE; B – ROLE"', () => {
    expect(chairs(`${CONFERENCE} Hội nghị diễn ra dưới sự chủ trì của các đồng chí: Trần Văn Nam – Bí thư Huyện ủy; Lê Thị Lan – Phó Bí thư Thường trực Huyện ủy.`)).toEqual([
      { name: 'Trần Văn Nam', role: 'Bí thư Huyện ủy' },
      { name: 'Lê Thị Lan', role: 'Phó Bí thư Thường trực Huyện ủy' },
    ]);
  });

  it('"Tham dự và chủ trì hội nghị có các đồng chí: A, ROLE; B, ROLE." (chairs, not guests)', () => {
    const text = `${CONFERENCE} Tham dự và chủ trì hội nghị có các đồng chí: Hoàng Minh Tâm, Bí thư Quận ủy; Trần Chí Bảo, Phó Bí thư thường trực Quận ủy.`;
    expect(chairs(text).map((p) => p.name)).toEqual(['Hoàng Minh Tâm', 'Trần Chí Bảo']);
    expect(guests(text)).toEqual([]);
  });

  it('"đồng chí A – ROLE; đồng chí B – ROLE; đồng chí C – ROLE cùng chủ trì", after the lead clause', () => {
    const text =
      'Sáng 29/9, Ban chấp hành Đảng bộ huyện Mỹ Lâm tổ chức Hội nghị lần thứ mười bốn, đồng chí Nguyễn Văn Tâm – Thành ủy viên, Bí thư Huyện ủy; đồng chí Trịnh Văn Tường – Phó Bí thư thường trực Huyện ủy, Chủ tịch HĐND huyện; đồng chí Nguyễn Đình Hòa – Phó Bí thư Huyện ủy, Chủ tịch UBND huyện cùng chủ trì hội nghị.';
    expect(chairs(text)).toEqual([
      { name: 'Nguyễn Văn Tâm', role: 'Thành ủy viên, Bí thư Huyện ủy' },
      { name: 'Trịnh Văn Tường', role: 'Phó Bí thư thường trực Huyện ủy, Chủ tịch HĐND huyện' },
      { name: 'Nguyễn Đình Hòa', role: 'Phó Bí thư Huyện ủy, Chủ tịch UBND huyện' },
    ]);
  });

  it('"Ông A, ROLE; bà B, ROLE; ông C, ROLE đồng chủ trì Hội nghị."', () => {
    expect(
      chairs('Ông Trần Đình Kha, Ủy viên Ban Thường vụ Tỉnh ủy, Bí thư Thành ủy; bà Lê Thị Bình, Phó Bí thư Thường trực Thành ủy; ông Hoàng Vũ Thanh, Phó Bí thư Thành ủy, Quyền Chủ tịch UBND thành phố đồng chủ trì Hội nghị.').map((p) => p.name),
    ).toEqual(['Trần Đình Kha', 'Lê Thị Bình', 'Hoàng Vũ Thanh']);
  });

  it('title first, and two titled chairs joined by "và"', () => {
    expect(chairs('Bí thư Quận ủy Quận 1 Trần Kim Yên chủ trì hội nghị.')).toEqual([{ name: 'Trần Kim Yên', role: 'Bí thư Quận ủy Quận 1' }]);
    expect(chairs('Bí thư Huyện ủy Lê Văn Hải và Chủ tịch UBND huyện Phạm Thị Thu đồng chủ trì hội nghị.')).toEqual([
      { name: 'Lê Văn Hải', role: 'Bí thư Huyện ủy' },
      { name: 'Phạm Thị Thu', role: 'Chủ tịch UBND huyện' },
    ]);
  });

  it('"chủ trì và kết luận", and "điều hành" followed by a meeting word', () => {
    expect(chairs('Đồng chí Võ Văn Phúc, Bí thư Quận ủy chủ trì và kết luận hội nghị.').map((p) => p.name)).toEqual(['Võ Văn Phúc']);
    expect(chairs('Đồng chí Lý Thị Mai, Bí thư Đảng ủy phường điều hành hội nghị.').map((p) => p.name)).toEqual(['Lý Thị Mai']);
  });

  it('"Chủ trì hội nghị: A, ROLE; đồng chí B, ROLE", "Ông A, ROLE, chủ trì.", and a chair named before a list of guests', () => {
    expect(chairs('Chủ trì hội nghị: Nguyễn Minh Hải, Huyện ủy viên, Bí thư Đảng ủy; đồng chí Nguyễn Văn Đông, Phó Bí thư Thường trực Đảng ủy.').map((p) => p.name)).toEqual([
      'Nguyễn Minh Hải',
      'Nguyễn Văn Đông',
    ]);
    expect(chairs('Ông Phạm Quang Nam, Ủy viên Bộ Chính trị, Bí thư Thành ủy, chủ trì.')).toEqual([{ name: 'Phạm Quang Nam', role: 'Ủy viên Bộ Chính trị, Bí thư Thành ủy' }]);
    const p = read('Đồng chí Trần Văn Sáu, Bí thư Huyện ủy chủ trì hội nghị có sự tham dự của đồng chí Lê Văn Bảy, Phó Bí thư Tỉnh ủy.');
    expect(p.chairs.map((c) => c.person.name)).toEqual(['Trần Văn Sáu']);
    expect(p.attendees.map((a) => a.person.name)).toEqual(['Lê Văn Bảy']);
    expect(chairs('Đồng chí Trần Văn Sáu, Bí thư Huyện ủy chủ trì hội nghị, có 120 đại biểu dự.').map((p) => p.name)).toEqual(['Trần Văn Sáu']);
  });

  it('a chair named with a group ("ROLE A cùng các đồng chí Thường trực … chủ trì"), and "do A … và B … đồng chủ trì"', () => {
    expect(chairs('Bí thư Quận ủy Lê Văn Hải cùng các đồng chí Thường trực Quận ủy chủ trì hội nghị.')).toEqual([{ name: 'Lê Văn Hải', role: 'Bí thư Quận ủy' }]);
    expect(chairs('Hội nghị do đồng chí Trần Văn An, Bí thư Huyện ủy và đồng chí Lê Thị Bích, Chủ tịch UBND huyện đồng chủ trì.').map((p) => p.name)).toEqual([
      'Trần Văn An',
      'Lê Thị Bích',
    ]);
  });

  it('is not fooled by look-alikes: openers, concluders, the presidium, reports, agencies, "chỉ đạo điều hành"', () => {
    const text = [
      CONFERENCE,
      'Phát biểu khai mạc, ông Phạm Văn Lũy - Bí thư Đảng ủy, Chủ tịch HĐND xã khẳng định đại hội có ý nghĩa quan trọng.',
      'Kết luận hội nghị, ông Nguyễn Văn Hùng, Bí thư Huyện ủy đề nghị các đơn vị thực hiện tốt.',
      'Đoàn Chủ tịch điều hành đại hội.',
      'Bí thư Đảng ủy phường Nguyễn Thị Thu trình bày Báo cáo chính trị.',
      'Sở Nội vụ chủ trì, phối hợp với các đơn vị; năng lực lãnh đạo, điều hành được nâng cao.',
    ].join('\n');
    const p = read(text);
    expect(p.chairs).toEqual([]);
    expect(p.openedBy?.person).toEqual({ name: 'Phạm Văn Lũy', role: 'Bí thư Đảng ủy, Chủ tịch HĐND xã' });
    expect(p.concludedBy?.person).toEqual({ name: 'Nguyễn Văn Hùng', role: 'Bí thư Huyện ủy' });
    expect(p.chairNote).toBe(
      'Bài viết không nêu người chủ trì hội nghị; đồng chí Phạm Văn Lũy (Bí thư Đảng ủy, Chủ tịch HĐND xã) phát biểu khai mạc hội nghị; đồng chí Nguyễn Văn Hùng (Bí thư Huyện ủy) kết luận hội nghị.',
    );
  });

  it('a speech transcript: the byline under its title names who opened (or closed) the meeting', () => {
    const opening = read(
      [
        'Lời khai mạc Đại hội đại biểu Đảng bộ huyện Tân Lập lần thứ IX',
        '(Do đồng chí Trần Văn Minh, Bí thư Huyện ủy khóa VIII đọc)',
        '- Kính thưa các đồng chí đại biểu;',
        'Hôm nay, Đại hội đại biểu Đảng bộ huyện Tân Lập lần thứ IX chính thức khai mạc.',
      ].join('\n'),
    );
    expect(opening.openedBy?.person).toEqual({ name: 'Trần Văn Minh', role: 'Bí thư Huyện ủy khóa VIII' });
    expect(opening.openedBy?.sentence).toBe('(Do đồng chí Trần Văn Minh, Bí thư Huyện ủy khóa VIII đọc)');
    // The title may be the article's own, the byline the body's first line.
    const titled = findParticipants(['(Do đồng chí Trần Văn Minh, Bí thư Huyện ủy khóa VIII đọc)', 'Kính thưa các đồng chí đại biểu.'], undefined, 'Lời khai mạc Đại hội đại biểu Đảng bộ huyện Tân Lập lần thứ IX');
    expect(titled.openedBy?.person.name).toBe('Trần Văn Minh');
    const closing = read(['Diễn văn bế mạc Hội nghị Ban Chấp hành Đảng bộ quận lần thứ 12', '(Đồng chí Lê Thị Hoa trình bày)', 'Thưa các đồng chí,'].join('\n'));
    expect(closing.concludedBy?.person.name).toBe('Lê Thị Hoa');
    expect(closing.openedBy).toBeNull();
    // A byline far from any speech title, or a title without a byline, names no reader.
    expect(read(['Hội nghị Ban Chấp hành Đảng bộ quận lần thứ 12', '(Do đồng chí Lê Thị Hoa đọc)'].join('\n')).openedBy).toBeNull();
    expect(read(['Lời khai mạc Đại hội đại biểu Đảng bộ huyện Tân Lập lần thứ IX', 'Kính thưa các đồng chí.'].join('\n')).openedBy).toBeNull();
  });

  it('a chair is never also a guest, and the note is null once a chair is named', () => {
    const p = read(`${CONFERENCE} Bí thư Huyện ủy Lê Văn Hải chủ trì hội nghị. Phát biểu chỉ đạo tại hội nghị, Bí thư Huyện ủy Lê Văn Hải đề nghị các đơn vị tập trung.`);
    expect(p.chairs.map((c) => c.person.name)).toEqual(['Lê Văn Hải']);
    expect(p.attendees).toEqual([]);
    expect(p.chairNote).toBeNull();
  });
});

describe('guests', () => {
  it('"A, ROLE dự và chỉ đạo Đại hội." and title first "ROLE A dự, chỉ đạo Đại hội."', () => {
    expect(guests(`${CONGRESS} Đồng chí Trương Quang Nghĩa, Ủy viên Trung ương Đảng, Bí thư Thành ủy dự và chỉ đạo Đại hội.`)).toEqual([
      { name: 'Trương Quang Nghĩa', role: 'Ủy viên Trung ương Đảng, Bí thư Thành ủy', directs: true },
    ]);
    expect(guests(`${CONGRESS} Ủy viên Bộ Chính trị, Thường trực Ban Bí thư Trần Cẩm Hà dự, chỉ đạo Đại hội.`)).toEqual([
      { name: 'Trần Cẩm Hà', role: 'Ủy viên Bộ Chính trị, Thường trực Ban Bí thư', directs: true },
    ]);
  });

  it('"Dự và chỉ đạo đại hội, có đồng chí A, ROLE. Cùng dự có đồng chí B, ROLE."', () => {
    expect(guests(`${CONGRESS} Dự và chỉ đạo đại hội, có đồng chí Trịnh Thị Minh, Phó Bí thư Thường trực Tỉnh ủy. Cùng dự có đồng chí Vi Ngọc Bảo, Ủy viên Ban Thường vụ Tỉnh ủy.`)).toEqual([
      { name: 'Trịnh Thị Minh', role: 'Phó Bí thư Thường trực Tỉnh ủy', directs: true },
      { name: 'Vi Ngọc Bảo', role: 'Ủy viên Ban Thường vụ Tỉnh ủy', directs: false },
    ]);
  });

  it('"Tham dự và chỉ đạo Đại hội có đồng chí A, ROLE, ROLE, cùng các đồng chí lãnh đạo …" (the rest is a group)', () => {
    const p = read(`${CONGRESS} Tham dự và chỉ đạo Đại hội có đồng chí Lê Trí Vân, Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Tổ chức Thành ủy, cùng các đồng chí lãnh đạo sở, ban, ngành thành phố cùng 230 đại biểu.`);
    expect(p.attendees.map((a) => a.person)).toEqual([
      { name: 'Lê Trí Vân', role: 'Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Tổ chức Thành ủy', directs: true },
    ]);
    expect(p.groups.map((g) => g.value)).toEqual(['các đồng chí lãnh đạo sở, ban, ngành thành phố']);
  });

  it('"Đến dự và chỉ đạo đại hội có ROLE A." and a title-first list "có ROLE A, ROLE B."', () => {
    expect(guests(`${CONGRESS} Đến dự và chỉ đạo đại hội có Ủy viên Bộ Chính trị, Chủ tịch Quốc hội Trần Thanh Mai.`)).toEqual([
      { name: 'Trần Thanh Mai', role: 'Ủy viên Bộ Chính trị, Chủ tịch Quốc hội', directs: true },
    ]);
    expect(guestNames(`${CONGRESS} Đến dự đại hội có Ủy viên Bộ Chính trị, Bí thư Thành ủy TP HCM Nguyễn Thiện Nhân, Phó Chủ tịch UBND TP Dương Anh Đức.`)).toEqual([
      'Nguyễn Thiện Nhân',
      'Dương Anh Đức',
    ]);
  });

  it('directing speeches: "Phát biểu chỉ đạo Đại hội, ông A - ROLE nhấn mạnh" and "ông A - ROLE - chỉ đạo …"', () => {
    expect(guests(`${CONGRESS} Phát biểu chỉ đạo Đại hội, ông Nguyễn Phước Lợi - Phó Bí thư Thành ủy, Chủ tịch Ủy ban MTTQ Việt Nam thành phố nhấn mạnh: “Xã phải đặt quyết tâm cao”.`)).toEqual([
      { name: 'Nguyễn Phước Lợi', role: 'Phó Bí thư Thành ủy, Chủ tịch Ủy ban MTTQ Việt Nam thành phố', directs: true },
    ]);
    expect(guests('Ngày 28-8, Đại hội đại biểu Đảng bộ huyện Mỹ Lâm lần thứ XII diễn ra. Phát biểu tại đại hội, ông Nguyễn Hữu Hiệp - trưởng Ban dân vận Thành ủy - chỉ đạo huyện đề ra mục tiêu phát triển.')).toEqual([
      { name: 'Nguyễn Hữu Hiệp', role: 'trưởng Ban dân vận Thành ủy', directs: true },
    ]);
  });

  it('a host who speaks or directs is not a guest; a speaker with a higher-level title is', () => {
    const district = 'Chiều 5/8, Đại hội đại biểu Đảng bộ huyện Mỹ Lâm lần thứ XII khai mạc.';
    expect(guests(`${district} Tỉnh ủy viên, Bí thư Huyện ủy Phạm Thành Nghĩa phát biểu chỉ đạo trước khi Đại hội làm việc.`)).toEqual([]);
    expect(guests(`${district} Phát biểu tại hội nghị, bà Nguyễn Thị Yên, Phó Bí thư Thường trực Tỉnh ủy ghi nhận nỗ lực của huyện.`)).toEqual([
      { name: 'Nguyễn Thị Yên', role: 'Phó Bí thư Thường trực Tỉnh ủy', directs: false },
    ]);
    expect(guests(`${district} Đồng chí Phạm Văn Cường, Bí thư Quận ủy Quận 5 phát biểu.`)).toEqual([]);
    expect(guests(`${CONGRESS} Ông Võ Văn Dũng, Thành ủy viên, Chủ nhiệm Ủy ban Kiểm tra Thành ủy biểu dương những thành quả của xã.`)).toEqual([
      { name: 'Võ Văn Dũng', role: 'Thành ủy viên, Chủ nhiệm Ủy ban Kiểm tra Thành ủy', directs: false },
    ]);
    expect(guests(`${CONGRESS} Ông Lê Văn Bốn, Bí thư Đảng ủy xã biểu dương các chi bộ.`)).toEqual([]);
  });

  it('"Tới dự chúc mừng Đại hội có đồng chí A - ROLE;  đồng chí ROLE B; …" with double spaces and former leaders', () => {
    const p = read(
      `${CONGRESS} Tới dự chúc mừng Đại hội có đồng chí Phạm Quang Nghĩa - Nguyên Ủy viên Bộ Chính trị, nguyên Bí thư Thành ủy Hà Nội;  đồng chí Phó Bí thư Thành ủy Hà Nội Đào Đức Tài;  đồng chí Nguyễn Lan Hương– UVBTV Thành ủy – Chủ tịch UBMTTQ Thành phố;  đại diện các cơ quan, đơn vị trực thuộc TP. Tham dự đại hội còn có 269 đại biểu chính thức, đại diện cho 11.154 đảng viên.`,
    );
    expect(p.attendees.map((a) => a.person)).toEqual([
      { name: 'Phạm Quang Nghĩa', role: 'Nguyên Ủy viên Bộ Chính trị, nguyên Bí thư Thành ủy Hà Nội', directs: false },
      { name: 'Đào Đức Tài', role: 'Phó Bí thư Thành ủy Hà Nội', directs: false },
      { name: 'Nguyễn Lan Hương', role: 'UVBTV Thành ủy – Chủ tịch UBMTTQ Thành phố', directs: false },
    ]);
    expect(p.groups.map((g) => g.value)).toEqual(['đại diện các cơ quan, đơn vị trực thuộc TP']);
  });

  it('"Dự Đại hội có các đồng chí: A, ROLE; B, ROLE; …" then "Về phía Trung ương, các đồng chí: C, ROLE; D, ROLE đến tham dự."', () => {
    const text = [
      CONGRESS,
      'Tham dự Đại hội có các đồng chí: Nguyễn Hồng Lâm, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy; Nguyễn Thị Yên, Phó Bí thư Thường trực Tỉnh ủy; cùng 194 đại biểu, đại diện cho 3.293 đảng viên.',
      'Về phía Trung ương, các đồng chí: Nguyễn Hữu Việt, Hàm Vụ trưởng, Ban Tuyên giáo Trung ương; Trần Minh Phong, Phó Vụ trưởng Vụ địa phương 7, Ủy ban Kiểm tra Trung ương đến tham dự.',
    ].join('\n');
    const p = read(text);
    expect(p.attendees.map((a) => a.person.name)).toEqual(['Nguyễn Hồng Lâm', 'Nguyễn Thị Yên', 'Nguyễn Hữu Việt', 'Trần Minh Phong']);
    expect(p.attendees[3]!.person.role).toBe('Phó Vụ trưởng Vụ địa phương 7, Ủy ban Kiểm tra Trung ương');
    expect(p.groups).toEqual([]);
  });

  it('a shared title before a list opens each listed role', () => {
    expect(
      guests(`${CONGRESS} Dự đại hội có đồng chí Nguyễn Đức Chính, Phó Bí thư Thành ủy, Chủ tịch UBND TP và các đồng chí Ủy viên Ban Thường vụ Thành ủy: Nguyễn Ngọc Tú, Phó Chủ tịch Thường trực HĐND TP; Nguyễn Quốc Hưng, Phó Chủ tịch UBND TP và lãnh đạo các Ban Đảng Thành ủy.`),
    ).toEqual([
      { name: 'Nguyễn Đức Chính', role: 'Phó Bí thư Thành ủy, Chủ tịch UBND TP', directs: false },
      { name: 'Nguyễn Ngọc Tú', role: 'Ủy viên Ban Thường vụ Thành ủy, Phó Chủ tịch Thường trực HĐND TP', directs: false },
      { name: 'Nguyễn Quốc Hưng', role: 'Ủy viên Ban Thường vụ Thành ủy, Phó Chủ tịch UBND TP', directs: false },
    ]);
    expect(
      guestNames(`${CONGRESS} Tới dự đại hội có Phó Bí thư Thường trực Thành ủy Ngô Thị Thanh Hà; các đồng chí Ủy viên Ban Thường vụ Thành ủy: Chủ nhiệm Ủy ban Kiểm tra Thành ủy Hoàng Trọng Quyền, Trưởng ban Tổ chức Thành ủy Vũ Đức Bình…`),
    ).toEqual(['Ngô Thị Thanh Hà', 'Hoàng Trọng Quyền', 'Vũ Đức Bình']);
  });

  it('"Dự, chỉ đạo và chúc mừng Đại hội có …", and a guest after "và khách mời"', () => {
    expect(guestNames(`${CONGRESS} Dự, chỉ đạo và chúc mừng Đại hội có các đồng chí: Nguyễn Hương Giao, Phó Bí thư Tỉnh ủy; Đỗ Đình Hưng, Tỉnh ủy viên.`)).toEqual([
      'Nguyễn Hương Giao',
      'Đỗ Đình Hưng',
    ]);
    expect(read(`${CONGRESS} Dự, chỉ đạo và chúc mừng Đại hội có đồng chí Nguyễn Hương Giao, Phó Bí thư Tỉnh ủy.`).attendees[0]!.person.directs).toBe(true);
    expect(guests(`${CONGRESS} Đến dự có đồng chí Lê Trung Hiếu - Phó Bí thư Đảng ủy, đồng chí Nguyễn Thắng Toàn - Chủ tịch UBND xã và khách mời đồng chí Nguyễn Hữu Thọ - Chủ tịch Hội Cựu chiến binh xã.`)).toEqual([
      { name: 'Lê Trung Hiếu', role: 'Phó Bí thư Đảng ủy', directs: false },
      { name: 'Nguyễn Thắng Toàn', role: 'Chủ tịch UBND xã', directs: false },
      { name: 'Nguyễn Hữu Thọ', role: 'Chủ tịch Hội Cựu chiến binh xã', directs: false },
    ]);
  });

  it('a second list in one sentence ("…; cùng dự có các đồng chí …") does not direct; "dự và phát biểu" attends', () => {
    expect(
      guests(`${CONGRESS} Dự và chỉ đạo đại hội có đồng chí Nguyễn Văn Hải – Phó Bí thư Thường trực Thành ủy; cùng dự có các đồng chí Lê Văn Bình – Trưởng Ban Dân vận Thành ủy; Trần Thị Cúc – Phó Chủ tịch UBND thành phố.`),
    ).toEqual([
      { name: 'Nguyễn Văn Hải', role: 'Phó Bí thư Thường trực Thành ủy', directs: true },
      { name: 'Lê Văn Bình', role: 'Trưởng Ban Dân vận Thành ủy', directs: false },
      { name: 'Trần Thị Cúc', role: 'Phó Chủ tịch UBND thành phố', directs: false },
    ]);
    expect(guestNames(`${CONGRESS} Dự và phát biểu tại hội nghị có đồng chí Nguyễn Văn Hải, Phó Bí thư Tỉnh ủy.`)).toEqual(['Nguyễn Văn Hải']);
    expect(guests(`${CONGRESS} Dự và phát biểu tại hội nghị, bà Nguyễn Thị Hoa, Phó Chủ tịch UBND tỉnh ghi nhận kết quả.`)).toEqual([
      { name: 'Nguyễn Thị Hoa', role: 'Phó Chủ tịch UBND tỉnh', directs: false },
    ]);
    expect(guestNames(`${CONGRESS} Đồng chí Phạm Văn Tư, Phó Bí thư Tỉnh ủy dự và phát biểu tại hội nghị.`)).toEqual(['Phạm Văn Tư']);
  });

  it('a speech salutation "Kính thưa đồng chí A, ROLE;"', () => {
    expect(guests(['Lời khai mạc Đại hội', '- Kính thưa đồng chí Nguyễn Võ Dân, Ủy viên Thường vụ Thành ủy;', '- Thưa các đồng chí đại biểu Đại hội.'].join('\n'))).toEqual([
      { name: 'Nguyễn Võ Dân', role: 'Ủy viên Thường vụ Thành ủy', directs: false },
    ]);
  });

  it('"A-ROLE" without spaces and "đ/c A – Bí Thư …"', () => {
    expect(guests(`${CONGRESS} Dự Đại hội có các đồng chí: Đặng Thị Mỹ Ngọc-Phó Vụ trưởng Vụ Địa phương II-Ban Nội chính Trung ương; Lý Tiết Hạnh-Tỉnh ủy viên, Phó Trưởng đoàn chuyên trách Đoàn Đại biểu Quốc hội tỉnh.`)).toEqual([
      { name: 'Đặng Thị Mỹ Ngọc', role: 'Phó Vụ trưởng Vụ Địa phương II-Ban Nội chính Trung ương', directs: false },
      { name: 'Lý Tiết Hạnh', role: 'Tỉnh ủy viên, Phó Trưởng đoàn chuyên trách Đoàn Đại biểu Quốc hội tỉnh', directs: false },
    ]);
    expect(guests('Sáng 25/3, Đảng ủy thị trấn Phú Lâm tổ chức hội nghị Ban chấp hành mở rộng. Tới dự có đ/c Lê Nguyên Châu – Bí Thư Huyện ủy Phú Tân.')).toEqual([
      { name: 'Lê Nguyên Châu', role: 'Bí Thư Huyện ủy Phú Tân', directs: false },
    ]);
  });

  it('people before the verb, with the delegates after them cut off', () => {
    expect(guestNames(`${CONGRESS} Đại hội có sự tham dự của Phó bí thư Thành ủy Đặng Minh Thông, Phó chủ tịch HĐND thành phố Huỳnh Thanh Nhân cùng 233 đại biểu.`)).toEqual([
      'Đặng Minh Thông',
      'Huỳnh Thanh Nhân',
    ]);
    expect(guestNames(`${CONGRESS} Phó Bí thư Thành ủy Đặng Minh Thông, Phó chủ tịch HĐND thành phố Huỳnh Thanh Nhân cùng 233 đại biểu đại diện cho 3.031 đảng viên đã tham dự đại hội.`)).toEqual([
      'Đặng Minh Thông',
      'Huỳnh Thanh Nhân',
    ]);
    expect(guests(`${CONGRESS} Trưởng Ban Nội chính Tỉnh ủy Lưu Vĩnh Nguyên, đại diện Văn phòng Tỉnh ủy, cùng 218 đại biểu đại diện 7.146 đảng viên đã tham dự đại hội.`)).toEqual([
      { name: 'Lưu Vĩnh Nguyên', role: 'Trưởng Ban Nội chính Tỉnh ủy', directs: false },
    ]);
    expect(guests(`${CONGRESS} Ông Nguyễn Phước Lợi - Phó Bí thư Thành ủy cùng một số lãnh đạo sở ngành và các nguyên lãnh đạo tỉnh qua các thời kỳ đến dự, chỉ đạo Đại hội.`)).toEqual([
      { name: 'Nguyễn Phước Lợi', role: 'Phó Bí thư Thành ủy', directs: true },
    ]);
    expect(guests(`${CONGRESS} Các đồng chí: Nguyễn Hòa Bình, Bí thư Trung ương Đảng; Trần Hồng Hà, Bộ trưởng Bộ TN-MT đã dự Đại hội.`).map((p) => p.name)).toEqual([
      'Nguyễn Hòa Bình',
      'Trần Hồng Hà',
    ]);
  });

  it('someone merely named before an attendance word is not a guest', () => {
    expect(guests(`${CONGRESS} Ông Nguyễn Hữu Hiệp (trưởng Ban dân vận Thành ủy) và ông Lê Minh Dũng (chủ tịch UBND xã) tặng hoa cho mẹ Việt Nam anh hùng tham dự đại hội.`)).toEqual([]);
    expect(guests(`${CONGRESS} Đại biểu dự đại hội có tuổi đời cao nhất là 67. Tham dự Đại hội có 226 đại biểu chính thức.`)).toEqual([]);
  });

  it('keeps each guest once: the first sentence, or the first that says they direct', () => {
    const p = read(`${CONGRESS} Đến dự có các đồng chí: Đặng Minh Thông, Phó Bí thư Thành ủy; Huỳnh Thanh Nhân, Phó Chủ tịch HĐND thành phố. Phát biểu chỉ đạo, Phó Bí thư Thành ủy Đặng Minh Thông đánh giá cao tinh thần đổi mới.`);
    expect(p.attendees.map((a) => [a.person.name, a.person.directs, a.sentence.slice(0, 20)])).toEqual([
      ['Đặng Minh Thông', true, 'Phát biểu chỉ đạo, P'],
      ['Huỳnh Thanh Nhân', false, 'Đến dự có các đồng c'],
    ]);
  });
});
