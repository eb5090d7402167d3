import { assertScoredLabels, indicesByScoreDescending } from './score.order';

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counting one half (the Mann–Whitney statistic with average ranks, as
 * scikit-learn's roc_auc_score). NaN when either class is absent: the area is undefined.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  assertScoredLabels(labels, scores);
  const order = indicesByScoreDescending(scores);
  let positives = 0;
  let negatives = 0;
  // Pairs (positive, negative) with the positive ranked above, ties counting 0.5.
  let wins = 0;
  let start = 0;
  while (start < order.length) {
    const score = scores[order[start] as number] as number;
    let end = start;
    let groupPositives = 0;
    while (end < order.length && scores[order[end] as number] === score) {
      groupPositives += labels[order[end] as number] as number;
      end += 1;
    }
    const groupNegatives = end - start - groupPositives;
    wins += groupNegatives * positives + 0.5 * groupNegatives * groupPositives;
    positives += groupPositives;
    negatives += groupNegatives;
    start = end;
  }
  return positives === 0 || negatives === 0 ? NaN : wins / (positives * negatives);
}
