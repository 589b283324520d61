import { describe, expect, it } from 'vitest';
import { MEETING_FRAME, meetingFrameOf } from './common.js';

describe('meetingFrameOf', () => {
  it('adds the qualifier printed right after a meeting noun, accented or not', () => {
    expect(meetingFrameOf('Đại hội điểm Đảng bộ phường Hải An có bao nhiêu đại biểu?').has('diem')).toBe(true);
    expect(meetingFrameOf('dai hoi diem phuong Hai An co bao nhieu dai bieu').has('diem')).toBe(true);
    const extra = meetingFrameOf('Hội nghị bất thường của Quận 8 quyết định gì?');
    expect(['bat', 'thuong'].every((w) => extra.has(w))).toBe(true);
  });

  it('keeps the same words elsewhere in the question', () => {
    // "điểm" not right after a meeting noun ("điểm sáng", "điểm nghẽn") still has to be supported.
    expect(meetingFrameOf('Đại hội Đảng bộ Quận 8 nêu những điểm nghẽn nào?')).toBe(MEETING_FRAME);
    expect(meetingFrameOf('Hội nghị bàn về mở rộng sản xuất thế nào?')).toBe(MEETING_FRAME);
    expect(meetingFrameOf('Quận 12 kết nạp bao nhiêu đảng viên?')).toBe(MEETING_FRAME);
  });
});
