import { BatchGetItemCommand } from '@aws-sdk/client-dynamodb';
import type { BatchGetItemCommandOutput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { StoredWindow } from './hop-latency.recorder';

const KEYS_PER_REQUEST = 100;
const READS_IN_FLIGHT = 8;

interface Watched {
  /** Epoch ms after which the item is stored: the last read that missed it, or the caller's bound. */
  after: number;
  missed: boolean;
}

/**
 * Times when items land in the scores table: the ids it is given are read again and again
 * (BatchGetItem, strongly consistent, keys only) until each is found; an item found by a read
 * answered at `by` whose previous read (sent at `after`) missed it was stored in between. The
 * reads cost DynamoDB Local CPU the pipeline also needs, which is why the bench gives it only a
 * sample of the events. A pass starts `intervalMs` after the last, or as long after as it took.
 */
export class StoredTimeProbe {
  private readonly watched = new Map<string, Watched>();
  private running: Promise<void> | undefined;
  private stopping = false;
  /** Reads that failed (their ids were read again): a busy table shows here. */
  failedReads = 0;
  /**
   * Items found by the first read for them: stored before the probe looked, so their window
   * starts at the caller's bound (when the bench saw the prediction late, say).
   */
  foundOnFirstRead = 0;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
    private readonly onStored: (eventId: string, window: StoredWindow) => void,
    private readonly intervalMs = 20,
  ) {}

  /** Starts reading for `eventId`, which cannot have been stored before `after` (epoch ms). */
  watch(eventId: string, after: number): void {
    this.watched.set(eventId, { after, missed: false });
  }

  get outstanding(): number {
    return this.watched.size;
  }

  start(): void {
    this.running ??= this.loop();
  }

  /**
   * Keeps reading until every watched id is found or `timeoutMs` has passed, then stops; what
   * is still missing stays untimed. Items found in this tail are timed late, as their windows say.
   */
  async settle(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.running !== undefined && this.watched.size > 0 && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
    await this.stop();
  }

  /** Stops after the pass under way; what was still missing stays untimed. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const startedAt = performance.now();
      await this.pass();
      const took = performance.now() - startedAt;
      await new Promise((resolve) => setTimeout(resolve, Math.max(this.intervalMs, took)));
    }
  }

  private async pass(): Promise<void> {
    const ids = [...this.watched.keys()];
    const chunks: string[][] = [];
    for (let start = 0; start < ids.length; start += KEYS_PER_REQUEST)
      chunks.push(ids.slice(start, start + KEYS_PER_REQUEST));
    for (let start = 0; start < chunks.length; start += READS_IN_FLIGHT)
      await Promise.all(
        chunks.slice(start, start + READS_IN_FLIGHT).map((chunk) => this.read(chunk)),
      );
  }

  /** A read that fails tells nothing: its ids keep their window and are read again next pass. */
  private async read(ids: readonly string[]): Promise<void> {
    const sentAt = Date.now();
    const answer = await this.send(ids);
    if (answer === undefined) return;
    const by = Date.now();
    const found = new Set<string>();
    for (const item of answer.Responses?.[this.table] ?? []) {
      const id = item['eventId']?.S;
      if (id !== undefined) found.add(id);
    }
    const unprocessed = new Set(
      (answer.UnprocessedKeys?.[this.table]?.Keys ?? []).map((key) => key['eventId']?.S),
    );
    for (const id of ids) {
      const watched = this.watched.get(id);
      if (watched === undefined) continue;
      if (found.has(id)) {
        this.watched.delete(id);
        if (!watched.missed) this.foundOnFirstRead += 1;
        this.onStored(id, { after: watched.after, by });
      } else if (!unprocessed.has(id)) {
        watched.after = Math.max(watched.after, sentAt);
        watched.missed = true;
      }
    }
  }

  private async send(ids: readonly string[]): Promise<BatchGetItemCommandOutput | undefined> {
    try {
      return await this.client.send(
        new BatchGetItemCommand({
          RequestItems: {
            [this.table]: {
              Keys: ids.map((eventId) => ({ eventId: { S: eventId } })),
              ProjectionExpression: 'eventId',
              ConsistentRead: true,
            },
          },
        }),
      );
    } catch {
      this.failedReads += 1;
      return undefined;
    }
  }
}
