import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Prediction } from '@rtml/contracts';
import { toDynamoDbError } from '../shared/dynamodb-error.mapper';
import { BatchWriteRunner } from '../store-prediction/batch-write.runner';
import type { BatchWriteOptions } from '../store-prediction/batch-write.runner';
import { qualityItemsOf, rowsOfItem } from './quality-row.mapper';
import type { QualityRow } from './quality-row.mapper';
import { QualityRowStore } from './quality-row.store';
import type { QualityBatchPosition } from './quality-row.store';

export interface DynamoDbQualityRowStoreOptions extends BatchWriteOptions {
  /** The scores' retention (SCORES_TTL_DAYS): rows live as long as the scores they copy. */
  readonly retentionDays: number;
}

/**
 * Quality rows in a DynamoDB table (see `qualityTableDefinition`): one BatchWriteItem of a few
 * items per delivered batch (a day's rows of the batch per item), and one consistent Query per
 * day to read them back (about 370 bytes a prediction with a 15-feature vector and a shadow
 * score, so a day of the reference data set is about four 1 MB pages).
 */
export class DynamoDbQualityRowStore extends QualityRowStore {
  private readonly writer: BatchWriteRunner;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly options: DynamoDbQualityRowStoreOptions,
  ) {
    super();
    this.writer = new BatchWriteRunner(client, options);
  }

  async putBatch(
    position: QualityBatchPosition,
    predictions: readonly Prediction[],
  ): Promise<void> {
    if (predictions.length === 0) return;
    const items = qualityItemsOf(position, predictions, this.options.retentionDays);
    await this.writer.putAll(items.map((item) => marshall(item)));
  }

  async rowsOfDay(day: string): Promise<QualityRow[]> {
    const { tableName: TableName } = this.options;
    const byEvent = new Map<string, QualityRow>();
    let start: Record<string, unknown> | undefined;
    do {
      const output = await this.client
        .send(
          new QueryCommand({
            TableName,
            KeyConditionExpression: '#day = :day',
            ExpressionAttributeNames: { '#day': 'day' },
            ExpressionAttributeValues: marshall({ ':day': day }),
            ExclusiveStartKey: start ? marshall(start) : undefined,
            ConsistentRead: true,
          }),
        )
        .catch((error: unknown) => {
          throw toDynamoDbError(error, `Query on ${TableName}`);
        });
      // An event in two items (a batch re-cut after a rebalance) is one prediction: the same
      // record of `predictions`, so both copies are equal.
      for (const item of output.Items ?? [])
        for (const row of rowsOfItem(unmarshall(item))) byEvent.set(row.eventId, row);
      start = output.LastEvaluatedKey ? unmarshall(output.LastEvaluatedKey) : undefined;
    } while (start !== undefined);
    return [...byEvent.values()];
  }
}
