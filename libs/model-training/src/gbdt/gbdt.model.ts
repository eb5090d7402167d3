import type { FeatureMatrix } from '../feature-matrix.model';
import { sigmoid } from '../logistic.math';
import { ModelTrainingError } from '../model-training.error';
import type { GbdtParams } from './gbdt-params.model';
import { treeOutput } from './regression-tree.model';
import type { RegressionTree } from './regression-tree.model';

/** A trained gradient-boosted ensemble: score = sigmoid(baseMargin + Σ tree outputs). */
export interface GbdtModel {
  readonly kind: 'gbdt';
  /** Number of input features the trees index into. */
  readonly columns: number;
  readonly baseMargin: number;
  readonly trees: readonly RegressionTree[];
  readonly params: GbdtParams;
}

/** The ensemble's raw margins (log-odds), one per row, summed in float64 in tree order. */
export function gbdtMargins(model: GbdtModel, matrix: FeatureMatrix): Float64Array {
  if (matrix.columns !== model.columns) {
    throw new ModelTrainingError(
      'DATA_INVALID',
      `the model takes ${model.columns} features, the matrix has ${matrix.columns}`,
    );
  }
  const margins = new Float64Array(matrix.rows).fill(model.baseMargin);
  for (const tree of model.trees) {
    for (let r = 0; r < matrix.rows; r++) {
      margins[r] = (margins[r] as number) + treeOutput(tree, matrix.values, r * matrix.columns);
    }
  }
  return margins;
}

/** Fraud probabilities in [0, 1], one per row. */
export function gbdtScores(model: GbdtModel, matrix: FeatureMatrix): Float64Array {
  return gbdtMargins(model, matrix).map(sigmoid);
}
