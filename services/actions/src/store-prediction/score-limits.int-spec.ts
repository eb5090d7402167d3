import { limitPrediction } from '@rtml/contracts/testing';
import { useDynamoDb } from '@rtml/testing';
import { DynamoDbScoreStore } from './dynamodb-score.store';
import { toScoreItem } from './score-item.mapper';
import { scoresTableDefinition } from './scores-table.definition';
import { ensureTable } from './table.provisioner';

// The end of the walk through the pipeline's limits, on the real DynamoDB: the prediction at
// every bound (widest ids, the most features, numbers past 2^53 and near 1e-130) is stored,
// and read back by id and by entity as the values that were written.

describe('storing the widest prediction on DynamoDB', () => {
  const { client, tableName } = useDynamoDb();

  it('puts it and reads it back by event id and by entity, unchanged', async () => {
    const definition = scoresTableDefinition(tableName('scores-limits'));
    await ensureTable(client, definition, { create: true });
    const store = new DynamoDbScoreStore(client, {
      tableName: definition.create.TableName!,
      concurrency: 1,
      timeoutMs: 10_000,
    });
    const item = toScoreItem(limitPrediction, 90);

    await store.putAll([item]);
    const byId = await store.get(limitPrediction.eventId);
    const byEntity = await store.listByEntity({
      entityId: limitPrediction.entityId,
      fromMs: limitPrediction.eventTime,
      toMs: limitPrediction.eventTime,
      limit: 10,
    });

    const { expiresAt: _expiresAt, ...stored } = byId!;
    expect(stored).toEqual(limitPrediction);
    expect(byEntity.items.map((score) => score.eventId)).toEqual([limitPrediction.eventId]);
  });
});
