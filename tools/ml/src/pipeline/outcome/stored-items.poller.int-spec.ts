import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { useDynamoDb } from '@rtml/testing';
import { StoredItemsPoller, waitUntilStored } from './stored-items.poller';

describe('waiting for stored items, against DynamoDB', () => {
  const dynamo = useDynamoDb();
  const ids = Array.from({ length: 8 }, (_, i) => `e-${i}`);
  const store = (table: string, eventId: string) =>
    dynamo.client.send(new PutItemCommand({ TableName: table, Item: { eventId: { S: eventId } } }));

  const waitFor = (table: string, stallTimeoutMs: number) => {
    const startedAt = performance.now();
    return waitUntilStored({
      poller: new StoredItemsPoller(dynamo.client, table, ids),
      allPredicted: () => true,
      neverStored: () => 0,
      // Every prediction arrived at the start: from then on only stored items show progress.
      lastOutcomeAt: () => startedAt,
      stallTimeoutMs,
      progress: () => `${ids.length}/${ids.length} predicted`,
      intervalMs: 50,
    });
  };

  it('is no stall while items keep landing, however long after the last prediction', async () => {
    const table = await dynamo.createKeyedTable('draining', 'eventId');
    const waiting = waitFor(table, 600);
    // Stored one by one, 250 ms apart: 2 s in all, over three times the stall timeout.
    for (const id of ids) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await store(table, id);
    }

    await expect(waiting).resolves.toBeUndefined();
  });

  it('fails, saying how many are missing, once nothing has landed for the stall timeout', async () => {
    const table = await dynamo.createKeyedTable('stalled', 'eventId');
    await store(table, 'e-0');

    await expect(waitFor(table, 400)).rejects.toThrow(
      `no progress for 0.4 s: 8/8 predicted, ${ids.length - 1} not stored`,
    );
  });
});
