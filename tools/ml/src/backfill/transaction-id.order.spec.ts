import { BackfillInputError } from './backfill-input.error';
import { DAY, START, referenceRow } from './reference-row.fixture';
import { inTransactionIdOrder } from './transaction-id.order';
import type { ReferenceTransaction } from '../csv/reference-transaction.model';

const ordered = async (batches: ReferenceTransaction[][]): Promise<number[]> => {
  const ids: number[] = [];
  for await (const batch of inTransactionIdOrder(batches))
    ids.push(...batch.map((r) => r.transactionId));
  return ids;
};

describe('inTransactionIdOrder', () => {
  it('sorts the rows of one second by TRANSACTION_ID, even across batches', async () => {
    const rows = [
      referenceRow({ transactionId: 0, time: START }),
      referenceRow({ transactionId: 2, time: START + 1 }),
      referenceRow({ transactionId: 1, time: START + 1 }),
      referenceRow({ transactionId: 3, time: START + 2 }),
    ];

    expect(await ordered([rows.slice(0, 2), rows.slice(2)])).toEqual([0, 1, 2, 3]);
  });

  it('refuses time going backwards, naming the row', async () => {
    const rows = [
      referenceRow({ transactionId: 0, time: START + DAY }),
      referenceRow({ transactionId: 1, time: START }),
    ];

    await expect(ordered([rows])).rejects.toThrow(BackfillInputError);
    await expect(ordered([rows])).rejects.toThrow(
      'row 2 (TRANSACTION_ID 1) at 2018-04-02T12:00:00Z is earlier than the row before it at ' +
        '2018-04-03T12:00:00Z; the input must be sorted by time',
    );
  });

  it('refuses duplicate IDs and IDs that disagree with time order', async () => {
    const duplicate = [referenceRow({ transactionId: 4 }), referenceRow({ transactionId: 4 })];
    const disagreeing = [
      referenceRow({ transactionId: 5, time: START }),
      referenceRow({ transactionId: 3, time: START + 1 }),
    ];

    await expect(ordered([duplicate])).rejects.toThrow(/TRANSACTION_ID 4 .* not greater than/);
    await expect(ordered([disagreeing])).rejects.toThrow(/TRANSACTION_ID 3 .* not greater than/);
  });
});
