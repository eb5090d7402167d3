import { parseNumberParams } from '../params.parser';
import type { NumberRules } from '../params.parser';

/** Logistic regression on standardised inputs, L2-penalised like scikit-learn's default. */
export type LogregParams = {
  /** Penalty ½·l2·‖w‖² (the intercept is not penalised); scikit-learn's C = 1 / l2. */
  readonly l2: number;
  readonly maxIterations: number;
  /** Stop when no coefficient moves by more than this in a Newton step. */
  readonly tolerance: number;
};

/** scikit-learn's LogisticRegression() defaults (C = 1), which the handbook's baseline used. */
export const DEFAULT_LOGREG_PARAMS: LogregParams = Object.freeze({
  l2: 1,
  maxIterations: 100,
  tolerance: 1e-9,
});

export const LOGREG_PARAM_RULES: NumberRules<LogregParams> = {
  l2: { min: 0, max: Infinity },
  maxIterations: { min: 1, max: 10_000, integer: true },
  tolerance: { min: 0, max: 1, minExclusive: true },
};

/** Logistic-regression hyper-parameters from `unknown`; fields given override `base`. */
export function parseLogregParams(
  input: unknown,
  base: LogregParams = DEFAULT_LOGREG_PARAMS,
): LogregParams {
  return parseNumberParams(input, base, LOGREG_PARAM_RULES, 'logreg parameters');
}
