import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { predictionFixture } from '@rtml/contracts/testing';
import { useDynamoDb } from '@rtml/testing';
import { DynamoDbScoreStore } from './dynamodb-score.store';
import { toScoreItem } from './score-item.mapper';
import {
  BY_ENTITY_INDEX,
  scoresTableDefinition,
  withIndexProjection,
} from './scores-table.definition';
import type { TableDefinition } from './scores-table.definition';
import type { StoredScore } from './stored-score.mapper';
import { ensureTable } from './table.provisioner';

// Pages of an entity's scores, on the real DynamoDB, from the keys-only index the service now
// creates and from an index that copies every attribute (tables created before), the same.

describe('DynamoDbScoreStore pages on DynamoDB Local', () => {
  const { client, tableName } = useDynamoDb();
  const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 86_400_000;
  const predictions = Array.from({ length: 230 }, (_, i) => ({
    ...predictionFixture,
    eventId: `page-${String(i).padStart(3, '0')}`,
    entityId: i % 2 === 0 ? 'entity-even' : 'entity-odd',
    eventTime: T0 + i * 1_000,
    timings: { ...predictionFixture.timings, ingestedAt: Date.now() },
  }));

  const storeOn = async (definition: TableDefinition) => {
    await ensureTable(client, definition, { create: true });
    const store = new DynamoDbScoreStore(client, {
      tableName: definition.create.TableName!,
      concurrency: 4,
      timeoutMs: 10_000,
    });
    await store.putAll(predictions.map((prediction) => toScoreItem(prediction, 90)));
    return store;
  };

  /** Every page of entity-even, `limit` at a time, following the cursor. */
  const allPages = async (store: DynamoDbScoreStore, limit: number) => {
    const pages: StoredScore[][] = [];
    let after;
    do {
      const page = await store.listByEntity({
        entityId: 'entity-even',
        fromMs: T0,
        toMs: T0 + 10_000_000,
        limit,
        ...(after ? { after } : {}),
      });
      pages.push([...page.items]);
      after = page.next;
    } while (after !== undefined);
    return pages;
  };

  it('creates the index with keys only, and serves whole items in event-time order across pages', async () => {
    const definition = scoresTableDefinition(tableName('scores-keys-only'));
    const store = await storeOn(definition);
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: definition.create.TableName! }),
    );
    const index = Table?.GlobalSecondaryIndexes?.find((gsi) => gsi.IndexName === BY_ENTITY_INDEX);
    expect(index?.Projection?.ProjectionType).toBe('KEYS_ONLY');

    // 115 items of entity-even: more than one BatchGetItem (100 keys) in the first page.
    const pages = await allPages(store, 110);

    expect(pages.map((page) => page.length)).toEqual([110, 5]);
    const served = pages.flat();
    const expected = predictions.filter((p) => p.entityId === 'entity-even');
    expect(served.map((score) => score.eventId)).toEqual(expected.map((p) => p.eventId));
    for (const [i, score] of served.entries()) {
      const { expiresAt: _expiresAt, ...prediction } = score;
      expect(prediction).toEqual(expected[i]);
    }
  });

  it('serves the same pages from a table whose index copies every attribute', async () => {
    const keysOnly = await storeOn(scoresTableDefinition(tableName('scores-new')));
    const copying = await storeOn(
      withIndexProjection(scoresTableDefinition(tableName('scores-old')), 'ALL'),
    );

    expect(await allPages(copying, 40)).toEqual(await allPages(keysOnly, 40));
  });
});
