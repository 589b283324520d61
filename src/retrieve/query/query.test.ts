import { describe, expect, it } from 'vitest';
import { figuresFor, statedFigure } from './check.js';
import { cardField, collectionAsk, detectIntent, detectLanguage, isFunctionSyllable, languageOf, latestSpan, liveDate, pairView, planQuery, resolveFollowUp, smallTalk } from './index.js';
import { plannedTurn } from '../../testing/turns.js';

describe('detectLanguage', () => {
  it.each([
    ['Quận 12 kết nạp bao nhiêu đảng viên?', 'vi'],
    ['quan 12 ket nap bao nhieu dang vien', 'vi'],
    ['ai chu tri hoi nghi lan thu 8 quan 8', 'vi'],
    ['Who chaired the 18th conference of Binh Tan district?', 'en'],
    ['How many party members did District 12 admit?', 'en'],
    // Names with diacritics do not make an English question Vietnamese; a lowercase accented word does.
    ['Who attended and directed the 1st congress of the Bình Giã commune Party committee?', 'en'],
    ['Who chaired Hội nghị lần thứ 8 of District 8?', 'vi'],
    ['Ai chủ trì Hội nghị Quận 8?', 'vi'],
  ] as const)('%s → %s', (q, lang) => expect(detectLanguage(q)).toBe(lang));

  it('says no language for words of neither ("hi", "Binh Tan"): Vietnamese by default', () => {
    expect(languageOf('hi')).toBeNull();
    expect(languageOf('Binh Tan')).toBeNull();
    expect(languageOf('Ai chủ trì?')).toBe('vi');
    expect(detectLanguage('hi')).toBe('vi');
  });
});

describe('detectIntent', () => {
  it.each([
    ['Ai chủ trì hội nghị lần thứ 8 Quận 8?', 'chair'],
    ['ai chu tri hoi nghi quan 11', 'chair'],
    ['Who chaired the meeting?', 'chair'],
    ['Tóm tắt nhiệm kỳ của quận Bình Tân', 'summary'],
    ['tom tat quan 12', 'summary'],
    ['Ai đến dự hội nghị Bình Tân?', 'attendees'],
    ['Who attended the District 12 conference?', 'attendees'],
    ['Hội nghị Quận 8 có những ai?', 'attendees'],
    ['Trưởng ban Tổ chức Thành ủy nào dự ĐH Đảng bộ huyện Ba Vì?', 'attendees'],
    ['Dai hoi Dang bo xa Can Gio co nhung lanh dao thanh pho nao du?', 'attendees'],
    ['Lãnh đạo nào dự kiến tổ chức đại hội?', 'fact'],
    ['Ai phát biểu chỉ đạo Đại hội Đảng bộ xã Phù Mỹ?', 'attendees'],
    ['Who gave the directing speech at the Long Phước ward Party congress?', 'attendees'],
    ['Lãnh đạo nào đánh giá cao kết quả của huyện?', 'fact'],
    ['nhung ai den hoi nghi quan 12', 'attendees'],
    // "những ai" outside a meeting asks for people of any kind.
    ['Gandhi bị những ai phản đối?', 'fact'],
    ['Quận 12 kết nạp bao nhiêu đảng viên?', 'fact'],
    ['Thu ngân sách đạt bao nhiêu so với dự toán?', 'fact'],
    // "hội nghị tổng kết" names a review meeting; "tổng kết nhiệm kỳ" alone asks for a summary.
    ['Hội nghị tổng kết nhiệm kỳ của huyện Bình Chánh diễn ra ngày nào?', 'fact'],
    ['tổng kết nhiệm kỳ huyện Bình Chánh', 'summary'],
  ] as const)('%s → %s', (q, intent) => expect(detectIntent(q)).toBe(intent));
});

describe('cardField', () => {
  it.each([
    ['Đại hội Đảng bộ huyện Chợ Mới diễn ra từ ngày nào đến ngày nào?', 'meetingDate'],
    ['dh dang bo huyen cho moi dien ra may ngay', 'meetingDate'],
    ['How many days did the congress of Cho Moi district last?', 'meetingDate'],
    ['Báo đưa tin hội nghị tổng kết của huyện Bình Chánh vào ngày nào?', 'publishedAt'],
    ['Bài về Đại hội Đảng bộ huyện Hoài Đức đăng ngày nào?', 'publishedAt'],
    ['When was the article on the District 8 conference published?', 'publishedAt'],
    ['Hội nghị lần thứ mấy?', 'meetingNumber'],
    // Who read a speech: its reader opened (or closed) the meeting.
    ['Lời khai mạc đại hội Đảng bộ Q.3 lần thứ mấy, ai đọc?', 'openedBy'],
    ['loi khai mac dai hoi dang bo huyen Tan Lap ai doc', 'openedBy'],
    ['Ai trình bày diễn văn bế mạc Đại hội Đảng bộ quận 5?', 'concludedBy'],
    ['Ai đọc báo cáo chính trị tại Đại hội?', null],
    ['Quận 12 kết nạp bao nhiêu đảng viên?', null],
  ] as const)('%s → %s', (q, field) => expect(cardField(q)).toBe(field));
});

describe('planQuery filters', () => {
  it.each([
    ['Đại hội Đảng bộ quận Tân Phú năm 2010 khai mạc ngày nào?', 2010],
    ['dai hoi dang bo quan tan phu nam 2010 khai mac ngay nao', 2010],
    ['Who attended the 2020 congress of Thanh Hà district?', 2020],
    // A target, a period or a term is no meeting year; nor is a year outside a meeting question.
    ['Hội nghị Quận 8 đề ra mục tiêu đến năm 2030 là gì?', null],
    ['Đại hội Đảng bộ quận Tân Phú nhiệm kỳ 2020-2025 khai mạc ngày nào?', null],
    ['Dân số Quận 8 năm 2020 là bao nhiêu?', null],
    ['Năm 2022 Đảng bộ huyện Chương Mỹ kết nạp được bao nhiêu đảng viên?', null],
    ['Hội nghị tổng kết công tác năm 2022 của Quận 8 diễn ra ngày nào?', null],
  ] as const)('meeting year: %s → %s', (q, year) => {
    const p = planQuery(q);
    expect(p.year).toBe(year);
    if (year !== null) expect(p.requiredNumbers).not.toContain(String(year));
  });
  it('district and meeting number, with and without diacritics', () => {
    for (const q of [
      'Ai chủ trì Hội nghị lần thứ 8 Quận 8?',
      'ai chu tri hoi nghi lan thu 8 quan 8',
      'Ai chủ trì HN lần 8 Q8?',
      'Who chaired the 8th conference of District 8?',
      'Ai chủ trì hội nghị lần thứ tám Quận 8?',
      'ai chu tri hoi nghi lan thu tam quan 8',
    ]) {
      const p = planQuery(q);
      expect(p.units.map((d) => d.id), q).toEqual(['quan-8']);
      expect(p.meeting?.value, q).toBe(8);
    }
  });

  it('meeting numbers in words: "lần thứ mười hai", and the words are not content terms', () => {
    const p = planQuery('Quận 12 họp hội nghị lần thứ mười hai ngày nào?');
    expect(p.meeting?.value).toBe(12);
    expect(p.termWeights.get('muoi')).toBe(0); // part of the filter span, not content
    expect(planQuery('hoi nghi lan thu muoi tam cua binh tan').meeting?.value).toBe(18);
  });

  it('"lần thứ N" outside a meeting is not a meeting filter', () => {
    expect(planQuery('Quốc gia nào đã đẩy Canada vào cuộc chiến tranh thế giới lần thứ nhất?').meeting).toBeNull();
    expect(planQuery('Việc các đời tổng thống không tranh cử lần thứ ba bắt đầu từ khi nào?').meeting).toBeNull();
    expect(planQuery('Ông tái đắc cử lần thứ 3 năm nào?').meeting).toBeNull();
    expect(planQuery('Quận 8 họp lần thứ 8 khi nào?').meeting?.value).toBe(8);
  });

  it('Q.12 and quan 12 are Quận 12, never Quận 1', () => {
    expect(planQuery('Q.12 thu ngân sách bao nhiêu').units.map((d) => d.label)).toEqual(['Quận 12']);
    expect(planQuery('quan 12 ket nap bao nhieu dang vien').units.map((d) => d.label)).toEqual(['Quận 12']);
  });

  it('term and congress', () => {
    const p = planQuery('Kết quả nhiệm kỳ 2025 - 2030 của Quận 12, khóa XIII');
    expect(p.term).toBe('2025-2030');
    expect(p.khoa).toBe('XIII');
    expect(p.requiredNumbers).not.toContain('2025');
  });

  it('a year range is a term only when the question speaks of a term', () => {
    expect(planQuery('Quận 12 nhiệm kỳ 2020-2025 kết nạp bao nhiêu đảng viên').term).toBe('2020-2025');
    expect(planQuery('Which term, 2020-2025?').term).toBe('2020-2025');
    const p = planQuery('Tổng sản lượng Hoa Kỳ thay đổi thế nào trong các năm từ 1932-1940?');
    expect(p.term).toBeNull();
    expect(p.requiredNumbers).toEqual(expect.arrayContaining(['1932', '1940']));
  });

  it('filter tokens leave the clauses and weigh 0; question words weigh little', () => {
    const p = planQuery('quan 12 ket nap bao nhieu dang vien');
    expect(p.clauses.flat()).toEqual(expect.arrayContaining(['ket', 'nap', 'dang', 'vien']));
    expect(p.clauses.flat()).not.toContain('12');
    expect(p.termWeights.get('12')).toBe(0);
    expect(p.termWeights.get('bao')).toBeLessThan(p.termWeights.get('nap')!);
    expect(p.accented).toBe(false);
  });

  it('English questions are expanded with Vietnamese domain terms', () => {
    const p = planQuery('How many party members did District 12 admit?');
    expect(p.language).toBe('en');
    expect(p.text).toContain('đảng viên');
    expect(p.clauses.flat()).toEqual(expect.arrayContaining(['kết', 'nạp']));
    expect(p.clauses.flat()).not.toContain('how');
  });
});

describe('resolveFollowUp', () => {
  it('swaps the district for "còn quận 8 thì sao?"', () => {
    expect(resolveFollowUp('còn quận 8 thì sao?', plannedTurn('Quận 12 kết nạp bao nhiêu đảng viên?'))).toBe('quận 8 kết nạp bao nhiêu đảng viên?');
  });

  it('drops the meeting number when the district changes', () => {
    expect(resolveFollowUp('còn quận 11 thì sao?', plannedTurn('Ai chủ trì Hội nghị lần thứ 8 Quận 8?'))).toBe('Ai chủ trì Hội nghị quận 11?');
  });

  it('adds the previous meeting to "ai chủ trì?"', () => {
    const r = resolveFollowUp('ai chủ trì?', plannedTurn('Hội nghị lần thứ 8 Quận 8 thu ngân sách đạt bao nhiêu?'));
    expect(r).toContain('Quận 8');
    expect(r).toContain('lần thứ 8');
    expect(planQuery(r).intent).toBe('chair');
  });

  it('asks the previous question again for a unit named alone (also the answer to "which unit?"), in place of its unit', () => {
    expect(resolveFollowUp('Quận 8', plannedTurn('ai chủ trì?'))).toBe('ai chủ trì? (Quận 8)');
    expect(planQuery(resolveFollowUp('Quận 8', plannedTurn('ai chủ trì?'))).units.map((u) => u.label)).toEqual(['Quận 8']);
    expect(resolveFollowUp('quận Bình Tân', plannedTurn('ai chủ trì hội nghị quận Bìnhh Tân?'))).toBe('ai chủ trì hội nghị quận Bình Tân?');
    expect(resolveFollowUp('Quận 11', plannedTurn('Ai chủ trì Hội nghị lần thứ 8 Quận 8?'))).toBe('Ai chủ trì Hội nghị Quận 11?');
    expect(resolveFollowUp('Quận 12', plannedTurn('hi'))).toBe('Quận 12');
  });

  it('leaves small talk alone ("cảm ơn" is about no meeting)', () => {
    expect(resolveFollowUp('cảm ơn', plannedTurn('Ai chủ trì Hội nghị lần thứ 8 Quận 8?'))).toBe('cảm ơn');
    expect(resolveFollowUp('hi', plannedTurn('Quận 12 kết nạp bao nhiêu đảng viên?'))).toBe('hi');
  });

  it('leaves standalone questions alone', () => {
    expect(resolveFollowUp('Ai chủ trì hội nghị Quận 11?', plannedTurn('Quận 12 kết nạp bao nhiêu đảng viên?'))).toBe('Ai chủ trì hội nghị Quận 11?');
    expect(resolveFollowUp('Quận 12 kết nạp bao nhiêu đảng viên?', undefined)).toBe('Quận 12 kết nạp bao nhiêu đảng viên?');
  });
});

describe('question clauses (input to compound segmentation)', () => {
  it('drop filter spans and split at punctuation, keeping capitalisation per syllable', () => {
    const p = planQuery('Hội nghị Quận 8 thuộc khóa mấy, nhiệm kỳ nào?');
    expect(p.clauses).toEqual([['hội', 'nghị'], ['thuộc', 'khóa', 'mấy'], ['nhiệm', 'kì', 'nào']]); // i/y spelling canonical (tokenize.ts)
    expect(p.clauseCaps[0]).toEqual([false, false]); // sentence-initial capital is not a name
  });

  it('cut the meeting span found without diacritics out of the accented text', () => {
    expect(planQuery('Ai kết luận hội nghị lần thứ 18 quận Bình Tân?').clauses).toEqual([['ai', 'kết', 'luận']]);
  });

  it('mark names', () => {
    const p = planQuery('Cuộc bê bối con tin Iran diễn ra trong bao lâu?');
    const i = p.clauses[0]!.indexOf('iran');
    expect(p.clauseCaps[0]![i]).toBe(true);
    expect(p.clauseCaps[0]![i - 1]).toBe(false);
  });

  it('English: glossary terms are clauses, untranslated words single-syllable clauses', () => {
    const p = planQuery('What is the gold price in District 12?');
    expect(p.untranslated).toEqual(['gold', 'price']);
    expect(p.clauses).toEqual([['gold'], ['price']]);
    expect(planQuery('How many party members did District 12 admit?').clauses).toEqual([
      ['kết', 'nạp', 'đảng', 'viên'],
      ['đảng', 'viên'],
      ['bao', 'nhiêu'],
    ]);
  });

  it('drop "làm" introducing a post after a designation verb, keep it elsewhere', () => {
    expect(planQuery('Ai được chỉ định làm Bí thư Đảng ủy?').clauses).toEqual([['ai', 'được', 'chỉ', 'định'], ['bí', 'thư', 'đảng', 'ủy']]);
    expect(planQuery('ai duoc bau lam pho bi thu').clauses).toEqual([['ai', 'duoc', 'bau'], ['pho', 'bi', 'thu']]);
    expect(planQuery('Quận 8 giải quyết việc làm cho bao nhiêu người?').clauses.flat()).toContain('làm');
    expect(planQuery('Ai làm Bí thư Đảng ủy?').clauses.flat()).toContain('làm');
    // "cũ" (former) folds like "cử" (to appoint): only the accented verb counts in an accented question.
    expect(planQuery('Bí thư cũ làm gì sau đại hội?').clauses.flat()).toContain('làm');
  });

  it('a province printed after a known unit qualifies it', () => {
    expect(planQuery('Bí thư huyện Cần Giờ (TPHCM) nhiệm kỳ 2020-2025 là ai?').qualifiers).toEqual(['TPHCM']);
    expect(planQuery('Bí thư Huyện ủy Cần Giờ, TP HCM là ai?').qualifiers).toEqual(['TP HCM']);
    expect(planQuery('Quận 8 (TP.HCM) kết nạp bao nhiêu đảng viên?').qualifiers).toEqual(['TP.HCM']);
    // Only after a unit the gazetteer knows: an unknown place's words stay content.
    expect(planQuery('Bí thư xã Không Có Thật (TPHCM) là ai?').qualifiers).toEqual([]);
    expect(planQuery('Quận 8, Quận 12 kết nạp bao nhiêu đảng viên?').qualifiers).toEqual([]);
    expect(planQuery('Đại hội huyện Cần Giờ (lần thứ XII) diễn ra khi nào?').qualifiers).toEqual([]);
  });

  it('function words and lookup views', () => {
    expect(isFunctionSyllable('là')).toBe(true);
    expect(isFunctionSyllable('la')).toBe(true);
    expect(isFunctionSyllable('đảng')).toBe(false);
    expect(pairView('kết_nạp')).toBe('exact');
    expect(pairView('ket_nap')).toBe('folded');
  });
});

describe('liveDate (questions about the present moment)', () => {
  const now = new Date(2026, 10, 21, 9, 0);
  it.each([
    ['giá vàng hôm nay bao nhiêu', '2026-11-21'],
    ['Tối nay Việt Nam đá với Thái Lan mấy giờ?', '2026-11-21'],
    ['thời tiết Sài Gòn ngày mai thế nào?', '2026-11-22'],
    ['What is the gold price in Hanoi today?', '2026-11-21'],
    ['Q.12 tổng số đảng viên hiện nay là bao nhiêu', null],
    ['Quận 11 họp BCH lần thứ mấy hôm 12/10?', null],
    ['bây giờ giá xăng bao nhiêu', '2026-11-21'],
    ['Cuộc vận động tranh cử diễn ra trong tình hình như thế nào tại Hoa Kỳ lúc bấy giờ?', null],
    ['Hầu hết các loài kiến còn tồn tại đến bây giờ sinh sống ở đâu?', null],
    ['từ trước tới nay quận 8 kết nạp bao nhiêu đảng viên', null],
    ['tu truoc den nay quan 8 ket nap bao nhieu dang vien', null],
    ['Kết quả trận Việt Nam - Thái Lan tối qua thế nào?', '2026-11-20'],
    ['Thời tiết Đà Nẵng cuối tuần này thế nào?', '2026-11-21'],
    ['ket qua tran viet nam thai lan toi qua', '2026-11-20'],
    ['Who won the match last night?', '2026-11-20'],
    ['Tôi qua Quận 8 hỏi: hội nghị lần thứ 8 ai chủ trì?', null],
  ])('%s → %s', (q, want) => expect(liveDate(q, now)).toBe(want));

  it('becomes the plan field', () => {
    expect(planQuery('tỷ giá USD hôm nay').liveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(planQuery('Quận 12 kết nạp bao nhiêu đảng viên?').liveFrom).toBeNull();
  });
});

describe('questions about the collection', () => {
  it.each([
    ['Hội nghị gần đây nhất là gì?', { kind: 'latest', event: 'conference' }],
    ['dai hoi moi nhat la dai hoi nao', { kind: 'latest', event: 'congress' }],
    ['What was the most recent meeting?', { kind: 'latest', event: null }],
    ['Có bao nhiêu hội nghị?', { kind: 'count', event: 'conference' }],
    ['Quận 8 có mấy cuộc họp?', { kind: 'count', event: null }],
    ['How many congresses are there?', { kind: 'count', event: 'congress' }],
    ['Quận 3 có những đại hội nào?', { kind: 'list', event: 'congress' }],
    ['Liệt kê các hội nghị của huyện Xuyên Mộc', { kind: 'list', event: 'conference' }],
    ['Trần Văn A chủ trì những hội nghị nào?', { kind: 'list', event: 'conference' }],
    ['Which meetings did Quận 8 hold?', { kind: 'list', event: null }],
  ] as const)('%s', (q, ask) => expect(collectionAsk(q)).toEqual(ask));

  it.each([
    'Hội nghị lần thứ mấy?',
    'Đại hội có bao nhiêu đại biểu dự?',
    'Tại hội nghị gần nhất, Quận 8 kết nạp bao nhiêu đảng viên?',
    'Hội nghị nào quyết định kỷ luật ông A?',
    'Quận 12 kết nạp bao nhiêu đảng viên?',
  ])('%s is not one', (q) => expect(collectionAsk(q)).toBeNull());

  it('"gần đây nhất" is a filter span; a field of the latest meeting stays a field question', () => {
    expect(latestSpan('Tại hội nghị gần đây nhất, Quận 8 kết nạp bao nhiêu đảng viên?')).toBe('gan day nhat');
    expect(latestSpan('Quận 8 kết nạp bao nhiêu đảng viên?')).toBeNull();
    const p = planQuery('Hội nghị gần đây nhất của Quận 12 diễn ra ngày nào?');
    expect([p.collection, p.latest, p.cardField]).toEqual([null, true, 'meetingDate']);
    expect(p.termWeights.get('gan_day')).toBe(0);
    expect(planQuery('Ai chủ trì hội nghị gần nhất?')).toMatchObject({ collection: null, latest: true, intent: 'chair' });
  });

  it.each([
    ['hi', { kind: 'greeting', english: false }],
    ['Xin chào bạn!', { kind: 'greeting', english: false }],
    ['cam on ban nhieu', { kind: 'thanks', english: false }],
    ['Thank you so much!', { kind: 'thanks', english: true }],
    ['chào, ai chủ trì hội nghị?', null],
    ['cảm ơn, còn quận 11?', null],
  ] as const)('small talk: %s', (q, talk) => expect(smallTalk(q)).toEqual(talk));
});

describe('yes/no checks of a stated figure', () => {
  it.each([
    // The numbers the filters left (the unit's "12" is not one).
    ['Quận 12 kết nạp 600 đảng viên đúng không?', ['600'], { value: '600', noun: 'dang vien' }],
    ['quan 12 ket nap 596 dang vien phai khong', ['596'], { value: '596', noun: 'dang vien' }],
    ['Tỷ lệ 56,9% có đúng không?', ['56,9'], { value: '56,9', noun: '%' }],
    ['Quận 12 kết nạp 600 đảng viên?', ['600'], null],
    ['Tổng số đảng viên là 9.308 đúng không?', ['9308'], null],
    ['Quận 12 kết nạp 600 đảng viên đúng không?', [], null],
  ] as const)('%s', (q, required, figure) => expect(statedFigure(q, required)).toEqual(figure));

  it('the checked number is not required of the article', () => {
    expect(planQuery('Quận 12 kết nạp 600 đảng viên đúng không?').requiredNumbers).toEqual([]);
  });

  it('reads the figure printed for the noun, as printed', () => {
    expect(figuresFor('Đã kết nạp được 596 đảng viên, đạt tỷ lệ 56,9%.', 'dang vien')).toEqual([{ value: '596', text: '596 đảng viên' }]);
    expect(figuresFor('Tổng số 9.308 đảng viên, tăng 641 đảng viên.', 'dang vien').map((f) => f.value)).toEqual(['9.308', '641']);
    expect(figuresFor('đạt tỷ lệ 56,9%.', '%')).toEqual([{ value: '56,9', text: '56,9%' }]);
  });
});

describe('unaccented phrases are not places', () => {
  it('"la gi" is "là gì", not thị xã La Gi; with its kind word it is the town', () => {
    expect(planQuery('hoi nghi gan day nhat la gi').unitMentions).toEqual([]);
    expect(planQuery('thi xa la gi ket nap bao nhieu dang vien').unitMentions.map((m) => m.label)).toEqual(['thị xã La Gi']);
  });
});
