import { cp, readdir, readFile, stat, utimes, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { LocalHashEmbeddings } from '../providers/local-embeddings.js';
import { SEEDS_DIR, tempDir } from '../testing/seed-index.js';
import { FILES, FORMAT_VERSION, openIndex, readManifest } from '../index/store.js';
import { NoEmbeddings } from '../providers/no-embeddings.js';
import Database from 'better-sqlite3';
import { HEAD_SAMPLE_MIN } from './head-terms.js';
import { ingest, preparerFor, WORKER_MIN_BYTES } from './ingest.js';
import { loadDocuments } from './load.js';
import { prepareDocument } from './prepare.js';

const embedder = new LocalHashEmbeddings();

async function copySeeds(): Promise<string> {
  const dir = await tempDir('dangbo-data-');
  await cp(SEEDS_DIR, dir, { recursive: true });
  return dir;
}

describe('ingest', () => {
  it('builds an index with manifest, cards, keyword and vector parts', async () => {
    const data = await copySeeds();
    const indexDir = await tempDir();
    const s = await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000 });
    expect(s).toMatchObject({ articles: 5, added: 5, updated: 0, removed: 0, unchanged: 0, written: true, vectorKind: 'exact' });
    expect(s.chunks).toBeGreaterThan(10);
    const snap = await openIndex(indexDir);
    expect(snap.manifest.embedder).toEqual({ id: embedder.id, dimensions: embedder.dimensions });
    expect(Object.keys(snap.manifest.articles)).toHaveLength(5);
    expect(snap.keyword.size).toBe(s.chunks);
    expect(snap.vectors.size).toBe(s.chunks);
    const files = await readdir(snap.dir);
    expect(files.sort()).toEqual(['index.db', 'manifest.json', 'vec-0.f32', 'vec-0.labels']);
  });

  it('keyword-only (the offline default): no vector files; cards and chunks read back exactly as prepared', async () => {
    const data = await copySeeds();
    const indexDir = await tempDir();
    const s = await ingest({ paths: [data], indexDir, embedder: new NoEmbeddings(), vectorExactMax: 20_000 });
    const snap = await openIndex(indexDir);
    try {
      expect(snap.manifest.embedder).toEqual({ id: 'none', dimensions: 0 });
      expect((await readdir(snap.dir)).sort()).toEqual(['index.db', 'manifest.json']);
      expect(snap.vectors.search([1], 5)).toEqual([]);
      expect(snap.keyword.size).toBe(s.chunks);
      for await (const raw of loadDocuments([data])) {
        const prepared = prepareDocument(raw, null);
        expect(snap.articles.get(raw.id)).toEqual(prepared.article);
        const stored = snap.articleLabels.get(raw.id)!.map((label) => snap.chunks.get(label));
        expect(stored).toEqual(prepared.chunks);
      }
      expect([...snap.chunks.values()]).toHaveLength(s.chunks);
    } finally {
      snap.close();
    }
  });

  it('re-ingest is idempotent: nothing changed → nothing written', async () => {
    const data = await copySeeds();
    const indexDir = await tempDir();
    await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000 });
    const before = await readManifest(indexDir);
    const s = await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000 });
    expect(s).toMatchObject({ written: false, unchanged: 5, added: 0, updated: 0, removed: 0 });
    expect((await readManifest(indexDir))?.generation).toBe(before?.generation);
  });

  it('updates changed articles and removes deleted ones, keeping the others untouched', async () => {
    const data = await copySeeds();
    const indexDir = await tempDir();
    await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000 });
    const m1 = (await readManifest(indexDir))!;
    const changed = path.join(data, '002_38b2f8d630866424.txt');
    await writeFile(changed, `${await readFile(changed, 'utf8')}\n\nĐoạn bổ sung: quận đạt 123 điểm thử nghiệm.\n`);
    await rm(path.join(data, '004_14a5125e8fc205ba.txt'));
    const s = await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000 });
    expect(s).toMatchObject({ written: true, updated: 1, removed: 1, unchanged: 3, articles: 4 });
    const m2 = (await readManifest(indexDir))!;
    expect(m2.articles['000_8560dab47670abcc.txt']).toEqual(m1.articles['000_8560dab47670abcc.txt']);
    expect(m2.articles['004_14a5125e8fc205ba.txt']).toBeUndefined();
    expect(m2.articles['002_38b2f8d630866424.txt']!.labels).not.toEqual(m1.articles['002_38b2f8d630866424.txt']!.labels);
    const snap = await openIndex(indexDir);
    expect([...snap.chunks.values()].some((c) => c.text.includes('123 điểm thử nghiệm'))).toBe(true);
  });

  it('an interrupted write leaves the previous index usable', async () => {
    const data = await copySeeds();
    const indexDir = await tempDir();
    await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000 });
    const before = (await readManifest(indexDir))!;
    await writeFile(path.join(data, 'new.txt'), 'Thứ Hai, ngày 1 tháng 1 năm 2024\n\nTiêu đề mới\n\nNội dung mới về Quận 3 có 77 đảng viên.');
    await expect(
      ingest({
        paths: [data],
        indexDir,
        embedder,
        vectorExactMax: 20_000,
        beforeCommit: () => {
          throw new Error('simulated crash before commit');
        },
      }),
    ).rejects.toThrow('simulated crash');
    const after = (await readManifest(indexDir))!;
    expect(after.generation).toBe(before.generation);
    const snap = await openIndex(indexDir);
    expect(snap.articles.size).toBe(5);
    // The next ingest completes and cleans up the abandoned generation.
    const s = await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000 });
    expect(s).toMatchObject({ added: 1, unchanged: 5, written: true });
    const gens = (await readdir(indexDir)).filter((f) => f.startsWith('gen-'));
    expect(gens).toHaveLength(1);
  });

  it('refuses a second concurrent ingest with a clear error', async () => {
    const data = await copySeeds();
    const indexDir = await tempDir();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000, beforeCommit: () => gate });
    await new Promise((r) => setTimeout(r, 300));
    const second = ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000 }).catch((e: unknown) => e);
    const err = await second;
    release();
    await first;
    expect(AppError.isInstance(err) && err.code).toBe('INDEX_LOCKED');
  });

  it('queues a second ingest that may wait for the lock, and it reads what the first wrote', async () => {
    const data = await copySeeds();
    const indexDir = await tempDir();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000, beforeCommit: () => gate });
    await new Promise((r) => setTimeout(r, 300));
    const second = ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000, lockWaitMs: 30_000 });
    await new Promise((r) => setTimeout(r, 600));
    release();
    expect(await first).toMatchObject({ added: 5, written: true });
    expect(await second).toMatchObject({ added: 0, unchanged: 5, written: false });
    // A wait shorter than the holder's work still fails, with the same error.
    let again!: () => void;
    const held = new Promise<void>((r) => (again = r));
    await writeFile(path.join(data, 'extra.txt'), 'Hội nghị lần thứ 9 Ban Chấp hành Đảng bộ Quận 8.');
    const third = ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000, beforeCommit: () => held });
    await new Promise((r) => setTimeout(r, 300));
    const err = await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000, lockWaitMs: 500 }).catch((e: unknown) => e);
    again();
    await third;
    expect(AppError.isInstance(err) && err.code).toBe('INDEX_LOCKED');
  });

  it('rebuilds every vector when the embedder changes, and says why', async () => {
    const data = await copySeeds();
    const indexDir = await tempDir();
    await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000 });
    const other = new LocalHashEmbeddings({ dimensions: 256 });
    const s = await ingest({ paths: [data], indexDir, embedder: other, vectorExactMax: 20_000 });
    expect(s.rebuiltReason).toMatch(/embedder changed/);
    expect(s).toMatchObject({ added: 5, written: true });
    expect((await readManifest(indexDir))!.embedder.dimensions).toBe(256);
  });

  it('uses HNSW above the exact threshold and still finds the right passage', async () => {
    const data = await copySeeds();
    const indexDir = await tempDir();
    const s = await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 1 });
    expect(s.vectorKind).toBe('hnsw');
    const snap = await openIndex(indexDir);
    const q = await embedder.embedQuery('Quận 12 kết nạp 596 đảng viên');
    const top = snap.vectors.search(q, 3);
    expect(top.map((m) => snap.chunks.get(m.label)!.meta.articleId)).toContain('000_8560dab47670abcc.txt');
  });

  it('opening a missing index says how to build it', async () => {
    const err = await openIndex(await tempDir()).catch((e: unknown) => e);
    expect(AppError.isInstance(err) && err.code).toBe('INDEX_MISSING');
    expect((err as Error).message).toMatch(/No index found/);
  });

  it('does not re-read unchanged files, and links index.db when only file dates changed', async () => {
    const data = await copySeeds();
    const indexDir = await tempDir();
    await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000 });
    const m1 = (await readManifest(indexDir))!;
    const db1 = await stat(path.join(indexDir, m1.generation, FILES.db));
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(data, '001_89852375af5197ac.txt'), later, later);
    const s = await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000 });
    expect(s).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 5 });
    const m2 = (await readManifest(indexDir))!;
    expect(m2.articles).toEqual(m1.articles);
    // A new generation records the new fingerprint, but shares the unchanged index.db (same inode).
    expect((await stat(path.join(indexDir, m2.generation, FILES.db))).ino).toBe(db1.ino);
    const again = await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000 });
    expect(again.written).toBe(false);
  });

  it('updates only the changed record of a JSON Lines file', async () => {
    const dir = await tempDir('dangbo-jsonl-');
    const file = path.join(dir, 'corpus.jsonl');
    const record = (id: string, text: string) => JSON.stringify({ id, title: `Bài ${id}`, date: '2024-01-02', url: null, text });
    await writeFile(file, [record('a', 'Phường Bến Nghé kết nạp 12 đảng viên.'), record('b', 'Phường Đa Kao thu ngân sách đạt 90%.')].join('\n'));
    const indexDir = await tempDir();
    await ingest({ paths: [file], indexDir, embedder, vectorExactMax: 20_000 });
    const m1 = (await readManifest(indexDir))!;
    await writeFile(file, [record('a', 'Phường Bến Nghé kết nạp 12 đảng viên.'), record('b', 'Phường Đa Kao thu ngân sách đạt 95%.'), record('c', 'Phường Tân Định có 7 chi bộ.')].join('\n'));
    const s = await ingest({ paths: [file], indexDir, embedder, vectorExactMax: 20_000 });
    expect(s).toMatchObject({ added: 1, updated: 1, unchanged: 1, removed: 0, articles: 3 });
    const m2 = (await readManifest(indexDir))!;
    expect(m2.articles.a).toEqual(m1.articles.a);
    const snap = await openIndex(indexDir);
    expect(snap.keyword.search('folded', ['95'], 5).map((m) => snap.chunks.get(m.label)!.meta.articleId)).toEqual(['b']);
    expect(snap.keyword.search('folded', ['90'], 5)).toEqual([]);
    expect([...snap.articles.keys()]).toEqual(['a', 'b', 'c']);
    snap.close();
  });

  it('prepares documents in worker threads with the same result as inline', async () => {
    const data = await copySeeds();
    const inlineDir = await tempDir();
    const workerDir = await tempDir();
    await ingest({ paths: [data], indexDir: inlineDir, embedder, vectorExactMax: 20_000, workers: 0 });
    await ingest({ paths: [data], indexDir: workerDir, embedder, vectorExactMax: 20_000, workers: 2 });
    const [a, b] = [await openIndex(inlineDir), await openIndex(workerDir)];
    expect(b.manifest.articles).toEqual(a.manifest.articles);
    expect([...b.chunks.values()]).toEqual([...a.chunks.values()]);
    const q = await embedder.embedQuery('Quận 12 kết nạp 596 đảng viên');
    expect(b.vectors.search(q, 5)).toEqual(a.vectors.search(q, 5));
    expect(b.keyword.search('folded', ['ket_nap', '596'], 5)).toEqual(a.keyword.search('folded', ['ket_nap', '596'], 5));
    a.close();
    b.close();
  });

  it('the automatic pool (this thread preparing whenever it would wait) builds the same index as inline', async () => {
    // Above WORKER_MIN_BYTES: the seed articles' texts, renumbered, as one JSONL file.
    const seeds = await Promise.all((await readdir(SEEDS_DIR)).map((f) => readFile(path.join(SEEDS_DIR, f), 'utf8')));
    const lines: string[] = [];
    for (let i = 0, bytes = 0; bytes < WORKER_MIN_BYTES * 1.2; i++) {
      const text = `${seeds[i % seeds.length]!}\n\nBản tin số ${i}.`;
      lines.push(JSON.stringify({ id: `a${i}`, title: `Bài ${i}`, date: '2024-01-02', url: null, text }));
      bytes += Buffer.byteLength(text);
    }
    const data = await tempDir('dangbo-data-');
    await writeFile(path.join(data, 'many.jsonl'), lines.join('\n'));
    const [inlineDir, autoDir] = [await tempDir(), await tempDir()];
    await ingest({ paths: [data], indexDir: inlineDir, embedder, vectorExactMax: 20_000, workers: 0 });
    await ingest({ paths: [data], indexDir: autoDir, embedder, vectorExactMax: 20_000 });
    const [a, b] = [await openIndex(inlineDir), await openIndex(autoDir)];
    // The same head terms as inline (learned from the same first documents).
    const heads = (dir: string) => {
      const db = new Database(path.join(dir, FILES.db), { readonly: true });
      const tokens = db.prepare('SELECT token FROM kw_head ORDER BY id').pluck().all() as string[];
      db.close();
      return tokens;
    };
    expect(heads(a.dir).length).toBeGreaterThan(100);
    expect(heads(b.dir)).toEqual(heads(a.dir));
    expect(b.manifest.articles).toEqual(a.manifest.articles);
    expect(b.chunks.size).toBe(a.chunks.size);
    expect([...b.chunks.values()]).toEqual([...a.chunks.values()]);
    const found = a.keyword.search('folded', ['ban_tin', '117'], 5);
    expect(found.length).toBeGreaterThan(0);
    expect(b.keyword.search('folded', ['ban_tin', '117'], 5)).toEqual(found);
    a.close();
    b.close();
  }, 120_000);

  it('learns head terms at a full build and keeps their postings right through incremental changes', async () => {
    const record = (i: number, extra = '') =>
      JSON.stringify({ id: `p${i}`, title: `Phường ${i}`, date: '2025-09-01', url: null, text: `Đảng bộ phường số ${i} kết nạp ${i % 9} đảng viên${'; đảng viên dự họp'.repeat(i % 4)}. ${i % 5 === 0 ? 'Hội nghị lần thứ hai.' : 'Chi bộ sinh hoạt.'}${extra}` });
    const ids = Array.from({ length: HEAD_SAMPLE_MIN + 40 }, (_, i) => i);
    const data = await tempDir('dangbo-data-');
    const file = path.join(data, 'wards.jsonl');
    await writeFile(file, ids.map((i) => record(i)).join('\n'));
    const indexDir = await tempDir();
    await ingest({ paths: [data], indexDir, embedder: new NoEmbeddings(), vectorExactMax: 20_000, workers: 0 });
    const gen = (await readManifest(indexDir))!.generation;
    const heads = () => {
      const db = new Database(path.join(indexDir, gen, FILES.db), { readonly: true });
      const tokens = db.prepare('SELECT token FROM kw_head ORDER BY id').pluck().all() as string[];
      db.close();
      return tokens;
    };
    expect(heads()).toEqual(expect.arrayContaining(['đảng_viên', '~dang_vien', '~ket_nap']));
    // Updated, removed and added records, read incrementally; then the same records built from scratch.
    const changed = ids.filter((i) => i % 50 !== 7).map((i) => (i % 40 === 3 ? record(i, ' Đảng viên mới.') : record(i)));
    await writeFile(file, [...changed, record(900), record(901, ' đảng viên')].join('\n'));
    const s = await ingest({ paths: [data], indexDir, embedder: new NoEmbeddings(), vectorExactMax: 20_000, workers: 0 });
    expect(s).toMatchObject({ written: true, added: 2 });
    expect(s.updated).toBeGreaterThan(0);
    expect(s.removed).toBeGreaterThan(0);
    const freshDir = await tempDir();
    await ingest({ paths: [data], indexDir: freshDir, embedder: new NoEmbeddings(), vectorExactMax: 20_000, workers: 0 });
    const [a, b] = [await openIndex(indexDir), await openIndex(freshDir)];
    const chunkIds = (index: typeof a, labels: Iterable<number>) => [...labels].map((l) => index.chunks.get(l)!.id).sort();
    for (const [view, term] of [['folded', 'dang_vien'], ['exact', 'đảng_viên'], ['folded', 'ket_nap'], ['folded', 'moi'], ['exact', 'hai'], ['folded', 'phuong']] as const) {
      expect(chunkIds(a, a.keyword.labelsWith(view, term)), `${view}:${term}`).toEqual(chunkIds(b, b.keyword.labelsWith(view, term)));
      const ranked = (index: typeof a) => index.keyword.search(view, [term, 'dang_vien'], 500).map((m) => [index.chunks.get(m.label)!.id, m.score.toFixed(9)]);
      expect(new Set(ranked(a).map(String))).toEqual(new Set(ranked(b).map(String)));
    }
    a.close();
    b.close();
  }, 60_000);

  it('this thread prepares a batch only when it would otherwise wait (automatic pool)', () => {
    const state = { asked: false, queued: 8, max: 8, oldestSettled: false };
    expect(preparerFor(state)).toBe('here');
    expect(preparerFor({ ...state, oldestSettled: true })).toBe('worker');
    // The pool's queue fills first (a starting worker has work the moment it starts).
    expect(preparerFor({ ...state, queued: 0 })).toBe('worker');
    expect(preparerFor({ ...state, queued: 3 })).toBe('worker');
    // Workers asked for: they prepare everything.
    expect(preparerFor({ ...state, asked: true })).toBe('worker');
  });

  it('updates an HNSW index in place when articles are added', async () => {
    const data = await copySeeds();
    const indexDir = await tempDir();
    await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 1 });
    await writeFile(path.join(data, 'new.txt'), 'Thứ Hai, ngày 1 tháng 1 năm 2024\n\nHội nghị Quận 3\n\nQuận 3 có 4321 hộ dân tham gia mô hình camera an ninh.');
    const s = await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 1 });
    expect(s).toMatchObject({ added: 1, vectorKind: 'hnsw' });
    const snap = await openIndex(indexDir);
    expect(snap.manifest.vector).toMatchObject({ kind: 'hnsw', hnswDeleted: 0 });
    const top = snap.vectors.search(await embedder.embedQuery('Quận 3 có 4321 hộ dân tham gia mô hình camera an ninh'), 1);
    expect(snap.chunks.get(top[0]!.label)!.meta.articleId).toBe('new.txt');
    snap.close();
    // A changed article: its old chunk is marked deleted in the same graph (a rebuild would count 0 deleted).
    await writeFile(path.join(data, 'new.txt'), 'Thứ Hai, ngày 1 tháng 1 năm 2024\n\nHội nghị Quận 3\n\nQuận 3 có 5432 hộ dân tham gia mô hình camera an ninh.');
    expect(await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 1 })).toMatchObject({ updated: 1, vectorKind: 'hnsw' });
    const changed = await openIndex(indexDir);
    expect(changed.manifest.vector).toMatchObject({ kind: 'hnsw', hnswDeleted: 1 });
    const hit = changed.vectors.search(await embedder.embedQuery('Quận 3 có 5432 hộ dân tham gia mô hình camera an ninh'), 1);
    expect(changed.chunks.get(hit[0]!.label)!.text).toContain('5432');
    changed.close();
  });

  it('refuses to open an index of another format and rebuilds it with the reason', async () => {
    const data = await copySeeds();
    const indexDir = await tempDir();
    await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000 });
    const m = (await readManifest(indexDir))!;
    await writeFile(path.join(indexDir, m.generation, FILES.manifest), JSON.stringify({ ...m, formatVersion: 1 }));
    const err = await openIndex(indexDir).catch((e: unknown) => e);
    expect(AppError.isInstance(err) && err.code).toBe('INDEX_MISMATCH');
    expect((err as AppError).hint).toMatch(/npm run ingest/);
    const s = await ingest({ paths: [data], indexDir, embedder, vectorExactMax: 20_000 });
    expect(s.rebuiltReason).toBe(`the index format changed (1 → ${FORMAT_VERSION})`);
    expect(s).toMatchObject({ added: 5, written: true });
    (await openIndex(indexDir)).close();
  });
});
