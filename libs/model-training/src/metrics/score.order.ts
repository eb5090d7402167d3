/** Row indices sorted by score, descending; equal scores keep row order (a stable sort). */
export function indicesByScoreDescending(scores: ArrayLike<number>): Uint32Array {
  const order = Uint32Array.from({ length: scores.length }, (_, i) => i);
  return order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}

/** Checks the label and score arrays line up and hold 0/1 labels and comparable scores. */
export function assertScoredLabels(labels: ArrayLike<number>, scores: ArrayLike<number>): void {
  if (labels.length !== scores.length) {
    throw new RangeError(`${labels.length} labels but ${scores.length} scores`);
  }
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) throw new RangeError(`label ${i} is ${label}, not 0 or 1`);
    if (Number.isNaN(scores[i])) throw new RangeError(`score ${i} is NaN`);
  }
}
