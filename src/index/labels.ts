/**
 * Chunk labels (non-negative integers, one per chunk, see store.ts) and what both indexes do with them: find a
 * label in an ascending list, restrict results to allowed labels, keep the k best.
 *
 * Contracts:
 * - `rowOf` needs `labels` ascending (binary search); -1 when absent.
 * - A LabelFilter accepts a label when the Set holds it or the predicate returns true; no filter accepts every label.
 * - TopK keeps the k best (score, label) pairs seen — higher score first, ties by the smaller label — in O(log k)
 *   per push; `sorted` returns them best first. k must be ≥ 1.
 */

/** Allowed labels: a Set (fast path) or a predicate. */
export type LabelFilter = ReadonlySet<number> | ((label: number) => boolean);

/** The filter as a predicate; null when there is no filter (everything allowed). */
export function filterPredicate(filter: LabelFilter | undefined): ((label: number) => boolean) | null {
  return filter === undefined ? null : typeof filter === 'function' ? filter : (label) => filter.has(label);
}

/** True when `filter` allows `label` (no filter allows every label). */
export function accepts(filter: LabelFilter | undefined, label: number): boolean {
  return filter === undefined ? true : typeof filter === 'function' ? filter(label) : filter.has(label);
}

/** Index of `label` in the ascending `labels`, or -1. */
export function rowOf(labels: ArrayLike<number>, label: number): number {
  let lo = 0;
  let hi = labels.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = labels[mid]!;
    if (v === label) return mid;
    if (v < label) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Bounded min-heap keeping the k best (score desc, label asc). */
export class TopK {
  private readonly scores: Float64Array;
  private readonly labels: Int32Array;
  size = 0;
  constructor(private readonly k: number) {
    this.scores = new Float64Array(k);
    this.labels = new Int32Array(k);
  }
  /** True when (score, label) would rank below everything kept in a full heap. */
  private worse(sa: number, la: number, sb: number, lb: number): boolean {
    return sa < sb || (sa === sb && la > lb);
  }
  minScore(): number {
    return this.size < this.k ? -Infinity : this.scores[0]!;
  }
  push(score: number, label: number): void {
    const s = this.scores;
    const l = this.labels;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(score, label, s[p]!, l[p]!)) break;
        s[i] = s[p]!;
        l[i] = l[p]!;
        i = p;
      }
      s[i] = score;
      l[i] = label;
      return;
    }
    if (!this.worse(s[0]!, l[0]!, score, label)) return;
    let i = 0;
    for (;;) {
      const a = 2 * i + 1;
      if (a >= this.size) break;
      const b = a + 1;
      const c = b < this.size && this.worse(s[b]!, l[b]!, s[a]!, l[a]!) ? b : a;
      if (!this.worse(s[c]!, l[c]!, score, label)) break;
      s[i] = s[c]!;
      l[i] = l[c]!;
      i = c;
    }
    s[i] = score;
    l[i] = label;
  }
  /** The kept (label, score) pairs, best first. */
  sorted(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < this.size; i++) out.push([this.labels[i]!, this.scores[i]!]);
    return out.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }
}
