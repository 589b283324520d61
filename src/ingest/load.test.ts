import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { extractHtml, extractMarkdown, listInputFiles, loadDocuments, type IngestProblem, type LoadOptions, type RawDocument } from './load.js';

let dir: string;
const p = (...parts: string[]) => path.join(dir, ...parts);
const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

async function load(paths: string[], options: LoadOptions = {}): Promise<{ docs: RawDocument[]; problems: IngestProblem[] }> {
  const problems: IngestProblem[] = [];
  const docs: RawDocument[] = [];
  for await (const d of loadDocuments(paths, { ...options, onProblem: (x) => problems.push(x) })) docs.push(d);
  return { docs, problems };
}

async function loadError(paths: string[]): Promise<AppError> {
  try {
    await load(paths);
  } catch (error) {
    if (AppError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const HTML = `<!doctype html><html><head>
<title>Trang | Site</title>
<meta property="og:title" content="Hội nghị lần thứ 18">
<meta property="og:url" content="https://example.vn/a/1">
<meta property="article:published_time" content="2023-10-05T15:00:00+07:00">
<style>p{color:red}</style><script>var x = "<p>không lấy</p>";</script>
</head><body>
<header><nav>Trang chủ | Tin tức</nav></header>
<article><h1>Hội nghị lần thứ 18</h1><p>Chiều 5/10, Quận ủy quận Bình Tân tổ chức hội nghị.</p>
<p>Thu ngân sách đạt <b>3.200</b> tỷ&nbsp;đồng.</p><form>Bình luận</form><aside>Tin khác</aside></article>
<footer>Bản quyền</footer></body></html>`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ingest-load-'));
  mkdirSync(p('corpus', 'b'), { recursive: true });
  mkdirSync(p('corpus', 'a'), { recursive: true });
  mkdirSync(p('corpus', '.hidden'), { recursive: true });
  writeFileSync(p('corpus', 'b', 'same.txt'), 'Bài B.\r\nDòng hai.');
  writeFileSync(p('corpus', 'a', 'same.txt'), 'Bài A.');
  writeFileSync(p('corpus', 'z.md'), '# Tiêu đề MD\n\nĐoạn **một** dòng\nnối tiếp [liên kết](http://x).\n\n## Mục\n\n- mục một');
  writeFileSync(p('corpus', 'page.html'), HTML);
  writeFileSync(p('corpus', 'notes.csv'), 'a,b');
  writeFileSync(p('corpus', '.hidden', 'x.txt'), 'ẩn');
  writeFileSync(p('corpus', 'empty.txt'), '');
  writeFileSync(p('corpus', 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]));
  writeFileSync(p('corpus', 'latin1.txt'), Buffer.from([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0x69]));
  writeFileSync(p('corpus', 'big.txt'), 'x'.repeat(2000));
  writeFileSync(p('binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0x03]));
  writeFileSync(p('bad-utf8.md'), Buffer.from([0x48, 0xc3, 0x28]));
  writeFileSync(p('notes.csv'), 'a,b');
  writeFileSync(p('nfd.txt'), 'Quận uỷ họp.'.normalize('NFD'));
  const lines = [
    JSON.stringify({ id: 'r1', title: 'Tiêu đề 1', date: '2023-10-05', url: 'https://x.vn/1', text: 'Nội dung một.' }),
    '',
    '{not json',
    JSON.stringify({ id: 'r2', title: null, text: 'Nội dung hai.' }),
    JSON.stringify({ title: 'thiếu id', text: 'x' }),
    JSON.stringify({ id: 'r3', title: 'thiếu text' }),
    JSON.stringify({ id: 7, text: 'Id số.' }),
    JSON.stringify({ id: 'r1', text: 'Trùng id.' }),
    JSON.stringify({ id: 'r4', text: '   ' }),
  ];
  writeFileSync(p('records.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(p('records.jsonl.gz'), gzipSync(`${lines.slice(0, 1).join('\n').replace('"r1"', '"g1"')}\r\n${JSON.stringify({ id: 'g2', text: 'Hai.' })}`));
  writeFileSync(p('fake.jsonl.gz'), 'not gzip');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadDocuments: directories', () => {
  it('walks recursively in sorted order, skipping hidden and unsupported files, reporting bad ones', async () => {
    const { docs, problems } = await load([p('corpus')], { maxFileBytes: 1000 });
    expect(docs.map((d) => d.id)).toEqual(['same.txt', 'b/same.txt', 'page.html', 'z.md']);
    expect(docs.map((d) => d.format)).toEqual(['txt', 'txt', 'html', 'md']);
    const byFile = Object.fromEntries(problems.map((x) => [path.basename(x.path), x.code]));
    expect(byFile).toEqual({ 'big.txt': 'INPUT_TOO_LARGE', 'binary.txt': 'INPUT_BINARY', 'empty.txt': 'INPUT_EMPTY', 'latin1.txt': 'INPUT_BINARY' });
  });

  it('reads the entries it is given (listInputFiles) without walking the paths again', async () => {
    const entries = await listInputFiles([p('corpus')]);
    const walked = await load([p('corpus')], { maxFileBytes: 1000 });
    const given = await load([p('no-such-folder')], { maxFileBytes: 1000, entries });
    expect(given.docs).toEqual(walked.docs);
    expect(given.problems).toEqual(walked.problems);
  });

  it('normalises text and hashes the raw bytes', async () => {
    const { docs } = await load([p('corpus', 'b', 'same.txt')]);
    expect(docs[0]).toMatchObject({ id: 'same.txt', text: 'Bài B.\nDòng hai.', title: null, url: null, date: null });
    expect(docs[0]!.contentHash).toBe(sha('Bài B.\r\nDòng hai.'));
    const nfd = await load([p('nfd.txt')]);
    expect(nfd.docs[0]!.text).toBe('Quận ủy họp.');
  });

  it('extracts HTML main text and metadata', async () => {
    const { docs } = await load([p('corpus', 'page.html')]);
    expect(docs[0]).toMatchObject({
      title: 'Hội nghị lần thứ 18',
      url: 'https://example.vn/a/1',
      date: '2023-10-05T15:00:00+07:00',
      text: 'Hội nghị lần thứ 18\n\nChiều 5/10, Quận ủy quận Bình Tân tổ chức hội nghị.\n\nThu ngân sách đạt 3.200 tỷ đồng.',
    });
  });

  it('extracts Markdown text and title', async () => {
    const { docs } = await load([p('corpus', 'z.md')]);
    expect(docs[0]).toMatchObject({ title: 'Tiêu đề MD', text: 'Đoạn một dòng nối tiếp liên kết.\n\nMục\n\n- mục một' });
  });
});

describe('loadDocuments: named paths', () => {
  it('throws INPUT_UNREADABLE naming a missing path, before yielding anything', async () => {
    const error = await loadError([p('corpus', 'z.md'), p('missing.txt')]);
    expect(error.code).toBe('INPUT_UNREADABLE');
    expect(error.message).toContain('missing.txt');
    expect(error.hint).not.toBe('');
  });
  it('throws INPUT_BINARY for a named binary or invalid UTF-8 file', async () => {
    expect((await loadError([p('binary.txt')])).code).toBe('INPUT_BINARY');
    expect((await loadError([p('bad-utf8.md')])).code).toBe('INPUT_BINARY');
    expect((await loadError([p('fake.jsonl.gz')])).code).toBe('INPUT_BINARY');
  });
  it('throws INPUT_UNREADABLE for a named unsupported file', async () => {
    const error = await loadError([p('notes.csv')]);
    expect(error.code).toBe('INPUT_UNREADABLE');
    expect(error.hint).toContain('.jsonl.gz');
  });
  it('skips a named empty or too large file with a problem', async () => {
    const { docs, problems } = await load([p('corpus', 'empty.txt'), p('corpus', 'big.txt')], { maxFileBytes: 100 });
    expect(docs).toEqual([]);
    expect(problems.map((x) => x.code)).toEqual(['INPUT_EMPTY', 'INPUT_TOO_LARGE']);
  });
  it('makes ids unique across paths', async () => {
    const { docs } = await load([p('corpus', 'a', 'same.txt'), p('corpus', 'b', 'same.txt')]);
    expect(docs[0]!.id).toBe('same.txt');
    expect(docs[1]!.id).toMatch(/b\/same\.txt$/);
  });
});

describe('loadDocuments: JSON Lines', () => {
  it('keeps good records and reports bad lines with their line numbers', async () => {
    const { docs, problems } = await load([p('records.jsonl')]);
    expect(docs.map((d) => d.id)).toEqual(['r1', 'r2', '7', 'r1~2']);
    expect(docs[0]).toMatchObject({ format: 'jsonl', title: 'Tiêu đề 1', date: '2023-10-05', url: 'https://x.vn/1', text: 'Nội dung một.' });
    expect(docs[0]!.contentHash).toBe(sha(JSON.stringify({ id: 'r1', title: 'Tiêu đề 1', date: '2023-10-05', url: 'https://x.vn/1', text: 'Nội dung một.' })));
    expect(docs[1]!.title).toBeNull();
    expect(problems.map((x) => x.line)).toEqual([3, 5, 6, 8, 9]);
    expect(problems.every((x) => x.message.includes('records.jsonl:'))).toBe(true);
  });
  it('streams gzip files and accepts CRLF line ends', async () => {
    const { docs, problems } = await load([p('records.jsonl.gz')]);
    expect(problems).toEqual([]);
    expect(docs.map((d) => [d.id, d.text])).toEqual([
      ['g1', 'Nội dung một.'],
      ['g2', 'Hai.'],
    ]);
  });
  it('yields the first record before reading the rest (streaming)', async () => {
    const big = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ id: `n${i}`, text: `Bài số ${i}. ${'chữ '.repeat(50)}` })).join('\n');
    writeFileSync(p('stream.jsonl.gz'), gzipSync(big));
    const gen = loadDocuments([p('stream.jsonl.gz')]);
    const first = await gen.next();
    expect(first.value?.id).toBe('n0');
    await gen.return(undefined);
  });
});

describe('extractHtml / extractMarkdown', () => {
  it('falls back to <title> and canonical url', () => {
    const r = extractHtml('<html><head><title> Tên trang </title><link rel="canonical" href="https://a.vn/x"></head><body><div>Một<br>Hai</div></body></html>');
    expect(r).toMatchObject({ title: 'Tên trang', url: 'https://a.vn/x', date: null, text: 'Một\n\nHai' });
  });
  it('handles markdown without a heading', () => {
    expect(extractMarkdown('Dòng một\ndòng hai\n\nĐoạn hai')).toEqual({ title: null, text: 'Dòng một dòng hai\n\nĐoạn hai' });
  });
});
