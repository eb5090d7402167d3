import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { toDynamoDbError } from '../shared/dynamodb-error.mapper';
import { BatchGetRunner } from './batch-get.runner';
import { BatchWriteRunner } from './batch-write.runner';
import type { BatchWriteOptions, DynamoItem } from './batch-write.runner';
import { SCORE_ITEM_UNMARSHALL, entityTimeRange, scoreItemAttributes } from './score-item.mapper';
import type { ScoreItem } from './score-item.mapper';
import { BY_ENTITY_INDEX } from './scores-table.definition';
import { ScoreStore } from './score.store';
import type { EntityScoresPage, EntityScoresQuery, ScorePageKey } from './score.store';
import { toStoredScore } from './stored-score.mapper';
import type { StoredScore } from './stored-score.mapper';

/**
 * Scores in a DynamoDB table (see `scoresTableDefinition`). Writes are BatchWriteItem puts keyed
 * by event id: a redelivery rewrites identical items. Reads are a consistent GetItem by event id,
 * consistent BatchGetItems for a set of event ids and, for time ranges, a Query on the keys-only
 * `byEntity` index plus one consistent BatchGetItem for the page — never a Scan.
 */
export class DynamoDbScoreStore extends ScoreStore {
  private readonly writer: BatchWriteRunner;
  private readonly reader: BatchGetRunner;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly options: Omit<BatchWriteOptions, 'tableName'> & { readonly tableName: string },
  ) {
    super();
    this.writer = new BatchWriteRunner(client, options);
    this.reader = new BatchGetRunner(client, { ...options, keyAttribute: 'eventId' });
  }

  async putAll(items: readonly ScoreItem[]): Promise<void> {
    // BatchWriteItem refuses two requests for one key: the last prediction of an event wins,
    // as it would have with one put after another.
    const byEventId = new Map(items.map((item) => [item.eventId, item]));
    await this.writer.putAll([...byEventId.values()].map(scoreItemAttributes));
  }

  async get(eventId: string): Promise<StoredScore | undefined> {
    const output = await this.client
      .send(
        new GetItemCommand({
          TableName: this.options.tableName,
          Key: marshall({ eventId }),
          ConsistentRead: true,
        }),
      )
      .catch((error: unknown) => {
        throw toDynamoDbError(error, `GetItem on ${this.options.tableName}`);
      });
    return output.Item ? toStoredScore(unmarshall(output.Item, SCORE_ITEM_UNMARSHALL)) : undefined;
  }

  async getMany(eventIds: readonly string[]): Promise<ReadonlyMap<string, StoredScore>> {
    const items = await this.reader.getAll(eventIds);
    return new Map(
      [...items].map(([eventId, item]) => [
        eventId,
        toStoredScore(unmarshall(item, SCORE_ITEM_UNMARSHALL)),
      ]),
    );
  }

  async listByEntity(query: EntityScoresQuery): Promise<EntityScoresPage> {
    const { low, high } = entityTimeRange(query.fromMs, query.toMs);
    // One more than asked: when it comes back, there is a next page and the cursor is the key of
    // the last item served, so the last page is never an empty one.
    const output = await this.client
      .send(
        new QueryCommand({
          TableName: this.options.tableName,
          IndexName: BY_ENTITY_INDEX,
          KeyConditionExpression: '#entity = :entity AND #time BETWEEN :low AND :high',
          ExpressionAttributeNames: { '#entity': 'entityId', '#time': 'eventTimeId' },
          ExpressionAttributeValues: marshall({
            ':entity': query.entityId,
            ':low': low,
            ':high': high,
          }),
          ExclusiveStartKey: query.after ? marshall(query.after) : undefined,
          Limit: query.limit + 1,
          ScanIndexForward: true,
        }),
      )
      .catch((error: unknown) => {
        throw toDynamoDbError(error, `Query on ${this.options.tableName}/${BY_ENTITY_INDEX}`);
      });
    const rows = output.Items ?? [];
    const served = rows.slice(0, query.limit);
    const items = await this.itemsOf(served);
    const last = served.at(-1);
    const next = last === undefined ? undefined : pageKeyOf(last);
    if (rows.length > query.limit && next) return { items, next };
    // Fewer than asked but a LastEvaluatedKey: DynamoDB stopped at its 1 MB page size.
    if (output.LastEvaluatedKey && next) return { items, next };
    return { items };
  }

  /**
   * The stored scores of index rows, in their order. The index projects keys only (one small
   * index entry per prediction, not a second copy of the item), so the items are one consistent
   * BatchGetItem away; rows of an index created with every attribute (tables made before) are
   * whole already. An item gone since the index was read (its TTL passed) is left out.
   */
  private async itemsOf(rows: readonly DynamoItem[]): Promise<StoredScore[]> {
    const missing = rows.filter((row) => row['score'] === undefined);
    const fetched = await this.reader.getAll(missing.map((row) => row['eventId']?.S ?? ''));
    return rows.flatMap((row) => {
      const item = row['score'] === undefined ? fetched.get(row['eventId']?.S ?? '') : row;
      return item === undefined ? [] : [toStoredScore(unmarshall(item, SCORE_ITEM_UNMARSHALL))];
    });
  }
}

const pageKeyOf = (row: DynamoItem): ScorePageKey => {
  const keys = unmarshall(row) as Record<string, unknown>;
  return {
    eventId: String(keys['eventId']),
    entityId: String(keys['entityId']),
    eventTimeId: String(keys['eventTimeId']),
  };
};
