import { BM25Retriever } from '@langchain/community/retrievers/bm25';
import { Document } from '@langchain/core/documents';
import { describe, expect, it } from 'vitest';
import { baselineText, BASELINE_SETTINGS, createBaseline, IndexedBM25Retriever } from './baseline.js';

const long = (seed: string, n: number) => Array.from({ length: n }, (_, i) => `${seed} câu số ${i} nói về chuyện khác.`).join(' ');

const DOCS = [
  { id: 'q12', title: 'Quận 12 sơ kết', text: 'Quận ủy Quận 12 kết nạp 596 đảng viên mới, tổng số đảng viên 9.308.' },
  { id: 'paris', title: 'Paris', text: 'Paris còn có tên gọi khác là Pantruche. Paris là thủ đô của Pháp.' },
  // Long enough to be split into several 1000-character passages; the fact sits at the end.
  { id: 'long', title: 'Bài dài', text: `${long('Mở đầu', 60)}\n\nCuối bài: sản lượng lúa đạt 123 tấn.` },
];

describe('LangChain baseline adapter', () => {
  it('splits with RecursiveCharacterTextSplitter 1000/200 and retrieves with BM25 k=5', async () => {
    expect(BASELINE_SETTINGS).toEqual({ chunkSize: 1000, chunkOverlap: 200, k: 5 });
    const b = await createBaseline(DOCS);
    expect(b.passages).toBeGreaterThan(DOCS.length); // the long article became several passages
    const r = await b.search('tên gọi khác của Paris là gì');
    expect(r.rankedArticles[0]).toBe('paris');
    expect(r.passages[0]!.text).toContain('Pantruche');
    expect(r.passages.length).toBeLessThanOrEqual(5);
  });

  it('finds a fact deep in a long article through its passage', async () => {
    const b = await createBaseline(DOCS);
    const r = await b.search('sản lượng lúa');
    expect(r.rankedArticles[0]).toBe('long');
    expect(r.passages[0]!.text).toContain('123 tấn');
    expect(r.passages[0]!.text.length).toBeLessThanOrEqual(1000);
  });

  it('drops passages with score 0 (no query word occurs), so corpus order earns nothing', async () => {
    const b = await createBaseline(DOCS);
    expect(await b.search('xyzzy')).toEqual({ passages: [], rankedArticles: [] });
  });

  it('is accent- and case-sensitive, as the tutorial retriever is (no Vietnamese normalisation)', async () => {
    const b = await createBaseline(DOCS);
    expect((await b.search('pantruche')).rankedArticles).toEqual([]);
    expect((await b.search('ket nap dang vien')).rankedArticles).toEqual([]);
    expect((await b.search('kết nạp đảng viên')).rankedArticles[0]).toBe('q12');
  });

  it('baselineText prepends the title unless the text already starts with it', () => {
    expect(baselineText({ id: 'a', title: 'T', text: 'body' })).toBe('T\n\nbody');
    expect(baselineText({ id: 'a', title: 'Paris', text: 'Paris là thủ đô' })).toBe('Paris là thủ đô');
    expect(baselineText({ id: 'a', title: '', text: 'body' })).toBe('body');
  });
});

describe('IndexedBM25Retriever', () => {
  const docs = [
    'Quận 12 kết nạp 596 đảng viên mới; đảng viên Quận 12 tăng.',
    'Paris còn có tên gọi khác là Pantruche. Paris là thủ đô.',
    'Thu ngân sách đạt 6.587 tỷ đồng, đạt 104,99% dự toán.',
    'Đảng viên, đảng viên, đảng viên: một câu lặp lại.',
    'Hà Nội là thủ đô của Việt Nam. Thủ đô có nhiều quận.',
    'ana ana banana', // overlapping substrings: "ana" occurs twice, not three times
    'Không liên quan.',
  ].map((t, i) => new Document({ pageContent: t, metadata: { i } }));

  it.each([
    'Quận 12 kết nạp bao nhiêu đảng viên?',
    'thủ đô là gì',
    'đảng viên đảng viên',
    'ana',
    'ngân sách   đạt bao nhiêu',
    'không có gì',
  ])('gives the stock retriever\'s scores and order for %j', async (q) => {
    for (const k of [2, 5]) {
      const stock = await BM25Retriever.fromDocuments(docs, { k, includeScore: true }).invoke(q);
      const fast = await IndexedBM25Retriever.fromDocuments(docs, { k, includeScore: true }).invoke(q);
      const positive = stock.filter((d) => (d.metadata as { bm25Score: number }).bm25Score > 0);
      expect(fast.map((d) => [d.metadata.i, d.metadata.bm25Score])).toEqual(positive.map((d) => [d.metadata.i, d.metadata.bm25Score]));
    }
  });
});
