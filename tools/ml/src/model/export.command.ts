import { FeatureCsvWriter } from '../backfill/feature-csv.writer';
import { loadLabelledRows } from '../evaluate/labelled-rows.loader';
import type { Output } from './evaluate.command';
import { resolveFeatureSet } from './feature-set.catalog';
import { parseDayRange } from './held-out.period';
import type { ExportArgs } from './model-args.parser';

/** The label column that follows the features in an exported file. */
export const LABEL_COLUMN = 'TX_FRAUD';

/**
 * `model export`: the labelled feature rows of the days [from, to] as one CSV,
 * `TRANSACTION_ID,<features in input order...>,TX_FRAUD`, to train a model elsewhere (see
 * `examples/python-sklearn`). The features are the offline engine's, exactly what `train` fits
 * on and what the features service computes live, each value the float32 the model is fed, in its
 * shortest round-trip form; every transaction of the range is kept.
 */
export async function runExport(args: ExportArgs, out: Output): Promise<void> {
  const featureSet = await resolveFeatureSet(args.features);
  const { fromDay, toDay } = parseDayRange(args.from, args.to);
  const rows = await loadLabelledRows(args.data, featureSet, { fromDay, toDay });
  if (rows.rows === 0)
    throw new Error(`no transactions from ${args.from} to ${args.to} in ${args.data}`);
  const width = rows.featureNames.length;
  const writer = await FeatureCsvWriter.open(args.output, [...rows.featureNames, LABEL_COLUMN]);
  try {
    let frauds = 0;
    for (let row = 0; row < rows.rows; row++) {
      const label = rows.labels[row] as number;
      frauds += label;
      const vector = Array.from(rows.features.subarray(row * width, (row + 1) * width));
      writer.writeRow(rows.transactionIds[row] as number, [...vector, label]);
      await writer.flush();
    }
    await writer.close();
    out(
      `wrote ${rows.rows} rows (${frauds} frauds) of ${featureSet.name} v${featureSet.version}, ` +
        `${args.from}…${args.to}, to ${args.output}`,
    );
  } catch (error) {
    writer.destroy();
    throw error;
  }
}
