import type { FeatureSet } from '@rtml/feature-engine';
import { backfillReferenceRows } from '../backfill/reference-rows.backfill';
import { readReferenceCsvBatches } from '../csv/reference-csv.reader';
import type { ReferenceTransaction } from '../csv/reference-transaction.model';
import type { LabelledRows } from './labelled-rows.model';
import { utcDay } from './utc-day.calendar';

/** Days [fromDay, toDay] (UTC day numbers, both included). */
export interface DayRange {
  readonly fromDay: number;
  readonly toDay: number;
}

/**
 * Computes the features of every transaction of a reference-format CSV with the offline engine
 * (one pass from the file's start, as windows need all history) and keeps those in `range`.
 * Reading stops after the range: later rows cannot change earlier features.
 */
export async function loadLabelledRows(
  path: string,
  featureSet: FeatureSet,
  range: DayRange,
): Promise<LabelledRows> {
  const featureNames = featureSet.features.map((feature) => feature.name);
  const columns = new RowColumns(featureNames.length);
  await backfillReferenceRows(
    untilDay(readReferenceCsvBatches(path), range.toDay),
    { featureSet },
    {
      write: (row, vector) => {
        const day = utcDay(row.time);
        if (day >= range.fromDay && day <= range.toDay) columns.push(row, day, vector);
      },
    },
  );
  return columns.finish(featureNames);
}

/** Stops reading at the first batch that starts after `lastDay`. */
async function* untilDay(
  batches: AsyncIterable<ReferenceTransaction[]>,
  lastDay: number,
): AsyncGenerator<ReferenceTransaction[]> {
  for await (const batch of batches) {
    const first = batch[0];
    if (first !== undefined && utcDay(first.time) > lastDay) return;
    yield batch;
  }
}

class RowColumns {
  private readonly ids: number[] = [];
  private readonly days: number[] = [];
  private readonly cards: number[] = [];
  private readonly labels: number[] = [];
  private readonly features: number[] = [];

  constructor(private readonly width: number) {}

  push(row: ReferenceTransaction, day: number, vector: readonly number[]): void {
    if (vector.length !== this.width) throw new Error(`feature vector of ${vector.length} values`);
    this.ids.push(row.transactionId);
    this.days.push(day);
    this.cards.push(row.customerId);
    this.labels.push(row.fraud);
    for (const value of vector) this.features.push(value);
  }

  finish(featureNames: readonly string[]): LabelledRows {
    return {
      featureNames,
      rows: this.ids.length,
      transactionIds: Int32Array.from(this.ids),
      days: Int32Array.from(this.days),
      cards: Int32Array.from(this.cards),
      labels: Uint8Array.from(this.labels),
      features: Float32Array.from(this.features),
    };
  }
}
