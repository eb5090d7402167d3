import type { ReferenceTransaction } from '../csv/reference-transaction.model';
import { BackfillInputError } from './backfill-input.error';

type Rows = readonly ReferenceTransaction[];

const iso = (epochSeconds: number): string =>
  new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');

const byTransactionId = (a: ReferenceTransaction, b: ReferenceTransaction): number =>
  a.transactionId - b.transactionId;

/**
 * Re-batches time-sorted rows in TRANSACTION_ID order, the processing order the reference
 * defines (it breaks ties between transactions in the same second).
 *
 * The reference file is sorted by time but lists the rows of one second in arbitrary ID order,
 * so each same-second group is held back and sorted (memory: one second of rows). Anything else
 * is refused rather than repaired: time going backwards, or an ID that is not greater than every
 * ID before it (duplicate, or ID order disagreeing with time order).
 */
export async function* inTransactionIdOrder(
  batches: AsyncIterable<Rows> | Iterable<Rows>,
): AsyncGenerator<ReferenceTransaction[]> {
  let group: ReferenceTransaction[] = [];
  let lastId = -1;
  let rowNumber = 0;
  for await (const batch of batches) {
    const ready: ReferenceTransaction[] = [];
    for (const row of batch) {
      rowNumber += 1;
      const groupTime = group[0]?.time ?? row.time;
      if (row.time < groupTime) throw timeWentBack(row, rowNumber, groupTime);
      if (row.time > groupTime) {
        lastId = releaseGroup(group, lastId, ready);
        group = [];
      }
      group.push(row);
    }
    if (ready.length > 0) yield ready;
  }
  const last: ReferenceTransaction[] = [];
  releaseGroup(group, lastId, last);
  if (last.length > 0) yield last;
}

/** Sorts a same-second group, checks its IDs, appends it to `ready`; returns its last ID. */
function releaseGroup(
  group: ReferenceTransaction[],
  lastId: number,
  ready: ReferenceTransaction[],
) {
  if (group.length > 1) group.sort(byTransactionId);
  let previous = lastId;
  for (const row of group) {
    if (row.transactionId <= previous) {
      throw new BackfillInputError(
        `TRANSACTION_ID ${row.transactionId} at ${iso(row.time)} is not greater than ` +
          `TRANSACTION_ID ${previous} processed before it; IDs must be unique and follow time order`,
      );
    }
    previous = row.transactionId;
    ready.push(row);
  }
  return previous;
}

function timeWentBack(row: ReferenceTransaction, rowNumber: number, before: number): Error {
  return new BackfillInputError(
    `row ${rowNumber} (TRANSACTION_ID ${row.transactionId}) at ${iso(row.time)} is earlier ` +
      `than the row before it at ${iso(before)}; the input must be sorted by time`,
  );
}
