import { assertTrainable } from '../feature-matrix.model';
import type { LabelledMatrix } from '../feature-matrix.model';
import { logit, meanLogLoss, sigmoid } from '../logistic.math';
import { createSeededRandom, sampleIndices } from '../seeded.random';
import type { RandomSource } from '../seeded.random';
import type { GbdtModel } from './gbdt.model';
import type { GbdtParams } from './gbdt-params.model';
import { parseGbdtParams } from './gbdt-params.parser';
import { HistogramPool, STRIDE, histogramLayout } from './gradient.histogram';
import type { GradientRows, HistogramLayout } from './gradient.histogram';
import { binMatrix, buildBinEdges, matrixColumn } from './quantile-bins.builder';
import type { RegressionTree } from './regression-tree.model';
import { growTree } from './tree.grower';
import type { GrownTree } from './tree.grower';

export interface GbdtTrainingOptions {
  /** Scored after every round; required for early stopping. */
  readonly validation?: LabelledMatrix;
  /** Progress: the round just finished and its losses. */
  readonly onRound?: (round: number, trainLoss: number, validationLoss?: number) => void;
}

export interface GbdtTrainingResult {
  readonly model: GbdtModel;
  /** Mean log loss on the validation matrix after each round, when one was given. */
  readonly validationLoss: readonly number[];
  /** Rounds kept: all of them, or the best round's count with early stopping. */
  readonly rounds: number;
}

/** Binned rows and their running margins. */
interface BinnedSet {
  readonly bins: Uint16Array;
  readonly labels: Uint8Array;
  readonly margins: Float64Array;
}

/** Everything the boosting rounds share: bins, gradient buffers, histogram buffers. */
interface Boosting {
  readonly columns: number;
  readonly edges: readonly Float32Array[];
  readonly layout: HistogramLayout;
  readonly baseMargin: number;
  readonly trainSet: BinnedSet;
  readonly validSet: BinnedSet | undefined;
  readonly data: GradientRows;
  readonly pool: HistogramPool;
}

/**
 * Trains gradient-boosted trees on logistic loss, histogram-based (quantile bins per feature).
 * Deterministic: the same data, parameters and seed give the same trees, bit for bit.
 */
export function trainGbdt(
  train: LabelledMatrix,
  params: Partial<GbdtParams> = {},
  options: GbdtTrainingOptions = {},
): GbdtTrainingResult {
  assertTrainable(train);
  const p = parseGbdtParams(params);
  if (p.earlyStoppingRounds > 0 && options.validation === undefined) {
    throw new RangeError('earlyStoppingRounds needs a validation matrix');
  }
  const boosting = prepare(train, p, options.validation);
  const { trees, validationLoss, bestRound } = boost(boosting, p, options.onRound);
  const kept = p.earlyStoppingRounds > 0 ? trees.slice(0, bestRound) : trees;
  const model: GbdtModel = {
    kind: 'gbdt',
    columns: train.columns,
    baseMargin: boosting.baseMargin,
    trees: kept,
    params: p,
  };
  return { model, validationLoss, rounds: kept.length };
}

function prepare(train: LabelledMatrix, p: GbdtParams, validation?: LabelledMatrix): Boosting {
  const edges = Array.from({ length: train.columns }, (_, c) =>
    buildBinEdges(matrixColumn(train, c), p.maxBins),
  );
  const layout = histogramLayout(Int32Array.from(edges, (e) => e.length + 1));
  const baseMargin = logit(weightedPositiveRate(train.labels, p.positiveWeight));
  const binned = (m: LabelledMatrix): BinnedSet => ({
    bins: binMatrix(m, edges),
    labels: m.labels,
    margins: new Float64Array(m.rows).fill(baseMargin),
  });
  const trainSet = binned(train);
  return {
    columns: train.columns,
    edges,
    layout,
    baseMargin,
    trainSet,
    validSet: validation === undefined ? undefined : binned(validation),
    data: {
      bins: trainSet.bins,
      columns: train.columns,
      gradients: new Float64Array(train.rows),
      hessians: new Float64Array(train.rows),
    },
    pool: new HistogramPool((layout.offsets[train.columns] as number) * STRIDE),
  };
}

/** The boosting rounds: one tree each, on the gradients of the margins so far. */
function boost(b: Boosting, p: GbdtParams, onRound: GbdtTrainingOptions['onRound']) {
  const { trainSet, validSet, columns } = b;
  const random = createSeededRandom(p.seed);
  const featureCount = Math.max(1, Math.round(p.columnSubsample * columns));
  const trees: RegressionTree[] = [];
  const validationLoss: number[] = [];
  let best = { round: 0, loss: Infinity };
  for (let round = 1; round <= p.trees; round++) {
    computeGradients(trainSet, b.data, p.positiveWeight);
    const rows = sampleRows(trainSet.labels.length, p.rowSubsample, random);
    const features = sampleIndices(columns, featureCount, random);
    const grown = growTree({ ...b, rows, features, params: p });
    trees.push(grown.tree);
    addTree(grown, trainSet, columns);
    const trainLoss = onRound === undefined ? NaN : meanLogLoss(trainSet.margins, trainSet.labels);
    if (validSet === undefined) {
      onRound?.(round, trainLoss);
      continue;
    }
    addTree(grown, validSet, columns);
    const loss = meanLogLoss(validSet.margins, validSet.labels);
    validationLoss.push(loss);
    onRound?.(round, trainLoss, loss);
    if (loss < best.loss) best = { round, loss };
    if (p.earlyStoppingRounds > 0 && round - best.round >= p.earlyStoppingRounds) break;
  }
  return { trees, validationLoss, bestRound: best.round };
}

function weightedPositiveRate(labels: Uint8Array, positiveWeight: number): number {
  let positives = 0;
  for (const label of labels) positives += label;
  const weighted = positives * positiveWeight;
  return weighted / (weighted + labels.length - positives);
}

function computeGradients(set: BinnedSet, data: GradientRows, positiveWeight: number): void {
  for (let r = 0; r < set.labels.length; r++) {
    const probability = sigmoid(set.margins[r] as number);
    const label = set.labels[r] as number;
    const weight = label === 1 ? positiveWeight : 1;
    data.gradients[r] = (probability - label) * weight;
    // A floor keeps leaf weights finite when every row of a leaf is predicted with certainty.
    data.hessians[r] = Math.max(probability * (1 - probability), 1e-16) * weight;
  }
}

/** Rows for one tree: all of them, or each independently with probability `rate`. */
function sampleRows(total: number, rate: number, random: RandomSource): Uint32Array {
  const rows = new Uint32Array(total);
  let count = 0;
  for (let r = 0; r < total; r++) if (rate >= 1 || random() < rate) rows[count++] = r;
  return rows.subarray(0, count);
}

/** Adds the tree's output to every row's margin, walking the tree on bins (same as thresholds). */
function addTree(grown: GrownTree, set: BinnedSet, columns: number): void {
  const { feature, left, right, value } = grown.tree;
  const { splitBins } = grown;
  for (let r = 0; r < set.labels.length; r++) {
    const base = r * columns;
    let node = 0;
    let f = feature[0] as number;
    while (f >= 0) {
      node =
        (set.bins[base + f] as number) <= (splitBins[node] as number)
          ? (left[node] as number)
          : (right[node] as number);
      f = feature[node] as number;
    }
    set.margins[r] = (set.margins[r] as number) + (value[node] as number);
  }
}
