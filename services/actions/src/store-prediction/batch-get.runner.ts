import { BatchGetItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { BackoffOptions } from '@rtml/kafka';
import { chunk, mapBounded } from '../shared/bounded-concurrency';
import { toDynamoDbError } from '../shared/dynamodb-error.mapper';
import type { DynamoItem } from './batch-write.runner';
import { sendUntilProcessed } from './unprocessed.retry';

/** BatchGetItem's own limit. */
export const BATCH_GET_LIMIT = 100;

export interface BatchGetOptions {
  readonly tableName: string;
  /** The table's partition key, a string attribute (both tables here: `eventId`). */
  readonly keyAttribute: string;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Past this, keys DynamoDB keeps leaving unprocessed fail the call (retriably). */
  readonly timeoutMs: number;
  readonly backoff?: BackoffOptions;
  readonly random?: () => number;
}

/**
 * Reads items by key with consistent BatchGetItem requests: 100 keys each, sent concurrently
 * (bounded), and whatever DynamoDB leaves in UnprocessedKeys resent with backoff until done or
 * the deadline passes (a retriable AppError). A page of up to 1,000 items is up to 10 requests.
 */
export class BatchGetRunner {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly options: BatchGetOptions,
  ) {}

  /** The items that exist among `keys`, by key; a missing key is simply absent. */
  async getAll(keys: readonly string[]): Promise<Map<string, DynamoItem>> {
    const { tableName: table, keyAttribute } = this.options;
    const found = new Map<string, DynamoItem>();
    const deadline = Date.now() + this.options.timeoutMs;
    // BatchGetItem refuses a request naming one key twice.
    const distinct = [...new Set(keys)];
    await mapBounded(chunk(distinct, BATCH_GET_LIMIT), this.options.concurrency, (slice) =>
      sendUntilProcessed(
        slice.map((key): DynamoItem => ({ [keyAttribute]: { S: key } })),
        async (pending) => {
          const output = await this.client
            .send(
              new BatchGetItemCommand({
                RequestItems: { [table]: { Keys: [...pending], ConsistentRead: true } },
              }),
            )
            .catch((error: unknown) => {
              throw toDynamoDbError(error, `BatchGetItem on ${table}`);
            });
          for (const item of output.Responses?.[table] ?? []) {
            const key = item[keyAttribute]?.S;
            if (key !== undefined) found.set(key, item);
          }
          return output.UnprocessedKeys?.[table]?.Keys ?? [];
        },
        { ...this.options, operation: 'read', deadline },
      ),
    );
    return found;
  }
}
