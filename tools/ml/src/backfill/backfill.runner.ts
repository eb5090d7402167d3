import { rename, rm } from 'node:fs/promises';
import type { FeatureSet } from '@rtml/feature-engine';
import { readReferenceCsvBatches } from '../csv/reference-csv.reader';
import { FeatureCsvWriter } from './feature-csv.writer';
import { ProgressReporter } from './progress.reporter';
import type { ProgressSnapshot } from './progress.reporter';
import { backfillReferenceRows } from './reference-rows.backfill';

export interface BackfillOptions {
  readonly inputPath: string;
  readonly outputPath: string;
  readonly featureSet: FeatureSet;
  readonly labelDelayDays?: number;
  readonly onProgress?: (snapshot: ProgressSnapshot) => void;
  readonly progressEveryRows?: number;
}

/**
 * Backfills a reference-format CSV (`.csv` or `.csv.gz`) into a features CSV: `TRANSACTION_ID`
 * then one column per feature, in the feature set's order. Streams in constant memory. The
 * output appears only when complete: it is written to `<output>.partial` and renamed at the end,
 * so a failed run never leaves a truncated file that looks finished.
 */
export async function runBackfill(options: BackfillOptions): Promise<ProgressSnapshot> {
  const partialPath = `${options.outputPath}.partial`;
  const featureNames = options.featureSet.features.map((feature) => feature.name);
  const writer = await FeatureCsvWriter.open(partialPath, featureNames);
  const progress = new ProgressReporter(
    (snapshot) => options.onProgress?.(snapshot),
    options.progressEveryRows,
  );
  try {
    const rows = await backfillReferenceRows(
      readReferenceCsvBatches(options.inputPath),
      {
        featureSet: options.featureSet,
        labelDelayDays: options.labelDelayDays,
        onProgress: (done) => progress.tick(done),
      },
      {
        write: (row, vector) => writer.writeRow(row.transactionId, vector),
        flush: () => writer.flush(),
      },
    );
    await writer.close();
    await rename(partialPath, options.outputPath);
    return progress.snapshot(rows);
  } catch (error) {
    writer.destroy();
    await rm(partialPath, { force: true });
    throw error;
  }
}
