import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Label } from '@rtml/contracts';
import { mapBounded } from '../shared/bounded-concurrency';
import { toDynamoDbError } from '../shared/dynamodb-error.mapper';
import { BatchGetRunner } from '../store-prediction/batch-get.runner';
import { BY_TRANSACTION_DAY_INDEX } from '../store-prediction/scores-table.definition';
import { toLabelItem, toStoredLabel } from './label-item.mapper';
import type { LabelItem, StoredLabel } from './label-item.mapper';
import {
  LABEL_CONDITION_NAMES,
  SUPERSEDES_CONDITION,
  conditionValues,
  newestPerEvent,
} from './label-precedence.policy';
import { LabelStore } from './label.store';

export interface DynamoDbLabelStoreOptions {
  readonly tableName: string;
  /** Requests in flight at once (DYNAMODB_WRITE_CONCURRENCY). */
  readonly concurrency: number;
  /** The BatchGetItem deadline (DYNAMODB_WRITE_TIMEOUT_MS, as the score reads). */
  readonly timeoutMs: number;
  /** The scores' retention (SCORES_TTL_DAYS): a label lives as long as the score it labels. */
  readonly retentionDays: number;
}

/**
 * Labels in a DynamoDB table (see `labelsTableDefinition`), keyed by the labelled transaction's
 * event id. Each label is a conditional put (`SUPERSEDES_CONDITION`): an older label than the
 * stored one is refused by DynamoDB, which is the outcome wanted, not an error. Puts, not one
 * BatchWriteItem, because batch writes take no condition; labels are a small stream (the
 * frauds, and the genuine outcomes producers confirm), one put each is cheap.
 */
export class DynamoDbLabelStore extends LabelStore {
  private readonly reader: BatchGetRunner;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly options: DynamoDbLabelStoreOptions,
  ) {
    super();
    this.reader = new BatchGetRunner(client, { ...options, keyAttribute: 'eventId' });
  }

  async putAll(labels: readonly Label[]): Promise<void> {
    const items = newestPerEvent(
      labels.map((label) => toLabelItem(label, this.options.retentionDays)),
    );
    await mapBounded(items, this.options.concurrency, (item) => this.putIfNewest(item));
  }

  async getMany(eventIds: readonly string[]): Promise<ReadonlyMap<string, StoredLabel>> {
    const items = await this.reader.getAll(eventIds);
    return new Map([...items].map(([eventId, item]) => [eventId, toStoredLabel(unmarshall(item))]));
  }

  async labelsOfDay(day: string): Promise<StoredLabel[]> {
    const { tableName: TableName } = this.options;
    const labels: StoredLabel[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const output = await this.client
        .send(
          new QueryCommand({
            TableName,
            IndexName: BY_TRANSACTION_DAY_INDEX,
            KeyConditionExpression: '#day = :day',
            ExpressionAttributeNames: { '#day': 'transactionDay' },
            ExpressionAttributeValues: marshall({ ':day': day }),
            ExclusiveStartKey: start ? marshall(start) : undefined,
          }),
        )
        .catch((error: unknown) => {
          throw toDynamoDbError(error, `Query on ${TableName}/${BY_TRANSACTION_DAY_INDEX}`);
        });
      for (const item of output.Items ?? []) labels.push(toStoredLabel(unmarshall(item)));
      start = output.LastEvaluatedKey ? unmarshall(output.LastEvaluatedKey) : undefined;
    } while (start !== undefined);
    return labels;
  }

  private async putIfNewest(item: LabelItem): Promise<void> {
    const { tableName: TableName } = this.options;
    await this.client
      .send(
        new PutItemCommand({
          TableName,
          Item: marshall(item),
          ConditionExpression: SUPERSEDES_CONDITION,
          ExpressionAttributeNames: LABEL_CONDITION_NAMES,
          ExpressionAttributeValues: marshall(conditionValues(item)),
        }),
      )
      .catch((error: unknown) => {
        // A newer label of the event is stored already: it stays, and this one is done.
        if ((error as { name?: unknown }).name === 'ConditionalCheckFailedException') return;
        throw toDynamoDbError(error, `PutItem on ${TableName}`);
      });
  }
}
