/** Test helper: small synthetic district-report corpora (JSON Lines), deterministic, for load and crash tests. */

/** `n` short ward-committee reports as JSON Lines; `version` changes every text (so a re-ingest must update them). */
export function wardReports(n: number, version = 0): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const text = [
      `Hội nghị Ban Chấp hành Đảng bộ phường ${i} lần thứ ${version}`,
      `Ngày ${1 + (i % 28)}/3, Đảng ủy phường ${i} tổ chức hội nghị lần thứ ${version}, đánh giá kết quả thực hiện nhiệm vụ quý I.`,
      `Phường đã kết nạp ${10 + ((i * 7 + version) % 90)} đảng viên mới, thu ngân sách đạt ${50 + (i % 50)}% dự toán năm; giải ngân vốn đầu tư công đạt ${(i * 13) % 100}%.`,
      `Hội nghị thống nhất các giải pháp trọng tâm về cải cách hành chính, chỉnh trang đô thị, bảo đảm an ninh trật tự trong quý II (bản ${version}).`,
    ].join('\n\n');
    lines.push(JSON.stringify({ id: `p-${i}`, title: `Hội nghị lần thứ ${version} phường ${i}`, date: '2024-03-15', url: null, text }));
  }
  return lines.join('\n') + '\n';
}
