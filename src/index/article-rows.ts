/**
 * The articles of an index as retrieval and answering read them (`ArticleSource`): every article's compact row in
 * memory (ArticleRow: what the filters, the gazetteer and collection listings scan), full articles by id on demand.
 *
 * Contracts:
 * - `articleRow(a)` is a pure function of the stored article (the index stores it at ingest; nothing else derives
 *   rows). `rows` lists every article once, in index order, the same order as `keys()`.
 * - An `ArticleSource` is a read-only Map of the full articles: `get`/`has` are cheap; iterating `values()` or
 *   `entries()` reads and decodes every article (the eval does; answering code scans `rows` and `get`s the few it
 *   needs). The articles a source returns must not be modified.
 */
import { isForeignPlace } from '../text/national-units.js';
import type { ArticleRow, StoredArticle } from '../types.js';

export interface ArticleSource extends ReadonlyMap<string, StoredArticle> {
  /** One row per article, in index order. */
  readonly rows: readonly ArticleRow[];
  /** The row of one article (cheap, no read). */
  row(id: string): ArticleRow | undefined;
}

export function articleRow(a: StoredArticle): ArticleRow {
  const c = a.card;
  return {
    id: a.id,
    title: a.title,
    publishedAt: a.publishedAt,
    event: c.event.value,
    unit: c.unit?.value ?? null,
    foreignUnit: c.unit !== null && isForeignPlace(c.unit.value),
    meetingNumber: c.meetingNumber?.value ?? null,
    congressNumber: c.congressNumber?.value ?? null,
    term: c.term?.value ?? null,
    khoa: c.khoa?.value ?? null,
    meetingDate: c.meetingDate?.value ?? null,
  };
}

/** Meeting date, else publication date ("YYYY-MM-DD" or shorter), else null. */
export const rowDate = (r: ArticleRow): string | null => r.meetingDate ?? r.publishedAt;

/** An ArticleSource over articles held in memory (tests, fakes, small tools), in the given order. */
export function articlesInMemory(articles: Iterable<StoredArticle> | ReadonlyMap<string, StoredArticle>): ArticleSource {
  const list = articles instanceof Map ? [...(articles as ReadonlyMap<string, StoredArticle>).values()] : [...(articles as Iterable<StoredArticle>)];
  const map = new Map(list.map((a) => [a.id, a]));
  const rows = [...map.values()].map(articleRow);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return Object.assign(map, { rows, row: (id: string) => byId.get(id) }) as ArticleSource;
}
