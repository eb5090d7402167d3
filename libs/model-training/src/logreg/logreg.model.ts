import type { FeatureMatrix } from '../feature-matrix.model';
import { sigmoid } from '../logistic.math';
import { ModelTrainingError } from '../model-training.error';
import type { LogregParams } from './logreg-params.model';

/**
 * A logistic regression on standardised inputs: z_j = (x_j − offset_j) · scale_j, computed in
 * float32 as ONNX's `Scaler` does, then score = sigmoid(intercept + Σ_j weight_j · z_j).
 */
export interface LogregModel {
  readonly kind: 'logreg';
  readonly columns: number;
  /** Training means, as float32. */
  readonly offsets: Float32Array;
  /** 1 / training standard deviation (1 for a constant feature), as float32. */
  readonly scales: Float32Array;
  readonly weights: Float64Array;
  readonly intercept: number;
  readonly params: LogregParams;
}

/** The standardised value of one input, rounded to float32 at each step like ONNX Runtime. */
export const standardise = (x: number, offset: number, scale: number): number =>
  Math.fround(Math.fround(x - offset) * scale);

/** Log-odds per row. */
export function logregMargins(model: LogregModel, matrix: FeatureMatrix): Float64Array {
  if (matrix.columns !== model.columns) {
    throw new ModelTrainingError(
      'DATA_INVALID',
      `the model takes ${model.columns} features, the matrix has ${matrix.columns}`,
    );
  }
  const margins = new Float64Array(matrix.rows);
  for (let r = 0; r < matrix.rows; r++) {
    let margin = model.intercept;
    const base = r * matrix.columns;
    for (let c = 0; c < matrix.columns; c++) {
      const z = standardise(
        matrix.values[base + c] as number,
        model.offsets[c] as number,
        model.scales[c] as number,
      );
      margin += (model.weights[c] as number) * z;
    }
    margins[r] = margin;
  }
  return margins;
}

/** Fraud probabilities in [0, 1], one per row. */
export function logregScores(model: LogregModel, matrix: FeatureMatrix): Float64Array {
  return logregMargins(model, matrix).map(sigmoid);
}
