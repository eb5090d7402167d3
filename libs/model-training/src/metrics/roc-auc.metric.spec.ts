import { rocAuc } from './roc-auc.metric';

describe('rocAuc', () => {
  it('matches scikit-learn on its documented example', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
  });

  it('counts a positive and a negative with equal scores as half a win (average ranks)', () => {
    // Pairs: (0.5 vs 0.5) ½, (0.5 vs 0.2) 1, (0.9 vs 0.5) 1, (0.9 vs 0.2) 1 → 3.5 / 4.
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBe(0.875);
    expect(rocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0, 0, 1], [0.1, 0.2, 0.3])).toBe(1);
    expect(rocAuc([1, 0, 0], [0.9, 0.95, 0.99])).toBe(0);
  });

  it('is undefined (NaN) when a class is missing', () => {
    expect(rocAuc([1, 1], [0.2, 0.4])).toBeNaN();
    expect(rocAuc([], [])).toBeNaN();
  });

  it('refuses mismatched lengths and non-binary labels', () => {
    expect(() => rocAuc([0, 1], [0.5])).toThrow(/2 labels but 1 scores/);
    expect(() => rocAuc([0, 2], [0.5, 0.1])).toThrow(/not 0 or 1/);
  });
});
