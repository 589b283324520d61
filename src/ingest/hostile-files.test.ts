/**
 * Hostile input files, end to end through `ingest`: each is skipped with a problem naming it (and the line, for
 * JSON Lines) or indexed as text; nothing crashes, the good documents are indexed and answerable.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { openIndex, readManifest, type IndexSnapshot } from '../index/store.js';
import { LocalHashEmbeddings } from '../providers/local-embeddings.js';
import { seedDataDir, tempDir } from '../testing/seed-index.js';
import { ingest, type IngestSummary } from './ingest.js';
import { DEFAULT_MAX_DOCUMENT_CHARS, DEFAULT_MAX_FILE_BYTES, decompressedCap, loadDocuments, type IngestProblem } from './load.js';

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

/** Faults found by the hostile-input probe (issue 15): nothing lost, nothing stuck. */
describe('faults: nothing lost, nothing stuck', () => {
  const record = (i: number) => JSON.stringify({ id: `r${i}`, title: `Bài ${i}`, date: '2024-04-03', url: null, text: `Phường số ${i} kết nạp ${i + 7} đảng viên mới.` });

  it('a page nested 5,000 and 100,000 levels deep is read (iteratively), and the good files with it', async () => {
    const dir = await tempDir('dangbo-deep-');
    await writeFile(path.join(dir, 'deep.html'), `<html><body>${'<div>'.repeat(5000)}<p>${REPORT}</p>${'</div>'.repeat(5000)}</body></html>`);
    await writeFile(path.join(dir, 'deeper.html'), `<html><head><title>Sâu</title></head><body>${'<span><article>'.repeat(50_000)}<h1>Tiêu đề sâu</h1><p>Quận 4 kết nạp 44 đảng viên.</p></body></html>`);
    await writeFile(path.join(dir, 'good.txt'), 'Hội nghị lần thứ 5 Đảng bộ phường Đa Kao đánh giá thu ngân sách đạt 104,99% dự toán.');
    const indexDir = await tempDir();
    const s = await ingest({ paths: [dir], indexDir, embedder, vectorExactMax: 20_000 });
    expect(s.problems).toEqual([]);
    const snap = await openIndex(indexDir);
    expect([...snap.articles.keys()].sort()).toEqual(['deep.html', 'deeper.html', 'good.txt']);
    expect(snap.articles.get('deeper.html')!.title).toBe('Tiêu đề sâu');
    snap.close();
  }, 30_000);

  it('decodes UTF-16 files with a byte order mark; refuses a NUL byte anywhere, also after the first 64 KB', async () => {
    const dir = await tempDir('dangbo-enc-');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REPORT.replace('12', '13'), 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    await writeFile(path.join(dir, 'utf16le.txt'), le);
    await writeFile(path.join(dir, 'utf16be.txt'), be);
    await writeFile(path.join(dir, 'late-nul.txt'), Buffer.concat([Buffer.from(`${REPORT}\n`.repeat(700)), Buffer.from([0]), Buffer.from('x')]));
    const indexDir = await tempDir();
    const s = await ingest({ paths: [dir], indexDir, embedder, vectorExactMax: 20_000 });
    expect(s.problems.map((p) => [path.basename(p.path), p.code])).toEqual([['late-nul.txt', 'INPUT_BINARY']]);
    const snap = await openIndex(indexDir);
    const text = (id: string) => (snap.articleLabels.get(id) ?? []).map((l) => snap.chunks.get(l)!.text).join(' ');
    expect(text('utf16le.txt')).toContain('hội nghị lần thứ 13');
    expect(text('utf16be.txt')).toContain('hội nghị lần thứ 13');
    snap.close();
  });

  it('keeps the articles of an input not named again, until it is forgotten; a missing input keeps them loudly', async () => {
    const dir = await tempDir('dangbo-sticky-');
    const [articles, uploads] = [path.join(dir, 'articles'), path.join(dir, 'uploads')];
    await mkdir(articles);
    await mkdir(uploads);
    await writeFile(path.join(articles, 'a.txt'), REPORT);
    await writeFile(path.join(uploads, 'up.txt'), 'Hội nghị lần thứ 5 Đảng bộ phường Đa Kao đánh giá thu ngân sách đạt 104,99% dự toán.');
    const indexDir = await tempDir();
    await ingest({ paths: [articles, uploads], indexDir, embedder, vectorExactMax: 20_000 });
    // DATA_PATHS names only the articles: the upload stays, and stays an input.
    let s = await ingest({ paths: [articles], indexDir, embedder, vectorExactMax: 20_000 });
    expect(s).toMatchObject({ removed: 0, articles: 2, written: false });
    expect(s.sources).toEqual([articles, uploads]);
    // The folder is deleted: its articles are kept, with a problem saying how to drop them.
    await rm(uploads, { recursive: true });
    s = await ingest({ paths: [articles], indexDir, embedder, vectorExactMax: 20_000 });
    expect(s).toMatchObject({ removed: 0, articles: 2 });
    expect(s.problems[0]!.message).toMatch(/is missing: its 1 articles are kept.*--forget/);
    // Forgotten explicitly: gone.
    s = await ingest({ paths: [articles], forget: [uploads], indexDir, embedder, vectorExactMax: 20_000 });
    expect(s).toMatchObject({ removed: 1, articles: 1, problems: [] });
    expect((await readManifest(indexDir))!.sources).toEqual([articles]);
  });

  it('lists a file once when inputs overlap', async () => {
    const dir = await tempDir('dangbo-overlap-');
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'sub', 'a.txt'), REPORT);
    const s = await ingest({ paths: [dir, path.join(dir, 'sub'), path.join(dir, 'sub', 'a.txt')], indexDir: await tempDir(), embedder, vectorExactMax: 20_000 });
    expect(s).toMatchObject({ articles: 1, problems: [] });
  });

  it('a truncated .jsonl.gz keeps the articles after the break, names the file and line, and is read again', async () => {
    const dir = await tempDir('dangbo-trunc-');
    const file = path.join(dir, 'corpus.jsonl.gz');
    const full = gzipSync(Array.from({ length: 2000 }, (_, i) => record(i)).join('\n') + '\n');
    await writeFile(file, full);
    const indexDir = await tempDir();
    expect(await ingest({ paths: [file], indexDir, embedder, vectorExactMax: 20_000 })).toMatchObject({ articles: 2000 });
    // Half a copy, with one record changed before the break.
    const changed = gzipSync([record(0).replace('kết nạp 7', 'kết nạp 8'), ...Array.from({ length: 1999 }, (_, i) => record(i + 1))].join('\n') + '\n');
    await writeFile(file, changed.subarray(0, changed.length >> 1));
    const s = await ingest({ paths: [file], indexDir, embedder, vectorExactMax: 20_000 });
    expect(s).toMatchObject({ articles: 2000, removed: 0, updated: 1 });
    expect(s.incomplete).toHaveLength(1);
    expect(s.incomplete[0]!.message).toMatch(/corpus\.jsonl\.gz" at line \d+/);
    expect(s.incomplete[0]!.line).toBeGreaterThan(100);
    // The copy completes: the file is read again (no fingerprint was recorded for it) and nothing is missing.
    await writeFile(file, changed);
    const again = await ingest({ paths: [file], indexDir, embedder, vectorExactMax: 20_000 });
    expect(again).toMatchObject({ articles: 2000, removed: 0, incomplete: [] });
  }, 30_000);

  it('a plain .jsonl cut off mid-record keeps its previous articles; a gzip bomb stops at the cap', async () => {
    const dir = await tempDir('dangbo-cut-');
    const file = path.join(dir, 'c.jsonl');
    await writeFile(file, [record(1), record(2), record(3)].join('\n') + '\n');
    const indexDir = await tempDir();
    await ingest({ paths: [file], indexDir, embedder, vectorExactMax: 20_000 });
    await writeFile(file, `${record(1)}\n${record(2).slice(0, 30)}`);
    const s = await ingest({ paths: [file], indexDir, embedder, vectorExactMax: 20_000 });
    expect(s).toMatchObject({ articles: 3, removed: 0 });
    expect(s.incomplete[0]).toMatchObject({ line: 2, incomplete: true });
    expect(s.incomplete[0]!.message).toMatch(/ends in the middle of a record/);

    // 64 MB of zeros in 65 KB: one endless record, then the decompressed-size cap (here 8 MB).
    const bomb = path.join(dir, 'bomb.jsonl.gz');
    await writeFile(bomb, gzipSync(Buffer.alloc(64 << 20, '0'), { level: 9 }));
    const problems: IngestProblem[] = [];
    const t = performance.now();
    for await (const _ of loadDocuments([bomb], { onProblem: (p) => problems.push(p), maxFileBytes: 1 << 20, maxDecompressedBytes: 8 << 20 })) void _;
    expect(performance.now() - t).toBeLessThan(3000);
    expect(problems.map((p) => [p.code, p.line, Boolean(p.incomplete)])).toEqual([
      ['INPUT_TOO_LARGE', 1, false],
      ['INPUT_TOO_LARGE', 1, true],
    ]);
    expect(problems[1]!.message).toMatch(/reading stopped after 8388608 decompressed bytes.*gzip bomb/);
    expect(decompressedCap(100 * 1024)).toBe(64 << 20);
  }, 30_000);

  it('skips a document over the text limit with a problem saying why', async () => {
    const dir = await tempDir('dangbo-long-');
    await writeFile(path.join(dir, 'long.txt'), `${REPORT}\n\n`.repeat(100));
    await writeFile(path.join(dir, 'ok.txt'), REPORT);
    const problems: IngestProblem[] = [];
    const docs = [];
    for await (const d of loadDocuments([dir], { onProblem: (p) => problems.push(p), maxDocumentChars: 5000 })) docs.push(d.id);
    expect(docs).toEqual(['ok.txt']);
    expect(problems[0]).toMatchObject({ code: 'INPUT_TOO_LARGE' });
    expect(problems[0]!.message).toMatch(/long\.txt" has \d+ characters of text, over the 5000-character limit/);
    expect(DEFAULT_MAX_DOCUMENT_CHARS).toBeLessThanOrEqual(4_000_000);
  });
});
