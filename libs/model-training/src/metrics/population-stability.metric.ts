import type { ManifestDistribution } from '@rtml/contracts';

/**
 * Where reference bins are cut: the deciles, then the tail a fraud score lives in (a model that
 * alerts on 1 % of events has all of them above the 99th percentile).
 */
export const REFERENCE_QUANTILES = [
  0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99,
] as const;

/**
 * The smallest share a bin counts with in the stability index: an empty bin on either side
 * would otherwise make ln(a / e) infinite. The usual convention for PSI.
 */
export const PSI_SHARE_FLOOR = 1e-4;

/** PSI levels: below `moderate` stable, from `moderate` a shift, from `high` a major shift. */
export const PSI_THRESHOLDS = { moderate: 0.1, high: 0.25 } as const;

/**
 * The bin a value falls in: bin 0 is below `edges[0]`, bin i holds [edges[i-1], edges[i]), the
 * last bin is `edges.at(-1)` and above. So a value equal to an edge goes to the bin above it.
 */
export function binOf(edges: readonly number[], value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (value >= (edges[middle] as number)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many of `values` fall in each bin of `edges` (edges.length + 1 counts). */
export function binCounts(edges: readonly number[], values: ArrayLike<number>): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) counts[binOf(edges, values[i] as number)]! += 1;
  return counts;
}

/**
 * The reference distribution of `values`: edges at `REFERENCE_QUANTILES` (each the sorted value
 * at that rank; a repeated value is one edge). When at least half the values are the smallest
 * one (a count or a risk that is mostly 0), the quantiles of the values above it are edges too,
 * so the part that moves is binned instead of hiding in one bin. Shares are the fraction of
 * `values` in each bin.
 */
export function referenceDistribution(values: ArrayLike<number>): ManifestDistribution {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return { edges: [], shares: [1] };
  const smallest = sorted[0] as number;
  const cuts = quantilesOf(sorted);
  const aboveSmallest = sorted.subarray(upperBound(sorted, smallest));
  if (aboveSmallest.length > 0 && aboveSmallest.length <= sorted.length / 2)
    cuts.push(...quantilesOf(aboveSmallest));
  const edges = [...new Set(cuts.filter((cut) => cut > smallest))].sort((x, y) => x - y);
  const counts = binCounts(edges, sorted);
  return { edges, shares: counts.map((count) => count / sorted.length) };
}

const quantilesOf = (sorted: Float64Array): number[] =>
  REFERENCE_QUANTILES.map((q) => sorted[Math.floor(q * sorted.length)] as number);

/** The index of the first value above `value` in ascending `sorted`. */
function upperBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Population stability index of observed bin counts against a reference distribution:
 * Σ (a − e) · ln(a / e) over the bins, a and e the observed and reference shares, each at least
 * `PSI_SHARE_FLOOR`. 0 when nothing was observed.
 */
export function populationStability(
  reference: ManifestDistribution,
  counts: readonly number[],
): number {
  if (counts.length !== reference.shares.length)
    throw new RangeError(`${counts.length} counts for ${reference.shares.length} bins`);
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return 0;
  let psi = 0;
  for (let i = 0; i < counts.length; i++) {
    const observed = Math.max(PSI_SHARE_FLOOR, (counts[i] as number) / total);
    const expected = Math.max(PSI_SHARE_FLOOR, reference.shares[i] as number);
    psi += (observed - expected) * Math.log(observed / expected);
  }
  return psi;
}
