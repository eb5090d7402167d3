import { smokeBatch, smokeProblems } from './smoke-score.check';

describe('the smoke score check', () => {
  it('starts with an all-zero row and fills every row to the model width', () => {
    const batch = smokeBatch(3);

    expect(batch.values).toHaveLength(batch.rows * 3);
    expect(Array.from(batch.values.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(batch.rows).toBeGreaterThan(1);
  });

  it('accepts one finite score in [0, 1] per row, bounds included', () => {
    expect(smokeProblems([0, 0.3, 1], 3)).toEqual([]);
  });

  it('refuses NaN, infinite and out-of-range scores, naming the rows', () => {
    expect(smokeProblems([Number.NaN, 0.5, 1.5, Number.POSITIVE_INFINITY, -0.1], 5)).toEqual([
      'row 0 (all zeros) scored NaN, not in [0, 1]',
      'row 2 scored 1.5, not in [0, 1]',
      'row 3 scored Infinity, not in [0, 1]',
      'row 4 scored -0.1, not in [0, 1]',
    ]);
  });

  it('refuses a score count that is not one per row', () => {
    expect(smokeProblems([0.5, 0.5], 6)).toEqual(['2 scores for 6 rows']);
  });
});
