/** Small statistics helpers for the benchmark report (its table is src/eval/metrics.ts renderTable). */

export interface Percentiles {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of `values` (ms). */
export function percentiles(values: number[]): Percentiles {
  const v = [...values].sort((a, b) => a - b);
  const at = (p: number) => (v.length ? v[Math.min(v.length - 1, Math.max(0, Math.ceil(p * v.length) - 1))]! : NaN);
  return {
    n: v.length,
    mean: v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: v.length ? v[v.length - 1]! : NaN,
  };
}

export function median(values: number[]): number {
  return percentiles(values).p50;
}

export const fmt = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(digits));
