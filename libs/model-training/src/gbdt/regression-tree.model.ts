/**
 * One regression tree as parallel arrays indexed by node id; node 0 is the root. A row goes left
 * when its float32 value of `feature[node]` is ≤ `threshold[node]` (ONNX's BRANCH_LEQ), so the
 * same arrays drive the trainer's predictions and the exported TreeEnsembleRegressor.
 */
export interface RegressionTree {
  /** The split feature (column index), or −1 for a leaf. */
  readonly feature: Int32Array;
  /** float32 split thresholds; 0 on leaves. */
  readonly threshold: Float32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Leaf outputs, learning rate applied; 0 on internal nodes. */
  readonly value: Float64Array;
}

export const LEAF = -1;

export const isLeaf = (tree: RegressionTree, node: number): boolean => tree.feature[node] === LEAF;

export const nodeCount = (tree: RegressionTree): number => tree.feature.length;

export const leafCount = (tree: RegressionTree): number =>
  tree.feature.reduce((leaves, feature) => leaves + (feature === LEAF ? 1 : 0), 0);

/** The output of the leaf reached by the row starting at `offset` of a row-major float32 array. */
export function treeOutput(tree: RegressionTree, values: Float32Array, offset: number): number {
  let node = 0;
  let feature = tree.feature[0] as number;
  while (feature !== LEAF) {
    const x = values[offset + feature] as number;
    node =
      x <= (tree.threshold[node] as number)
        ? (tree.left[node] as number)
        : (tree.right[node] as number);
    feature = tree.feature[node] as number;
  }
  return tree.value[node] as number;
}

/** The depth of the deepest leaf (a lone root leaf has depth 0). */
export function treeDepth(tree: RegressionTree, node = 0): number {
  if (isLeaf(tree, node)) return 0;
  return (
    1 +
    Math.max(
      treeDepth(tree, tree.left[node] as number),
      treeDepth(tree, tree.right[node] as number),
    )
  );
}

/** Grows a tree node by node; `finish` freezes it into typed arrays. */
export class RegressionTreeBuilder {
  private readonly features: number[] = [];
  private readonly thresholds: number[] = [];
  private readonly lefts: number[] = [];
  private readonly rights: number[] = [];
  private readonly values: number[] = [];

  /** Adds a leaf and returns its node id. */
  addLeaf(value: number): number {
    this.features.push(LEAF);
    this.thresholds.push(0);
    this.lefts.push(LEAF);
    this.rights.push(LEAF);
    this.values.push(value);
    return this.features.length - 1;
  }

  /** Turns a leaf into a split on `feature` at `threshold` with two new leaves; returns their ids. */
  split(node: number, feature: number, threshold: number): { left: number; right: number } {
    const left = this.addLeaf(0);
    const right = this.addLeaf(0);
    this.features[node] = feature;
    this.thresholds[node] = threshold;
    this.lefts[node] = left;
    this.rights[node] = right;
    this.values[node] = 0;
    return { left, right };
  }

  setValue(node: number, value: number): void {
    this.values[node] = value;
  }

  finish(): RegressionTree {
    return {
      feature: Int32Array.from(this.features),
      threshold: Float32Array.from(this.thresholds),
      left: Int32Array.from(this.lefts),
      right: Int32Array.from(this.rights),
      value: Float64Array.from(this.values),
    };
  }
}
