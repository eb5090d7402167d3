import { assertScoredLabels, indicesByScoreDescending } from './score.order';

/** Alerting on score ≥ threshold: the resulting quality over a set of scored rows. */
export interface AlertOutcome {
  readonly threshold: number;
  /** null when nothing is alerted (precision) or there is no positive (recall, F1). */
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
  readonly alertRate: number;
}

/** Precision, recall, F1 and alert rate when every row scoring ≥ `threshold` is alerted. */
export function alertOutcome(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
): AlertOutcome {
  assertScoredLabels(labels, scores);
  let positives = 0;
  let alerted = 0;
  let caught = 0;
  for (let i = 0; i < labels.length; i++) {
    const flagged = (scores[i] as number) >= threshold;
    positives += labels[i] as number;
    alerted += flagged ? 1 : 0;
    caught += flagged ? (labels[i] as number) : 0;
  }
  const precision = alerted === 0 ? null : caught / alerted;
  const recall = positives === 0 ? null : caught / positives;
  const f1 =
    precision === null || recall === null || caught === 0
      ? positives === 0
        ? null
        : 0
      : (2 * precision * recall) / (precision + recall);
  return {
    threshold,
    precision,
    recall,
    f1,
    alertRate: labels.length === 0 ? 0 : alerted / labels.length,
  };
}

/**
 * The threshold with the best F1 (the harmonic mean of precision and recall) over the distinct
 * scores, alerting on score ≥ threshold. Ties keep the higher threshold (fewer alerts). Undefined
 * when there is no positive. The F1 optimum balances missed frauds against false alerts equally;
 * callers with an investigation budget should pick by alert rate instead.
 */
export function bestF1Threshold(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): AlertOutcome | undefined {
  assertScoredLabels(labels, scores);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] as number;
  if (positives === 0) return undefined;
  const order = indicesByScoreDescending(scores);
  let best = { f1: -1, threshold: Infinity };
  let caught = 0;
  let start = 0;
  while (start < order.length) {
    const score = scores[order[start] as number] as number;
    let end = start;
    while (end < order.length && scores[order[end] as number] === score)
      caught += labels[order[end++] as number] as number;
    // F1 = 2·TP / (alerted + positives).
    const f1 = (2 * caught) / (end + positives);
    if (f1 > best.f1) best = { f1, threshold: score };
    start = end;
  }
  return alertOutcome(labels, scores, best.threshold);
}
