import { describe, expect, it } from 'vitest';
import { planQuery } from './plan.js';

describe('compareAsk (through planQuery)', () => {
  it.each([
    ['Quận nào kết nạp nhiều đảng viên nhất?', 'most', 'ket nap dang vien'],
    ['quan nao ket nap nhieu dang vien nhat', 'most', 'ket nap dang vien'],
    ['Đơn vị nào có tăng trưởng kinh tế cao nhất?', 'most', 'tang truong kinh te'],
    ['Huyện nào thu ngân sách thấp nhất?', 'least', 'thu ngan sach'],
    ['so sánh thu ngân sách các quận', 'compare', 'thu ngan sach'],
    ['Which district admitted the most party members?', 'most', 'ket nap dang vien'],
  ])('%s', (q, kind, indicator) => {
    const c = planQuery(q).compare;
    expect(c?.kind).toBe(kind);
    expect(c?.indicator.join(' ')).toBe(indicator);
  });

  it('compares coordinated units as one question', () => {
    const p = planQuery('So sánh số đảng viên kết nạp của Quận 8 và Quận 12');
    expect(p.compare?.indicator.sort()).toEqual(['dang', 'ket', 'nap', 'vien']);
    expect(p.units.map((u) => u.label)).toEqual(['Quận 8', 'Quận 12']);
  });

  it.each(['Quận nào có nhiều hội nghị nhất?', 'Chỉ tiêu nào đạt cao nhất?', 'Quận 12 kết nạp bao nhiêu đảng viên?', 'Ai có số phiếu cao nhất?'])(
    'is no comparison of units: %s',
    (q) => expect(planQuery(q).compare).toBeNull(),
  );
});
