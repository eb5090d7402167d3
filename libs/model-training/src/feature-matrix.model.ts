/**
 * A dense feature matrix, row-major, in float32: the domain ONNX Runtime scores in. Holding the
 * values as float32 from the start makes training, the trainer's own predictions and the exported
 * model see exactly the same numbers.
 */
export interface FeatureMatrix {
  readonly rows: number;
  readonly columns: number;
  /** rows × columns values; row r, column c is at r × columns + c. */
  readonly values: Float32Array;
}

/** A feature matrix with one binary label (0 or 1) per row. */
export interface LabelledMatrix extends FeatureMatrix {
  readonly labels: Uint8Array;
}

/** Builds a matrix from plain rows (tests, small inputs); every row must have `columns` values. */
export function toFeatureMatrix(
  rows: readonly (readonly number[])[],
  columns?: number,
): FeatureMatrix {
  const width = columns ?? rows[0]?.length ?? 0;
  const values = new Float32Array(rows.length * width);
  rows.forEach((row, r) => {
    if (row.length !== width) {
      throw new RangeError(`row ${r} has ${row.length} values, expected ${width}`);
    }
    values.set(row, r * width);
  });
  return { rows: rows.length, columns: width, values };
}

export function toLabelledMatrix(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  columns?: number,
): LabelledMatrix {
  if (labels.length !== rows.length) {
    throw new RangeError(`${labels.length} labels for ${rows.length} rows`);
  }
  return { ...toFeatureMatrix(rows, columns), labels: Uint8Array.from(labels) };
}

/** Training needs finite features and 0/1 labels; a NaN would silently change every split. */
export function assertTrainable(matrix: LabelledMatrix): void {
  if (matrix.values.length !== matrix.rows * matrix.columns) {
    throw new RangeError(
      `matrix has ${matrix.values.length} values for ${matrix.rows} × ${matrix.columns}`,
    );
  }
  if (matrix.labels.length !== matrix.rows) {
    throw new RangeError(`${matrix.labels.length} labels for ${matrix.rows} rows`);
  }
  if (matrix.rows === 0) throw new RangeError('cannot train on an empty matrix');
  for (let i = 0; i < matrix.values.length; i++) {
    if (!Number.isFinite(matrix.values[i])) {
      const row = Math.floor(i / matrix.columns);
      throw new RangeError(`row ${row}, column ${i % matrix.columns} is not finite`);
    }
  }
  for (let r = 0; r < matrix.rows; r++) {
    const label = matrix.labels[r];
    if (label !== 0 && label !== 1) throw new RangeError(`row ${r} has label ${label}, not 0 or 1`);
  }
}
