import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { ingest } from '../ingest/ingest.js';
import { openIndex } from '../index/store.js';
import { LocalHashEmbeddings } from '../providers/local-embeddings.js';
import { tempDir } from '../testing/seed-index.js';
import type { EventCard } from '../types.js';
import { ingestUpload, listUploads, removeUpload } from './uploads.js';

const embedder = new LocalHashEmbeddings();
const report = (unit: string, n: number) => `Ngày 3/4, Đảng ủy ${unit} tổ chức hội nghị lần thứ ${n}; đã kết nạp 31 đảng viên mới.`;

let root: string;
let articles: string;
let uploads: string;
let indexDir: string;

let syncSnap: { files: Record<string, { articles: string[] }>; cards: Map<string, EventCard> } | null = null;
const refresh = async () => {
  const snap = await openIndex(indexDir);
  syncSnap = { files: snap.manifest.files ?? {}, cards: new Map([...snap.articles].map(([id, a]) => [id, a.card])) };
  snap.close();
};

beforeAll(async () => {
  root = await tempDir('dangbo-uploads-');
  articles = path.join(root, 'articles');
  uploads = path.join(root, 'uploads');
  await mkdir(articles);
  await writeFile(path.join(articles, 'same.txt'), report('phường Bến Nghé', 12));
  indexDir = await tempDir();
  await ingest({ paths: [articles], indexDir, embedder, vectorExactMax: 20_000 });
});

/** ingestUpload with cardOf reading the index the reload just wrote. */
async function uploadAndRead(fileName: string, text: string | Uint8Array): Promise<EventCard> {
  const result = await ingestUpload({
    uploadsDir: uploads,
    fileName,
    bytes: typeof text === 'string' ? Buffer.from(text) : text,
    reload: async (extra) => {
      const s = await ingest({ paths: [articles, ...extra], indexDir, embedder, vectorExactMax: 20_000 });
      await refresh();
      return s;
    },
    cardOf: (abs) => {
      const id = syncSnap?.files[abs]?.articles[0];
      return id ? (syncSnap!.cards.get(id) ?? null) : null;
    },
  });
  if (result.kind !== 'ingested') throw new Error(`not ingested: ${result.kind}`);
  return result.card;
}

describe('admin uploads on disk', () => {
  it('an upload named like an existing article gets its own id and its own card is returned', async () => {
    const card = await uploadAndRead('same.txt', report('phường Đa Kao', 5));
    expect(card.unit?.value.label).toMatch(/Đa Kao/);
    const snap = await openIndex(indexDir);
    expect(snap.articles.get('same.txt')!.card.unit?.value.label).toMatch(/Bến Nghé/);
    expect(snap.manifest.files![path.join(uploads, 'same.txt')]!.articles).toEqual(['same.txt~2']);
    snap.close();
  }, 30_000);

  it('an upload with the name of an earlier upload replaces it', async () => {
    const card = await uploadAndRead('same.txt', report('phường Tân Định', 7));
    expect(card.unit?.value.label).toMatch(/Tân Định/);
    expect(await readFile(path.join(uploads, 'same.txt'), 'utf8')).toContain('Tân Định');
  }, 30_000);

  it('a refused or failed upload leaves nothing behind, and a replaced upload is restored', async () => {
    const before = (await readdir(uploads)).sort();
    for (const [name, bytes] of [
      ['empty.html', '<html><body><script>alert(1)</script></body></html>'],
      ['nul.txt', Buffer.concat([Buffer.from(report('phường Bến Thành', 1).repeat(2000)), Buffer.from([0])])],
      ['same.txt', '<<<>>>'.replace(/./g, ' ')],
    ] as const) {
      const err = await uploadAndRead(name, bytes).catch((e: unknown) => e);
      expect(AppError.isInstance(err), String(err)).toBe(true);
      expect((err as Error).message).toContain(name);
      expect((err as Error).message).not.toContain(uploads);
    }
    expect((await readdir(uploads)).sort()).toEqual(before);
    expect(await readdir(path.join(uploads, '.staging'))).toEqual([]);
    expect(await readFile(path.join(uploads, 'same.txt'), 'utf8')).toContain('Tân Định');
  }, 30_000);

  it('an upload the ingest refuses after storing it (lock held) is removed and the previous one restored', async () => {
    const err = await ingestUpload({
      uploadsDir: uploads,
      fileName: 'same.txt',
      bytes: Buffer.from(report('phường Cầu Kho', 9)),
      reload: () => Promise.reject(new AppError('INDEX_LOCKED', 'Another ingest is already running.')),
      cardOf: () => null,
    }).catch((e: unknown) => e);
    expect(AppError.isInstance(err) && err.code).toBe('INDEX_LOCKED');
    expect(await readFile(path.join(uploads, 'same.txt'), 'utf8')).toContain('Tân Định');
    expect((await readdir(uploads)).filter((f) => !f.startsWith('.'))).toEqual(['same.txt']);
  });

  it('refuses a file that reports no meeting, recognises content already indexed, records who added what', async () => {
    const reload = async (extra: string[]) => {
      const s = await ingest({ paths: [articles, ...extra], indexDir, embedder, vectorExactMax: 20_000 });
      await refresh();
      return s;
    };
    const cardOf = (abs: string) => {
      const id = syncSnap?.files[abs]?.articles[0];
      return id ? (syncSnap!.cards.get(id) ?? null) : null;
    };
    const findHash = (sha: string) => {
      const snap = hashes;
      return snap.get(sha) ?? null;
    };
    let hashes = new Map<string, string>();
    const readHashes = async () => {
      const snap = await openIndex(indexDir);
      hashes = new Map(Object.entries(snap.manifest.articles).map(([id, a]) => [a.hash, snap.articles.get(id)!.title]));
      snap.close();
    };
    await readHashes();
    const before = (await readdir(uploads)).sort();
    const notes = await ingestUpload({ uploadsDir: uploads, fileName: 'notes.md', bytes: Buffer.from('# Ghi chú\n\nViệc cần làm tuần này: gọi điện, viết báo cáo.\n'), reload, cardOf, findHash });
    expect(notes).toEqual({ kind: 'not_article' });
    expect((await readdir(uploads)).sort()).toEqual(before);

    const uploader = { id: 7, name: 'Lan' };
    const fresh = await ingestUpload({ uploadsDir: uploads, fileName: 'ben-thanh.txt', bytes: Buffer.from(report('phường Bến Thành', 4)), reload, cardOf, findHash, uploader, now: new Date('2024-05-02T08:00:00Z') });
    expect(fresh.kind).toBe('ingested');
    await readHashes();
    const again = await ingestUpload({ uploadsDir: uploads, fileName: 'copy.txt', bytes: Buffer.from(report('phường Bến Thành', 4)), reload, cardOf, findHash });
    expect(again).toMatchObject({ kind: 'duplicate', record: { file: 'ben-thanh.txt', uploadedBy: uploader } });
    const bundled = await ingestUpload({ uploadsDir: uploads, fileName: 'x.txt', bytes: await readFile(path.join(articles, 'same.txt')), reload, cardOf, findHash });
    expect(bundled).toMatchObject({ kind: 'duplicate', record: null });

    const listed = await listUploads(uploads);
    expect(listed.map((r) => r.file)).toEqual(['same.txt', 'ben-thanh.txt']); // newest first
    listed.shift();
    expect(listed[0]).toMatchObject({ file: 'ben-thanh.txt', unit: expect.stringMatching(/Bến Thành/), uploadedBy: uploader, uploadedAt: '2024-05-02T08:00:00.000Z' });
    expect(listed[0]!.id).toMatch(/^[a-f0-9]{8}$/);

    const removed = await removeUpload({ uploadsDir: uploads, id: listed[0]!.id, reload });
    expect(removed?.file).toBe('ben-thanh.txt');
    expect(await readdir(uploads)).not.toContain('ben-thanh.txt');
    expect((await listUploads(uploads)).map((r) => r.file)).not.toContain('ben-thanh.txt');
    expect(syncSnap!.files[path.join(uploads, 'ben-thanh.txt')]).toBeUndefined();
    expect(await removeUpload({ uploadsDir: uploads, id: 'deadbeef', reload })).toBeNull();
  }, 60_000);
});
