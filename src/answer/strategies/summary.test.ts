import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { htmlToPlain } from '../../bot/html.js';
import { formatAnswer } from '../../bot/format.js';
import { openIndex } from '../../index/store.js';
import { ANSWER_MESSAGES } from '../../messages/answer.js';
import { createRetriever } from '../../retrieve/retriever.js';
import { LocalHashEmbeddings } from '../../providers/local-embeddings.js';
import { buildSeedIndex, tempDir } from '../../testing/seed-index.js';
import { sourced, syntheticCard } from '../../testing/synthetic-card.js';
import { makeUnit } from '../../text/units.js';
import type { Answer, AnswerFn, EventCard, Figure, StoredArticle } from '../../types.js';
import { createExtractiveAnswerer } from '../answerer.js';
import { formatAnswerText } from '../format-text.js';
import { continuation, firstPageCitations, markersIn } from '../pages.js';
import { DEFAULT_ANSWER_TUNING } from '../tuning.js';
import { figureLabel, figureSeries } from './summary-figures.js';
import { sentenceTheme } from './summary-themes.js';
import { headlineOf, type Meeting } from './summary-timeline.js';

const vi = ANSWER_MESSAGES.vi;
const SCREEN = DEFAULT_ANSWER_TUNING.summary.screenChars;

describe('filing a sentence under a theme only when it is about it', () => {
  it.each([
    // The meeting's own lead: the timeline's, never "Nhiệm vụ thời gian tới" (it names "nhiệm vụ trọng tâm").
    [
      'Ngày 11/4, Huyện ủy Châu Đức tổ chức hội nghị BCH Đảng bộ huyện (mở rộng) lần thứ 13, khóa VI, nhiệm kỳ 2020-2025 nhằm đánh giá tình hình thực hiện nhiệm vụ chính trị, phát triển kinh tế-xã hội quý I và đề ra nhiệm vụ trọng tâm quý II.',
      null,
    ],
    // What the meeting was for, naming security among other topics: no theme.
    ['Hội nghị nhằm đánh giá tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh, công tác xây dựng Đảng quý I và đề ra các nhiệm vụ trọng tâm quý II.', null],
    // Three topics alike: about none of them.
    ['Công tác xây dựng Đảng được thực hiện tốt, an sinh xã hội được quan tâm thực hiện kịp thời, tình hình an ninh chính trị, trật tự an toàn xã hội được giữ vững.', null],
    // A ceremony and a guest's praise are no results.
    ['Ông Nguyễn Văn Việt, Bí thư Huyện ủy Châu Đức trao Huy hiệu 75 năm tuổi Đảng cho ông Phùng Bá Kỳ, đảng viên sinh hoạt tại Chi bộ thôn Tân Phú.', null],
    ['Phát biểu tại hội nghị, Chủ nhiệm Ủy ban Kiểm tra Thành ủy ghi nhận và đánh giá cao những nỗ lực của toàn hệ thống chính trị quận trong 9 tháng qua.', null],
    // Forward-looking openings and directives are tasks, whatever topic they name.
    ['Trong 6 tháng cuối năm, các cấp ủy Đảng, chính quyền tập trung tháo gỡ khó khăn, đẩy nhanh tiến độ thi công và giải ngân vốn đầu tư công.', 'tasks'],
    ['Kết luận hội nghị, ông Hoàng Nguyên Dinh, Bí thư Huyện ủy yêu cầu các địa phương, đơn vị tập trung triển khai thực hiện nhiệm vụ chính trị.', 'tasks'],
    // Topics by their words, the opening clause counting double.
    ['Về công tác xây dựng Đảng, chính quyền vận động quần chúng đăng ký thực hiện 348 mô hình “Dân vận khéo”; kết nạp 65 đảng viên mới.', 'party'],
    ['Công tác tuyên truyền, giáo dục chính trị tư tưởng, nắm bắt tình hình dư luận xã hội gắn với chuyển đổi số được tăng cường.', 'party'],
    ['Trong quý I, giá trị sản xuất nông nghiệp đạt 828 tỷ đồng; doanh thu thương mại - dịch vụ đạt 1.810 tỷ đồng; thu ngân sách hơn 105 tỷ đồng.', 'economy'],
    ['Huyện đã giải quyết việc làm cho 2.445 lao động, chăm lo tốt cho hộ nghèo và người có công.', 'social'],
  ])('%s → %s', (sentence, theme) => {
    expect(sentenceTheme(sentence)).toBe(theme);
  });

  it('a sentence carrying on from a task ("Đồng thời, …") is a task; without one it is filed by its own words', () => {
    const s = 'Đồng thời, củng cố hệ thống y tế cơ sở, đẩy mạnh công tác tiêm vắc xin; tăng cường xây dựng đảng; phát triển đảng viên mới.';
    expect(sentenceTheme(s, 'tasks')).toBe('tasks');
    expect(sentenceTheme(s, null)).not.toBe('tasks');
  });
});

const unit = makeUnit('huyện', 'Củ Chi', 'TP.HCM');
const row = (indicator: string, text: string, measure: string, period: string | null, sentence: string, value = Number(text.replace(/\D/g, ''))): Figure => ({
  indicator,
  value,
  measure,
  text,
  period,
  unitId: unit.id,
  sentence,
});
const report = (id: string, over: Partial<EventCard>): StoredArticle => ({
  id,
  title: id,
  url: null,
  publishedAt: null,
  contentHash: id,
  card: syntheticCard({ unit: sourced(unit), event: sourced('conference'), ...over }),
});

describe('figure series across meetings', () => {
  const s1 = 'Trong quý I/2021, thu ngân sách trên địa bàn đạt 105 tỷ đồng; giá trị sản xuất nông nghiệp đạt 828 tỷ đồng.';
  const s2 = 'Thu ngân sách nhà nước 6 tháng đầu năm 2022 đạt 324,3 tỷ đồng, giá trị sản xuất công nghiệp đạt 2.400 tỷ đồng.';
  const s3 = 'Huyện đã kết nạp 65 đảng viên mới.';
  const a = report('a.txt', {
    figures: [
      row('thu ngan sach', '105 tỷ đồng', 'tỷ đồng', 'quý I/2021', s1),
      row('gia tri san xuat nong nghiep', '828 tỷ đồng', 'tỷ đồng', 'quý I/2021', s1),
      row('huyen ket nap dang vien', '65 đảng viên mới', 'đảng viên mới', 'quý I/2021', s3),
    ],
  });
  const b = report('b.txt', {
    figures: [
      row('thu ngan sach nha nuoc', '324,3 tỷ đồng', 'tỷ đồng', '6 tháng đầu năm 2022', s2, 324.3),
      row('gia tri san xuat cong nghiep', '2.400 tỷ đồng', 'tỷ đồng', '6 tháng đầu năm 2022', s2, 2400),
    ],
  });
  // A second report of meeting b repeating its figure: one point.
  const b2 = report('b2.txt', { figures: [row('thu ngan sach nha nuoc', '324,3 tỷ đồng', 'tỷ đồng', null, s2, 324.3)] });

  it('labels an indicator as its sentence prints it, without the subject before "đã"', () => {
    expect(figureLabel(a.card.figures[0]!)).toBe('Thu ngân sách trên địa bàn');
    expect(figureLabel(a.card.figures[2]!)).toBe('Kết nạp');
  });

  it('one series per indicator across meetings, oldest first; like indicators of other things stay apart', () => {
    const series = figureSeries([[a], [b, b2]]);
    const budget = series[0]!;
    expect(budget.topic).toBe('economy');
    expect(budget.points.map((p) => [p.row.text, p.row.period])).toEqual([
      ['105 tỷ đồng', 'quý I/2021'],
      ['324,3 tỷ đồng', '6 tháng đầu năm 2022'],
    ]);
    const labels = series.map((s) => s.label);
    expect(labels).toContain('Giá trị sản xuất nông nghiệp');
    expect(labels).toContain('Giá trị sản xuất công nghiệp');
    expect(series.find((s) => s.label === 'Kết nạp')!.topic).toBe('party');
    const line = vi.summaryFigures(budget.label, budget.points.map((p) => vi.summaryFigure(p.row.text, p.row.period)));
    expect(line).toBe('Thu ngân sách trên địa bàn: 105 tỷ đồng (quý I/2021) → 324,3 tỷ đồng (6 tháng đầu năm 2022)');
  });

  it('delegate counts and indicators naming no topic are no key figures', () => {
    const c = report('c.txt', {
      figures: [row('dia phuong cung dai bieu', '235 đại biểu', 'đại biểu', null, 'Có 235 đại biểu chính thức.'), row('trien khai ban hoan thanh', '75%', '%', null, 'Đã triển khai, hoàn thành 75%.')],
    });
    expect(figureSeries([[c]])).toEqual([]);
  });
});

describe('a meeting’s headline', () => {
  const meeting = (reports: StoredArticle[]): Meeting => ({ reports, kind: 'conference', number: 5, date: '2021-04-15' });
  const headline = (sentences: string[], title = 'Tiêu đề') =>
    headlineOf(meeting([{ ...report('h.txt', {}), title }]), () => sentences, DEFAULT_ANSWER_TUNING.summary.headlineChars)?.text ?? null;

  it('an election is quoted with who was elected; a decision or agenda from its verb', () => {
    expect(headline(['Ông Phạm Thành Kiên tái đắc cử Bí thư Quận ủy Quận 3'], 'Ông Phạm Thành Kiên tái đắc cử Bí thư Quận ủy Quận 3')).toBe(
      'Ông Phạm Thành Kiên tái đắc cử Bí thư Quận ủy Quận 3',
    );
    expect(headline(['Ngày 5/7, Ban Chấp hành tổ chức Hội nghị lần thứ 10 để thông qua Nghị quyết về phát triển nông nghiệp công nghệ cao.'])).toBe(
      'thông qua Nghị quyết về phát triển nông nghiệp công nghệ cao',
    );
    expect(headline(['Ngày 7/10, Huyện ủy tổ chức hội nghị lần thứ 29, sơ kết thực hiện nhiệm vụ phát triển kinh tế - xã hội.'])).toBe(
      'sơ kết thực hiện nhiệm vụ phát triển kinh tế - xã hội',
    );
  });

  it('a long clause is cut at a clause boundary, never mid-phrase; look-alikes are no headline', () => {
    const long =
      'Ngày 11/4, Huyện ủy tổ chức hội nghị lần thứ 13 nhằm đánh giá tình hình thực hiện nhiệm vụ chính trị, phát triển kinh tế-xã hội quý I và đề ra nhiệm vụ trọng tâm quý II, công tác xây dựng Đảng và hệ thống chính trị.';
    const text = headline([long])!;
    expect(text.length).toBeLessThanOrEqual(DEFAULT_ANSWER_TUNING.summary.headlineChars);
    expect(long).toContain(text);
    expect(long.slice(long.indexOf(text) + text.length)).toMatch(/^(?:,| và)/);
    // "một số kết quả" is no "sơ kết"; "thông qua Hội nghị" ("through the conference") is no decision.
    expect(headline(['Quận đạt một số kết quả tích cực, nổi bật trong 9 tháng qua.'])).toBeNull();
    expect(headline(['Thông qua Hội nghị, các đại biểu trao đổi nhiều ý kiến tâm huyết.'])).toBeNull();
    // An excerpt cut off mid-sentence gives none.
    expect(headline(['Hội nghị đánh giá tình hình thực hiện nhiệm vụ 6 tháng đầu năm và triển khai nhiệm'])).toBeNull();
  });

  it('else the report’s title, when it says more than which meeting it was', () => {
    const slogan = 'Phát huy tính tiên phong, gương mẫu của cán bộ, đảng viên';
    expect(headline([slogan, 'Chiều 5/10, Quận ủy tổ chức hội nghị lần thứ 18.'], slogan)).toBe(slogan);
    const frame = 'Hội nghị lần thứ 14 Ban Chấp hành Đảng bộ quận khóa III';
    expect(headline([frame], frame)).toBeNull();
  });
});

describe('summary headings', () => {
  const counts = (conference: number, congress = 0) => ({ conference, congress, other: 0 });
  it('say how many meetings and which months; one meeting is said to be the only one', () => {
    expect(vi.summaryHeading({ unit: 'Quận 8', term: '2020-2025', counts: counts(3), first: '12/2023', last: '7/2024' })).toBe('Quận 8 — nhiệm kỳ 2020–2025: 3 hội nghị, 12/2023 – 7/2024');
    expect(vi.summaryHeading({ unit: 'Quận 8', term: '2020-2025', counts: counts(1), first: '7/2022', last: '7/2022' })).toBe('Quận 8 — nhiệm kỳ 2020–2025: dữ liệu chỉ có 1 hội nghị');
    expect(ANSWER_MESSAGES.en.summaryHeading({ unit: 'Quận 8', term: null, counts: counts(2, 1), first: '7/2020', last: '4/2023' })).toBe('Quận 8: 2 conferences, 1 congress, 7/2020 – 4/2023');
  });
});

/** Reports of huyện Củ Chi's conferences, one a quarter from March 2021, each on the quarter before (file name → text). */
function conferences(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  const QUARTERS = ['I', 'II', 'III', 'IV'];
  for (let i = 0; i < n; i++) {
    const year = 2021 + Math.floor(i / 4);
    const quarter = QUARTERS[i % 4]!;
    const m = (i % 4) * 3 + 3;
    const number = 5 + i;
    files[`cc-${String(i).padStart(2, '0')}.txt`] = [
      `Huyện ủy Củ Chi tổ chức Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ ${number}`,
      '',
      `Ngày 15/${m}/${year}, Ban Chấp hành Đảng bộ huyện Củ Chi tổ chức Hội nghị lần thứ ${number}, khóa XII, nhiệm kỳ 2020-2025 nhằm đánh giá tình hình thực hiện nhiệm vụ quý ${quarter} và đề ra nhiệm vụ trọng tâm của quý tiếp theo. Đồng chí Nguyễn Văn An, Bí thư Huyện ủy chủ trì hội nghị.`,
      '',
      `Trong quý ${quarter}/${year}, thu ngân sách trên địa bàn đạt ${100 + 10 * i} tỷ đồng, tăng 5% so với cùng kỳ. Về công tác xây dựng Đảng, huyện đã kết nạp ${60 + i} đảng viên mới trong quý ${quarter}/${year}.`,
      '',
      'Công tác xây dựng Đảng được thực hiện tốt, an sinh xã hội được quan tâm, tình hình an ninh chính trị, trật tự an toàn xã hội được giữ vững.',
      '',
      `Trong thời gian tới, huyện tập trung đẩy nhanh tiến độ giải ngân vốn đầu tư công và giải phóng mặt bằng ${i + 2} dự án trọng điểm của huyện.`,
    ].join('\n');
  }
  files['hm.txt'] = [
    'Huyện ủy Hóc Môn tổ chức Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 9',
    '',
    'Ngày 12/7/2022, Ban Chấp hành Đảng bộ huyện Hóc Môn khóa XII, nhiệm kỳ 2020-2025 tổ chức Hội nghị lần thứ 9 để thông qua Nghị quyết về chuyển đổi số giai đoạn 2022-2025. Đồng chí Lê Văn Tư, Bí thư Huyện ủy chủ trì hội nghị.',
    '',
    'Trong 6 tháng đầu năm 2022, thu ngân sách trên địa bàn đạt 512 tỷ đồng, tăng 9% so với cùng kỳ.',
  ].join('\n');
  return files;
}

const embedder = new LocalHashEmbeddings();
async function answererOf(files: Record<string, string>): Promise<AnswerFn> {
  const dir = await tempDir('dangbo-summary-');
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  const { dir: index } = await buildSeedIndex([dir]);
  return createExtractiveAnswerer({ retriever: createRetriever(await openIndex(index), { embedQuery: (t) => embedder.embedQuery(t) }), topK: 8 });
}

/** What a phone shows of an answer's first page (the bot's message, as plain text). */
const visible = (a: Answer) => htmlToPlain(formatAnswer(a)).length;
const bullets = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('• '))
    .map((l) => l.replace(/(?:\s*\[\d+\])+$/, ''));

describe('term summaries over a unit’s meetings (an index)', () => {
  let ask: AnswerFn;
  beforeAll(async () => {
    ask = await answererOf(conferences(8));
  });

  it('a heading with how many meetings and which months, a timeline oldest first, figures with how they moved — each cited', async () => {
    const a = await ask({ intent: 'summary', unit: 'huyện Củ Chi', text: 'Tóm tắt nhiệm kỳ của huyện Củ Chi' });
    expect(a.grounded).toBe(true);
    expect(a.intent).toBe('summary');
    const [heading] = a.answer.split('\n');
    expect(heading).toBe('huyện Củ Chi — nhiệm kỳ 2020–2025: 8 hội nghị, 3/2021 – 12/2022');
    expect(a.answer).not.toMatch(/từ \d+ bài viết/);
    const timeline = a.answer.split('\n').filter((l) => /^• \d\d\/\d\d\/\d{4} — Hội nghị lần thứ \d+/.test(l));
    expect(timeline.length).toBeGreaterThanOrEqual(3);
    const dates = timeline.map((l) => l.slice(2, 12).split('/').reverse().join('-'));
    expect(dates).toEqual([...dates].sort());
    // The newest meetings are on the first page; each line names the chair and the agenda, and cites.
    expect(timeline.at(-1)).toMatch(/^• 15\/12\/2022 — Hội nghị lần thứ 12 \(chủ trì: Nguyễn Văn An\): đánh giá tình hình thực hiện nhiệm vụ quý IV .*\[\d+\]$/);
    // Figures: how each moved over the term (the first and the newest points), on the first page or the next.
    expect(a.answer).toMatch(/^• .*: .* \(quý I\/2021\) \[\d+\] → … → .* \(quý IV\/2022\) \[\d+\]$/mu);
    const both = `${a.answer}\n${a.more}`;
    expect(both).toMatch(/Thu ngân sách trên địa bàn: 100 tỷ đồng \(quý I\/2021\) \[\d+\] → … → 160 tỷ đồng \(quý III\/2022\) \[\d+\] → 170 tỷ đồng \(quý IV\/2022\) \[\d+\]$/m);
    expect(both).toMatch(/Kết nạp: 60 đảng viên mới \(quý I\/2021\) \[\d+\] → … →/u);
    for (const n of markersIn(`${a.answer}\n${a.more ?? ''}`)) expect(a.citations.some((c) => c.n === n), `[${n}]`).toBe(true);
  });

  it('the first page fits one phone screen with its sources; the rest continues the numbering, nothing said twice', async () => {
    const a = await ask({ intent: 'summary', unit: 'huyện Củ Chi', text: 'Tóm tắt nhiệm kỳ của huyện Củ Chi' });
    expect(visible(a)).toBeLessThanOrEqual(SCREEN);
    expect(visible(a)).toBeGreaterThan(SCREEN * 0.6);
    const rest = continuation(a)!;
    expect(rest.answer.split('\n')[0]).toBe('huyện Củ Chi — tóm tắt (tiếp)');
    // The older meetings the screen left out, and the tasks ahead, are in the continuation.
    expect(rest.answer).toContain('• 15/03/2021 — Hội nghị lần thứ 5');
    expect(rest.answer).toContain('Nhiệm vụ thời gian tới:');
    const first = firstPageCitations(a).map((c) => c.n);
    expect(Math.min(...rest.citations.map((c) => c.n))).toBeGreaterThan(0);
    for (const n of markersIn(a.answer)) expect(first).toContain(n);
    // Numbering continues: a marker new on the continuation comes after the first page's.
    const fresh = [...markersIn(rest.answer)].filter((n) => !first.includes(n));
    expect(Math.min(...fresh)).toBe(Math.max(...first) + 1);
    expect(htmlToPlain(formatAnswer(rest)).length).toBeLessThanOrEqual(DEFAULT_ANSWER_TUNING.summary.moreChars);
    const all = [...bullets(a.answer), ...bullets(rest.answer)];
    expect(new Set(all).size).toBe(all.length);
    // Every quoted sentence is whole; the mixed sentence about three topics is filed nowhere.
    for (const line of bullets(rest.answer).filter((l) => !/^• \d\d\//.test(l) && !l.includes(': '))) expect(line).toMatch(/[.!?…”]$/u);
    expect(rest.answer).not.toContain('Công tác xây dựng Đảng được thực hiện tốt');
    // The forward-looking sentence is a task, not economy.
    const tasks = rest.answer.slice(rest.answer.indexOf('Nhiệm vụ thời gian tới:'));
    expect(tasks).toContain('Trong thời gian tới, huyện tập trung đẩy nhanh tiến độ giải ngân vốn đầu tư công');
  });

  it('one meeting: the heading says it is the only one, and the terminal prints the first page then the hint', async () => {
    const a = await ask('Tóm tắt nhiệm kỳ của huyện Hóc Môn');
    expect(a.answer.split('\n')[0]).toBe('huyện Hóc Môn — nhiệm kỳ 2020–2025: dữ liệu chỉ có 1 hội nghị');
    expect(a.answer).toContain('• 12/07/2022 — Hội nghị lần thứ 9 (chủ trì: Lê Văn Tư): thông qua Nghị quyết về chuyển đổi số giai đoạn 2022-2025');
    expect(a.answer).toMatch(/Thu ngân sách trên địa bàn: 512 tỷ đồng \(6 tháng đầu năm 2022\) \[\d+\]/);
    expect(formatAnswerText(a)).not.toContain('tóm tắt (tiếp)');
  });
});
