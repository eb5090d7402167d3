import type { LabelledMatrix } from '@rtml/model-training';
import type { LabelledRows } from './labelled-rows.model';

/** The chosen rows (indices into `rows`) as a training/scoring matrix, in the given order. */
export function selectMatrix(rows: LabelledRows, indices: Int32Array): LabelledMatrix {
  const columns = rows.featureNames.length;
  const values = new Float32Array(indices.length * columns);
  const labels = new Uint8Array(indices.length);
  indices.forEach((row, i) => {
    values.set(rows.features.subarray(row * columns, (row + 1) * columns), i * columns);
    labels[i] = rows.labels[row] as number;
  });
  return { rows: indices.length, columns, values, labels };
}

/** One column of `rows` restricted to the chosen rows. */
export function selectColumn<T extends Int32Array | Uint8Array>(column: T, indices: Int32Array): T {
  const out = new (column.constructor as new (length: number) => T)(indices.length);
  indices.forEach((row, i) => (out[i] = column[row] as number));
  return out;
}
