import { Inject, Injectable } from '@nestjs/common';
import { toAppError } from '@rtml/errors';
import { PipelineMetrics } from '@rtml/observability';
import { SERVICE_CONFIG, requireScopes } from '@rtml/service-runtime';
import type { ApiKeyIdentity, ApiKeySet } from '@rtml/service-runtime';
import type { IngestConfig } from '../ingest.config';
import { IngestPublisher } from '../ingest-event/ingest.publisher';
import { IngestedEventEncoder } from '../ingest-event/ingested-event.encoder';
import { toIngestedEvent } from '../ingest-event/ingested-event.mapper';
import { RawEventValidator } from '../ingest-event/raw-event.validator';
import { PRODUCER_KEYS } from '../producer-keys/producer-keys.tokens';
import { checkEventsRequest } from './events-request.checker';

export interface AcceptedEvents {
  readonly accepted: number;
  readonly transactions: number;
  readonly labels: number;
}

/**
 * The HTTP entry: validates a whole request, then publishes all of its events in one produce
 * call, or nothing. Delivery: the answer is 202 only once Kafka has acknowledged every event; a
 * client that got no answer may resend, and downstream deduplicates by event id.
 */
@Injectable()
export class AcceptEventsService {
  constructor(
    @Inject(RawEventValidator) private readonly validator: RawEventValidator,
    @Inject(IngestedEventEncoder) private readonly encoder: IngestedEventEncoder,
    @Inject(IngestPublisher) private readonly publisher: IngestPublisher,
    @Inject(PipelineMetrics) private readonly metrics: PipelineMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: Readonly<IngestConfig>,
    @Inject(PRODUCER_KEYS) private readonly keys: ApiKeySet,
  ) {}

  /** The producer behind `presentedKey`, or 401 UNAUTHORIZED (before anything else is looked at). */
  authenticate(presentedKey: unknown): ApiKeyIdentity {
    return this.keys.authenticate(presentedKey);
  }

  async accept(body: unknown, traceId: string, producer: ApiKeyIdentity): Promise<AcceptedEvents> {
    try {
      return await this.acceptOrThrow(body, traceId, producer);
    } catch (thrown) {
      const error = toAppError(thrown);
      this.metrics.errors.inc({ code: error.code, retriable: String(error.retriable) });
      throw error;
    }
  }

  private async acceptOrThrow(
    body: unknown,
    traceId: string,
    producer: ApiKeyIdentity,
  ): Promise<AcceptedEvents> {
    const ingestedAt = Date.now();
    const events = await this.metrics.time('http-validate', async () =>
      checkEventsRequest(body, this.validator, this.config.HTTP_MAX_BATCH).map((event) =>
        toIngestedEvent(event, { ingestedAt, source: 'HTTP' }),
      ),
    );
    // All or nothing, like validation: one event of a kind the key may not send (403) or a
    // request over its rate (429, counted in events) publishes none of the request.
    requireScopes(
      producer,
      new Set(events.map((event) => (event.topicId === 'transactions' ? 'TRANSACTION' : 'LABEL'))),
    );
    this.keys.consume(producer, events.length);
    this.metrics.batchSize.observe({ stage: 'http' }, events.length);
    const records = await Promise.all(events.map((event) => this.encoder.toRecord(event, traceId)));
    await this.publisher.publish(records);
    const transactions = events.filter((event) => event.topicId === 'transactions').length;
    return { accepted: events.length, transactions, labels: events.length - transactions };
  }
}
