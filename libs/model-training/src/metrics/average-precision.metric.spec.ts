import { averagePrecision } from './average-precision.metric';

describe('averagePrecision', () => {
  it('matches scikit-learn on its documented example', () => {
    // Thresholds 0.8: P 1, R ½; 0.4: P ½, R ½; 0.35: P ⅔, R 1 → ½·1 + 0 + ½·⅔.
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 12);
  });

  it('flags rows with equal scores together, without interpolation', () => {
    // 0.9: P 1, R ½; 0.5 (one positive, one negative tied): P ⅔, R 1 → ½ + ½·⅔.
    expect(averagePrecision([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(5 / 6, 12);
    // Everything tied: one threshold, precision = prevalence.
    expect(averagePrecision([0, 1, 0, 0], [0.3, 0.3, 0.3, 0.3])).toBe(0.25);
  });

  it('is 1 for a perfect ranking', () => {
    expect(averagePrecision([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.2])).toBe(1);
  });

  it('is undefined (NaN) without a positive', () => {
    expect(averagePrecision([0, 0], [0.1, 0.2])).toBeNaN();
  });
});
