import { CONTENT_TYPES, HEADERS, LOCAL_DEV_KEYS } from '@rtml/contracts';
import type { AvroSerde, OutgoingRecord, RecordPublisher } from '@rtml/kafka';
import type { RawEventJson } from '../../feed/raw-event.feed';
import type { RawEventSink } from '../../feed/raw-event.sender';
import type { RunLedger } from './run.ledger';

/** `mixed`: each customer's events go one way, half the customers each; `http`: all of them. */
export type Routing = 'mixed' | 'http';

/** JSON, or Avro framed with the schema id the serde holds for `subject` (a new version, say). */
export type KafkaEncoding =
  | { readonly kind: 'json' }
  | { readonly kind: 'avro'; readonly serde: AvroSerde; readonly subject: string };

export interface SinkTargets {
  /** The live ingest's base URL; undefined while it has none (mid-restart). */
  readonly ingestUrl: () => string | undefined;
  readonly publisher: RecordPublisher;
  readonly rawTopic: string;
}

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Sends the stream as producers would: over ingest's HTTP API and straight to events.raw, one
 * way per customer (a customer's events stay in order, which the features' exactness needs),
 * resending what did not get through until `giveUpMs` without success. A send whose answer
 * never came (a connection reset, a timeout, a failed produce) may have landed: its events are
 * resent, as ingest's contract allows, and noted in `ledger.resent`. Connection refused and HTTP
 * 5xx are certain failures, resent without note.
 */
export class RoutedSink implements RawEventSink {
  routing: Routing = 'mixed';
  encoding: KafkaEncoding = { kind: 'json' };
  /** Avro events sent since the encoding switched to Avro. */
  avroSent = 0;

  constructor(
    private readonly targets: SinkTargets,
    private readonly ledger: RunLedger,
    private readonly giveUpMs: number,
  ) {}

  async send(events: readonly RawEventJson[]): Promise<void> {
    const http = events.filter((event) => this.routeOf(event) === 'http');
    const kafka = events.filter((event) => this.routeOf(event) === 'kafka');
    await Promise.all([
      http.length > 0 ? this.post(http) : undefined,
      kafka.length > 0 ? this.produce(kafka) : undefined,
    ]);
  }

  private routeOf(event: RawEventJson): 'http' | 'kafka' {
    if (this.routing === 'http') return 'http';
    return Number.parseInt(event.customerId, 10) % 2 === 0 ? 'http' : 'kafka';
  }

  private async post(events: readonly RawEventJson[]): Promise<void> {
    const body = JSON.stringify(events);
    await this.untilSent(events, async () => {
      const url = this.targets.ingestUrl();
      if (url === undefined) return 'failed';
      let response: Response;
      try {
        response = await fetch(`${url}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': LOCAL_DEV_KEYS.producer },
          body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        return isRefused(error) ? 'failed' : 'unknown';
      }
      const text = await response.text().catch(() => '');
      if (response.status === 202) return 'sent';
      if (response.status === 400) {
        for (const event of events) this.ledger.rejected.set(event.eventId, text.slice(0, 300));
        return 'refused';
      }
      return 'failed';
    });
  }

  private async produce(events: readonly RawEventJson[]): Promise<void> {
    const records = await Promise.all(events.map((event) => this.toRecord(event)));
    if (this.encoding.kind === 'avro') this.avroSent += events.length;
    await this.untilSent(events, async () => {
      try {
        await this.targets.publisher.publish(records);
        return 'sent';
      } catch {
        return 'unknown';
      }
    });
  }

  private async toRecord(event: RawEventJson): Promise<OutgoingRecord> {
    const encoding = this.encoding;
    const avro = encoding.kind === 'avro';
    return {
      topic: this.targets.rawTopic,
      key: event.customerId,
      value: avro
        ? await encoding.serde.encode(encoding.subject, avroRawEvent(event))
        : Buffer.from(JSON.stringify(event)),
      headers: {
        [HEADERS.producerKey]: LOCAL_DEV_KEYS.producer,
        [HEADERS.contentType]: avro ? CONTENT_TYPES.avro : CONTENT_TYPES.json,
        [HEADERS.eventId]: event.eventId,
      },
    };
  }

  /**
   * Repeats `attempt` with backoff until it sends or is refused. `unknown` (the request may have
   * landed) marks the events as resent once a later attempt gets through.
   */
  private async untilSent(
    events: readonly RawEventJson[],
    attempt: () => Promise<'sent' | 'refused' | 'failed' | 'unknown'>,
  ): Promise<void> {
    const deadline = performance.now() + this.giveUpMs;
    let uncertain = false;
    for (let tries = 0; ; tries += 1) {
      const outcome = await attempt();
      if (outcome === 'sent') {
        this.ledger.accept(events);
        if (uncertain) for (const event of events) this.ledger.resent.add(event.eventId);
        return;
      }
      if (outcome === 'refused') return;
      uncertain ||= outcome === 'unknown';
      if (performance.now() > deadline)
        throw new Error(
          `${events.length} events not accepted after ${Math.round(this.giveUpMs / 1000)} s of retries`,
        );
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** tries)));
    }
  }
}

/** Node's fetch reports a refused connection as a TypeError whose cause has the code. */
function isRefused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return cause?.code === 'ECONNREFUSED';
}

/** The RawEvent Avro record: every optional field present, null where the kind has none. */
function avroRawEvent(event: RawEventJson): Record<string, unknown> {
  const empty = {
    customerId: null,
    terminalId: null,
    amount: null,
    transactionId: null,
    transactionTime: null,
    fraud: null,
    attributes: null,
  };
  return { ...empty, ...event };
}
