import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { toDynamoDbError } from '../shared/dynamodb-error.mapper';
import { BatchWriteRunner } from './batch-write.runner';
import type { BatchWriteOptions } from './batch-write.runner';
import {
  SCORE_ITEM_MARSHALL,
  SCORE_ITEM_UNMARSHALL,
  entityTimeKey,
  entityTimeRange,
} from './score-item.mapper';
import type { ScoreItem } from './score-item.mapper';
import { BY_ENTITY_INDEX } from './scores-table.definition';
import { ScoreStore } from './score.store';
import type { EntityScoresPage, EntityScoresQuery, ScorePageKey } from './score.store';
import { toStoredScore } from './stored-score.mapper';
import type { StoredScore } from './stored-score.mapper';

/**
 * Scores in a DynamoDB table (see `scoresTableDefinition`). Writes are BatchWriteItem puts keyed
 * by event id: a redelivery rewrites identical items. Reads are a consistent GetItem by event id
 * and a Query on the `byEntity` index for time ranges — never a Scan.
 */
export class DynamoDbScoreStore extends ScoreStore {
  private readonly writer: BatchWriteRunner;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly options: Omit<BatchWriteOptions, 'tableName'> & { readonly tableName: string },
  ) {
    super();
    this.writer = new BatchWriteRunner(client, options);
  }

  async putAll(items: readonly ScoreItem[]): Promise<void> {
    // BatchWriteItem refuses two requests for one key: the last prediction of an event wins,
    // as it would have with one put after another.
    const byEventId = new Map(items.map((item) => [item.eventId, item]));
    await this.writer.putAll(
      [...byEventId.values()].map((item) => marshall(item, SCORE_ITEM_MARSHALL)),
    );
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
    const found = (output.Items ?? []).map((item) =>
      toStoredScore(unmarshall(item, SCORE_ITEM_UNMARSHALL)),
    );
    const items = found.slice(0, query.limit);
    const last = items.at(-1);
    if (found.length > query.limit && last) return { items, next: pageKeyOf(last) };
    // Fewer than asked but a LastEvaluatedKey: DynamoDB stopped at its 1 MB page size.
    if (output.LastEvaluatedKey && last) return { items, next: pageKeyOf(last) };
    return { items };
  }
}

const pageKeyOf = (score: {
  eventId: string;
  entityId: string;
  eventTime: number;
}): ScorePageKey => ({
  eventId: score.eventId,
  entityId: score.entityId,
  eventTimeId: entityTimeKey(score.eventTime, score.eventId),
});
