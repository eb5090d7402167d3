import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Label } from '@rtml/contracts';
import { labelFixture } from '@rtml/contracts/testing';
import { eventually, useDynamoDb } from '@rtml/testing';
import { labelsTableDefinition } from '../store-prediction/scores-table.definition';
import { ensureTable } from '../store-prediction/table.provisioner';
import { DynamoDbLabelStore } from './dynamodb-label.store';
import { toLabelItem } from './label-item.mapper';

const DAY = 86_400_000;

// The labels table on the real DynamoDB: the newest label kept whatever the order and however
// many replicas write, and the reads of a page (more keys than one BatchGetItem takes).
describe('DynamoDbLabelStore on DynamoDB Local', () => {
  const { client, tableName } = useDynamoDb();
  let table: string;
  const storeOf = () =>
    new DynamoDbLabelStore(client, {
      tableName: table,
      concurrency: 4,
      timeoutMs: 10_000,
      retentionDays: 90,
    });
  const labelOf = (
    transactionId: string,
    labelledAt: number,
    fraud: boolean,
    id?: string,
  ): Label => ({
    ...labelFixture,
    eventId: id ?? `lbl-${transactionId}-${labelledAt}`,
    transactionId,
    fraud,
    eventTime: labelledAt,
    ingestedAt: Date.now(),
  });
  const itemsOf = async (eventId: string) => {
    const { Items = [] } = await client.send(
      new ScanCommand({ TableName: table, ConsistentRead: true }),
    );
    return Items.map((item) => unmarshall(item)).filter((item) => item['eventId'] === eventId);
  };

  beforeAll(async () => {
    table = tableName('labels');
    await ensureTable(client, labelsTableDefinition(table), { create: true });
  });

  it('keeps the newest label of an event whatever order the labels are stored in', async () => {
    const t = labelFixture.transactionTime + 7 * DAY;
    const chargeback = labelOf('order-1', t, true);
    const reversal = labelOf('order-1', t + DAY, false);
    const store = storeOf();

    await store.putAll([reversal]);
    await store.putAll([reversal]);
    await store.putAll([chargeback]);

    expect(await itemsOf('order-1')).toEqual([toLabelItem(reversal, 90)]);
  });

  it('keeps the same label when replicas store competing labels of one event at once', async () => {
    const t = labelFixture.transactionTime + 7 * DAY;
    const labels = Array.from({ length: 12 }, (_, i) =>
      labelOf('race-1', t + (i % 4), i % 2 === 0, `lbl-${i}`),
    );
    // Newest time t + 3 (i = 3, 7, 11); the tie broken by the largest id, 'lbl-7'.
    const replicas = [storeOf(), storeOf(), storeOf()];

    await Promise.all(labels.map((label, i) => replicas[i % 3]!.putAll([label])));

    expect(await itemsOf('race-1')).toEqual([toLabelItem(labels[7]!, 90)]);
  });

  it('reads the labels of more events than one request takes, and leaves out the unlabelled', async () => {
    const t = labelFixture.transactionTime + 7 * DAY;
    const labelled = Array.from({ length: 130 }, (_, i) => labelOf(`many-${i}`, t, i % 3 === 0));
    await storeOf().putAll(labelled);
    const asked = [...labelled.map((label) => label.transactionId), 'many-unlabelled', 'many-0'];

    const found = await storeOf().getMany(asked);

    expect(found.size).toBe(130);
    expect(found.get('many-3')).toMatchObject({ eventId: 'many-3', fraud: true, labelledAt: t });
    expect(found.get('many-4')).toMatchObject({ fraud: false });
    expect(found.has('many-unlabelled')).toBe(false);
  });

  it("reads a day's labels by their transactions' UTC day, from the index", async () => {
    const day = Date.UTC(2018, 8, 3);
    const labels = [
      { ...labelOf('day-a', day + 8 * DAY, true), transactionTime: day },
      { ...labelOf('day-b', day + 8 * DAY, false), transactionTime: day + DAY - 1 },
      { ...labelOf('day-c', day + 8 * DAY, true), transactionTime: day + DAY },
    ];
    await storeOf().putAll(labels);

    await eventually(
      async () => {
        const found = await storeOf().labelsOfDay('2018-09-03');
        expect(found.map((label) => [label.eventId, label.fraud]).sort()).toEqual([
          ['day-a', true],
          ['day-b', false],
        ]);
        const next = await storeOf().labelsOfDay('2018-09-04');
        expect(next.map((label) => label.eventId)).toEqual(['day-c']);
      },
      { description: 'the labels index (eventually consistent)' },
    );
  });
});
