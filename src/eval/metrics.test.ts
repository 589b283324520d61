import { describe, expect, it } from 'vitest';
import type { Answer, Citation } from '../types.js';
import {
  compareMetrics,
  containsGold,
  spanF1,
  diacriticsGroup,
  flattenMetrics,
  flips,
  normalizeForMatch,
  percentile,
  rankOf,
  rankSummary,
  renderTable,
  rowCorrect,
  scoreRow,
  scoreViquadRow,
  summarize,
  summarizeViquad,
  type EvalQuestion,
} from './metrics.js';

const cite = (source: string, quote: string): Citation => ({
  n: 1,
  source,
  title: 't',
  unit: null,
  date: null,
  quote,
  url: null,
  chunkId: `${source}#0`,
});

const answer = (text: string, citations: Citation[], grounded = citations.length > 0): Answer => ({
  question: 'q',
  answer: text,
  grounded,
  intent: 'fact',
  mode: 'extractive',
  citations: citations.map((c, i) => ({ ...c, n: i + 1 })),
});

const question = (over: Partial<EvalQuestion> = {}): EvalQuestion => ({
  id: 'q1',
  question: 'Quận 12 kết nạp bao nhiêu đảng viên?',
  intent: 'fact',
  lang: 'vi',
  diacritics: true,
  category: 'figure',
  expect: 'A',
  facts: ['596'],
  ...over,
});

describe('rankOf / rankSummary', () => {
  it.each([
    [['A', 'B'], 'A', 1],
    [['B', 'A'], 'A', 2],
    [['B', 'C'], 'A', null],
    [[], 'A', null],
  ] as const)('rankOf(%j, %s) = %s', (ranked, expected, rank) => {
    expect(rankOf(ranked, expected)).toBe(rank);
  });

  it.each([
    [[1, 1], { n: 2, hit1: 1, hit5: 1, mrr: 1 }],
    [[1, null], { n: 2, hit1: 0.5, hit5: 0.5, mrr: 0.5 }],
    [[2, 5, 6, null], { n: 4, hit1: 0, hit5: 0.5, mrr: (1 / 2 + 1 / 5 + 1 / 6) / 4 }],
    [[], { n: 0, hit1: 0, hit5: 0, mrr: 0 }],
  ] as const)('rankSummary(%j)', (ranks, expected) => {
    const s = rankSummary(ranks);
    expect(s.n).toBe(expected.n);
    expect(s.hit1).toBeCloseTo(expected.hit1);
    expect(s.hit5).toBeCloseTo(expected.hit5);
    expect(s.mrr).toBeCloseTo(expected.mrr);
  });
});

describe('containsGold', () => {
  it.each([
    ['Paris có tên gọi khác là Pantruche.', ['Pantruche'], true],
    ['PARIS CÓ TÊN GỌI KHÁC LÀ PANTRUCHE', ['pantruche'], true],
    // NFD answer vs NFC gold
    ['vào thế kỷ 1'.normalize('NFD'), ['thế kỷ 1'], true],
    ['những   chiếc\nmũ panama', ['những chiếc mũ panama'], true],
    ['Paris', ['Lyon', 'Marseille'], false],
    ['anything', ['', '  '], false],
  ] as const)('%j contains one of %j: %s', (text, golds, want) => {
    expect(containsGold(text, golds)).toBe(want);
  });

  it('normalizeForMatch is NFC, lowercase and squashes whitespace', () => {
    expect(normalizeForMatch('  Quận\u00a0 12\n'.normalize('NFD'))).toBe('quận 12');
  });
});

describe('scoreRow and rowCorrect', () => {
  it('a grounded answer with the facts, citing the expected article, is right', () => {
    const r = scoreRow(question(), answer('Kết nạp 596 đảng viên [1]', [cite('A', 'Kết nạp 596 đảng viên.')]), ['A', 'B'], 3);
    expect(r).toMatchObject({ rank: 1, grounded: true, factsFound: ['596'], factsMissing: [], citedExpected: true, citationSupported: true });
    expect(rowCorrect(r)).toBe(true);
  });

  it.each([
    ['fact missing', answer('Kết nạp đảng viên [1]', [cite('A', 'Kết nạp đảng viên.')]), ['A']],
    ['another article cited', answer('596 [1]', [cite('B', '596')]), ['B', 'A']],
    ['refused', answer('Không tìm thấy', [], false), []],
  ] as const)('wrong when %s', (_name, a, ranked) => {
    expect(rowCorrect(scoreRow(question(), a, [...ranked], 1))).toBe(false);
  });

  it('a fact only in the frame, not in any quote, is found but not citation-supported', () => {
    const r = scoreRow(question(), answer('596 [1]', [cite('A', 'Kết nạp đảng viên mới.')]), ['A'], 1);
    expect(r.factsMissing).toEqual([]);
    expect(r.citationSupported).toBe(false);
  });

  it('no-answer questions are right only when refused', () => {
    const q = question({ expect: null, facts: [] });
    expect(rowCorrect(scoreRow(q, answer('Không tìm thấy', [], false), [], 1))).toBe(true);
    expect(rowCorrect(scoreRow(q, answer('x [1]', [cite('A', 'x')]), ['A'], 1))).toBe(false);
  });

  it('diacriticsGroup', () => {
    expect(diacriticsGroup({ lang: 'en', diacritics: false })).toBe('english');
    expect(diacriticsGroup({ lang: 'vi', diacritics: true })).toBe('with diacritics');
    expect(diacriticsGroup({ lang: 'vi', diacritics: false })).toBe('without diacritics');
  });
});

describe('summarize', () => {
  const ok = scoreRow(question({ id: 'a' }), answer('596 [1]', [cite('A', '596 đảng viên')]), ['A'], 10);
  const wrongRank = scoreRow(question({ id: 'b' }), answer('596 [1]', [cite('A', '596')]), ['B', 'A'], 20);
  const refusedRight = scoreRow(question({ id: 'c', expect: null, facts: [] }), answer('no', [], false), [], 30);
  const answeredWrongly = scoreRow(question({ id: 'd', expect: null, facts: [] }), answer('x [1]', [cite('B', 'x')]), ['B'], 40);
  const refusedWrongly = scoreRow(question({ id: 'e' }), answer('no', [], false), [], 50);

  it('computes every figure from its definition', () => {
    const s = summarize([ok, wrongRank, refusedRight, answeredWrongly, refusedWrongly]);
    expect(s.n).toBe(5);
    expect(s.answerable).toBe(3);
    expect(s.hit1).toBeCloseTo(1 / 3);
    expect(s.hit5).toBeCloseTo(2 / 3);
    expect(s.mrr).toBeCloseTo((1 + 1 / 2) / 3);
    expect(s.factAccuracy).toBeCloseTo(2 / 3);
    // refusals: refusedRight, refusedWrongly → precision 1/2; unanswerable: c, d → recall 1/2
    expect(s.abstentionPrecision).toBeCloseTo(1 / 2);
    expect(s.abstentionRecall).toBeCloseTo(1 / 2);
    expect(s.abstentionAccuracy).toBeCloseTo(3 / 5);
    expect(s.citationSupport).toBe(1);
    expect(s.accuracy).toBeCloseTo(3 / 5);
    expect(s.p50ms).toBe(30);
  });

  it('percentile picks the nearest lower rank', () => {
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([], 95)).toBe(0);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
  });
});

describe('ViQuAD rows', () => {
  const q = { id: 'v1', question: 'Paris còn có tên gọi khác là gì?', answers: ['Pantruche'], passage_id: 'ctx:5' };

  it('scores passage rank and gold containment; a refusal contains nothing', () => {
    const good = scoreViquadRow(q, answer('Paris còn được gọi là Pantruche [1]', [cite('ctx:5', 'Pantruche')]), ['ctx:9', 'ctx:5'], 5);
    expect(good).toMatchObject({ rank: 2, grounded: true, containsGold: true });
    const refused = scoreViquadRow(q, answer('Không tìm thấy Pantruche', [], false), [], 5);
    expect(refused.containsGold).toBe(false);
    const s = summarizeViquad([good, refused]);
    expect(s).toMatchObject({ n: 2, hit1: 0, hit5: 0.5, containsGold: 0.5, grounded: 0.5 });
    expect(s.mrr).toBeCloseTo(0.25);
  });
});

describe('tables and comparison', () => {
  it('renderTable aligns columns', () => {
    expect(renderTable(['a', 'bb'], [['xyz', '1'], ['q', '100']]).split('\n')).toEqual(['a     bb', '---  ---', 'xyz    1', 'q    100']);
  });

  it('flattenMetrics keeps numeric leaves and skips arrays', () => {
    const m = flattenMetrics({ own: { hit1: 0.5, rows: [{ x: 1 }], name: 'x' }, n: 3 });
    expect([...m]).toEqual([
      ['own.hit1', 0.5],
      ['n', 3],
    ]);
  });

  it('compareMetrics reports deltas of shared keys', () => {
    const before = new Map([
      ['a', 0.5],
      ['b', 1],
      ['gone', 1],
    ]);
    const after = new Map([
      ['a', 0.75],
      ['b', 1],
      ['new', 0],
    ]);
    expect(compareMetrics(before, after)).toEqual([
      { key: 'a', before: 0.5, after: 0.75, delta: 0.25 },
      { key: 'b', before: 1, after: 1, delta: 0 },
    ]);
    expect(compareMetrics(before, after, true).map((d) => d.key)).toEqual(['a']);
  });

  it('flips lists questions that changed correctness', () => {
    expect(
      flips(
        [
          { id: 'a', correct: true },
          { id: 'b', correct: false },
          { id: 'c', correct: true },
        ],
        [
          { id: 'a', correct: false },
          { id: 'b', correct: true },
          { id: 'c', correct: true },
          { id: 'd', correct: true },
        ],
      ),
    ).toEqual({ fixed: ['b'], broken: ['a'] });
  });
});

describe('spanF1 (SQuAD-style, on syllables)', () => {
  it('scores the overlap with the best gold answer, ignoring case, punctuation and citation markers', () => {
    expect(spanF1('596 đảng viên [1]', ['596 đảng viên'])).toBe(1);
    expect(spanF1('Tiêu biểu đã kết nạp 596 đảng viên.', ['596 đảng viên'])).toBeCloseTo((2 * (3 / 8) * 1) / (3 / 8 + 1), 6);
    expect(spanF1('Năm 1945', ['1954', 'năm 1945'])).toBe(1);
    expect(spanF1('không', ['596'])).toBe(0);
    expect(spanF1('', ['596'])).toBe(0);
  });
});
