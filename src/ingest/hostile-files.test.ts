/**
 * Hostile input files, end to end through `ingest`: each is skipped with a problem naming it (and the line, for
 * JSON Lines) or indexed as text; nothing crashes, the good documents are indexed and answerable.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { openIndex, type IndexSnapshot } from '../index/store.js';
import { LocalHashEmbeddings } from '../providers/local-embeddings.js';
import { seedDataDir, tempDir } from '../testing/seed-index.js';
import { ingest, type IngestSummary } from './ingest.js';
import { DEFAULT_MAX_FILE_BYTES } from './load.js';

const embedder = new LocalHashEmbeddings();
const REPORT = 'Ngày 3/4, Đảng ủy phường Bến Nghé tổ chức hội nghị lần thứ 12; phường đã kết nạp 31 đảng viên mới.';

let data: string;
let summary: IngestSummary;
let snap: IndexSnapshot;

beforeAll(async () => {
  data = await seedDataDir('dangbo-hostile-');
  const h = path.join(data, 'hostile');
  await mkdir(h);
  await writeFile(path.join(h, 'zero.txt'), '');
  await writeFile(path.join(h, 'blank.md'), '\n\n   \n\t\n');
  // One byte over the size limit: skipped without being read.
  await writeFile(path.join(h, 'huge.txt'), Buffer.alloc(DEFAULT_MAX_FILE_BYTES + 1, 'a'));
  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 73 + 11) % 256;
  await writeFile(path.join(h, 'image.txt'), binary);
  // Vietnamese in Windows-1258 / Latin-1 bytes: not UTF-8.
  await writeFile(path.join(h, 'latin1.txt'), Buffer.from([0x48, 0xf4, 0x69, 0x20, 0x6e, 0x67, 0x68, 0xec, 0x20, 0xe0, 0xe8, 0x0a]));
  await writeFile(
    path.join(h, 'broken.html'),
    '<html><head><title>Trang hỏng<body><div><p>' + REPORT + '<p><b>chưa đóng <i>thẻ<script>alert(1)</scr' + '<<<>>>&&nbsp;&#xZZ;',
  );
  // One line of 1 MB (no newline, no sentence end): split into passages, never across words.
  const words: string[] = [];
  for (let i = 0, bytes = 0; bytes < 1_000_000; i++) {
    words.push(`phát triển kinh tế khu phố ${i}`);
    bytes += Buffer.byteLength(words[i]!) + 1;
  }
  await writeFile(path.join(h, 'one-line.txt'), `Một dòng rất dài\n\n${words.join(' ')}`);
  const good = (id: string, text: string) => JSON.stringify({ id, title: `Bài ${id}`, date: '2024-04-03', url: null, text });
  await writeFile(
    path.join(h, 'mixed.jsonl'),
    [
      good('ok-1', REPORT),
      '{"id": "bad-json", "text": ',
      '[1, 2, 3]',
      JSON.stringify({ id: 'no-text' }),
      JSON.stringify({ text: 'no id' }),
      good('ok-2', 'Hội nghị lần thứ 5 Đảng bộ phường Đa Kao đánh giá thu ngân sách đạt 104,99% dự toán.'),
      '',
      '\u0000\u0001garbage',
      good('ok-1', 'duplicate id, different text'),
    ].join('\n') + '\n',
  );
  const indexDir = await tempDir('dangbo-hostile-index-');
  summary = await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000 });
  snap = await openIndex(indexDir);
}, 180_000);

const problemFor = (name: string) => summary.problems.filter((p) => path.basename(p.path) === name);

describe('hostile files through ingest', () => {
  it('skips empty, zero-byte, oversized, binary and non-UTF-8 files, each with a problem naming it', () => {
    expect(problemFor('zero.txt')[0]?.code).toBe('INPUT_EMPTY');
    expect(problemFor('blank.md')[0]?.code).toBe('INPUT_EMPTY');
    expect(problemFor('huge.txt')[0]?.code).toBe('INPUT_TOO_LARGE');
    expect(problemFor('image.txt')[0]?.code).toBe('INPUT_BINARY');
    expect(problemFor('latin1.txt')[0]?.code).toBe('INPUT_BINARY');
    for (const name of ['zero.txt', 'huge.txt', 'image.txt', 'latin1.txt']) expect(snap.articles.has(name)).toBe(false);
  });

  it('reports bad JSON Lines with their line numbers and keeps the good records', () => {
    const lines = problemFor('mixed.jsonl').map((p) => p.line);
    expect(lines).toEqual(expect.arrayContaining([2, 3, 4, 5, 8, 9]));
    expect(snap.articles.has('ok-1')).toBe(true);
    expect(snap.articles.has('ok-2')).toBe(true);
    expect(snap.articles.has('bad-json')).toBe(false);
    // The later duplicate is kept under a new id, and the first keeps its own text.
    expect(snap.articles.has('ok-1~2')).toBe(true);
    const first = (snap.articleLabels.get('ok-1') ?? []).map((l) => snap.chunks.get(l)!.text).join(' ');
    expect(first).toContain('31 đảng viên');
  });

  it('indexes broken HTML as text without its script', () => {
    const labels = snap.articleLabels.get('broken.html') ?? [];
    const text = labels.map((l) => snap.chunks.get(l)!.text).join('\n');
    expect(text).toContain('kết nạp 31 đảng viên');
    expect(text).not.toContain('alert(1)');
  });

  it('splits a 1 MB line into bounded passages', () => {
    const labels = snap.articleLabels.get('one-line.txt') ?? [];
    // ~1 MB of UTF-8 is ~800k characters: over a thousand passages of at most 700 characters.
    expect(labels.length).toBeGreaterThan(1000);
    for (const l of labels) expect(snap.chunks.get(l)!.text.length).toBeLessThanOrEqual(700);
    expect(snap.keyword.search('folded', ['khu_pho', '4321'], 3).map((m) => snap.chunks.get(m.label)!.text)[0]).toContain('khu phố 4321');
  });

  it('keeps every good document searchable and answerable', () => {
    expect(snap.articles.size).toBe(summary.articles);
    expect(snap.keyword.search('folded', ['104,99'], 5).length).toBeGreaterThan(0);
    expect(snap.keyword.hasTerm('exact', 'đảng_viên')).toBe(true);
  });

  it('names a binary file given directly with one clear error', async () => {
    const err = await ingest({ paths: [path.join(data, 'hostile', 'image.txt')], indexDir: await tempDir(), embedder, vectorExactMax: 20_000 }).catch((e: unknown) => e);
    expect(AppError.isInstance(err) && err.code).toBe('INPUT_BINARY');
    expect((err as Error).message).toContain('image.txt');
  });
});
