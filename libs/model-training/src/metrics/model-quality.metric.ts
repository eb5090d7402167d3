import { averagePrecision } from './average-precision.metric';
import { cardPrecisionAtK } from './card-precision.metric';
import type { CardScoredRows } from './card-precision.metric';
import { rocAuc } from './roc-auc.metric';

/** The reference protocol's k of card precision@k. */
export const DEFAULT_CARD_PRECISION_K = 100;

/** The reference protocol's three figures over a set of labelled, scored transactions. */
export interface QualityFigures {
  readonly events: number;
  /** Transactions labelled fraud. */
  readonly frauds: number;
  /** NaN when either class is absent (the area is undefined). */
  readonly auc: number;
  /** NaN when no transaction is a fraud. */
  readonly ap: number;
  /** Card precision@k: over several days, the mean of the daily values; NaN with no day. */
  readonly cardPrecision: number;
}

export interface DailyQuality extends QualityFigures {
  /** The rows' day key (a UTC day number where the rows come from event times). */
  readonly day: number;
}

export interface ModelQuality {
  readonly k: number;
  /** All the rows at once: AUC and AP pooled, card precision the mean over the days. */
  readonly overall: QualityFigures;
  /** Each day present in the rows, in increasing order. */
  readonly perDay: readonly DailyQuality[];
}

/**
 * The quality of one model's scores as the reference protocol measures a test period: AUC ROC
 * and average precision over all its transactions, card precision@k per day (a card detected on
 * one day is left out of the later ones) and its mean; plus AUC and AP of each day alone. The
 * figures of a period are what `tools/ml`'s offline evaluation reports for the same scores and
 * labels, so a model's online quality and its offline test agree by construction.
 */
export function modelQuality(rows: CardScoredRows, k = DEFAULT_CARD_PRECISION_K): ModelQuality {
  const cardPrecision = cardPrecisionAtK(rows, k);
  const byDay = new Map<number, number[]>();
  for (let i = 0; i < rows.days.length; i++) {
    const day = rows.days[i] as number;
    const indices = byDay.get(day);
    if (indices === undefined) byDay.set(day, [i]);
    else indices.push(i);
  }
  const perDay = cardPrecision.perDay.map(({ day, precision }): DailyQuality => {
    const indices = byDay.get(day) ?? [];
    const labels = indices.map((i) => rows.labels[i] as number);
    const scores = indices.map((i) => rows.scores[i] as number);
    return { day, ...figuresOf(labels, scores, precision) };
  });
  return { k, overall: figuresOf(rows.labels, rows.scores, cardPrecision.mean), perDay };
}

function figuresOf(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  cardPrecision: number,
): QualityFigures {
  let frauds = 0;
  for (let i = 0; i < labels.length; i++) frauds += labels[i] as number;
  return {
    events: labels.length,
    frauds,
    auc: rocAuc(labels, scores),
    ap: averagePrecision(labels, scores),
    cardPrecision,
  };
}
