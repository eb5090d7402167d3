import { AppError } from '@rtml/errors';
import { backoffDelay } from '@rtml/kafka';
import type { BackoffOptions } from '@rtml/kafka';
import { delay } from '../shared/bounded-concurrency';

export interface UnprocessedRetryOptions {
  readonly tableName: string;
  /** What the deadline bounds, for the error: "write", "read". */
  readonly operation: string;
  readonly timeoutMs: number;
  readonly deadline: number;
  readonly backoff?: BackoffOptions;
  readonly random?: () => number;
}

const UNPROCESSED_BACKOFF: BackoffOptions = { initialMs: 50, maxMs: 2_000, multiplier: 2 };

/**
 * DynamoDB's batch calls may leave part of a request unprocessed (throttling, or the response's
 * size limit). Sends `pending`, then whatever `send` returns as left over, with exponential
 * backoff and full jitter until nothing is left; throws a retriable AppError once the next wait
 * would pass the deadline. Returns how many requests it took.
 */
export async function sendUntilProcessed<T>(
  pending: readonly T[],
  send: (pending: readonly T[]) => Promise<readonly T[]>,
  options: UnprocessedRetryOptions,
): Promise<number> {
  let left = pending;
  let requests = 0;
  for (let attempt = 0; left.length > 0; attempt += 1) {
    if (attempt > 0) {
      const wait = backoffDelay(
        attempt - 1,
        options.backoff ?? UNPROCESSED_BACKOFF,
        options.random ?? Math.random,
      );
      if (Date.now() + wait > options.deadline)
        throw new AppError(
          'DEPENDENCY_UNAVAILABLE',
          `DynamoDB left ${left.length} item(s) unprocessed in ${options.tableName} past the ${options.timeoutMs} ms ${options.operation} deadline`,
          { details: { table: options.tableName, unprocessed: left.length } },
        );
      await delay(wait);
    }
    left = await send(left);
    requests += 1;
  }
  return requests;
}
