/**
 * Solves A·x = b for a symmetric positive-definite n×n matrix A (row-major) by Cholesky
 * factorisation. Throws when A is not positive definite (e.g. a constant feature with no
 * regularisation), which a caller should treat as a modelling error, not retry.
 */
export function solveSymmetricPositiveDefinite(a: Float64Array, b: Float64Array): Float64Array {
  const n = b.length;
  if (a.length !== n * n) throw new RangeError(`matrix of ${a.length} values for ${n} unknowns`);
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j] as number;
      for (let k = 0; k < j; k++)
        sum -= (lower[i * n + k] as number) * (lower[j * n + k] as number);
      if (i === j) {
        if (!(sum > 0)) throw new RangeError('matrix is not positive definite');
        lower[i * n + i] = Math.sqrt(sum);
      } else {
        lower[i * n + j] = sum / (lower[j * n + j] as number);
      }
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (lower[i * n + k] as number) * (y[k] as number);
    y[i] = sum / (lower[i * n + i] as number);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (lower[k * n + i] as number) * (x[k] as number);
    x[i] = sum / (lower[i * n + i] as number);
  }
  return x;
}
