import { CONTENT_TYPES, HEADERS, LOCAL_DEV_KEYS, topicName } from '@rtml/contracts';
import type { RecordPublisher } from '@rtml/kafka';
import type { RawEventJson } from './raw-event.feed';

/** Where raw events go: ingest's HTTP API, or straight onto the events.raw topic (JSON). */
export interface RawEventSink {
  send(events: readonly RawEventJson[]): Promise<void>;
}

/** POST /v1/events in chunks of at most 1,000 (ingest's limit); any non-202 answer throws. */
export class HttpEventSink implements RawEventSink {
  constructor(
    private readonly ingestUrl: string,
    private readonly chunkSize = 1_000,
  ) {}

  async send(events: readonly RawEventJson[]): Promise<void> {
    for (let start = 0; start < events.length; start += this.chunkSize) {
      const chunk = events.slice(start, start + this.chunkSize);
      const response = await fetch(`${this.ingestUrl}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': LOCAL_DEV_KEYS.producer },
        body: JSON.stringify(chunk),
      });
      if (response.status !== 202)
        throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
    }
  }
}

/** Produces each event as a JSON record on events.raw, keyed by customer, in one batch. */
export class KafkaEventSink implements RawEventSink {
  private readonly topic: string;

  constructor(
    private readonly publisher: RecordPublisher,
    prefix: string | undefined,
  ) {
    this.topic = topicName('rawEvents', prefix);
  }

  async send(events: readonly RawEventJson[]): Promise<void> {
    await this.publisher.publish(
      events.map((event) => ({
        topic: this.topic,
        key: event.customerId,
        value: Buffer.from(JSON.stringify(event)),
        headers: {
          [HEADERS.producerKey]: LOCAL_DEV_KEYS.producer,
          [HEADERS.contentType]: CONTENT_TYPES.json,
          [HEADERS.eventId]: event.eventId,
        },
      })),
    );
  }
}

/**
 * Paces sends to `ratePerSecond` events per second (0 = as fast as the sink takes them), in
 * slices of at most `sliceSize`, so a long replay neither floods the pipeline nor drifts.
 */
export class PacedSender {
  private sent = 0;
  private readonly pending: RawEventJson[] = [];
  private readonly startedAt = performance.now();

  constructor(
    private readonly sink: RawEventSink,
    private readonly ratePerSecond: number,
    private readonly sliceSize = 1_000,
  ) {}

  get count(): number {
    return this.sent;
  }

  /** Queues one event; `flush` (or a full slice) sends. */
  add(event: RawEventJson): void {
    this.pending.push(event);
  }

  /** Sends everything queued. */
  async flush(): Promise<void> {
    const events = this.pending.splice(0);
    if (events.length > 0) await this.send(events);
  }

  async send(events: readonly RawEventJson[]): Promise<void> {
    for (let start = 0; start < events.length; start += this.sliceSize) {
      const slice = events.slice(start, start + this.sliceSize);
      await this.waitForBudget(slice.length);
      await this.sink.send(slice);
      this.sent += slice.length;
    }
  }

  private async waitForBudget(size: number): Promise<void> {
    if (this.ratePerSecond <= 0) return;
    const dueAt = this.startedAt + ((this.sent + size) / this.ratePerSecond) * 1000;
    const wait = dueAt - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
