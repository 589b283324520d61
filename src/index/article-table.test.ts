import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUnit } from '../text/units.js';
import { sourced, syntheticCard } from '../testing/synthetic-card.js';
import { buildSeedIndex, tempDir } from '../testing/seed-index.js';
import type { StoredArticle } from '../types.js';
import { articleRow, articlesInMemory } from './article-rows.js';
import { encodeArticle } from './article-codec.js';
import { ARTICLE_ROWS_SCHEMA, ArticleTable, encodeRow } from './article-table.js';
import { currentGeneration, FILES, openIndex, type IndexSnapshot } from './store.js';

const stored = (id: string, unit = makeUnit('quận', '8')): StoredArticle => ({
  id,
  title: `Hội nghị ${id}`,
  url: null,
  publishedAt: '2022-07-13',
  card: syntheticCard({ articleId: id, unit: sourced(unit), event: sourced('conference'), meetingNumber: sourced(8), meetingDate: sourced('2022-07-12') }),
  contentHash: id,
});

describe('articleRow', () => {
  it('keeps what the filters read, and marks a foreign place', () => {
    expect(articleRow(stored('a'))).toMatchObject({ id: 'a', event: 'conference', unit: { id: 'quan-8' }, foreignUnit: false, meetingNumber: 8, meetingDate: '2022-07-12', congressNumber: null, term: null });
    expect(articleRow(stored('ny', makeUnit('thành phố', 'New York'))).foreignUnit).toBe(true);
  });

  it('articlesInMemory gives rows in order and rows by id', () => {
    const src = articlesInMemory([stored('b'), stored('a')]);
    expect(src.rows.map((r) => r.id)).toEqual(['b', 'a']);
    expect(src.row('a')?.meetingNumber).toBe(8);
    expect(src.get('b')?.id).toBe('b');
  });
});

describe('ArticleTable (an open index)', () => {
  let snap: IndexSnapshot;
  beforeAll(async () => {
    const { dir } = await buildSeedIndex();
    snap = await openIndex(dir);
  }, 120_000);
  afterAll(() => snap?.close());

  it('holds one row per article in index order, each the row of its stored article', () => {
    const ids = [...snap.articles.keys()];
    expect(snap.articles.rows.map((r) => r.id)).toEqual(ids);
    expect(ids).toHaveLength(5);
    for (const id of ids) expect(snap.articles.row(id)).toEqual(articleRow(snap.articles.get(id)!));
    expect(snap.articles.has('nope')).toBe(false);
    expect(snap.articles.get('nope')).toBeUndefined();
    expect(snap.articles.row('nope')).toBeUndefined();
  });

  it('reads full articles on demand, the same through get and a full pass', () => {
    const all = [...snap.articles.values()];
    expect(all.map((a) => a.id)).toEqual([...snap.articles.keys()]);
    for (const a of all) expect(snap.articles.get(a.id)).toEqual(a);
    expect(snap.articles.size).toBe(all.length);
  });

  it('refuses an index whose rows and articles disagree', async () => {
    const gen = (await currentGeneration(path.dirname(snap.dir)))!;
    const copy = path.join(await tempDir(), FILES.db);
    const db = new Database(path.join(gen, FILES.db), { readonly: true });
    await db.backup(copy);
    db.close();
    const broken = new Database(copy);
    const id = snap.articles.rows[0]!.id;
    broken.prepare('DELETE FROM article_rows WHERE id = ?').run(id);
    expect(() => new ArticleTable(broken, [...snap.articles.keys()])).toThrow(`article "${id}" has no row`);
    expect(() => new ArticleTable(broken, [...snap.articles.keys()].slice(1, 3))).toThrow(/article_rows has 4 rows; the index lists 2/);
    broken.close();
  });
});

describe('ArticleTable (tables written by hand)', () => {
  it('shares one unit object between equal units, and decodes articles only when asked', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE articles (id TEXT PRIMARY KEY, data TEXT NOT NULL); ${ARTICLE_ROWS_SCHEMA}`);
    const articles = [stored('a'), stored('b'), stored('c', makeUnit('huyện', 'Cần Giờ'))];
    for (const a of articles) {
      db.prepare('INSERT INTO articles VALUES (?, ?)').run(a.id, encodeArticle(a));
      db.prepare('INSERT INTO article_rows VALUES (?, ?)').run(a.id, encodeRow(articleRow(a)));
    }
    const table = new ArticleTable(db, ['c', 'a', 'b']);
    expect(table.rows.map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(table.row('a')!.unit).toBe(table.row('b')!.unit);
    expect(table.row('c')!.unit).not.toBe(table.row('a')!.unit);
    // Rows come from article_rows alone: a corrupt article shows only when it is read.
    db.prepare(`UPDATE articles SET data = 'not json' WHERE id = 'b'`).run();
    expect(table.get('a')).toEqual(articles[0]);
    expect(() => table.get('b')).toThrow();
    db.close();
  });
});
