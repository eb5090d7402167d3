/** The q-quantile (0..1) of values by the nearest-rank method; NaN for no values. */
export function quantile(sorted: Float64Array | readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

export interface LatencySummary {
  readonly p50: number;
  readonly p99: number;
}

/** p50 and p99 of a sample, in the sample's unit, rounded to 0.1. */
export function summarizeLatency(values: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const round = (value: number) => Math.round(value * 10) / 10;
  return { p50: round(quantile(sorted, 0.5)), p99: round(quantile(sorted, 0.99)) };
}
