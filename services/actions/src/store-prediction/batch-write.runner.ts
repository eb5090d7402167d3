import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import { AppError } from '@rtml/errors';
import { backoffDelay } from '@rtml/kafka';
import type { BackoffOptions } from '@rtml/kafka';
import { chunk, delay, mapBounded } from '../shared/bounded-concurrency';
import { toDynamoDbError } from '../shared/dynamodb-error.mapper';

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

const UNPROCESSED_BACKOFF: BackoffOptions = { initialMs: 50, maxMs: 2_000, multiplier: 2 };

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
    let pending: WriteRequest[] = items.map((Item) => ({ PutRequest: { Item } }));
    let requests = 0;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await this.waitBeforeRetry(attempt - 1, deadline, pending.length);
      const output = await this.client
        .send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }))
        .catch((error: unknown) => {
          throw toDynamoDbError(error, `BatchWriteItem on ${table}`);
        });
      requests += 1;
      pending = output.UnprocessedItems?.[table] ?? [];
    }
    return { requests, retries: requests - 1 };
  }

  private async waitBeforeRetry(retry: number, deadline: number, pending: number): Promise<void> {
    const wait = backoffDelay(
      retry,
      this.options.backoff ?? UNPROCESSED_BACKOFF,
      this.options.random ?? Math.random,
    );
    if (Date.now() + wait > deadline)
      throw new AppError(
        'DEPENDENCY_UNAVAILABLE',
        `DynamoDB left ${pending} item(s) unprocessed in ${this.options.tableName} past the ${this.options.timeoutMs} ms write deadline`,
        { details: { table: this.options.tableName, unprocessed: pending } },
      );
    await delay(wait);
  }
}
