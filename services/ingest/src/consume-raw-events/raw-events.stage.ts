import { HEADERS } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { requireScopes } from '@rtml/service-runtime';
import type { ApiKeySet } from '@rtml/service-runtime';
import type { IncomingRecord, StageBatch, StageDefinition, StageOutputs } from '@rtml/kafka';
import { INGEST_SERVICE } from '../ingest-event/ingested-event.encoder';
import type { IngestedEventEncoder } from '../ingest-event/ingested-event.encoder';
import { toIngestedEvent } from '../ingest-event/ingested-event.mapper';
import type { IngestedEvent } from '../ingest-event/ingested-event.mapper';
import type { RawEventValidator } from '../ingest-event/raw-event.validator';
import { rejectionError } from '../ingest-event/raw-event.validator';
import { traceIdFrom } from '../ingest-event/trace-id.policy';
import { decodeRawRecord } from './raw-record.decoder';
import type { RawRecordReader } from './raw-record.decoder';

export interface RawEventsStageParts {
  readonly reader: RawRecordReader;
  readonly validator: RawEventValidator;
  readonly encoder: IngestedEventEncoder;
  /**
   * The producers' keys, checked against each record's rtml-producer-key header (and its
   * event's kind against the key's scopes); undefined when Kafka ACLs are the boundary.
   */
  readonly producerKeys?: ApiKeySet | undefined;
  /** The ingest clock (stamped on every event as `ingestedAt`). */
  readonly now?: () => number;
}

interface Routed {
  readonly event: IngestedEvent;
  readonly traceId: string;
}

/**
 * The Kafka entry: events.raw records (JSON or Avro) in; each valid one out to transactions or
 * labels, keyed by customer, in record order (so a customer's events keep their order).
 *
 * Delivery: as the runtime's guarantee (exactly once by default). Nothing is remembered here:
 * under at-least-once a crash republishes an event with its id unchanged and features
 * deduplicates by it. A record that can never pass (undecodable, schema-invalid, out of range)
 * is dead-lettered by the runtime; a registry that does not answer retries the batch. So is a
 * record without a known producer key or of a kind its key may not send (UNAUTHORIZED and
 * FORBIDDEN are not retriable): it is dead-lettered with the reason and the partition moves on.
 * The key header is never copied to an output or a dead letter.
 */
export function rawEventsStage(parts: RawEventsStageParts): StageDefinition<Routed> {
  const now = parts.now ?? Date.now;
  return {
    name: INGEST_SERVICE,
    async parse(record: IncomingRecord): Promise<Routed> {
      const producer = parts.producerKeys?.match(record.headers[HEADERS.producerKey]);
      if (parts.producerKeys && !producer)
        throw new AppError(
          'UNAUTHORIZED',
          `the record has no known producer key in its ${HEADERS.producerKey} header`,
        );
      const decoded = await decodeRawRecord(record, parts.reader);
      const verdict = parts.validator.validate(decoded);
      if (!verdict.valid) throw rejectionError(verdict.code, verdict.errors);
      if (producer) requireScopes(producer, [verdict.event.kind]);
      return {
        event: toIngestedEvent(verdict.event, { ingestedAt: now(), source: 'KAFKA' }),
        traceId: traceIdFrom(record.headers[HEADERS.traceId]),
      };
    },
    async process(batch: StageBatch<Routed>, out: StageOutputs<Routed>): Promise<void> {
      for (const item of batch.items)
        out.emit(item, parts.encoder.emitOf(item.value.event, item.value.traceId));
    },
  };
}
