import { topicName, valueSubject } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { outputHeaders } from '@rtml/kafka';
import type { AvroSerde, OutgoingRecord, StageEmit } from '@rtml/kafka';
import type { IngestedEvent } from './ingested-event.mapper';

export const INGEST_SERVICE = 'ingest';

/**
 * Where a validated event goes: Avro in the Confluent wire format under its topic's value
 * subject, keyed by customer so a customer's transactions and labels keep their order on one
 * partition, with the event and trace ids in headers. `emitOf` for the Kafka entry (the stage
 * runtime encodes), `toRecord` for the HTTP entry.
 */
export class IngestedEventEncoder {
  constructor(
    private readonly serde: Pick<AvroSerde, 'encode'>,
    private readonly prefix: string | undefined,
  ) {}

  emitOf(event: IngestedEvent, traceId: string): StageEmit {
    return {
      to: {
        topic: topicName(event.topicId, this.prefix),
        subject: valueSubject(event.topicId, this.prefix),
      },
      key: event.value.customerId,
      value: event.value,
      eventId: event.value.eventId,
      traceId,
    };
  }

  async toRecord(event: IngestedEvent, traceId: string): Promise<OutgoingRecord> {
    const emit = this.emitOf(event, traceId);
    const value = await this.serde.encode(emit.to.subject, event.value).catch((error: unknown) => {
      // The first encode of a subject asks the registry for its schema id; later ones are local.
      throw new AppError(
        'DEPENDENCY_UNAVAILABLE',
        `could not encode a value for ${emit.to.subject}`,
        {
          cause: error,
        },
      );
    });
    return {
      topic: emit.to.topic,
      key: emit.key,
      value,
      headers: outputHeaders(event.value.eventId, traceId),
    };
  }
}
