import { BatchGetItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const KEYS_PER_REQUEST = 100;

/**
 * Counts which event ids have an item in the scores table, re-asking only for those not found
 * yet. BatchGetItem (100 keys a request, unprocessed keys asked again), never a scan.
 */
export class StoredItemsPoller {
  private readonly missing: Set<string>;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
    eventIds: Iterable<string>,
  ) {
    this.missing = new Set(eventIds);
  }

  get outstanding(): number {
    return this.missing.size;
  }

  /** True while `eventId` (one of the ids given) has not been found stored. */
  isMissing(eventId: string): boolean {
    return this.missing.has(eventId);
  }

  /** One pass over the ids still missing; returns how many are still missing afterwards. */
  async poll(): Promise<number> {
    const ids = [...this.missing];
    const chunks: string[][] = [];
    for (let start = 0; start < ids.length; start += KEYS_PER_REQUEST)
      chunks.push(ids.slice(start, start + KEYS_PER_REQUEST));
    for (let start = 0; start < chunks.length; start += 8)
      await Promise.all(chunks.slice(start, start + 8).map((chunk) => this.fetch(chunk)));
    return this.missing.size;
  }

  private async fetch(ids: readonly string[]): Promise<void> {
    let keys = ids.map((eventId) => ({ eventId: { S: eventId } }));
    while (keys.length > 0) {
      const answer = await this.client.send(
        new BatchGetItemCommand({
          RequestItems: { [this.table]: { Keys: keys, ProjectionExpression: 'eventId' } },
        }),
      );
      for (const item of answer.Responses?.[this.table] ?? []) {
        const id = item['eventId']?.S;
        if (id !== undefined) this.missing.delete(id);
      }
      keys = (answer.UnprocessedKeys?.[this.table]?.Keys ?? []) as typeof keys;
    }
  }
}

export interface StoredWait {
  readonly poller: StoredItemsPoller;
  /** True once every expected prediction has been seen: only then is the table polled. */
  readonly allPredicted: () => boolean;
  /** Items that will never be stored (their events were rejected): done at this many missing. */
  readonly neverStored: () => number;
  /** When an outcome last arrived on the watched topics (performance.now()). */
  readonly lastOutcomeAt: () => number;
  readonly stallTimeoutMs: number;
  /** What the stall error says about where the run stands. */
  readonly progress: () => string;
  readonly intervalMs?: number;
}

/**
 * Waits until every expected item is stored. Progress is an outcome on the topics or an item
 * newly found stored: actions may drain a backlog of predictions long after scoring has
 * finished (DynamoDB is the slowest hop), which is no stall as long as items keep landing.
 * Throws once neither has happened for `stallTimeoutMs`. Between passes it waits at least as
 * long as the last pass took.
 */
export async function waitUntilStored(wait: StoredWait): Promise<void> {
  let fewestMissing = Number.POSITIVE_INFINITY;
  let storedAt = Number.NEGATIVE_INFINITY;
  for (;;) {
    let pollMs = 0;
    if (wait.allPredicted()) {
      const polledAt = performance.now();
      const missing = await wait.poller.poll();
      pollMs = performance.now() - polledAt;
      if (missing <= wait.neverStored()) return;
      if (missing < fewestMissing) {
        fewestMissing = missing;
        storedAt = performance.now();
      }
    }
    const lastProgress = Math.max(wait.lastOutcomeAt(), storedAt);
    if (performance.now() - lastProgress > wait.stallTimeoutMs)
      throw new Error(
        `no progress for ${wait.stallTimeoutMs / 1000} s: ${wait.progress()}, ` +
          `${wait.poller.outstanding} not stored (see .stack/logs/services/*.log)`,
      );
    // A pass over a large backlog is many BatchGetItems against the table actions is writing
    // to: waiting at least as long as the pass took keeps the wait from slowing the drain.
    await new Promise((resolve) => setTimeout(resolve, Math.max(wait.intervalMs ?? 200, pollMs)));
  }
}
