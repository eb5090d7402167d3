import { Inject, Injectable } from '@nestjs/common';
import { HEADERS } from '@rtml/contracts';
import { AppError, toAppError } from '@rtml/errors';
import { AvroSerde, DeadLetterWriter } from '@rtml/kafka';
import type { IncomingRecord, OutgoingRecord, RecordBatch } from '@rtml/kafka';
import { PipelineMetrics } from '@rtml/observability';
import type { Logger } from '@rtml/observability';
import { LOGGER } from '@rtml/service-runtime';
import { IngestPublisher } from '../ingest-event/ingest.publisher';
import { IngestedEventEncoder } from '../ingest-event/ingested-event.encoder';
import { toIngestedEvent } from '../ingest-event/ingested-event.mapper';
import { RawEventValidator, rejectionError } from '../ingest-event/raw-event.validator';
import { traceIdFrom } from '../ingest-event/trace-id.policy';
import { decodeRawRecord } from './raw-record.decoder';

type Outcome =
  | { readonly routed: true; readonly record: OutgoingRecord }
  | {
      readonly routed: false;
      readonly record: OutgoingRecord;
      readonly source: IncomingRecord;
      readonly error: AppError;
    };

/**
 * The Kafka entry: a batch of events.raw records in, their transactions, labels and dead letters
 * out in one produce call, in record order (so a customer's events keep their order).
 *
 * Delivery: at least once. The consumer commits the batch only after this resolves, so a crash
 * replays it and may publish an event twice; the event id travels unchanged and features
 * deduplicates by it. Nothing is remembered here. A record that can never pass (undecodable,
 * schema-invalid, out of range) is dead-lettered in the same publish; anything else that fails
 * (Kafka, the registry) throws a retriable error and the batch is retried, never skipped.
 */
@Injectable()
export class RawEventsHandler {
  constructor(
    @Inject(AvroSerde) private readonly serde: AvroSerde,
    @Inject(RawEventValidator) private readonly validator: RawEventValidator,
    @Inject(IngestedEventEncoder) private readonly encoder: IngestedEventEncoder,
    @Inject(DeadLetterWriter) private readonly deadLetters: DeadLetterWriter,
    @Inject(IngestPublisher) private readonly publisher: IngestPublisher,
    @Inject(PipelineMetrics) private readonly metrics: PipelineMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(batch: RecordBatch): Promise<void> {
    this.metrics.batchSize.observe({ stage: 'raw-events' }, batch.records.length);
    const ingestedAt = Date.now();
    const outcomes = await this.metrics.time('raw-events-validate', () =>
      Promise.all(batch.records.map((record) => this.process(record, ingestedAt))),
    );
    await this.publisher.publish(outcomes.map((outcome) => outcome.record));
    for (const outcome of outcomes) if (!outcome.routed) this.reportDeadLetter(outcome);
  }

  private async process(record: IncomingRecord, ingestedAt: number): Promise<Outcome> {
    let decoded: unknown;
    try {
      decoded = await decodeRawRecord(record, this.serde);
    } catch (thrown) {
      const error = toAppError(thrown);
      if (error.retriable) throw error;
      return this.deadLetter(record, error);
    }
    const verdict = this.validator.validate(decoded);
    if (!verdict.valid)
      return this.deadLetter(record, rejectionError(verdict.code, verdict.errors));
    const event = toIngestedEvent(verdict.event, { ingestedAt, source: 'KAFKA' });
    return { routed: true, record: await this.encoder.toRecord(event, this.traceIdOf(record)) };
  }

  private traceIdOf(record: IncomingRecord): string {
    return traceIdFrom(record.headers[HEADERS.traceId]);
  }

  private async deadLetter(record: IncomingRecord, error: AppError): Promise<Outcome> {
    const deadLetter = await this.deadLetters.toRecord(record, error).catch((thrown: unknown) => {
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'could not encode a dead letter', {
        cause: thrown,
      });
    });
    // The writer keeps the event id header; the trace id travels on too.
    const traced = { ...deadLetter.headers, [HEADERS.traceId]: this.traceIdOf(record) };
    return { routed: false, record: { ...deadLetter, headers: traced }, source: record, error };
  }

  private reportDeadLetter({ source, error }: Extract<Outcome, { routed: false }>): void {
    this.metrics.deadLetters.inc({ code: error.code });
    this.logger.warn(
      {
        topic: source.topic,
        partition: source.partition,
        offset: source.offset,
        eventId: source.headers[HEADERS.eventId],
        code: error.code,
        reason: error.message,
      },
      'dead-lettered a raw event',
    );
  }
}
