/**
 * Hyper-parameters of the gradient-boosted trees (logistic loss). Names follow XGBoost/LightGBM
 * where they mean the same thing, so settings carry over.
 */
export type GbdtParams = {
  /** Boosting rounds; the maximum when early stopping is on. */
  readonly trees: number;
  readonly learningRate: number;
  /** Deepest allowed leaf (root = depth 0). */
  readonly maxDepth: number;
  /** Leaves per tree; trees grow best-first, so this binds before maxDepth when smaller. */
  readonly maxLeaves: number;
  /** Minimum sum of hessians (p·(1 − p)) in a child: XGBoost's min_child_weight. */
  readonly minChildWeight: number;
  /** Minimum rows in a child. */
  readonly minChildSamples: number;
  /** L2 regularisation of leaf values: XGBoost's lambda. */
  readonly l2: number;
  /** Minimum loss reduction to split: XGBoost's gamma. */
  readonly minSplitGain: number;
  /** Fraction of rows drawn (without replacement) for each tree. */
  readonly rowSubsample: number;
  /** Fraction of features drawn for each tree. */
  readonly columnSubsample: number;
  /** Quantile bins per feature, at most 65,536. */
  readonly maxBins: number;
  /** Weight of positive rows in the loss (XGBoost's scale_pos_weight); 1 = unweighted. */
  readonly positiveWeight: number;
  /** Stop after this many rounds without a better validation log loss; 0 = off. */
  readonly earlyStoppingRounds: number;
  readonly seed: number;
};

/** XGBoost-like defaults: depth-6 trees, learning rate 0.3, no sampling. */
export const DEFAULT_GBDT_PARAMS: GbdtParams = Object.freeze({
  trees: 100,
  learningRate: 0.3,
  maxDepth: 6,
  maxLeaves: 64,
  minChildWeight: 1,
  minChildSamples: 1,
  l2: 1,
  minSplitGain: 0,
  rowSubsample: 1,
  columnSubsample: 1,
  maxBins: 256,
  positiveWeight: 1,
  earlyStoppingRounds: 0,
  seed: 0,
});
