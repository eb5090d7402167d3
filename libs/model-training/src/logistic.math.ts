export const sigmoid = (margin: number): number => 1 / (1 + Math.exp(-margin));

/** The margin whose sigmoid is `p`; p is clamped away from 0 and 1 to stay finite. */
export function logit(p: number): number {
  const clamped = Math.min(1 - 1e-15, Math.max(1e-15, p));
  return Math.log(clamped / (1 - clamped));
}

/** Mean binary cross-entropy of margins against 0/1 labels, computed stably from the margin. */
export function meanLogLoss(margins: Float64Array, labels: Uint8Array): number {
  let total = 0;
  for (let i = 0; i < margins.length; i++) {
    const m = margins[i] as number;
    // log(1 + e^m) − y·m, written to avoid overflow for large |m|.
    const softplus = m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
    total += softplus - (labels[i] as number) * m;
  }
  return margins.length === 0 ? 0 : total / margins.length;
}
