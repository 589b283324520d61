import { describe, expect, it } from 'vitest';
import { canonicalNumber, canonicalSpelling, exactTokens, foldedTokens, keywordTokenProbe, keywordTokens, syllables } from './tokenize.js';

describe('tokenize', () => {
  it('keeps numbers whole and canonical', () => {
    expect(syllables('Quận 12 có 9.308 đảng viên, đạt 104,99%')).toEqual(['quận', '12', 'có', '9308', 'đảng', 'viên', 'đạt', '104,99']);
    expect(canonicalNumber('4.465,775')).toBe('4465,775');
    expect(canonicalNumber('56,9')).toBe('56,9');
  });

  it('"12" never yields "1"', () => {
    expect(foldedTokens('Quận 12')).not.toContain('1');
    expect(foldedTokens('Quận 12')).toContain('quan_12');
    expect(foldedTokens('Quận 1')).not.toContain('quan_12');
  });

  it('makes accented and folded bigrams', () => {
    const t = keywordTokens('Đồng chí Võ Ngọc Quốc Thuận chủ trì hội nghị');
    expect(t.exact).toContain('chủ_trì');
    expect(t.folded).toContain('chu_tri');
    expect(t.folded).toContain('hoi_nghi');
  });

  it('expands administrative abbreviations of titles, so they match the words spelled out', () => {
    expect(foldedTokens('Chủ nhiệm UBKT Thành ủy')).toContain('uy_ban');
    expect(foldedTokens('Chủ nhiệm UBKT Thành ủy')).toContain('kiem_tra');
    expect(foldedTokens('UVBTV Thành ủy')).toContain('thuong_vu');
    expect(foldedTokens('Trưởng Đoàn ĐBQH tỉnh')).toContain('quoc_hoi');
  });

  it('does not join bigrams across punctuation', () => {
    expect(exactTokens('ngân sách. Quận')).not.toContain('sách_quận');
  });

  it('matches unaccented queries to accented text', () => {
    const doc = new Set(foldedTokens('Quận 12 kết nạp được 596 đảng viên'));
    for (const t of foldedTokens('quan 12 ket nap bao nhieu dang vien').filter((x) => x.includes('_') && !x.includes('bao') && !x.includes('nhieu'))) {
      if (t === 'nap_bao' || t === 'nhieu_dang') continue;
      expect(doc.has(t), t).toBe(true);
    }
  });

  it('normalises tone placement and NFD', () => {
    expect(exactTokens('Quận uỷ')).toEqual(exactTokens('Quận ủy'.normalize('NFD')));
  });
});

describe('canonicalSpelling', () => {
  it('makes the i and y spellings of one word one token', () => {
    expect(exactTokens('thời kỳ')).toEqual(exactTokens('thời kì'));
    expect(foldedTokens('tỷ lệ')).toEqual(foldedTokens('ti le'));
    expect(foldedTokens('kinh tế Mỹ')).toEqual(foldedTokens('kinh tế Mĩ'));
    expect(syllables('Quý IV')).toEqual(syllables('quí iv'));
  });

  it('leaves other y syllables alone', () => {
    expect(syllables('ý kiến, ấy, may, quyết, Nguyễn, thúy')).toEqual(['ý', 'kiến', 'ấy', 'may', 'quyết', 'nguyễn', 'thúy']);
  });

  it('maps one syllable', () => {
    expect(canonicalSpelling('kỳ')).toBe('kì');
    expect(canonicalSpelling('quý')).toBe('quí');
    expect(canonicalSpelling('ký')).toBe('kí');
    expect(canonicalSpelling('gì')).toBe('gì');
  });
});

describe('hyphens and decimal points', () => {
  it('a hyphen inside a word joins syllables instead of breaking the clause', () => {
    expect(foldedTokens('tiêm vắc-xin miễn phí')).toEqual(foldedTokens('tiêm vắc xin miễn phí'));
    expect(exactTokens('nhiệm kỳ 2020-2025')).not.toContain('2020_2025');
  });

  it('a decimal point is the decimal comma; thousands stay whole', () => {
    expect(syllables('3.2% và 6.05%')).toEqual(syllables('3,2% và 6,05%'));
    expect(syllables('9.308 đảng viên')).toEqual(['9308', 'đảng', 'viên']);
  });
});

describe('keywordTokenProbe', () => {
  const texts = [
    'Quận 12 kết nạp 596 đảng viên mới; UBND quận tổng kết nhiệm kỳ 2020-2025.',
    'Thu ngân sách đạt 104,99% dự toán (tăng 3.2%), vắc-xin: 9.308 liều — "Đại hội" lần thứ XII.',
    'Tỉ lệ hộ nghèo ở Mĩ Tho giảm.\nQuận ủy Quận 1, HĐND và MTTQ.',
    '',
  ];
  it('holds exactly the tokens of keywordTokens (both views, unigrams and bigrams)', () => {
    for (const text of texts) {
      const t = keywordTokens(text);
      const all = new Set([...t.exact, ...t.folded]);
      const probe = keywordTokenProbe(text);
      for (const term of all) expect(probe.has(term), term).toBe(true);
      // Pairs of pieces that are not adjacent in one clause, and terms that are no token.
      const unigrams = [...all].filter((x) => !x.includes('_'));
      for (const a of unigrams) for (const b of unigrams) expect(probe.has(`${a}_${b}`), `${a}_${b}`).toBe(all.has(`${a}_${b}`));
      for (const term of ['', '_', 'quận_', '_quận', 'a_b_c', 'quận_12_kết', 'Quận', 'khong_co']) expect(probe.has(term), term).toBe(all.has(term));
    }
  });
});
