import { assertScoredLabels, indicesByScoreDescending } from './score.order';

/**
 * Average precision as scikit-learn defines it: Σ_n (R_n − R_{n−1}) · P_n over the distinct
 * score thresholds in decreasing order, where P_n and R_n are the precision and recall when every
 * row scoring ≥ the n-th threshold is flagged (no interpolation). Rows with equal scores are
 * flagged together. NaN when there is no positive: recall is undefined.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  assertScoredLabels(labels, scores);
  let total = 0;
  for (let i = 0; i < labels.length; i++) total += labels[i] as number;
  if (total === 0) return NaN;
  const order = indicesByScoreDescending(scores);
  let truePositives = 0;
  let flagged = 0;
  let previousRecall = 0;
  let sum = 0;
  let start = 0;
  while (start < order.length) {
    const score = scores[order[start] as number] as number;
    let end = start;
    while (end < order.length && scores[order[end] as number] === score) {
      truePositives += labels[order[end] as number] as number;
      end += 1;
    }
    flagged += end - start;
    const recall = truePositives / total;
    sum += (recall - previousRecall) * (truePositives / flagged);
    previousRecall = recall;
    start = end;
  }
  return sum;
}
