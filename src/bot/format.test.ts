import { describe, expect, it } from 'vitest';
import { answer, citation, CORPUS, eventCard, NOT_GROUNDED } from '../testing/telegram-fixtures.js';
import { exampleQuestions, formatAnswer, formatCitationDetail, formatDate, formatDistricts, formatEventCard, formatHelp, formatStart } from './format.js';
import { htmlToPlain } from './html.js';

describe('formatDate', () => {
  it('renders Vietnamese day/month/year', () => {
    expect(formatDate('2022-07-12')).toBe('12/07/2022');
    expect(formatDate('2023-03')).toBe('03/2023');
    expect(formatDate(null)).toBe('');
  });
});

describe('formatAnswer', () => {
  it('puts a grounded answer’s first line (its direct answer) in bold, escaped; a refusal stays plain', () => {
    const html = formatAnswer(answer({ answer: '596 đảng viên <x> [1]\nTheo bài viết về Quận 12:\n• Câu [1]' }));
    expect(html.startsWith('<b>596 đảng viên &lt;x&gt; [1]</b>\nTheo bài viết về Quận 12:')).toBe(true);
    expect(formatAnswer(NOT_GROUNDED)).not.toContain('<b>');
  });

  it('marks an extractive answer standing in for a failed LLM one, escaped', () => {
    const html = formatAnswer(answer({ fallbackReason: 'LLM không phản hồi: <timeout>' }));
    expect(html.endsWith('\n\n<i>(LLM không phản hồi: &lt;timeout&gt;)</i>')).toBe(true);
    expect(formatAnswer({ ...NOT_GROUNDED, fallbackReason: 'x' })).toBe(`${NOT_GROUNDED.answer}\n\n<i>(x)</i>`);
    expect(formatAnswer(answer({ mode: 'llm', fallbackReason: 'ignored' }))).not.toContain('ignored');
  });

  it('keeps [n] markers and adds a sources block: title — district — date, linked', () => {
    const html = formatAnswer(answer({ citations: [citation(1), citation(2, { url: null, title: 'Bài thứ hai', unit: null })] }));
    expect(html).toContain('chủ trì hội nghị [1].');
    expect(html).toContain('\n\n<b>Nguồn:</b>\n');
    expect(html).toContain(
      '[1] <a href="https://thanhuytphcm.vn/tin-tuc/quan-8-hoi-nghi-lan-thu-8">Tăng tốc triển khai các giải pháp phục hồi, phát triển kinh tế -xã hội</a> — Quận 8 — 12/07/2022',
    );
    expect(html).toContain('[2] Bài thứ hai — 12/07/2022');
  });

  it('shows the outlet and the labelled publication date of a citation made with its article; none when unknown', () => {
    const known = formatAnswer(answer({ citations: [citation(1, { url: null, outlet: 'Thanhuytphcm.vn', published: '2022-10-06' })] }));
    expect(known).toContain('[1] Tăng tốc triển khai các giải pháp phục hồi, phát triển kinh tế -xã hội — Quận 8 — Thanhuytphcm.vn — đăng ngày 06/10/2022');
    const unknown = formatAnswer(answer({ citations: [citation(1, { url: null, outlet: null, published: null })] }));
    expect(unknown.split('<b>Nguồn:</b>\n')[1]).toBe('[1] Tăng tốc triển khai các giải pháp phục hồi, phát triển kinh tế -xã hội — Quận 8');
    expect(formatAnswer(answer({ language: 'en', citations: [citation(1, { published: '2022-10-06' })] }))).toContain('— published 06/10/2022');
  });

  it('puts each quote line in an expandable blockquote, escaped; other lines stay text', () => {
    const html = formatAnswer(answer({ answer: 'Người chủ trì: A. [1]\nHội nghị lần thứ 8.\n«Đồng chí A <x> chủ trì hội nghị.» [1]\n• Câu «trích» giữa dòng [1]' }));
    expect(html).toContain('\n<blockquote expandable>“Đồng chí A &lt;x&gt; chủ trì hội nghị.” [1]</blockquote>\n');
    expect(html).toContain('\n• Câu “trích” giữa dòng [1]');
    expect(html.match(/<blockquote/g)).toHaveLength(1);
  });

  it('lists an article cited by several markers once, with its markers as ranges', () => {
    const other = { source: 'b.txt', title: 'Bài thứ hai', url: null };
    const html = formatAnswer(answer({ citations: [citation(1), citation(2), citation(3, other), citation(4), citation(5, other)] }));
    const sources = html.split('<b>Nguồn:</b>\n')[1]!.split('\n');
    expect(sources).toHaveLength(2);
    expect(sources[0]).toMatch(/^\[1–2, 4\] <a href=/);
    expect(sources[1]).toBe('[3, 5] Bài thứ hai — Quận 8 — 12/07/2022');
  });

  it('escapes hostile article and answer text', () => {
    const html = formatAnswer(
      answer({
        answer: 'Kết quả <script>alert(1)</script> & <b>đậm [1]',
        citations: [citation(1, { title: '</a><b>Tiêu đề & "trích"', unit: '<i>Quận 8', url: 'https://x.vn/?a=1&b="2"' })],
      }),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('Kết quả &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;đậm [1]');
    expect(html).toContain('<a href="https://x.vn/?a=1&amp;b=&quot;2&quot;">&lt;/a&gt;&lt;b&gt;Tiêu đề &amp; &quot;trích&quot;</a> — &lt;i&gt;Quận 8');
    const tags = [...html.matchAll(/<\/?([a-z]+)[^>]*>/g)].map((m) => m[1]);
    expect(new Set(tags)).toEqual(new Set(['b', 'a']));
  });

  it('uses an English frame for English answers', () => {
    expect(formatAnswer(answer({ language: 'en' }))).toContain('<b>Sources:</b>');
  });

  it('sends answers that are not grounded plainly, without sources', () => {
    const html = formatAnswer(NOT_GROUNDED);
    expect(html).toBe('Các bài viết hiện có không nói về điều này.');
  });
});

describe('formatCitationDetail', () => {
  it('shows the quote and article details, escaped', () => {
    const html = formatCitationDetail(citation(2, { quote: 'Trích <b>nguyên văn</b> & đầy đủ' }));
    expect(html).toContain('<b>[2]</b> <a href=');
    expect(html).toContain('Quận 8 · 12/07/2022');
    expect(html).toContain('<blockquote>Trích &lt;b&gt;nguyên văn&lt;/b&gt; &amp; đầy đủ</blockquote>');
    expect(html).not.toContain(citation(2).source);
  });
  it('names the outlet and the publication date of a citation made with its article, never the file', () => {
    const c = citation(3, { outlet: 'Thanhuytphcm.vn', published: '2022-07-13' });
    expect(htmlToPlain(formatCitationDetail(c))).toContain('Quận 8 · Thanhuytphcm.vn · đăng ngày 13/07/2022');
    expect(htmlToPlain(formatCitationDetail(c, 'en'))).toContain('Quận 8 · Thanhuytphcm.vn · published 13/07/2022');
    expect(formatCitationDetail(c)).not.toContain(c.source);
  });
  it('shortens very long quotes', () => {
    const html = formatCitationDetail(citation(1, { quote: 'chữ '.repeat(2000) }));
    expect(html.length).toBeLessThan(3400);
    expect(htmlToPlain(html)).toContain('…');
  });
});

describe('/start and /help', () => {
  it('/start says what the bot knows and gives three examples, one without diacritics', () => {
    const html = formatStart(CORPUS, 'Lan <3');
    expect(html).toContain('Xin chào Lan &lt;3!');
    expect(html).toContain('<b>5 bài viết</b> về <b>4 đơn vị</b> (Quận 8, Quận 12, quận Bình Tân, Quận 11), từ 12/10/2021 đến 05/10/2023.');
    const examples = exampleQuestions(CORPUS);
    for (const q of examples) expect(html).toContain(q);
    expect(examples[2]).toMatch(/^[\x20-\x7e]+$/);
  });
  it('/help explains asking, commands and the no-diacritics tip; admin lines only for admins', () => {
    const user = formatHelp(CORPUS, false);
    expect(user).toContain('/tomtat &lt;đơn vị&gt;');
    expect(user).toContain('không dấu');
    expect(user).not.toContain('/reindex');
    expect(formatHelp(CORPUS, true)).toContain('/reindex');
  });
  it('/quan lists districts with counts and dates', () => {
    expect(formatDistricts(CORPUS)).toContain('• Quận 8 — 1 bài (12/07/2022)');
  });
});

describe('formatEventCard', () => {
  it('shows district, meeting date, number and chair', () => {
    const html = formatEventCard(eventCard(), 'moi.txt');
    expect(html).toContain('Đơn vị: Quận 8');
    expect(html).toContain('Ngày họp: 12/07/2022');
    expect(html).toContain('Hội nghị: lần thứ 8, khóa XII, nhiệm kỳ 2020-2025');
    expect(html).toContain('Chủ trì: Võ Ngọc Quốc Thuận (Thành ủy viên, Bí thư Quận ủy)');
  });
  it('shows the chair note when no chair is named', () => {
    const html = formatEventCard(eventCard({ chairs: [], chairNote: 'Bài viết không nêu người chủ trì.', meetingNumber: null, khoa: null, term: null }), 'a.md');
    expect(html).toContain('Chủ trì: Bài viết không nêu người chủ trì.');
    expect(html).toContain('Hội nghị: <i>không rõ</i>');
  });
  it('lists co-chairs in printed order', () => {
    const s = 'Ông Trần Văn A, Bí thư Quận ủy; bà Lê Thị B, Phó Bí thư Quận ủy đồng chủ trì hội nghị.';
    const chairs = [
      { value: { name: 'Trần Văn A', role: 'Bí thư Quận ủy' }, sentence: s },
      { value: { name: 'Lê Thị B', role: 'Phó Bí thư Quận ủy' }, sentence: s },
    ];
    expect(formatEventCard(eventCard({ chairs }), 'a.txt')).toContain('Chủ trì: Trần Văn A (Bí thư Quận ủy); Lê Thị B (Phó Bí thư Quận ủy)');
  });
});
