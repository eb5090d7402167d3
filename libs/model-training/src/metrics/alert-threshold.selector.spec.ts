import { alertOutcome, bestF1Threshold } from './alert-threshold.selector';

describe('alertOutcome', () => {
  it('alerts on score ≥ threshold and reports precision, recall, F1 and alert rate', () => {
    expect(alertOutcome([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.1], 0.8)).toEqual({
      threshold: 0.8,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
      alertRate: 0.5,
    });
  });

  it('reports an undefined precision when nothing is alerted', () => {
    expect(alertOutcome([1, 0], [0.2, 0.1], 0.5)).toMatchObject({
      precision: null,
      recall: 0,
      f1: 0,
    });
  });
});

describe('bestF1Threshold', () => {
  it('picks the distinct score that maximises F1', () => {
    // ≥0.9: F1 ⅔; ≥0.8: F1 ½; ≥0.7: TP 2 of 3 alerts → F1 0.8; ≥0.1: F1 ⅔.
    const best = bestF1Threshold([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]);
    expect(best?.threshold).toBe(0.7);
    expect(best?.f1).toBeCloseTo(0.8);
  });

  it('keeps the higher threshold on a tie and is undefined without positives', () => {
    expect(bestF1Threshold([1, 0, 1], [0.9, 0.5, 0.5])?.threshold).toBe(0.5);
    // ≥0.9 and ≥0.6 both give F1 ⅔.
    expect(bestF1Threshold([1, 0, 0, 1], [0.9, 0.8, 0.7, 0.6])?.threshold).toBe(0.9);
    expect(bestF1Threshold([0, 0], [0.9, 0.1])).toBeUndefined();
  });
});
