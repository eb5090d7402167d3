import { solveSymmetricPositiveDefinite } from './cholesky.solver';

describe('solveSymmetricPositiveDefinite', () => {
  it('solves a small symmetric positive-definite system', () => {
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    const x = Float64Array.from([1, -2, 3]);
    const b = Float64Array.from(
      [0, 1, 2].map((i) => [0, 1, 2].reduce((s, j) => s + a[i * 3 + j]! * x[j]!, 0)),
    );
    Array.from(solveSymmetricPositiveDefinite(a, b)).forEach((value, i) =>
      expect(value).toBeCloseTo(x[i]!, 10),
    );
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() =>
      solveSymmetricPositiveDefinite(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1])),
    ).toThrow(/not positive definite/);
  });
});
