import type { FeatureMatrix } from '../feature-matrix.model';

/** Bin indices are stored in a Uint16Array: at most 65,536 bins, so 65,535 edges per feature. */
export const MAX_BINS = 65_536;

/**
 * Quantile bin edges for one feature's float32 values: ascending, strictly increasing float32
 * numbers. A value x falls in bin i, the first i with x ≤ edges[i] (the last bin if none), so the
 * split "bin ≤ k" is exactly the comparison "x ≤ edges[k]" that ONNX's BRANCH_LEQ evaluates.
 *
 * Edges sit between two distinct training values a < b at the float32 nearest their midpoint (or at
 * a when that rounds up to b), so every training value lands in the same bin at training time, in
 * the trainer's predictions and in ONNX Runtime. Few distinct values get one bin each; otherwise
 * bins hold roughly equal numbers of rows, and a value heavier than a bin gets a bin of its own.
 */
export function buildBinEdges(column: Float32Array, maxBins: number = MAX_BINS): Float32Array {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS) {
    throw new RangeError(`maxBins must be an integer in [2, ${MAX_BINS}], got ${maxBins}`);
  }
  const sorted = Float32Array.from(column).sort();
  const { distinct, counts } = distinctValues(sorted);
  const cuts: number[] = [];
  let remainingRows = sorted.length;
  let remainingBins = maxBins;
  let inBin = 0;
  for (let i = 0; i + 1 < distinct.length && remainingBins > 1; i++) {
    inBin += counts[i] as number;
    const everyValueFits = distinct.length <= maxBins;
    if (everyValueFits || inBin >= remainingRows / remainingBins) {
      cuts.push(edgeBetween(distinct[i] as number, distinct[i + 1] as number));
      remainingRows -= inBin;
      remainingBins -= 1;
      inBin = 0;
    }
  }
  return Float32Array.from(cuts);
}

function distinctValues(sorted: Float32Array): { distinct: number[]; counts: number[] } {
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const value = sorted[i] as number;
    if (distinct.length > 0 && distinct[distinct.length - 1] === value) {
      counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1;
    } else {
      distinct.push(value);
      counts.push(1);
    }
  }
  return { distinct, counts };
}

/** A float32 t with a ≤ t < b; (a + b) / 2 is exact in float64 for float32 a and b. */
function edgeBetween(a: number, b: number): number {
  const middle = Math.fround((a + b) / 2);
  return middle < b ? middle : a;
}

/** The bin of a float32 value: the first edge ≥ x. NaN compares false, so it takes the last bin. */
export function binIndex(edges: Float32Array, x: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (x <= (edges[middle] as number)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Every value of the matrix replaced by its bin, row-major like the matrix. */
export function binMatrix(matrix: FeatureMatrix, edges: readonly Float32Array[]): Uint16Array {
  if (edges.length !== matrix.columns) {
    throw new RangeError(`${edges.length} bin edge lists for ${matrix.columns} columns`);
  }
  const bins = new Uint16Array(matrix.values.length);
  for (let c = 0; c < matrix.columns; c++) {
    const columnEdges = edges[c] as Float32Array;
    for (let i = c; i < matrix.values.length; i += matrix.columns) {
      bins[i] = binIndex(columnEdges, matrix.values[i] as number);
    }
  }
  return bins;
}

/** One column of a row-major matrix, as float32. */
export function matrixColumn(matrix: FeatureMatrix, column: number): Float32Array {
  const out = new Float32Array(matrix.rows);
  for (let r = 0; r < matrix.rows; r++)
    out[r] = matrix.values[r * matrix.columns + column] as number;
  return out;
}
