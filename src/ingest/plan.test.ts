import { describe, expect, it } from 'vitest';
import type { Manifest, ManifestArticle } from '../index/store.js';
import { planIngest, rebuildReason, type InputFile, type PreviousManifest } from './plan.js';

const file = (abs: string, fingerprint = `fp-${abs}`, size = 100): InputFile => ({ abs, size, fingerprint });

/** Two files: /a holds articles a1 (labels 0, 1) and a2 (2); /b holds b1 (3, 4). */
const previous: PreviousManifest = {
  sources: ['/data'],
  files: {
    '/a': { fingerprint: 'fp-/a', articles: ['a1', 'a2'] },
    '/b': { fingerprint: 'fp-/b', articles: ['b1'] },
  },
  articles: {
    a1: { hash: 'h-a1', labels: [0, 1] },
    a2: { hash: 'h-a2', labels: [2] },
    b1: { hash: 'h-b1', labels: [3, 4] },
  },
};
const fresh = (entries: Record<string, number[]>) =>
  new Map<string, ManifestArticle>(Object.entries(entries).map(([id, labels]) => [id, { hash: `new-${id}`, labels }]));

describe('planIngest', () => {
  it('a full build reads every file and adds every article, in input order', () => {
    const plan = planIngest(null, ['/data'], [file('/a', 'x', 10), file('/b', 'y', 20)]);
    expect(plan).toMatchObject({ upToDate: false, bytesToRead: 30, reservedIds: [] });
    expect([...plan.unchangedFiles]).toEqual([]);
    expect(plan.admit({ id: 'b1', abs: '/b', contentHash: 'h' })).toBe('added');
    expect(plan.admit({ id: 'a1', abs: '/a', contentHash: 'h' })).toBe('added');
    expect(plan.admit({ id: 'a1', abs: '/a', contentHash: 'h' })).toBe('duplicate');
    const c = plan.settle(fresh({ b1: [0], a1: [1, 2] }));
    expect(Object.keys(c.articles)).toEqual(['a1', 'b1']);
    expect(c).toMatchObject({ added: 2, updated: 0, unchanged: 0, removed: [], removedLabels: [], articleCount: 2, chunkCount: 3, contentChanged: true, sameFiles: false });
    expect(c.files).toEqual({ '/a': { fingerprint: 'x', articles: ['a1'] }, '/b': { fingerprint: 'y', articles: ['b1'] } });
  });

  it('nothing changed: up to date, nothing to read', () => {
    const plan = planIngest(previous, ['/data'], [file('/a'), file('/b')]);
    expect(plan).toMatchObject({ upToDate: true, bytesToRead: 0, reservedIds: ['a1', 'a2', 'b1'] });
    const c = plan.settle(new Map());
    expect(c).toMatchObject({ contentChanged: false, sameFiles: true, unchanged: 3, articleCount: 3, chunkCount: 5 });
    expect(c.articles).toEqual(previous.articles);
  });

  it('other sources, or a file more or less, is not up to date even when every listed file is unchanged', () => {
    expect(planIngest(previous, ['/other'], [file('/a'), file('/b')]).upToDate).toBe(false);
    const fewer = planIngest(previous, ['/data'], [file('/a')]);
    expect(fewer.upToDate).toBe(false);
    const c = fewer.settle(new Map());
    expect(c).toMatchObject({ removed: ['b1'], removedLabels: [3, 4], contentChanged: true, articleCount: 2, unchanged: 2 });
  });

  it('a changed file is read: same hash kept, new hash updated, new id added, missing id removed', () => {
    const plan = planIngest(previous, ['/data'], [file('/a', 'changed', 70), file('/b')]);
    expect(plan).toMatchObject({ upToDate: false, bytesToRead: 70, reservedIds: ['b1'] });
    expect([...plan.unchangedFiles]).toEqual(['/b']);
    expect(plan.admit({ id: 'a2', abs: '/a', contentHash: 'other' })).toBe('updated');
    expect(plan.admit({ id: 'a3', abs: '/a', contentHash: 'h-a3' })).toBe('added');
    expect(plan.admit({ id: 'b1', abs: '/a', contentHash: 'h-b1' })).toBe('duplicate');
    const c = plan.settle(fresh({ a2: [5], a3: [6, 7] }));
    expect(Object.keys(c.articles)).toEqual(['a2', 'a3', 'b1']);
    expect(c.articles.a2).toEqual({ hash: 'new-a2', labels: [5] });
    expect(c.articles.b1).toEqual(previous.articles.b1);
    // Removed articles' labels first, then updated articles' old labels.
    expect(c).toMatchObject({ added: 1, updated: 1, unchanged: 1, removed: ['a1'], removedLabels: [0, 1, 2], articleCount: 3, chunkCount: 5 });
    expect(c.files['/a']).toEqual({ fingerprint: 'changed', articles: ['a2', 'a3'] });
  });

  it('only file dates changed: every article kept, no content change, but the files differ', () => {
    const plan = planIngest(previous, ['/data'], [file('/a', 'touched'), file('/b')]);
    expect(plan.admit({ id: 'a1', abs: '/a', contentHash: 'h-a1' })).toBe('unchanged');
    expect(plan.admit({ id: 'a2', abs: '/a', contentHash: 'h-a2' })).toBe('unchanged');
    const c = plan.settle(new Map());
    expect(c).toMatchObject({ contentChanged: false, sameFiles: false, unchanged: 3, removed: [], added: 0, updated: 0 });
    expect(c.articles).toEqual(previous.articles);
  });

  it('a file that could not be stat-ed (empty fingerprint) is always read', () => {
    const prev: PreviousManifest = { ...previous, files: { ...previous.files, '/a': { fingerprint: '', articles: ['a1', 'a2'] } } };
    const plan = planIngest(prev, ['/data'], [file('/a', ''), file('/b')]);
    expect(plan.upToDate).toBe(false);
    expect(plan.unchangedFiles.has('/a')).toBe(false);
  });
});

describe('rebuildReason', () => {
  const manifest = {
    formatVersion: 2,
    pipeline: 'analyzer-1/ingest-1',
    embedder: { id: 'local', dimensions: 384 },
    files: {},
    articles: {},
  } as unknown as Manifest;
  const current = { formatVersion: 2, pipeline: 'analyzer-1/ingest-1', embedder: { id: 'local', dimensions: 384 } };

  it('null when the index can be updated in place; else why not', () => {
    expect(rebuildReason(manifest, current)).toBeNull();
    expect(rebuildReason(manifest, { ...current, formatVersion: 3 })).toBe('the index format changed (2 → 3)');
    expect(rebuildReason(manifest, { ...current, pipeline: 'analyzer-2/ingest-1' })).toBe('the text pipeline changed (analyzer-1/ingest-1 → analyzer-2/ingest-1)');
    expect(rebuildReason(manifest, { ...current, embedder: { id: 'local', dimensions: 256 } })).toBe('the embedder changed (local/384 → local/256)');
    expect(rebuildReason({ ...manifest, files: undefined } as unknown as Manifest, current)).toBe('the previous index could not be read');
  });
});
