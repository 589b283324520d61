import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/seed-index.js';
import { sortInputs } from './inputs.js';
import { labelledDatasetAt } from './labelled-dataset.js';

let root: string;
const gold = { file: '000_aaaa1111.txt', level: 'district', province: 'TP.HCM', district: 'huyện Cần Giờ', event: 'conference', meeting: 5, congress_term: null, term: null, published: null, meeting_date: null, chairs: [], directing: [] };
const question = { id: 'q1', kind: 'fact', doc: 'aaaa1111', q: 'Huyện Cần Giờ?', must: [['5']] };
const viquad = { id: 'v1', question: 'Ai?', answers: ['X'], passage_id: 'p1' };

/** root/shared: a question set, a plain article, a labelled dataset `dev` (with raw/ and a script) and a folder `half` lacking questions.jsonl. */
beforeAll(async () => {
  root = await tempDir('dangbo-labelled-');
  const dev = path.join(root, 'shared', 'dev');
  await mkdir(path.join(dev, 'articles'), { recursive: true });
  await mkdir(path.join(dev, 'raw'), { recursive: true });
  await writeFile(path.join(dev, 'articles', '000_aaaa1111.txt'), 'Hội nghị Ban Chấp hành Đảng bộ huyện Cần Giờ lần thứ 5.');
  await writeFile(path.join(dev, 'articles', '001_bbbb2222.txt'), 'Đại hội Đảng bộ xã Bình Hưng lần thứ I.');
  await writeFile(path.join(dev, 'gold.jsonl'), `${JSON.stringify(gold)}\n`);
  await writeFile(path.join(dev, 'questions.jsonl'), `${JSON.stringify(question)}\n`);
  await writeFile(path.join(dev, 'raw', 'records.jsonl'), `${JSON.stringify({ url: 'u', excerpt: 'x' })}\n`);
  await writeFile(path.join(dev, 'README.md'), '# dev');
  await writeFile(path.join(dev, 'build.py'), 'print(1)');
  await mkdir(path.join(root, 'shared', 'half', 'articles'), { recursive: true });
  await writeFile(path.join(root, 'shared', 'half', 'gold.jsonl'), `${JSON.stringify(gold)}\n`);
  await writeFile(path.join(root, 'shared', 'half', 'articles', 'a.txt'), 'Quận 12.');
  await writeFile(path.join(root, 'shared', 'viquad-dev.jsonl.gz'), gzipSync(`${JSON.stringify(viquad)}\n`));
  await writeFile(path.join(root, 'shared', 'news.jsonl'), `${JSON.stringify({ id: 'n1', title: 'T', text: 'Nội dung.' })}\n`);
  await mkdir(path.join(root, 'only'), { recursive: true });
  await mkdir(path.join(root, 'only', 'dev2', 'articles'), { recursive: true });
  await writeFile(path.join(root, 'only', 'dev2', 'gold.jsonl'), '');
  await writeFile(path.join(root, 'only', 'dev2', 'questions.jsonl'), '');
  await writeFile(path.join(root, 'only', 'dev2', 'raw.jsonl'), `${JSON.stringify({ id: 'r', text: 'raw' })}\n`);
});

describe('labelled datasets', () => {
  it('are folders holding gold.jsonl, questions.jsonl and articles/', async () => {
    const dev = path.join(root, 'shared', 'dev');
    expect(await labelledDatasetAt(dev)).toEqual({
      name: 'dev',
      dir: dev,
      articles: path.join(dev, 'articles'),
      gold: path.join(dev, 'gold.jsonl'),
      questions: path.join(dev, 'questions.jsonl'),
    });
    expect(await labelledDatasetAt(path.join(root, 'shared', 'half'))).toBeNull();
    expect(await labelledDatasetAt(path.join(root, 'shared'))).toBeNull();
    expect(await labelledDatasetAt(path.join(root, 'missing'))).toBeNull();
  });

  it('named directly: only its articles/ are ingested', async () => {
    const dev = path.join(root, 'shared', 'dev');
    const r = await sortInputs([dev]);
    expect(r.corpora).toEqual([path.join(dev, 'articles')]);
    expect(r.questionSets).toEqual([]);
    expect(r.datasets.map((d) => d.name)).toEqual(['dev']);
  });

  it('found inside a named folder, beside a question set: its articles/ replace its files (no raw/, no .jsonl)', async () => {
    const shared = path.join(root, 'shared');
    const r = await sortInputs([shared]);
    expect(r.questionSets).toEqual([path.join(shared, 'viquad-dev.jsonl.gz')]);
    expect(r.datasets.map((d) => d.dir)).toEqual([path.join(shared, 'dev')]);
    expect(r.corpora).toEqual([
      path.join(shared, 'dev', 'articles'),
      path.join(shared, 'half', 'articles', 'a.txt'),
      path.join(shared, 'half', 'gold.jsonl'),
      path.join(shared, 'news.jsonl'),
    ]);
  });

  it('a folder holding only a dataset (no question set) contributes only its articles/', async () => {
    const r = await sortInputs([path.join(root, 'only')]);
    expect(r.corpora).toEqual([path.join(root, 'only', 'dev2', 'articles')]);
    expect(r.datasets.map((d) => d.name)).toEqual(['dev2']);
  });
});
