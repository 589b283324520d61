/**
 * The articles of an open index.db as an ArticleSource (article-rows.ts): the rows of every article in memory, read
 * at open from `article_rows` in one query; full articles decoded from `articles` on demand, the recently used kept
 * in a bounded LRU (ARTICLE_CACHE_MAX).
 *
 * Contracts:
 * - `rows` and `keys()` follow `order` (the index order the caller gives); every id in `order` has a row and an
 *   article, else the constructor throws (a corrupt index).
 * - Equal units are one object across rows (a unit's rows share it).
 * - `get` may return a different (equal) object for the same id after it left the cache; callers never rely on
 *   identity and never modify what they get.
 * - The table reads through `db`: after the index is closed, `get` of an uncached article throws.
 */
import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { ArticleRow, StoredArticle, Unit } from '../types.js';
import { decodeArticle } from './article-codec.js';
import type { ArticleSource } from './article-rows.js';

/** Decoded articles an open index keeps: the articles of recent answers (about 1.5 KB each). */
const ARTICLE_CACHE_MAX = 2_000;

/** `data`: encodeRow(row), the row's fields but its id as one positional JSON array (no repeated keys). */
export const ARTICLE_ROWS_SCHEMA = `CREATE TABLE article_rows (id TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID;`;

type EncodedRow = [
  title: string,
  publishedAt: string | null,
  event: ArticleRow['event'],
  unit: Unit | null,
  foreignUnit: 0 | 1,
  meetingNumber: number | null,
  congressNumber: number | null,
  term: string | null,
  khoa: string | null,
  meetingDate: string | null,
];

export function encodeRow(r: ArticleRow): string {
  const e: EncodedRow = [r.title, r.publishedAt, r.event, r.unit, r.foreignUnit ? 1 : 0, r.meetingNumber, r.congressNumber, r.term, r.khoa, r.meetingDate];
  return JSON.stringify(e);
}

function decodeRow(id: string, e: EncodedRow): ArticleRow {
  const [title, publishedAt, event, unit, foreignUnit, meetingNumber, congressNumber, term, khoa, meetingDate] = e;
  return { id, title, publishedAt, event, unit, foreignUnit: foreignUnit === 1, meetingNumber, congressNumber, term, khoa, meetingDate };
}

export class ArticleTable implements ArticleSource {
  readonly rows: readonly ArticleRow[];
  private readonly byId: ReadonlyMap<string, ArticleRow>;
  private readonly cache = new LRUCache<string, StoredArticle>({ max: ARTICLE_CACHE_MAX });
  private readonly one: Database.Statement;

  constructor(db: Database.Database, order: readonly string[]) {
    this.one = db.prepare('SELECT data FROM articles WHERE id = ?').pluck();
    // One JSON array of every row (id, then its fields): one parse instead of one per article.
    const all = db.prepare(`SELECT '[' || coalesce(group_concat(json_quote(id) || ',' || data), '') || ']' FROM article_rows`).pluck().get() as string;
    const flat = JSON.parse(all) as Array<string | EncodedRow>;
    const byId = new Map<string, ArticleRow>();
    const units = new Map<string, Unit>();
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const row = decodeRow(flat[i] as string, flat[i + 1] as EncodedRow);
      if (row.unit) {
        const key = JSON.stringify(row.unit);
        const shared = units.get(key);
        if (shared) row.unit = shared;
        else units.set(key, row.unit);
      }
      byId.set(row.id, row);
    }
    const rows: ArticleRow[] = [];
    for (const id of order) {
      const row = byId.get(id);
      if (!row) throw new Error(`article "${id}" has no row in article_rows`);
      rows.push(row);
    }
    if (byId.size !== rows.length) throw new Error(`article_rows has ${byId.size} rows; the index lists ${rows.length} articles`);
    this.rows = rows;
    this.byId = byId;
  }

  get size(): number {
    return this.rows.length;
  }

  get [Symbol.toStringTag](): string {
    return 'ArticleTable';
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  row(id: string): ArticleRow | undefined {
    return this.byId.get(id);
  }

  get(id: string): StoredArticle | undefined {
    const hit = this.cache.get(id);
    if (hit) return hit;
    if (!this.byId.has(id)) return undefined;
    const data = this.one.get(id) as string | undefined;
    if (data === undefined) throw new Error(`article "${id}" is missing from index.db`);
    const article = decodeArticle(data);
    this.cache.set(id, article);
    return article;
  }

  *keys(): MapIterator<string> {
    for (const r of this.rows) yield r.id;
  }

  /** Every article, decoded as it is reached (a full pass does not evict the cache's recent articles). */
  *entries(): MapIterator<[string, StoredArticle]> {
    for (const { id } of this.rows) {
      const article = this.cache.peek(id) ?? decodeArticle(this.one.get(id) as string);
      yield [id, article];
    }
  }

  *values(): MapIterator<StoredArticle> {
    for (const [, a] of this.entries()) yield a;
  }

  [Symbol.iterator](): MapIterator<[string, StoredArticle]> {
    return this.entries();
  }

  forEach(fn: (value: StoredArticle, key: string, map: ReadonlyMap<string, StoredArticle>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}
