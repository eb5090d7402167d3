import { cardPrecisionAtK } from './card-precision.metric';
import { DEFAULT_CARD_PRECISION_K } from './model-quality.metric';
import { indicesByScoreDescending } from './score.order';
import { createSeededRandom } from '../seeded.random';
import type { RandomSource } from '../seeded.random';

/** Two models' scores of the same labelled transactions: equal-length columns. */
export interface PairedScores {
  readonly days: ArrayLike<number>;
  readonly cards: ArrayLike<number>;
  readonly labels: ArrayLike<number>;
  /** The incumbent's scores (the champion). */
  readonly a: ArrayLike<number>;
  /** The candidate's scores (the challenger). */
  readonly b: ArrayLike<number>;
}

export interface ComparisonOptions {
  readonly k?: number;
  /** Bootstrap resamples; 1,000 by default. */
  readonly resamples?: number;
  /** Two-sided confidence of the intervals; 0.95 by default. */
  readonly confidence?: number;
  readonly seed?: number;
}

export const COMPARED_METRICS = ['auc', 'ap', 'cardPrecision'] as const;
export type ComparedMetric = (typeof COMPARED_METRICS)[number];

/** An estimate with its percentile bootstrap interval; NaN where the metric is undefined. */
export interface Estimate {
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

export interface MetricComparison {
  readonly a: Estimate;
  readonly b: Estimate;
  /** b − a, with the interval of the paired differences. */
  readonly difference: Estimate;
}

export interface ModelComparison {
  readonly events: number;
  readonly frauds: number;
  readonly days: number;
  readonly k: number;
  readonly resamples: number;
  readonly confidence: number;
  readonly metrics: { readonly [Metric in ComparedMetric]: MetricComparison };
}

/**
 * Champion vs challenger on the same events, with paired bootstrap intervals. AUC and average
 * precision: the Poisson bootstrap over transactions (each resample weighs every transaction by
 * a Poisson(1) draw, the same weights for both models, so the difference's interval reflects
 * their paired errors), computed in one pass over each model's score order. Card precision@k: a
 * mean of daily values, so its resamples draw days with replacement (the days' values as the
 * protocol computes them, a card detected on one day left out of the later ones). The point
 * estimates are the metrics of the events themselves (`rocAuc`, `averagePrecision`,
 * `cardPrecisionAtK`); the intervals are the percentiles of the resampled values. Seeded: the
 * same inputs give the same intervals.
 */
export function compareModels(
  scores: PairedScores,
  options: ComparisonOptions = {},
): ModelComparison {
  const n = scores.labels.length;
  if ([scores.days, scores.cards, scores.a, scores.b].some((column) => column.length !== n))
    throw new RangeError('days, cards, labels and both scores must have the same length');
  const k = options.k ?? DEFAULT_CARD_PRECISION_K;
  const resamples = options.resamples ?? 1_000;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isSafeInteger(resamples) || resamples < 10)
    throw new RangeError(`resamples must be an integer ≥ 10, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const random = createSeededRandom(options.seed ?? 1);
  const orderA = indicesByScoreDescending(scores.a);
  const orderB = indicesByScoreDescending(scores.b);
  const ones = new Float64Array(n).fill(1);
  const point = {
    auc: [
      weightedAuc(scores.labels, scores.a, orderA, ones),
      weightedAuc(scores.labels, scores.b, orderB, ones),
    ],
    ap: [
      weightedAp(scores.labels, scores.a, orderA, ones),
      weightedAp(scores.labels, scores.b, orderB, ones),
    ],
  };
  const drawn = { auc: [[], [], []] as number[][], ap: [[], [], []] as number[][] };
  const weights = new Float64Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) weights[i] = poissonOne(random);
    for (const metric of ['auc', 'ap'] as const) {
      const of = metric === 'auc' ? weightedAuc : weightedAp;
      const a = of(scores.labels, scores.a, orderA, weights);
      const b = of(scores.labels, scores.b, orderB, weights);
      drawn[metric][0]!.push(a);
      drawn[metric][1]!.push(b);
      drawn[metric][2]!.push(b - a);
    }
  }
  const daysA = cardPrecisionAtK({ ...scores, scores: scores.a }, k).perDay.map((d) => d.precision);
  const daysB = cardPrecisionAtK({ ...scores, scores: scores.b }, k).perDay.map((d) => d.precision);
  const cp: number[][] = [[], [], []];
  for (let r = 0; r < resamples && daysA.length > 0; r++) {
    let [sumA, sumB] = [0, 0];
    for (let d = 0; d < daysA.length; d++) {
      const day = Math.floor(random() * daysA.length);
      sumA += daysA[day] as number;
      sumB += daysB[day] as number;
    }
    cp[0]!.push(sumA / daysA.length);
    cp[1]!.push(sumB / daysA.length);
    cp[2]!.push((sumB - sumA) / daysA.length);
  }
  const mean = (values: readonly number[]) =>
    values.length === 0 ? NaN : values.reduce((s, v) => s + v, 0) / values.length;
  const tail = (1 - confidence) / 2;
  const estimate = (value: number, samples: readonly number[]): Estimate => {
    const finite = samples.filter(Number.isFinite).sort((x, y) => x - y);
    if (!Number.isFinite(value) || finite.length === 0) return { value, low: NaN, high: NaN };
    return { value, low: quantile(finite, tail), high: quantile(finite, 1 - tail) };
  };
  const compared = (values: readonly number[], samples: readonly number[][]): MetricComparison => ({
    a: estimate(values[0] as number, samples[0]!),
    b: estimate(values[1] as number, samples[1]!),
    difference: estimate((values[1] as number) - (values[0] as number), samples[2]!),
  });
  let frauds = 0;
  for (let i = 0; i < n; i++) frauds += scores.labels[i] as number;
  return {
    events: n,
    frauds,
    days: daysA.length,
    k,
    resamples,
    confidence,
    metrics: {
      auc: compared(point.auc, drawn.auc),
      ap: compared(point.ap, drawn.ap),
      cardPrecision: compared([mean(daysA), mean(daysB)], cp),
    },
  };
}

/** A Poisson(1) draw by inversion (mean and variance 1: one bootstrap weight). */
function poissonOne(random: RandomSource): number {
  const u = random();
  let k = 0;
  let p = Math.exp(-1);
  let cumulative = p;
  while (u > cumulative && k < 20) {
    k += 1;
    p /= k;
    cumulative += p;
  }
  return k;
}

/**
 * AUC ROC of weighted transactions, ties counting one half: `rocAuc` when every weight is 1.
 * `order` is the indices by score, descending.
 */
export function weightedAuc(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  order: ArrayLike<number>,
  weights: ArrayLike<number>,
): number {
  let [positives, negatives, wins] = [0, 0, 0];
  for (let start = 0; start < order.length;) {
    const score = scores[order[start] as number] as number;
    let [groupPositives, groupNegatives] = [0, 0];
    let end = start;
    for (; end < order.length && scores[order[end] as number] === score; end++) {
      const i = order[end] as number;
      if (labels[i] === 1) groupPositives += weights[i] as number;
      else groupNegatives += weights[i] as number;
    }
    wins += groupNegatives * positives + 0.5 * groupNegatives * groupPositives;
    positives += groupPositives;
    negatives += groupNegatives;
    start = end;
  }
  return positives === 0 || negatives === 0 ? NaN : wins / (positives * negatives);
}

/** Average precision of weighted transactions: `averagePrecision` when every weight is 1. */
export function weightedAp(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  order: ArrayLike<number>,
  weights: ArrayLike<number>,
): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) total += weights[i] as number;
  if (total === 0) return NaN;
  let [truePositives, flagged, previousRecall, sum] = [0, 0, 0, 0];
  for (let start = 0; start < order.length;) {
    const score = scores[order[start] as number] as number;
    let end = start;
    for (; end < order.length && scores[order[end] as number] === score; end++) {
      const i = order[end] as number;
      flagged += weights[i] as number;
      if (labels[i] === 1) truePositives += weights[i] as number;
    }
    if (flagged > 0) {
      const recall = truePositives / total;
      sum += (recall - previousRecall) * (truePositives / flagged);
      previousRecall = recall;
    }
    start = end;
  }
  return sum;
}

/** The q-quantile of sorted values, linear between order statistics. */
function quantile(sorted: readonly number[], q: number): number {
  const at = q * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(sorted.length - 1, below + 1);
  return (
    (sorted[below] as number) +
    (at - below) * ((sorted[above] as number) - (sorted[below] as number))
  );
}
