import Database from 'better-sqlite3';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { keywordTokens } from '../text/tokenize.js';
import { COMMON_MIN_DF, commonCap, decodeHeadList, decodeHeadRuns, encodeHeadRuns, KEYWORD_SCHEMA, keywordDocument, KeywordIndex, KeywordWriter, midCap, parseIntList, PROBE_DOCLIST_MAX, TF_LEVELS } from './keyword-index.js';

/**
 * An in-memory keyword index over texts (label = position, or `labels`), with `head` terms (kw_head); `db` receives
 * the connection.
 */
function indexOf(texts: string[], opts: { common?: boolean; head?: string[]; labels?: number[]; db?: (db: Database.Database) => void } = {}): KeywordIndex {
  const db = new Database(':memory:');
  db.exec(KEYWORD_SCHEMA);
  const w = new KeywordWriter(db);
  if (opts.head) w.defineHead(opts.head);
  texts.forEach((text, i) => {
    const t = keywordTokens(text);
    w.insert(opts.labels?.[i] ?? i, t.exact.join(' '), t.folded.join(' '));
  });
  w.writeHead();
  if (opts.common) w.recomputeCommon(texts.length);
  w.packLengths();
  opts.db?.(db);
  return new KeywordIndex(db);
}

const q = (text: string) => keywordTokens(text);

describe('KeywordIndex (FTS5 doclists, BM25 computed here)', () => {
  const docs = [
    'Quận 12 kết nạp 596 đảng viên mới trong năm.',
    'Quận 1 tổ chức hội nghị; đồng chí Nguyễn Văn A chủ trì.',
    'Thu ngân sách đạt 104,99% dự toán, tăng 12% so với cùng kỳ.',
    'Quan tâm công tác quản lý đô thị và trật tự xây dựng.',
    'Đảng bộ quận 8 tổng kết nhiệm kỳ 2020-2025.',
  ];
  const index = indexOf(docs);

  it('ranks by BM25 in each view, best first, with positive scores', () => {
    const folded = index.search('folded', q('quan 12 ket nap dang vien').folded, 3);
    expect(folded[0]!.label).toBe(0);
    expect(folded.every((m, i) => i === 0 || m.score <= folded[i - 1]!.score)).toBe(true);
    expect(folded.every((m) => m.score > 0)).toBe(true);
    // The exact view tells "Quận" from "Quan".
    expect(index.search('exact', q('Quan tâm').exact, 5).map((m) => m.label)).toEqual([3]);
    expect(index.search('folded', q('quan').folded, 5).map((m) => m.label)).toEqual(expect.arrayContaining([0, 1, 3, 4]));
  });

  it('keeps numbers whole: "12" is not "1", and "104,99" is one token', () => {
    expect(index.search('folded', ['12'], 5).map((m) => m.label).sort()).toEqual([0, 2]);
    expect(index.search('folded', ['1'], 5).map((m) => m.label)).toEqual([1]);
    expect(index.search('folded', ['104,99'], 5).map((m) => m.label)).toEqual([2]);
    expect(index.search('folded', ['104'], 5)).toEqual([]);
    expect(index.search('folded', ['2020-2025'], 5)).toEqual([]); // not a single token: ignored
  });

  it('weighs terms by their boost', () => {
    // Indexed tokens are canonical: "nhiệm kỳ" → "nhiem_ki" (tokenize.ts canonicalSpelling).
    const plain = index.search('folded', ['quan', 'nhiem_ki'], 5);
    const boosted = index.search('folded', ['quan', 'nhiem_ki'], 5, { termBoost: (t) => (t === 'quan' ? 10 : 1) });
    expect(plain[0]!.label).toBe(4);
    expect(boosted[0]!.score).toBeGreaterThan(plain[0]!.score);
    expect(index.search('folded', ['quan'], 5, { termBoost: () => 0 })).toEqual([]);
  });

  it('applies a filter before truncating (a Set or a predicate)', () => {
    const terms = q('quan 12 ket nap dang vien').folded;
    expect(index.search('folded', terms, 1, { filter: new Set([4]) }).map((m) => m.label)).toEqual([4]);
    expect(index.search('folded', terms, 1, { filter: (l) => l === 3 }).map((m) => m.label)).toEqual([3]);
    expect(index.search('folded', terms, 5, { filter: new Set() })).toEqual([]);
  });

  it('answers hasTerm for bigrams and never throws on query syntax', () => {
    expect(index.hasTerm('exact', 'chủ_trì')).toBe(true);
    expect(index.hasTerm('folded', 'chu_tri')).toBe(true);
    expect(index.hasTerm('exact', 'chu_tri')).toBe(false);
    for (const t of ['"', '" OR "', 'NEAR(a b)', 'quan*', '^quan', 'folded:quan', '{exact}', '', ' ', 'a"b', '\u0000']) {
      expect(() => index.search('folded', [t], 5)).not.toThrow();
      expect(index.hasTerm('folded', t)).toBe(false);
    }
  });

  it('counts term frequency up to TF_LEVELS: more occurrences rank higher, and views never mix', () => {
    const tf = indexOf(['alpha beta', 'alpha alpha alpha beta', `${'alpha '.repeat(TF_LEVELS + 3)}beta`]);
    const ranked = tf.search('folded', ['alpha'], 3).map((m) => m.label);
    expect(ranked).toEqual([2, 1, 0]);
    expect(keywordDocument(['a', 'a', 'b', 'a'], ['a'])).toBe('a ^2a b ^3a ~a');
    expect(keywordDocument(['"x', 'a b', 'ok'], [])).toBe('ok');
    expect(tf.hasTerm('exact', '~alpha')).toBe(false);
    expect(tf.docFreq('folded', '^2alpha')).toBe(0);
  });

  it('deletes rows', () => {
    const db = new Database(':memory:');
    db.exec(KEYWORD_SCHEMA);
    const w = new KeywordWriter(db);
    w.insert(7, 'ab cd', 'ab cd');
    w.insert(9, 'ab', 'ab');
    w.delete(7);
    w.packLengths();
    const idx = new KeywordIndex(db);
    expect(idx.size).toBe(1);
    expect(idx.search('folded', ['ab', 'cd'], 5).map((m) => m.label)).toEqual([9]);
  });

  it('reads the lengths packed at the last change, and refuses tables never packed', () => {
    const db = new Database(':memory:');
    db.exec(KEYWORD_SCHEMA);
    const w = new KeywordWriter(db);
    expect(() => new KeywordIndex(db)).toThrow(/kw_lengths is missing/);
    w.insert(3, 'ab cd ef', 'ab cd ef');
    w.insert(1, 'ab', 'ab');
    w.packLengths();
    const blob = db.prepare('SELECT data FROM kw_lengths').pluck().get() as Buffer;
    expect([...new Uint32Array(new Uint8Array(blob).buffer)]).toEqual([1, 1, 1, 3, 3, 3]);
    // BM25 length normalisation sees them: the shorter chunk ranks first for a term both hold once.
    expect(new KeywordIndex(db).search('exact', ['ab'], 2).map((m) => m.label)).toEqual([1, 3]);
    expect(new KeywordIndex(db).size).toBe(2);
  });

  it('leaves common terms out of the ranking, unless nothing else is left', () => {
    const n = COMMON_MIN_DF + 200;
    const texts = Array.from({ length: n }, (_, i) => `chung ${i % 7 === 0 ? 'hiem' : 'thuong'} so ${i}`);
    const big = indexOf(texts, { common: true });
    expect(big.rankingTerms('folded', ['chung', 'hiem']).map(([t]) => t)).toEqual(['hiem']);
    expect(big.rankingTerms('folded', ['chung']).map(([t]) => t)).toEqual(['chung']);
    expect(big.search('folded', ['chung', 'hiem'], 3).every((m) => m.label % 7 === 0)).toBe(true);
  });

  it('ranks the rarest mid-common names and pairs by presence, next to rarer terms', () => {
    const n = 2 * COMMON_MIN_DF + 400;
    const texts = Array.from({ length: n }, (_, i) => `${i % 4 === 0 ? 'thuong' : 'pa ris'} chung ${i % 7 === 0 ? 'hiem' : 'x'} so ${i}`);
    const big = indexOf(texts, { common: true });
    const boost = (t: string) => (t.includes('_') ? 1.6 : 1);
    expect(big.docFreq('folded', 'pa_ris')).toBeGreaterThan(commonCap(n));
    expect(big.docFreq('folded', 'pa_ris')).toBeLessThanOrEqual(midCap(n));
    expect(big.rankingTerms('folded', ['chung', 'pa_ris', 'hiem'], boost)).toEqual([
      ['hiem', 1, false],
      ['pa_ris', 1.6, true],
    ]);
    // Chunks holding both the rare term and the pair come first.
    const top = big.search('folded', ['chung', 'pa_ris', 'hiem'], 5, { termBoost: boost });
    expect(top).toHaveLength(5);
    for (const m of top) expect(m.label % 7 === 0 && m.label % 4 !== 0).toBe(true);
    // Below MID_MIN_BOOST a mid-common term stays out; with no rarer term, the three rarest rank by their doclists.
    expect(big.rankingTerms('folded', ['pa_ris', 'hiem']).map(([t]) => t)).toEqual(['hiem']);
    expect(big.rankingTerms('folded', ['chung', 'pa_ris'], boost)).toEqual([
      ['pa_ris', 1.6, false],
      ['chung', 1, false],
    ]);
  });

  it('counts document frequency, for rare and for common terms', () => {
    expect(index.docFreq('folded', 'quan')).toBe(4);
    expect(index.docFreq('exact', 'quận')).toBe(3);
    expect(index.docFreq('folded', 'khong_co')).toBe(0);
    expect(index.docFreq('folded', '" OR x')).toBe(0);
    const n = COMMON_MIN_DF + 200;
    const big = indexOf(Array.from({ length: n }, (_, i) => `chung chung ${i % 2 === 0 ? 'chan' : 'le'}`), { common: true });
    expect(big.docFreq('folded', 'chung')).toBe(n);
    expect(big.docFreq('folded', 'chan')).toBe(n / 2);
  });

  it('labelsWith: the chunks holding a term in one view, ascending (= a one-term search, also for common terms)', () => {
    expect([...index.labelsWith('exact', 'quận')]).toEqual([0, 1, 4]);
    expect([...index.labelsWith('folded', 'quan')]).toEqual([0, 1, 3, 4]);
    expect([...index.labelsWith('exact', 'chủ_trì')]).toEqual([1]);
    for (const t of ['khong_co', '" OR x', 'Quận', 'chủ trì', '']) expect(index.labelsWith('folded', t).length).toBe(0);
    for (const [view, term] of [['folded', 'quan'], ['exact', '12'], ['folded', 'dang_vien']] as const) {
      expect([...index.labelsWith(view, term)]).toEqual(index.search(view, [term], 99).map((m) => m.label).sort((a, b) => a - b));
    }
    // After a search, from its cached doclist: the same labels.
    const searched = indexOf(docs);
    searched.search('folded', ['quan', 'khong_co'], 5);
    expect([...searched.labelsWith('folded', 'quan')]).toEqual([0, 1, 3, 4]);
    expect(searched.labelsWith('folded', 'khong_co').length).toBe(0);
    const n = COMMON_MIN_DF + 200;
    const big = indexOf(Array.from({ length: n }, (_, i) => `chung ${i % 2 === 0 ? 'chan' : 'le'}`), { common: true });
    expect(big.labelsWith('folded', 'chung').length).toBe(n);
    expect(big.labelsWith('folded', 'chan').length).toBe(n / 2);
  });

  it('contains: a term of either view, exactly the chunk token sets', () => {
    docs.forEach((text, label) => {
      const t = keywordTokens(text);
      for (const term of new Set([...t.exact, ...t.folded])) expect(index.contains(label, term)).toBe(true);
      for (const term of ['quận_99', 'khong_co', 'Quận']) expect(index.contains(label, term)).toBe(false);
    });
    expect(index.contains(0, 'chủ_trì')).toBe(false);
    expect(index.contains(1, 'chu_tri')).toBe(true);
  });

  it('containsIsCheap: false only for a common term of more than PROBE_DOCLIST_MAX chunks whose doclists are not cached', () => {
    const n = PROBE_DOCLIST_MAX + 100;
    const big = indexOf(Array.from({ length: n }, (_, i) => `chung ${i % 2 === 0 ? 'chan' : 'le'} ${i % 500 === 0 ? 'hiem' : ''}`), { common: true });
    expect(big.containsIsCheap('chung')).toBe(false);
    // Common, but at most PROBE_DOCLIST_MAX chunks; rare; absent; not a single token.
    for (const t of ['chan', 'le', 'hiem', 'khong_co', 'a b', '']) expect(big.containsIsCheap(t), t).toBe(true);
    expect(big.contains(3, 'chung')).toBe(true);
    // contains read the folded doclist; the exact one (the same ASCII token) is not read yet.
    expect(big.containsIsCheap('chung')).toBe(false);
    expect(big.labelsWith('exact', 'chung').length).toBe(n);
    expect(big.containsIsCheap('chung')).toBe(true);
    expect(index.containsIsCheap('quận')).toBe(true);
  });

  it('caches lookups: repeated searches and lookups give the same results', () => {
    const first = index.search('folded', q('quan 12 ket nap').folded, 5);
    expect(index.search('folded', q('quan 12 ket nap').folded, 5)).toEqual(first);
    expect(index.labelsWith('folded', 'quan')).toBe(index.labelsWith('folded', 'quan'));
  });

  describe('head terms (kw_head, kw_head_data: their postings as one blob each, not in FTS5)', () => {
    const n = COMMON_MIN_DF + 300;
    const texts = Array.from({ length: n }, (_, i) => `Đảng viên ${'chung '.repeat(1 + (i % 11))}${i % 3 === 0 ? 'kết nạp' : 'sinh hoạt'} ${i % 97 === 0 ? 'hiếm' : ''} số ${i}`);
    const head = ['~chung', 'chung', 'đảng', 'viên', 'đảng_viên', '~ket', '~nap', '~ket_nap', 'hiếm', 'vắng'];
    const terms: Array<[view: 'exact' | 'folded', term: string]> = [];
    for (const text of texts.slice(0, 40)) {
      const t = keywordTokens(text);
      for (const x of t.exact) terms.push(['exact', x]);
      for (const x of t.folded) terms.push(['folded', x]);
    }
    terms.push(['exact', 'vắng'], ['folded', 'hiem'], ['exact', 'hiếm'], ['folded', 'khong_co']);
    let headDb: Database.Database | undefined;
    const plain = indexOf(texts, { common: true });
    const withHead = indexOf(texts, { common: true, head, db: (db) => (headDb = db) });

    it('read the same labels, frequencies, scores and common terms as from FTS5', () => {
      for (const [view, term] of terms) {
        expect([...withHead.labelsWith(view, term)], `${view}:${term}`).toEqual([...plain.labelsWith(view, term)]);
        expect(withHead.docFreq(view, term)).toBe(plain.docFreq(view, term));
        expect(withHead.hasTerm(view, term)).toBe(plain.hasTerm(view, term));
      }
      // tf matters: "chung" occurs 1–11 times (TF_LEVELS caps it); a query made only of common terms ranks by them.
      for (const query of [['chung'], ['chung', 'hiem'], ['dang_vien', 'ket_nap', 'so', '12'], ['viên', 'chung']]) {
        for (const view of ['exact', 'folded'] as const) expect(withHead.search(view, query, 20)).toEqual(plain.search(view, query, 20));
      }
      expect(withHead.rankingTerms('folded', ['chung', 'ket_nap', 'hiem'])).toEqual(plain.rankingTerms('folded', ['chung', 'ket_nap', 'hiem']));
      const common = (db: Database.Database) => db.prepare('SELECT col, term, df FROM kw_common ORDER BY col, term').all();
      expect(common(headDb!)).toContainEqual({ col: 'folded', term: 'chung', df: n });
      expect(headDb!.prepare("SELECT count(*) FROM kw WHERE kw MATCH '\"~chung\" OR \"~^2chung\" OR \"đảng_viên\"'").pluck().get()).toBe(0);
    });

    it('stores each as varints of (gap − 1) · 8 + (tf − 1), deflated when long, and keeps them through deletes and later inserts', () => {
      const row = headDb!.prepare("SELECT df, data FROM kw_head JOIN kw_head_data USING (id) WHERE token = '~chung'").get() as { df: number; data: Buffer };
      const list = decodeHeadList(row.data);
      expect(row.df).toBe(n);
      expect([...list.labels.slice(0, 3)]).toEqual([0, 1, 2]);
      expect([...list.tfs.slice(0, 10)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 8, 8]);
      // An incremental change: two chunks deleted, one added under a larger label.
      const db = new Database(':memory:');
      db.exec(KEYWORD_SCHEMA);
      const w = new KeywordWriter(db);
      w.defineHead(head);
      const put = (label: number, text: string) => {
        const t = keywordTokens(text);
        w.insert(label, t.exact.join(' '), t.folded.join(' '));
      };
      texts.slice(0, 20).forEach((text, i) => put(i, text));
      w.writeHead();
      const later = new KeywordWriter(db);
      expect(later.headTerms()).toEqual(head);
      later.delete(3);
      later.delete(0);
      const t = keywordTokens('chung chung vắng');
      later.insert(50, t.exact.join(' '), t.folded.join(' '));
      later.writeHead();
      later.packLengths();
      const after = new KeywordIndex(db);
      expect([...after.labelsWith('folded', 'chung')]).toEqual([...Array.from({ length: 20 }, (_, i) => i).filter((i) => i !== 0 && i !== 3), 50]);
      expect([...after.labelsWith('exact', 'vắng')]).toEqual([50]);
      expect(after.docFreq('exact', 'vắng')).toBe(1);
      expect(after.search('folded', ['chung'], 30).map((m) => m.label).sort((a, b) => a - b)).toEqual([...after.labelsWith('folded', 'chung')]);
      expect(() => later.defineHead(['x'])).toThrow(/defined once/);
      // Lists are written as they are (kind byte 0), long ones too; a deflated blob (kind 1) is read as well.
      const long = new Database(':memory:');
      long.exec(KEYWORD_SCHEMA);
      const lw = new KeywordWriter(long);
      lw.defineHead(['x', 'y']);
      for (let label = 0; label < 12_000; label++) lw.insert(label, label % 1000 === 0 ? 'x y' : 'x x', '');
      lw.writeHead();
      const blobs = long.prepare('SELECT data FROM kw_head_data ORDER BY id').pluck().all() as Buffer[];
      expect(blobs.map((b) => b[0])).toEqual([0, 0]);
      expect([...decodeHeadList(blobs[0]!).labels]).toEqual(Array.from({ length: 12_000 }, (_, i) => i));
      expect(new Set(decodeHeadList(blobs[0]!).tfs)).toEqual(new Set([1, 2]));
      expect([...decodeHeadList(blobs[1]!).labels]).toEqual(Array.from({ length: 12 }, (_, i) => i * 1000));
      const deflated = Buffer.concat([Buffer.of(1), deflateRawSync(blobs[0]!.subarray(1))]);
      expect(deflated.length).toBeLessThan(2000);
      expect(decodeHeadList(deflated)).toEqual(decodeHeadList(blobs[0]!));
      expect(() => decodeHeadList(Buffer.of(7, 1))).toThrow(/unknown kind 7/);
    });

    it('take a batch\'s postings as head runs (grouped by term, chunk indices for labels from a base)', () => {
      const db = new Database(':memory:');
      db.exec(KEYWORD_SCHEMA);
      const w = new KeywordWriter(db);
      w.defineHead(['a', 'b', 'c']);
      // Batch 1: chunks 0–2 at labels 10–12; batch 2: chunks 0–1 at labels 300–301. (head id, chunk, tf).
      const batch = (triples: number[]) => encodeHeadRuns(Int32Array.from(triples), triples.length / 3, 3);
      const first = batch([0, 0, 1, 2, 0, 3, 0, 1, 9, 0, 2, 2]);
      expect(decodeHeadRuns(first)).toEqual([[0, 0, 1], [0, 1, 8], [0, 2, 2], [2, 0, 3]]);
      expect([...first.table]).toEqual([0, 3, 2, 3, 2, 1, 0, 4]);
      w.insertHeadRuns(10, first);
      w.insertHeadRuns(300, batch([2, 1, 1, 0, 1, 5]));
      w.writeHead();
      const lists = (db.prepare('SELECT data FROM kw_head_data ORDER BY id').pluck().all() as Buffer[]).map((b) => decodeHeadList(b));
      expect(lists.map((l) => [[...l.labels], [...l.tfs]])).toEqual([
        [[10, 11, 12, 301], [1, 8, 2, 5]],
        [[], []],
        [[10, 301], [3, 1]],
      ]);
    });

    it('are level-1 indexed tokens only, a bigram with both its words', () => {
      const db = new Database(':memory:');
      db.exec(KEYWORD_SCHEMA);
      for (const bad of [['^2chung'], ['a b'], ['~'], ['']]) expect(() => new KeywordWriter(db).defineHead(bad), bad[0]).toThrow(/not a level-1/);
      expect(() => new KeywordWriter(db).defineHead(['~ket', '~ket_nap'])).toThrow(/without both its words/);
    });
  });

  it('parses comma lists', () => {
    expect(parseIntList('')).toEqual([]);
    expect(parseIntList('0')).toEqual([0]);
    expect(parseIntList('3,14,159')).toEqual([3, 14, 159]);
  });
});
