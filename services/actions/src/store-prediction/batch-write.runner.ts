import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import type { BackoffOptions } from '@rtml/kafka';
import { chunk, mapBounded } from '../shared/bounded-concurrency';
import { toDynamoDbError } from '../shared/dynamodb-error.mapper';
import { sendUntilProcessed } from './unprocessed.retry';

/** BatchWriteItem's own limit. */
export const BATCH_WRITE_LIMIT = 25;

export type DynamoItem = Record<string, AttributeValue>;

export interface BatchWriteOptions {
  readonly tableName: string;
  /** Chunks in flight at once. */
  readonly concurrency: number;
  /** Past this, items DynamoDB keeps leaving unprocessed fail the call (retriably). */
  readonly timeoutMs: number;
  readonly backoff?: BackoffOptions;
  readonly random?: () => number;
}

export interface BatchWriteReport {
  readonly requests: number;
  /** Requests that resent items DynamoDB left unprocessed (throttling). */
  readonly retries: number;
}

/**
 * Puts items with BatchWriteItem: chunks of 25 sent concurrently (bounded), and whatever
 * DynamoDB leaves in UnprocessedItems resent with exponential backoff and full jitter until done.
 * Throws a retriable AppError when the deadline passes first, so the consumer retries the batch
 * (puts overwrite, so resending items already written is harmless).
 */
export class BatchWriteRunner {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly options: BatchWriteOptions,
  ) {}

  async putAll(items: readonly DynamoItem[]): Promise<BatchWriteReport> {
    const deadline = Date.now() + this.options.timeoutMs;
    const reports = await mapBounded(
      chunk(items, BATCH_WRITE_LIMIT),
      this.options.concurrency,
      (slice) => this.putChunk(slice, deadline),
    );
    return {
      requests: reports.reduce((sum, report) => sum + report.requests, 0),
      retries: reports.reduce((sum, report) => sum + report.retries, 0),
    };
  }

  private async putChunk(
    items: readonly DynamoItem[],
    deadline: number,
  ): Promise<BatchWriteReport> {
    const table = this.options.tableName;
    const requests = await sendUntilProcessed(
      items.map((Item): WriteRequest => ({ PutRequest: { Item } })),
      async (pending) => {
        const output = await this.client
          .send(new BatchWriteItemCommand({ RequestItems: { [table]: [...pending] } }))
          .catch((error: unknown) => {
            throw toDynamoDbError(error, `BatchWriteItem on ${table}`);
          });
        return output.UnprocessedItems?.[table] ?? [];
      },
      { ...this.options, operation: 'write', deadline },
    );
    return { requests, retries: requests - 1 };
  }
}
