import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { useDynamoDb } from '@rtml/testing';
import type { ReferenceTransaction } from '../../csv/reference-transaction.model';
import { AlreadyStoredFilter } from './already-stored.filter';

const row = (transactionId: number): ReferenceTransaction => ({
  transactionId,
  time: 1_000 + transactionId,
  timeSeconds: 1_000 + transactionId,
  timeDays: 0,
  customerId: 1,
  terminalId: 2,
  amount: 10,
  fraud: 0,
  fraudScenario: 0,
});

describe('AlreadyStoredFilter against DynamoDB', () => {
  const dynamo = useDynamoDb();
  let table = '';

  beforeAll(async () => {
    table = await dynamo.createKeyedTable('already-stored', 'eventId');
    // An earlier run stored transactions 100…179.
    const stored = Array.from({ length: 80 }, (_, i) => `r-${100 + i}`);
    for (let start = 0; start < stored.length; start += 25) {
      const ids = stored.slice(start, start + 25);
      await dynamo.client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            [table]: ids.map((id) => ({ PutRequest: { Item: { eventId: { S: id } } } })),
          },
        }),
      );
    }
  });

  const filter = () => new AlreadyStoredFilter(dynamo.client, table, (r) => `r-${r.transactionId}`);
  const ids = (rows: readonly ReferenceTransaction[]) => rows.map((r) => r.transactionId);
  const range = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => row(from + i));

  it('passes a batch none of whose rows is stored, untouched', async () => {
    const kept = filter();
    expect(ids(await kept.keep(range(0, 100)))).toEqual(ids(range(0, 100)));
    expect(kept.skipped).toBe(0);
  });

  it('leaves out the stored rows of batches that overlap an earlier run, at either end', async () => {
    const kept = filter();
    expect(ids(await kept.keep(range(150, 200)))).toEqual(ids(range(180, 200)));
    expect(ids(await kept.keep(range(90, 110)))).toEqual(ids(range(90, 100)));
    expect(await kept.keep(range(120, 170))).toEqual([]);
    expect(kept.skipped).toBe(30 + 10 + 50);
  });

  it('passes an empty batch', async () => {
    expect(await filter().keep([])).toEqual([]);
  });
});
