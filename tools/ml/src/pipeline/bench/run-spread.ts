/** A figure over the bench's runs: the median and the range. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The median (the mean of the middle two for an even count) and the range; NaN for none. */
export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number };
}

/** `T` with each number replaced by its spread over runs. */
export type SpreadTree<T> = T extends number
  ? Spread
  : T extends readonly unknown[]
    ? T
    : T extends object
      ? { readonly [K in keyof T]: SpreadTree<T[K]> }
      : T;

/**
 * The spread of every number of same-shaped run results, field by field. A field that some
 * runs lack or leave null is taken over the runs that have a number; one that none has keeps
 * the first run's value (a label, a null). Arrays are not aggregated: the first run's is kept.
 */
export function spreadTree<T>(runs: readonly T[]): SpreadTree<T> {
  return aggregate(runs, spreadOf) as SpreadTree<T>;
}

/** The median of every number of same-shaped run results, in the runs' own shape. */
export function medianTree<T>(runs: readonly T[]): T {
  return aggregate(runs, (values) => spreadOf(values).median) as T;
}

function aggregate(runs: readonly unknown[], reduce: (values: number[]) => unknown): unknown {
  const numbers = runs.filter((run): run is number => typeof run === 'number');
  if (numbers.length > 0) return reduce(numbers);
  const objects = runs.filter(
    (run): run is Record<string, unknown> =>
      typeof run === 'object' && run !== null && !Array.isArray(run),
  );
  if (objects.length === 0) return runs[0];
  const keys = [...new Set(objects.flatMap((run) => Object.keys(run)))];
  return Object.fromEntries(
    keys.map((key) => [
      key,
      aggregate(
        objects.map((run) => run[key]),
        reduce,
      ),
    ]),
  );
}
