import type { FoldResult } from './fold.evaluator';

/** Metrics as the handbook prints them: 3 decimals (null for an undefined metric). */
export const round3 = (value: number): number | null =>
  Number.isFinite(value) ? Number(value.toFixed(3)) : null;

export interface MeanStd {
  readonly mean: number;
  /** Sample standard deviation (n − 1), as pandas' std() in the handbook; NaN for one value. */
  readonly std: number;
}

export function meanStd(values: readonly number[]): MeanStd {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const squares = values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  return { mean, std: values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : NaN };
}

export interface ReportContext {
  readonly protocol: string;
  readonly features: string;
  readonly model: string;
}

/** One human-readable line per fold. */
export function foldLine(fold: FoldResult): string {
  return (
    `train ${fold.trainFrom} (+7d): ${fold.trainRows} rows, ${fold.trainFrauds} frauds; ` +
    `test ${fold.testFrom}…${fold.testTo}: ${fold.testRows} rows, ${fold.testFrauds} frauds; ` +
    `AUC ${fold.auc.toFixed(4)} AP ${fold.ap.toFixed(4)} CP@100 ${fold.cp100.toFixed(4)}; ` +
    `trained in ${fold.trainSeconds.toFixed(2)} s (CPU ${fold.trainCpuSeconds.toFixed(2)} s)`
  );
}

/**
 * The result line scripts read: one JSON object. One fold: its metrics. Several: the means, plus
 * `<metric>_std` and the per-fold values. Row counts are summed over folds, train_s is the mean.
 * Metrics are written with exactly 3 decimals and train_s with 1 (`0.880`, not `0.88`), as the
 * handbook prints them; an undefined metric is `null`.
 */
export function resultJson(context: ReportContext, folds: readonly FoldResult[]): string {
  const metric = (pick: (fold: FoldResult) => number) => meanStd(folds.map(pick));
  const auc = metric((f) => f.auc);
  const ap = metric((f) => f.ap);
  const cp = metric((f) => f.cp100);
  const fields: [string, string][] = [
    ...Object.entries(context).map(([key, value]): [string, string] => [
      key,
      JSON.stringify(value),
    ]),
    ['auc', fixed(auc.mean, 3)],
    ['ap', fixed(ap.mean, 3)],
    ['cp100', fixed(cp.mean, 3)],
    ['train_rows', String(folds.reduce((sum, f) => sum + f.trainRows, 0))],
    ['test_rows', String(folds.reduce((sum, f) => sum + f.testRows, 0))],
    ['train_s', fixed(metric((f) => f.trainSeconds).mean, 1)],
  ];
  if (folds.length > 1) {
    const perFold = folds.map(
      (f) =>
        `{"test_from":${JSON.stringify(f.testFrom)},"auc":${fixed(f.auc, 3)},` +
        `"ap":${fixed(f.ap, 3)},"cp100":${fixed(f.cp100, 3)}}`,
    );
    fields.push(
      ['auc_std', fixed(auc.std, 3)],
      ['ap_std', fixed(ap.std, 3)],
      ['cp100_std', fixed(cp.std, 3)],
      ['folds', `[${perFold.join(',')}]`],
    );
  }
  return `{${fields.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
}

const fixed = (value: number, digits: number): string =>
  Number.isFinite(value) ? value.toFixed(digits) : 'null';

/** "0.881 ± 0.012" lines for several folds. */
export function summaryLines(folds: readonly FoldResult[]): string[] {
  const show = (name: string, values: number[]) => {
    const { mean, std } = meanStd(values);
    return `${name.padEnd(7)} ${mean.toFixed(3)} ± ${std.toFixed(3)}`;
  };
  return [
    show(
      'AUC',
      folds.map((f) => f.auc),
    ),
    show(
      'AP',
      folds.map((f) => f.ap),
    ),
    show(
      'CP@100',
      folds.map((f) => f.cp100),
    ),
  ];
}
