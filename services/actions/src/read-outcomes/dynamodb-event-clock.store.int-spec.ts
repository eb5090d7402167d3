import { useDynamoDb } from '@rtml/testing';
import { alertStateTableDefinition } from '../store-prediction/scores-table.definition';
import { ensureTable } from '../store-prediction/table.provisioner';
import { DynamoDbEventClock } from './dynamodb-event-clock.store';

// The event clock on the real DynamoDB, as replicas share it: each instance stands for one.
describe('DynamoDbEventClock on DynamoDB Local', () => {
  const { client, tableName } = useDynamoDb();
  let table: string;
  const clock = () => new DynamoDbEventClock(client, { tableName: table });

  beforeAll(async () => {
    table = tableName('alert-state');
    await ensureTable(client, alertStateTableDefinition(table), { create: true });
  });

  it('has no time before any event, then the newest time any replica stored, never an earlier one', async () => {
    const [a, b] = [clock(), clock()];
    expect(await a.read()).toBeUndefined();

    await a.advance({ eventTime: 10_000, eventId: 'e-10' });
    await b.advance({ eventTime: 5_000, eventId: 'e-5' });
    expect(await b.read()).toBe(10_000);

    await b.advance({ eventTime: 20_000, eventId: 'e-20' });
    await a.advance({ eventTime: 15_000, eventId: 'e-15' });
    expect(await clock().read()).toBe(20_000);
  });

  it('ends at the maximum when replicas advance it at the same time', async () => {
    const replicas = [clock(), clock(), clock(), clock()];
    const times = Array.from({ length: 40 }, (_, i) => 100_000 + ((i * 7919) % 40) * 1_000);

    await Promise.all(
      times.map((eventTime, i) => replicas[i % 4]!.advance({ eventTime, eventId: `e-${i}` })),
    );

    expect(await clock().read()).toBe(Math.max(...times));
  });
});
