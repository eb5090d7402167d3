import type { FeatureMatrix } from '../feature-matrix.model';
import { gbdtScores } from '../gbdt/gbdt.model';
import type { GbdtModel } from '../gbdt/gbdt.model';
import { logregScores } from '../logreg/logreg.model';
import type { LogregModel } from '../logreg/logreg.model';
import type { BlendParams } from './blend-params.model';

/**
 * Gradient-boosted trees and a logistic regression trained on the same rows, their probabilities
 * averaged with fixed weights: score = w · p_trees + (1 − w) · p_logreg, in float64.
 */
export interface BlendModel {
  readonly kind: 'blend';
  readonly columns: number;
  readonly gbdt: GbdtModel;
  readonly logreg: LogregModel;
  /** w above; the logistic regression's share is 1 − w. */
  readonly gbdtWeight: number;
  readonly params: BlendParams;
}

/** The logistic regression's share, computed once so the trainer and the ONNX graph agree. */
export const logregWeight = (model: BlendModel): number => 1 - model.gbdtWeight;

/** Fraud probabilities in [0, 1], one per row. */
export function blendScores(model: BlendModel, matrix: FeatureMatrix): Float64Array {
  const trees = gbdtScores(model.gbdt, matrix);
  const linear = logregScores(model.logreg, matrix);
  const w = model.gbdtWeight;
  const v = logregWeight(model);
  return trees.map((p, r) => p * w + (linear[r] as number) * v);
}
