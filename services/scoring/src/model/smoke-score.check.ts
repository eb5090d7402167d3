/**
 * The smoke test a model passes before it serves: a zero vector first (what a brand-new entity
 * looks like), then a few fixed rows spanning signs and magnitudes. A sound model answers each
 * with one finite score in [0, 1]; a broken graph, a wrong output or an unbounded margin does not.
 */
const FIXED_ROWS: readonly ((column: number) => number)[] = [
  () => 0,
  () => 1,
  () => -1,
  () => 1e6,
  (column) => column,
  (column) => (column % 2 === 0 ? 250 : 0.5),
];

export interface SmokeBatch {
  readonly rows: number;
  readonly values: Float32Array;
}

export function smokeBatch(width: number): SmokeBatch {
  const values = new Float32Array(FIXED_ROWS.length * width);
  FIXED_ROWS.forEach((cell, row) => {
    for (let column = 0; column < width; column++) values[row * width + column] = cell(column);
  });
  return { rows: FIXED_ROWS.length, values };
}

/** Why the scores of a smoke batch are not acceptable; empty when they are. */
export function smokeProblems(scores: ArrayLike<number>, rows: number): string[] {
  if (scores.length !== rows) return [`${scores.length} scores for ${rows} rows`];
  const problems: string[] = [];
  for (let row = 0; row < rows; row++) {
    const score = scores[row] as number;
    if (!(Number.isFinite(score) && score >= 0 && score <= 1)) {
      problems.push(`row ${row}${row === 0 ? ' (all zeros)' : ''} scored ${score}, not in [0, 1]`);
    }
  }
  return problems;
}
