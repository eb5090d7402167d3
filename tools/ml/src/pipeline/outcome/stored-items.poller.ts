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
