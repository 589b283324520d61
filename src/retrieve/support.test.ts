import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndex, type IndexSnapshot } from '../index/store.js';
import { buildSeedIndex } from '../testing/seed-index.js';
import type { Chunk } from '../types.js';
import type { IndexReader } from './ports.js';
import { planQuery } from './query/plan.js';
import { pairView } from './query/words.js';
import { allTokens, chunkTokens, coverage, coverageBounds, Evidence, idf, share, shareBounds, TOKEN_PROBE_LABELS, TOKEN_PROBE_READ_MAX, type PartialProbe, type SupportUnit } from './support.js';

/** Reference for articleProbe: the tokens of all chunks of an article, tokenised. */
function articleTokens(index: IndexReader, articleId: string): Set<string> {
  const set = new Set<string>();
  for (const label of index.articleLabels.get(articleId) ?? []) {
    const c = index.chunks.get(label);
    if (c) for (const t of chunkTokens(c)) set.add(t);
  }
  return set;
}

/** A stand-in index: `df` gives each term's document frequency; N = `size` chunks. */
function fakeIndex(df: Record<string, number>, size = 1000): Evidence {
  const chunks = new Map<number, Chunk>();
  for (let i = 0; i < size; i++) chunks.set(i, {} as Chunk);
  const reader = {
    articles: new Map(),
    chunks,
    articleLabels: new Map(),
    keyword: { docFreq: (_view: string, term: string) => df[term] ?? 0 },
    vectors: {},
  } as unknown as IndexReader;
  return new Evidence(reader);
}

const unit = (term: string, weight: number): SupportUnit => ({ term, kind: 'compound', df: 0, weight });

describe('support', () => {
  it('idf is the BM25 idf: rarer → heavier, absent → heaviest', () => {
    expect(idf(1000, 0)).toBeGreaterThan(idf(1000, 10));
    expect(idf(1000, 10)).toBeGreaterThan(idf(1000, 500));
    expect(idf(1000, 10)).toBeCloseTo(Math.log(1 + 990.5 / 10.5));
  });

  it.each([
    [[unit('kết_nạp', 3), unit('đảng_viên', 1)], ['đảng_viên'], 0.25],
    [[unit('kết_nạp', 3), unit('đảng_viên', 1)], ['kết_nạp', 'đảng_viên'], 1],
    [[], ['x'], 1],
  ] as const)('share(%j, %j) = %s', (units, tokens, want) => {
    expect(share(units, new Set(tokens))).toBeCloseTo(want);
  });

  it.each([
    // A compound present counts whole; absent, the share of its syllables present.
    [[unit('đế_quốc', 2), unit('thần_thánh', 2)], ['đế_quốc', 'thần_thánh'], 1],
    [[unit('đế_quốc', 2), unit('thần_thánh', 2)], ['quốc', 'thần_thánh'], 0.75],
    [[unit('đế_quốc', 2), unit('thần_thánh', 2)], ['đế', 'quốc'], 0.5],
    [[unit('đế_quốc', 2), { ...unit('roma', 2), kind: 'single' as const }], ['ro', 'ma'], 0],
    [[], ['x'], 1],
  ] as const)('coverage(%j, %j) = %s; share counts whole units only', (units, tokens, want) => {
    expect(coverage(units, new Set(tokens))).toBeCloseTo(want);
    expect(share(units, new Set(tokens))).toBeLessThanOrEqual(coverage(units, new Set(tokens)));
  });

  it('coverageBounds / shareBounds hold the exact value; a probe that knows every term gives it bit for bit', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const vocabulary = ['đế_quốc', 'đế', 'quốc', 'thần_thánh', 'thần', 'thánh', 'roma', 'la_mã', 'la', 'mã', '12'];
    for (let round = 0; round < 500; round++) {
      const units = vocabulary
        .filter(() => random() < 0.5)
        .map((term): SupportUnit => ({ term, kind: term.includes('_') ? ('compound' as const) : ('single' as const), df: 0, weight: random() * 10 }))
        .map((u) => (random() < 0.2 ? { ...u, optional: true as const } : u));
      const present = new Set(vocabulary.filter(() => random() < 0.5));
      const unknown = new Set(vocabulary.filter(() => random() < 0.3));
      const partial: PartialProbe = { has: (t) => (unknown.has(t) ? undefined : present.has(t)) };
      const frame = random() < 0.3 ? new Set(['la', 'ma']) : undefined;
      const [lo, hi] = coverageBounds(units, partial);
      expect(lo).toBeLessThanOrEqual(coverage(units, present));
      expect(hi).toBeGreaterThanOrEqual(coverage(units, present));
      const [slo, shi] = shareBounds(units, partial, undefined, frame);
      expect(slo).toBeLessThanOrEqual(share(units, present, undefined, frame));
      expect(shi).toBeGreaterThanOrEqual(share(units, present, undefined, frame));
      expect(coverageBounds(units, present)).toEqual([coverage(units, present), coverage(units, present)]);
      expect(shareBounds(units, present, undefined, frame)).toEqual([share(units, present, undefined, frame), share(units, present, undefined, frame)]);
    }
  });

  it('an optional unit (a province qualifying the unit) counts where present, never where absent', () => {
    const units = [unit('bí_thư', 1), { ...unit('tphcm', 2), optional: true as const }];
    expect(share(units, new Set(['bí_thư']))).toBe(1);
    expect(share(units, new Set(['bí_thư', 'tphcm']))).toBe(1);
    expect(share(units, new Set(['tphcm']))).toBeCloseTo(2 / 3);
    expect(share([{ ...unit('tphcm', 2), optional: true as const }], new Set<string>())).toBe(1);
    expect(shareBounds(units, { has: (t) => (t === 'tphcm' ? undefined : false) })).toEqual([0, 2 / 3]);
  });

  it('share leaves out units containing a frame syllable', () => {
    const units = [unit('chủ_trì', 2), unit('hội_nghị', 1)];
    expect(share(units, new Set(['hội_nghị']), new Set(['chu', 'tri']))).toBe(1);
  });

  it('tokens hold both spellings, so accented and unaccented units match', () => {
    const t = allTokens('Quận 12 kết nạp 596 đảng viên');
    for (const x of ['kết_nạp', 'ket_nap', 'đảng_viên', 'dang_vien', '596']) expect(t.has(x)).toBe(true);
  });

  it('questionUnits: compounds from corpus frequencies, unknown pairs weigh most', () => {
    const index = fakeIndex({ kết_nạp: 50, đảng_viên: 400, nạp_bao: 0 });
    const { units } = index.questionUnits(planQuery('Quận 12 kết nạp bao nhiêu đảng viên?'));
    expect(units.map((u) => [u.term, u.kind])).toEqual([
      ['kết_nạp', 'compound'],
      ['đảng_viên', 'compound'],
    ]);
    expect(units[0]!.weight).toBeGreaterThan(units[1]!.weight);
    const dan = index.questionUnits(planQuery('Dân số quận Bình Tân là bao nhiêu?')).units;
    expect(dan.map((u) => [u.term, u.kind])).toEqual([['dân_số', 'unknown']]);
    expect(dan[0]!.weight).toBeCloseTo(idf(1000, 0));
  });

  it('English words the glossary did not translate weigh at most idf(N/20)', () => {
    const index = fakeIndex({});
    const { units } = index.questionUnits(planQuery('What is the gold price in District 12?'));
    expect(units.map((u) => u.term)).toEqual(['gold', 'price']);
    for (const u of units) expect(u.weight).toBeCloseTo(idf(1000, 50));
  });
});

describe('support on a real index: probes answer as the token sets do', () => {
  let snapshot: IndexSnapshot;
  let evidence: Evidence;
  beforeAll(async () => {
    snapshot = await openIndex((await buildSeedIndex()).dir);
    evidence = new Evidence(snapshot);
  });
  afterAll(() => snapshot?.close());

  it('chunkProbe / articleProbe = chunkTokens / articleTokens, for every token of the article and for absent ones', () => {
    for (const [articleId, labels] of snapshot.articleLabels) {
      const whole = articleTokens(snapshot, articleId);
      const article = evidence.articleProbe(articleId);
      const absent = ['quận_99', 'khong_co_dau', 'sarkozy', '123456'];
      for (const t of [...whole, ...absent]) expect(article.has(t), t).toBe(whole.has(t));
      for (const label of labels) {
        const tokens = chunkTokens(snapshot.chunks.get(label)!);
        const probe = evidence.chunkProbe(label);
        for (const t of [...whole, ...absent]) expect(probe.has(t), `${label} ${t}`).toBe(tokens.has(t));
      }
    }
  });

  /**
   * The same index whose doclists are never cheap to read: every probe goes to the chunks' own tokens (and never
   * switches to a doclist, unless `df` is given: the document frequency then reported for every term).
   */
  const tokensOnly = (df?: number, contains?: (label: number, term: string) => boolean): Evidence =>
    new Evidence(
      {
        ...snapshot,
        keyword: Object.assign(Object.create(snapshot.keyword) as IndexReader['keyword'], {
          containsIsCheap: () => false,
          ...(df !== undefined ? { docFreq: () => df } : {}),
          ...(contains ? { contains } : {}),
        }),
      },
      df === undefined ? { readMax: 0 } : undefined,
    );

  it('without cheap doclists, probes read the chunks\' tokens: the same answers', () => {
    const viaTokens = tokensOnly();
    for (const [articleId, labels] of snapshot.articleLabels) {
      const whole = articleTokens(snapshot, articleId);
      const absent = ['quận_99', 'khong_co_dau', 'sarkozy', '123456'];
      const article = viaTokens.articleProbe(articleId);
      for (const t of [...whole, ...absent]) expect(article.has(t), t).toBe(whole.has(t));
      for (const label of labels) {
        const tokens = chunkTokens(snapshot.chunks.get(label)!);
        for (const t of [...whole, ...absent]) expect(viaTokens.chunkProbe(label).has(t), `${label} ${t}`).toBe(tokens.has(t));
      }
    }
  });

  it('a partial probe knows a term only when it is cheap: from doclists, or once the chunk\'s tokens were read', () => {
    const label = [...snapshot.chunks.keys()][0]!;
    const tokens = chunkTokens(snapshot.chunks.get(label)!);
    const term = [...tokens][0]!;
    expect(evidence.partialChunkProbe(label).has(term)).toBe(true);
    expect(evidence.partialChunkProbe(label).has('khong_co_dau')).toBe(false);
    const viaTokens = tokensOnly();
    expect(viaTokens.partialChunkProbe(label).has(term)).toBeUndefined();
    expect(viaTokens.chunkProbe(label).has(term)).toBe(true);
    expect(viaTokens.partialChunkProbe(label).has(term)).toBe(true);
    expect(viaTokens.partialChunkProbe(label).has('khong_co_dau')).toBe(false);
  });

  it('passageSupports / articleSupports = the shares of the full probes against the threshold', () => {
    const questions = ['Quận 12 kết nạp bao nhiêu đảng viên?', 'Ai chủ trì hội nghị Quận 8?', 'Thu ngân sách năm 2022 đạt bao nhiêu?', 'Dân số Sarkozy 12'];
    for (const viaTokens of [false, true]) {
      const ev = viaTokens ? tokensOnly() : new Evidence(snapshot);
      for (const question of questions) {
        const plan = planQuery(question);
        const units = ev.units(plan);
        for (const [articleId, labels] of snapshot.articleLabels) {
          for (const min of [0, 0.3, 0.5, 0.9, 1]) {
            const article = ev.articleProbe(articleId);
            const wantArticle = share(units, article) >= min && plan.requiredNumbers.every((n) => article.has(n));
            expect(ev.articleSupports(plan, articleId, min), `${question} ${articleId} ${min}`).toBe(wantArticle);
            for (const label of labels) {
              expect(ev.passageSupports(plan, label, min), `${question} ${label} ${min}`).toBe(share(units, ev.chunkProbe(label)) >= min);
            }
          }
        }
      }
    }
  });

  it('a term probed by tokens as often as its doclist is long switches to the doclist (then counts again)', () => {
    const read: string[] = [];
    const viaTokens = tokensOnly(3 * TOKEN_PROBE_LABELS, (label, term) => (read.push(term), snapshot.keyword.contains(label, term)));
    const labels = [...snapshot.chunks.keys()];
    const want = labels.map((label) => chunkTokens(snapshot.chunks.get(label)!).has('quận'));
    expect(labels.map((label) => viaTokens.chunkProbe(label).has('quận'))).toEqual(want);
    expect(read.length).toBe(Math.floor(labels.length / 3));
    // Longer than TOKEN_PROBE_READ_MAX: never read for probes.
    read.length = 0;
    const long = tokensOnly(TOKEN_PROBE_READ_MAX + 1, (label, term) => (read.push(term), snapshot.keyword.contains(label, term)));
    for (let i = 0; i < 5; i++) for (const label of labels) long.chunkProbe(label).has('quận');
    expect(read).toEqual([]);
  });

  it('articlesWith = the articles whose probe holds the term, looked up or listed', () => {
    const ids = [...snapshot.articles.keys()];
    for (const term of ['quận', 'quan', 'kết_nạp', 'chu_tri', '12', 'khong_co_dau']) {
      const want = new Set(ids.filter((id) => evidence.articleProbe(id).has(term)));
      const looked = evidence.articlesWith(term);
      for (const id of ids) expect(looked.has(id), `${term} ${id}`).toBe(want.has(id));
      const listed = evidence.articlesWith(term);
      expect(new Set(listed)).toEqual(want);
      expect(listed.size).toBe(want.size);
      for (const id of ids) expect(listed.has(id), `${term} ${id}`).toBe(want.has(id));
    }
  });

  it('docFreq = the chunks a one-term search finds in the view the spelling calls for', () => {
    for (const term of ['kết_nạp', 'ket_nap', 'đảng_viên', 'quận', 'quan', '12', 'chủ_trì', 'khong_co']) {
      expect(evidence.docFreq(term), term).toBe(snapshot.keyword.search(pairView(term), [term], Number.MAX_SAFE_INTEGER).length);
    }
  });
});
