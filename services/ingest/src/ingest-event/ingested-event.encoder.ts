import { HEADERS, topicName, valueSubject } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import type { AvroSerde, OutgoingRecord } from '@rtml/kafka';
import type { IngestedEvent } from './ingested-event.mapper';

export const INGEST_SERVICE = 'ingest';

/**
 * Turns a validated event into the record to produce: Avro in the Confluent wire format under
 * its topic's value subject, keyed by customer so a customer's transactions and labels keep
 * their order on one partition, with the event and trace ids in headers.
 */
export class IngestedEventEncoder {
  constructor(
    private readonly serde: AvroSerde,
    private readonly prefix: string | undefined,
  ) {}

  async toRecord(event: IngestedEvent, traceId: string): Promise<OutgoingRecord> {
    const subject = valueSubject(event.topicId, this.prefix);
    const value = await this.serde.encode(subject, event.value).catch((error: unknown) => {
      // The first encode of a subject asks the registry for its schema id; later ones are local.
      throw new AppError('DEPENDENCY_UNAVAILABLE', `could not encode a value for ${subject}`, {
        cause: error,
      });
    });
    return {
      topic: topicName(event.topicId, this.prefix),
      key: event.value.customerId,
      value,
      headers: {
        [HEADERS.eventId]: event.value.eventId,
        [HEADERS.traceId]: traceId,
        [HEADERS.service]: INGEST_SERVICE,
      },
    };
  }
}
