import { describe, expect, it } from 'vitest';
import { detectIntent, detectLanguage, planQuery, resolveFollowUp } from './query.js';

describe('detectLanguage', () => {
  it.each([
    ['Quận 12 kết nạp bao nhiêu đảng viên?', 'vi'],
    ['quan 12 ket nap bao nhieu dang vien', 'vi'],
    ['ai chu tri hoi nghi lan thu 8 quan 8', 'vi'],
    ['Who chaired the 18th conference of Binh Tan district?', 'en'],
    ['How many party members did District 12 admit?', 'en'],
  ] as const)('%s → %s', (q, lang) => expect(detectLanguage(q)).toBe(lang));
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
    ['Quận 12 kết nạp bao nhiêu đảng viên?', 'fact'],
    ['Thu ngân sách đạt bao nhiêu so với dự toán?', 'fact'],
  ] as const)('%s → %s', (q, intent) => expect(detectIntent(q)).toBe(intent));
});

describe('planQuery filters', () => {
  it('district and meeting number, with and without diacritics', () => {
    for (const q of ['Ai chủ trì Hội nghị lần thứ 8 Quận 8?', 'ai chu tri hoi nghi lan thu 8 quan 8', 'Ai chủ trì HN lần 8 Q8?', 'Who chaired the 8th conference of District 8?']) {
      const p = planQuery(q);
      expect(p.districts.map((d) => d.id), q).toEqual(['quan-8']);
      expect(p.meetingNumber, q).toBe(8);
    }
  });

  it('Q.12 and quan 12 are Quận 12, never Quận 1', () => {
    expect(planQuery('Q.12 thu ngân sách bao nhiêu').districts.map((d) => d.name)).toEqual(['Quận 12']);
    expect(planQuery('quan 12 ket nap bao nhieu dang vien').districts.map((d) => d.name)).toEqual(['Quận 12']);
  });

  it('term and congress', () => {
    const p = planQuery('Kết quả nhiệm kỳ 2025 - 2030 của Quận 12, khóa XIII');
    expect(p.term).toBe('2025-2030');
    expect(p.congress).toBe('XIII');
    expect(p.requiredNumbers).not.toContain('2025');
  });

  it('content terms drop question words and filter tokens', () => {
    const p = planQuery('quan 12 ket nap bao nhieu dang vien');
    expect(p.contentTerms).toEqual(expect.arrayContaining(['ket', 'nap', 'vien']));
    expect(p.contentTerms).not.toContain('bao');
    expect(p.contentTerms).not.toContain('12');
    expect(p.accented).toBe(false);
  });

  it('English questions are expanded with Vietnamese domain terms', () => {
    const p = planQuery('How many party members did District 12 admit?');
    expect(p.language).toBe('en');
    expect(p.text).toContain('đảng viên');
    expect(p.contentTerms).toEqual(expect.arrayContaining(['ket', 'nap']));
    expect(p.contentTerms).not.toContain('how');
  });
});

describe('resolveFollowUp', () => {
  it('swaps the district for "còn quận 8 thì sao?"', () => {
    expect(resolveFollowUp('còn quận 8 thì sao?', ['Quận 12 kết nạp bao nhiêu đảng viên?'])).toBe('quận 8 kết nạp bao nhiêu đảng viên?');
  });

  it('drops the meeting number when the district changes', () => {
    expect(resolveFollowUp('còn quận 11 thì sao?', ['Ai chủ trì Hội nghị lần thứ 8 Quận 8?'])).toBe('Ai chủ trì Hội nghị quận 11?');
  });

  it('adds the previous meeting to "ai chủ trì?"', () => {
    const r = resolveFollowUp('ai chủ trì?', ['Hội nghị lần thứ 8 Quận 8 thu ngân sách đạt bao nhiêu?']);
    expect(r).toContain('Quận 8');
    expect(r).toContain('lần thứ 8');
    expect(planQuery(r).intent).toBe('chair');
  });

  it('leaves standalone questions alone', () => {
    expect(resolveFollowUp('Ai chủ trì hội nghị Quận 11?', ['Quận 12 kết nạp bao nhiêu đảng viên?'])).toBe('Ai chủ trì hội nghị Quận 11?');
    expect(resolveFollowUp('Quận 12 kết nạp bao nhiêu đảng viên?', [])).toBe('Quận 12 kết nạp bao nhiêu đảng viên?');
  });
});
