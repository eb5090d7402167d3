import type { Decision } from '@rtml/contracts';

/**
 * The decision a score gives under a model's threshold: ALERT when score ≥ threshold. Scores
 * are ONNX Runtime's float32 values and trainers store thresholds as float32 values too, so the
 * comparison is exact: an event on the threshold alerts, as it did when the threshold was chosen.
 */
export const decide = (score: number, threshold: number): Decision =>
  score >= threshold ? 'ALERT' : 'ALLOW';
