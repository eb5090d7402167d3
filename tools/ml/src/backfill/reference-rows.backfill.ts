import type { FeatureSet } from '@rtml/feature-engine';
import type { ReferenceTransaction } from '../csv/reference-transaction.model';
import { OfflineFeatureEngine } from '@rtml/feature-engine';
import { REFERENCE_LABEL_DELAY_DAYS, toFeatureEvent, toKnownLabel } from './reference-event.mapper';
import { inTransactionIdOrder } from './transaction-id.order';

export interface ReferenceBackfillOptions {
  readonly featureSet: FeatureSet;
  /** When a row's label becomes known, in days after its TX_DATETIME (reference: 7). */
  readonly labelDelayDays?: number;
  /** Called after each batch with the number of rows done so far. */
  readonly onProgress?: (rows: number) => void;
}

/** Receives each row's feature vector, in processing order. */
export interface FeatureVectorSink {
  write(row: ReferenceTransaction, vector: readonly number[]): void;
  /** Called after each batch; may wait (back-pressure). */
  flush?(): Promise<void>;
}

/**
 * The backfill without its files: replays time-sorted reference rows, in TRANSACTION_ID order,
 * through the offline engine. Each row's label becomes known `labelDelayDays` after it,
 * interleaved in event time with the transactions. Returns the number of rows.
 */
export async function backfillReferenceRows(
  batches:
    AsyncIterable<readonly ReferenceTransaction[]> | Iterable<readonly ReferenceTransaction[]>,
  options: ReferenceBackfillOptions,
  sink: FeatureVectorSink,
): Promise<number> {
  const engine = new OfflineFeatureEngine(options.featureSet);
  const labelDelayDays = options.labelDelayDays ?? REFERENCE_LABEL_DELAY_DAYS;
  let count = 0;
  for await (const rows of inTransactionIdOrder(batches)) {
    for (const row of rows) {
      sink.write(row, engine.process(toFeatureEvent(row), toKnownLabel(row, labelDelayDays)));
    }
    count += rows.length;
    await sink.flush?.();
    options.onProgress?.(count);
  }
  return count;
}
