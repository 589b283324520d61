/**
 * `npm run eval` over a labelled dataset (gold.jsonl + questions.jsonl + articles/), found inside a --with folder:
 * a spawned process over the bundled articles plus two synthetic articles.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../testing/cli.js';
import { tempDir } from '../testing/seed-index.js';

let dir: string;
let result: CliResult;

const ARTICLES: Record<string, string> = {
  '000_aaaa1111.txt':
    'Hội nghị Ban Chấp hành Đảng bộ huyện Cần Giờ lần thứ 7\n\nChiều 9/3/2021, Huyện ủy Cần Giờ tổ chức Hội nghị Ban Chấp hành ' +
    'Đảng bộ huyện lần thứ 7, khóa XII, nhiệm kỳ 2020-2025. Đồng chí Trần Văn Ba, Bí thư Huyện ủy chủ trì hội nghị. ' +
    'Hội nghị thông qua kế hoạch trồng 4.321 cây xanh ven biển.',
  '001_bbbb2222.txt':
    'Đại hội Đảng bộ xã Lạc Hồng lần thứ I\n\nSáng 20/8/2025, Đại hội đại biểu Đảng bộ xã Lạc Hồng lần thứ I, nhiệm kỳ 2025-2030 ' +
    'khai mạc với 150 đại biểu chính thức. Dự và chỉ đạo Đại hội có đồng chí Lý Thị Năm, Phó Bí thư Tỉnh ủy.',
};
const GOLD = [
  { file: '000_aaaa1111.txt', level: 'district', province: 'TP.HCM', district: 'huyện Cần Giờ', event: 'conference', meeting: 7, congress_term: 'XII', term: '2020-2025', published: null, meeting_date: '2021-03-09', chairs: ['Trần Văn Ba'], directing: [] },
  { file: '001_bbbb2222.txt', level: 'ward', province: 'Lạc Sơn', district: 'xã Lạc Hồng', event: 'congress', meeting: 1, congress_term: null, term: '2025-2030', published: null, meeting_date: '2025-08-20', chairs: [], directing: ['Lý Thị Năm'] },
];
const QUESTIONS = [
  { id: 'd1', kind: 'fact', doc: 'aaaa1111', q: 'Hội nghị BCH Đảng bộ huyện Cần Giờ lần thứ 7 trồng bao nhiêu cây xanh?', must: [['4.321']] },
  { id: 'd2', kind: 'fact', doc: 'bbbb2222', q: 'dai hoi dang bo xa Lac Hong lan thu I co bao nhieu dai bieu chinh thuc', must: [['150 đại biểu']] },
  { id: 'd3', kind: 'negative', doc: null, q: 'Giá vàng SJC hôm nay bao nhiêu?', must: [] },
];
const lines = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');

beforeAll(async () => {
  dir = await tempDir('dangbo-eval-labelled-');
  const ds = path.join(dir, 'corpus', 'dev');
  await mkdir(path.join(ds, 'articles'), { recursive: true });
  await mkdir(path.join(ds, 'raw'), { recursive: true });
  for (const [file, text] of Object.entries(ARTICLES)) await writeFile(path.join(ds, 'articles', file), text);
  await writeFile(path.join(ds, 'gold.jsonl'), lines(GOLD));
  await writeFile(path.join(ds, 'questions.jsonl'), lines(QUESTIONS));
  await writeFile(path.join(ds, 'raw', 'records.jsonl'), lines([{ url: 'https://example.org', excerpt: 'x' }]));
  await writeFile(path.join(ds, 'check.py'), 'print("ok")\n');
  const own = [{ id: 'q1', question: 'Quận 12 kết nạp được bao nhiêu đảng viên?', intent: 'fact', lang: 'vi', diacritics: true, category: 'figure', expect: '000_8560dab47670abcc.txt', facts: ['596'] }];
  await writeFile(path.join(dir, 'questions.jsonl'), lines(own));
  result = await runCli('eval.ts', [
    '--with', path.join(dir, 'corpus'),
    '--questions', path.join(dir, 'questions.jsonl'),
    '--reports', path.join(dir, 'reports'),
    '--skip', 'baseline', '--skip', 'ablation',
  ]);
}, 180_000);

describe('npm run eval with a labelled dataset', () => {
  it('ingests only its articles/ and prints the card and question tables', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Indexed 7 articles/); // 5 bundled + 2; not raw/ or the .jsonl files
    expect(result.stderr).not.toMatch(/records\.jsonl|gold\.jsonl/);
    expect(result.stdout).toContain('dev: event cards (2 of 2 gold articles in the index)');
    expect(result.stdout).toMatch(/dev: questions\n/);
    expect(result.stdout).toMatch(/kind: negative\s+1\s+100\.0%/);
    expect(result.stdout).not.toContain('LangChain baseline');
  });

  it('writes the dataset into the JSON report; --skip datasets leaves it out', async () => {
    const reports = path.join(dir, 'reports');
    const file = (await readdir(reports)).find((f) => /^eval-.*\.json$/.test(f))!;
    const json = JSON.parse(await readFile(path.join(reports, file), 'utf8'));
    expect(json.version).toBe(3);
    expect(json.datasets).toHaveLength(1);
    expect(json.datasets[0].questions.rows.map((r: { id: string; style: string }) => `${r.id}:${r.style}`)).toEqual(['d1:accented', 'd2:unaccented', 'd3:accented']);
    expect(json.datasets[0].cards.found).toBe(2);
    const again = await runCli('eval.ts', [
      '--with', path.join(dir, 'corpus', 'dev'),
      '--questions', path.join(dir, 'questions.jsonl'),
      '--reports', reports,
      '--skip', 'baseline', '--skip', 'ablation', '--skip', 'datasets',
      '--compare', path.join(reports, file),
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/Indexed 7 articles/);
    expect(again.stdout).not.toContain('dev: event cards');
  }, 120_000);
});
