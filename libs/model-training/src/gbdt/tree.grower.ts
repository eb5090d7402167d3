import type { GbdtParams } from './gbdt-params.model';
import { accumulateHistogram, subtractHistogram } from './gradient.histogram';
import type { GradientRows, HistogramLayout, HistogramPool } from './gradient.histogram';
import { RegressionTreeBuilder } from './regression-tree.model';
import type { RegressionTree } from './regression-tree.model';
import { findBestSplit, leafWeight } from './split.finder';
import type { NodeTotals, SplitChoice } from './split.finder';

/** What one tree is grown from. `rows` (the sampled rows) is reordered in place. */
export interface GrowInput {
  readonly data: GradientRows;
  readonly layout: HistogramLayout;
  /** Bin edges per feature: the float32 thresholds written into the tree. */
  readonly edges: readonly Float32Array[];
  readonly rows: Uint32Array;
  readonly features: Int32Array;
  readonly pool: HistogramPool;
  readonly params: GbdtParams;
}

/** A grown tree plus, per node, the split bin (−1 on leaves) for fast traversal of binned rows. */
export interface GrownTree {
  readonly tree: RegressionTree;
  readonly splitBins: Int32Array;
}

interface Leaf {
  readonly node: number;
  readonly start: number;
  readonly end: number;
  readonly depth: number;
  readonly totals: NodeTotals;
  histogram: Float64Array | undefined;
  split: SplitChoice | undefined;
}

/**
 * Grows one tree best-first (LightGBM's leaf-wise order): always split the leaf whose best split
 * gains most, until `maxLeaves` leaves or no leaf can split. Leaves at `maxDepth` never split, so
 * with maxLeaves ≥ 2^maxDepth this is XGBoost's depth-wise tree. Each split builds the histogram
 * of the smaller child only; the larger one is the parent's minus it.
 */
export function growTree(input: GrowInput): GrownTree {
  const builder = new RegressionTreeBuilder();
  const splitBins: number[] = [];
  const root = makeLeaf(input, builder.addLeaf(0), 0, input.rows.length, 0, undefined);
  splitBins.push(-1);
  const leaves: Leaf[] = [root];
  const scratch = new Uint32Array(input.rows.length);
  while (leaves.length < input.params.maxLeaves) {
    const index = bestLeafIndex(leaves);
    if (index < 0) break;
    const leaf = leaves[index] as Leaf;
    const split = leaf.split as SplitChoice;
    const threshold = input.edges[split.feature]?.[split.bin] as number;
    const ids = builder.split(leaf.node, split.feature, threshold);
    splitBins[leaf.node] = split.bin;
    splitBins.push(-1, -1);
    const middle = partitionRows(input, leaf, split, scratch);
    const [left, right] = makeChildren(input, leaf, ids, middle);
    leaves.splice(index, 1, left, right);
  }
  for (const leaf of leaves) {
    builder.setValue(
      leaf.node,
      leafWeight(leaf.totals, input.params.l2) * input.params.learningRate,
    );
    input.pool.release(leaf.histogram);
  }
  return { tree: builder.finish(), splitBins: Int32Array.from(splitBins) };
}

function bestLeafIndex(leaves: readonly Leaf[]): number {
  let best = -1;
  let bestGain = -Infinity;
  leaves.forEach((leaf, i) => {
    if (leaf.split !== undefined && leaf.split.gain > bestGain) {
      bestGain = leaf.split.gain;
      best = i;
    }
  });
  return best;
}

const canSplit = (input: GrowInput, depth: number, count: number): boolean =>
  depth < input.params.maxDepth && count >= 2 * Math.max(1, input.params.minChildSamples);

/** A leaf with its histogram (given, or built from its rows) and best split, if it may split. */
function makeLeaf(
  input: GrowInput,
  node: number,
  start: number,
  end: number,
  depth: number,
  given: { histogram: Float64Array; totals: NodeTotals } | undefined,
): Leaf {
  let histogram = given?.histogram;
  const totals = given?.totals ?? sumRows(input, start, end);
  if (!canSplit(input, depth, end - start)) {
    input.pool.release(histogram);
    return { node, start, end, depth, totals, histogram: undefined, split: undefined };
  }
  if (histogram === undefined) {
    histogram = input.pool.acquire();
    accumulateHistogram(
      histogram,
      input.layout,
      input.data,
      input.rows,
      start,
      end,
      input.features,
    );
  }
  const split = findBestSplit(histogram, input.layout, totals, input.features, input.params);
  return { node, start, end, depth, totals, histogram, split };
}

function makeChildren(
  input: GrowInput,
  parent: Leaf,
  ids: { left: number; right: number },
  middle: number,
): [Leaf, Leaf] {
  const split = parent.split as SplitChoice;
  const depth = parent.depth + 1;
  const leftCount = middle - parent.start;
  const rightCount = parent.end - middle;
  const anySplittable = canSplit(input, depth, leftCount) || canSplit(input, depth, rightCount);
  const parentHistogram = parent.histogram;
  parent.histogram = undefined;
  if (!anySplittable || parentHistogram === undefined) {
    input.pool.release(parentHistogram);
    return [
      makeLeaf(input, ids.left, parent.start, middle, depth, undefined),
      makeLeaf(input, ids.right, middle, parent.end, depth, undefined),
    ];
  }
  const smallIsLeft = leftCount <= rightCount;
  const small = input.pool.acquire();
  const [smallStart, smallEnd] = smallIsLeft ? [parent.start, middle] : [middle, parent.end];
  accumulateHistogram(
    small,
    input.layout,
    input.data,
    input.rows,
    smallStart,
    smallEnd,
    input.features,
  );
  subtractHistogram(parentHistogram, small);
  const leftHistogram = smallIsLeft ? small : parentHistogram;
  const rightHistogram = smallIsLeft ? parentHistogram : small;
  return [
    makeLeaf(input, ids.left, parent.start, middle, depth, {
      histogram: leftHistogram,
      totals: split.left,
    }),
    makeLeaf(input, ids.right, middle, parent.end, depth, {
      histogram: rightHistogram,
      totals: split.right,
    }),
  ];
}

/** Stable partition of the leaf's rows: bin ≤ split bin first. Returns where the right part starts. */
function partitionRows(
  input: GrowInput,
  leaf: Leaf,
  split: SplitChoice,
  scratch: Uint32Array,
): number {
  const { rows } = input;
  const { bins, columns } = input.data;
  let left = leaf.start;
  let right = 0;
  for (let k = leaf.start; k < leaf.end; k++) {
    const row = rows[k] as number;
    if ((bins[row * columns + split.feature] as number) <= split.bin) rows[left++] = row;
    else scratch[right++] = row;
  }
  rows.set(scratch.subarray(0, right), left);
  return left;
}

function sumRows(input: GrowInput, start: number, end: number): NodeTotals {
  let gradient = 0;
  let hessian = 0;
  for (let k = start; k < end; k++) {
    const row = input.rows[k] as number;
    gradient += input.data.gradients[row] as number;
    hessian += input.data.hessians[row] as number;
  }
  return { gradient, hessian, count: end - start };
}
