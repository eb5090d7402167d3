/**
 * Gradient histograms: for each feature and bin, the sums of gradients, hessians and rows of the
 * node's rows that fall in that bin. Stored flat, 3 numbers per bin, features one after another
 * (`offsets[f]` is feature f's first bin), so building one is a single pass over the node's rows.
 */
export const STRIDE = 3;

export interface HistogramLayout {
  /** Bins per feature (edges + 1). */
  readonly binCounts: Int32Array;
  /** First bin of each feature in the flat histogram; offsets[columns] = total bins. */
  readonly offsets: Int32Array;
}

export function histogramLayout(binCounts: Int32Array): HistogramLayout {
  const offsets = new Int32Array(binCounts.length + 1);
  for (let f = 0; f < binCounts.length; f++) {
    offsets[f + 1] = (offsets[f] as number) + (binCounts[f] as number);
  }
  return { binCounts, offsets };
}

/** The rows and per-row gradients a histogram is built from. */
export interface GradientRows {
  /** Row-major bin indices, `columns` per row. */
  readonly bins: Uint16Array;
  readonly columns: number;
  readonly gradients: Float64Array;
  readonly hessians: Float64Array;
}

/** Adds rows[start, end) into `histogram` (assumed zeroed), for the given features only. */
export function accumulateHistogram(
  histogram: Float64Array,
  layout: HistogramLayout,
  data: GradientRows,
  rows: Uint32Array,
  start: number,
  end: number,
  features: Int32Array,
): void {
  const { bins, columns, gradients, hessians } = data;
  const { offsets } = layout;
  for (let k = start; k < end; k++) {
    const row = rows[k] as number;
    const g = gradients[row] as number;
    const h = hessians[row] as number;
    const base = row * columns;
    for (let j = 0; j < features.length; j++) {
      const f = features[j] as number;
      const at = ((offsets[f] as number) + (bins[base + f] as number)) * STRIDE;
      histogram[at] = (histogram[at] as number) + g;
      histogram[at + 1] = (histogram[at + 1] as number) + h;
      histogram[at + 2] = (histogram[at + 2] as number) + 1;
    }
  }
}

/** parent − child, in place into `parent`: the sibling's histogram without a pass over its rows. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] = (parent[i] as number) - (child[i] as number);
}

/** Reuses zeroed buffers: a tree builds many histograms of one size. */
export class HistogramPool {
  private readonly free: Float64Array[] = [];

  constructor(private readonly size: number) {}

  acquire(): Float64Array {
    const buffer = this.free.pop();
    if (buffer === undefined) return new Float64Array(this.size);
    buffer.fill(0);
    return buffer;
  }

  release(buffer: Float64Array | undefined): void {
    if (buffer !== undefined) this.free.push(buffer);
  }
}
