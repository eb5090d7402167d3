import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { useDynamoDb } from '@rtml/testing';
import { scanSegmentsFor, scanTable } from './table.scanner';

describe('scanTable against DynamoDB', () => {
  const dynamo = useDynamoDb();
  let table = '';
  const ids = Array.from({ length: 250 }, (_, i) => `e-${i}`);

  beforeAll(async () => {
    table = await dynamo.createKeyedTable('scanned', 'eventId');
    for (let start = 0; start < ids.length; start += 25) {
      const chunk = ids.slice(start, start + 25);
      await dynamo.client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            [table]: chunk.map((id) => ({
              PutRequest: { Item: { eventId: { S: id }, score: { N: '0.5' } } },
            })),
          },
        }),
      );
    }
  });

  it('hands over every item exactly once, with more segments than it reads at a time', async () => {
    const seen: string[] = [];
    await scanTable(
      dynamo.client,
      { table, segments: 7, concurrency: 3, projection: 'eventId' },
      (item) => {
        seen.push(item['eventId']?.S ?? '');
      },
    );
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it('sizes segments from the item count, never fewer than four', async () => {
    expect(await scanSegmentsFor(dynamo.client, table)).toBe(4);
  });
});
