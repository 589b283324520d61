import { describe, expect, it } from 'vitest';
import { rankCandidates, type Candidates, type RerankBonus } from './stages.js';

/** Deterministic pseudo-random numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Reference: every candidate scored in full (fused score + each bonus in order), sorted, the first k. */
function fullRanking(candidates: Candidates, bonuses: readonly RerankBonus[], k: number): Array<[number, number]> {
  return [...candidates]
    .map(([label, e]): [number, number] => {
      let score = e.score;
      for (const b of bonuses) score += b.exact(label);
      return [label, score];
    })
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, k);
}

describe('rankCandidates', () => {
  it('gives the k best of full scoring (labels, scores, order), computing exact bonuses only where bounds cannot exclude', () => {
    const random = rng(11);
    let calls = 0;
    let inexact = 0;
    for (let round = 0; round < 400; round++) {
      const n = 1 + Math.floor(random() * 60);
      // Few distinct values, so that ties (broken by the smaller label) are common.
      const value = () => Math.floor(random() * 6) / 7;
      const fused = new Map<number, number>();
      for (let i = 0; i < n; i++) fused.set(Math.floor(random() * 1000), value() / 10);
      const exact = new Map([...fused.keys()].map((l) => [l, value()]));
      const slack = new Map([...fused.keys()].map((l) => [l, random() < 0.5 ? [0, 0] : [random() / 3, random() / 3]]));
      let exactCalls = 0;
      const coverage: RerankBonus = {
        exact: (l) => (exactCalls++, exact.get(l)!),
        bounds: (l) => {
          const [down, up] = slack.get(l)!;
          return down === 0 && up === 0 ? [exact.get(l)!, exact.get(l)!] : [Math.max(0, exact.get(l)! - down!), exact.get(l)! + up!];
        },
      };
      const subject: RerankBonus = { exact: (l) => (l % 7 === 0 ? 0.25 : 0) };
      const k = [1, 3, 8, 50][round % 4]!;
      const make = (): Candidates => new Map([...fused].map(([l, s]) => [l, { score: s, views: {} }]));
      const want = fullRanking(make(), [coverage, subject], k);
      exactCalls = 0;
      const got = rankCandidates(make(), [coverage, subject], k).map(([label, e]): [number, number] => [label, e.score]);
      expect(got).toEqual(want);
      calls += exactCalls;
      inexact += [...slack.values()].filter(([down, up]) => down !== 0 || up !== 0).length;
    }
    // Only candidates with inexact bounds are computed exactly, and not all of them.
    expect(calls).toBeLessThan(inexact);
  });

  it('returns nothing for k = 0 and every candidate when k is larger', () => {
    const candidates: Candidates = new Map([
      [3, { score: 1, views: {} }],
      [1, { score: 1, views: {} }],
      [2, { score: 2, views: {} }],
    ]);
    expect(rankCandidates(candidates, [], 0)).toEqual([]);
    expect(rankCandidates(candidates, [], 10).map(([l]) => l)).toEqual([2, 1, 3]);
  });
});
