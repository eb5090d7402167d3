import { assertTrainable } from '../feature-matrix.model';
import type { LabelledMatrix } from '../feature-matrix.model';
import { sigmoid } from '../logistic.math';
import { solveSymmetricPositiveDefinite } from './cholesky.solver';
import { standardise } from './logreg.model';
import type { LogregModel } from './logreg.model';
import type { LogregParams } from './logreg-params.model';
import { parseLogregParams } from './logreg-params.model';

export interface LogregTrainingResult {
  readonly model: LogregModel;
  readonly iterations: number;
}

/** The standardised design matrix with a trailing column of ones (the intercept). */
interface Design {
  readonly rows: number;
  /** Coefficients including the intercept: columns + 1. */
  readonly width: number;
  readonly z: Float64Array;
  readonly labels: Uint8Array;
  readonly l2: number;
}

/**
 * Fits a logistic regression by Newton's method with a backtracking line search: exact for this
 * small, convex problem (a handful of features) and deterministic. The inputs are standardised
 * with the training mean and standard deviation (population, as scikit-learn's StandardScaler),
 * and the scaling becomes part of the model, so callers never standardise.
 */
export function trainLogreg(
  train: LabelledMatrix,
  params: Partial<LogregParams> = {},
): LogregTrainingResult {
  assertTrainable(train);
  const p = parseLogregParams(params);
  const { offsets, scales } = standardisation(train);
  const design = buildDesign(train, offsets, scales, p.l2);
  let coefficients: Float64Array = new Float64Array(design.width);
  let iterations = 0;
  for (; iterations < p.maxIterations; iterations++) {
    const { gradient, hessian } = derivatives(design, coefficients);
    const step = solveSymmetricPositiveDefinite(hessian, gradient);
    const next = lineSearch(design, coefficients, step, gradient);
    const moved = next.reduce(
      (most, value, i) => Math.max(most, Math.abs(value - (coefficients[i] as number))),
      0,
    );
    coefficients = next;
    if (moved < p.tolerance) break;
  }
  const weights = coefficients.slice(0, train.columns);
  const intercept = coefficients[train.columns] as number;
  const model: LogregModel = {
    kind: 'logreg',
    columns: train.columns,
    offsets,
    scales,
    weights,
    intercept,
    params: p,
  };
  return { model, iterations };
}

function standardisation(train: LabelledMatrix): { offsets: Float32Array; scales: Float32Array } {
  const offsets = new Float32Array(train.columns);
  const scales = new Float32Array(train.columns);
  for (let c = 0; c < train.columns; c++) {
    let sum = 0;
    for (let r = 0; r < train.rows; r++) sum += train.values[r * train.columns + c] as number;
    const mean = sum / train.rows;
    let squares = 0;
    for (let r = 0; r < train.rows; r++)
      squares += ((train.values[r * train.columns + c] as number) - mean) ** 2;
    const deviation = Math.sqrt(squares / train.rows);
    offsets[c] = mean;
    scales[c] = deviation > 0 ? 1 / deviation : 1;
  }
  return { offsets, scales };
}

function buildDesign(
  train: LabelledMatrix,
  offsets: Float32Array,
  scales: Float32Array,
  l2: number,
): Design {
  const width = train.columns + 1;
  const z = new Float64Array(train.rows * width);
  for (let r = 0; r < train.rows; r++) {
    for (let c = 0; c < train.columns; c++) {
      const x = train.values[r * train.columns + c] as number;
      z[r * width + c] = standardise(x, offsets[c] as number, scales[c] as number);
    }
    z[r * width + train.columns] = 1;
  }
  return { rows: train.rows, width, z, labels: train.labels, l2 };
}

function margin(design: Design, coefficients: Float64Array, row: number): number {
  let sum = 0;
  for (let j = 0; j < design.width; j++)
    sum += (design.z[row * design.width + j] as number) * (coefficients[j] as number);
  return sum;
}

/** Penalised negative log-likelihood. */
function objective(design: Design, coefficients: Float64Array): number {
  let total = 0;
  for (let r = 0; r < design.rows; r++) {
    const m = margin(design, coefficients, r);
    total +=
      (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m))) -
      (design.labels[r] as number) * m;
  }
  for (let j = 0; j < design.width - 1; j++)
    total += 0.5 * design.l2 * (coefficients[j] as number) ** 2;
  return total;
}

function derivatives(
  design: Design,
  coefficients: Float64Array,
): { gradient: Float64Array; hessian: Float64Array } {
  const n = design.width;
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n * n);
  for (let r = 0; r < design.rows; r++) {
    const p = sigmoid(margin(design, coefficients, r));
    const residual = p - (design.labels[r] as number);
    const weight = p * (1 - p);
    const base = r * n;
    for (let j = 0; j < n; j++) {
      const zj = design.z[base + j] as number;
      gradient[j] = (gradient[j] as number) + residual * zj;
      for (let k = 0; k <= j; k++) {
        hessian[j * n + k] =
          (hessian[j * n + k] as number) + weight * zj * (design.z[base + k] as number);
      }
    }
  }
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < j; k++) hessian[k * n + j] = hessian[j * n + k] as number;
    if (j < n - 1) {
      gradient[j] = (gradient[j] as number) + design.l2 * (coefficients[j] as number);
      hessian[j * n + j] = (hessian[j * n + j] as number) + design.l2;
    }
  }
  return { gradient, hessian };
}

/** Largest step t ∈ {1, ½, ¼, …} along −step that decreases the objective enough (Armijo). */
function lineSearch(
  design: Design,
  coefficients: Float64Array,
  step: Float64Array,
  gradient: Float64Array,
): Float64Array {
  const current = objective(design, coefficients);
  const slope = step.reduce((sum, value, i) => sum + value * (gradient[i] as number), 0);
  for (let t = 1; t > 1e-10; t /= 2) {
    const next = coefficients.map((value, i) => value - t * (step[i] as number));
    if (objective(design, next) <= current - 1e-4 * t * slope) return next;
  }
  return coefficients;
}
