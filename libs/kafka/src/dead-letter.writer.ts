import { HEADERS } from '@rtml/contracts';
import type { DeadLetter, FieldError } from '@rtml/contracts';
import type { AppError } from '@rtml/errors';
import type { AvroSerde } from './avro-serde';
import type { IncomingRecord, OutgoingRecord } from './record.types';

export interface DeadLetterWriterOptions {
  /** The dead-letter topic on the broker (prefix included). */
  readonly topic: string;
  /** Its value subject in the registry. */
  readonly subject: string;
  /** The service giving up on the record (ingest, features, scoring, actions). */
  readonly service: string;
}

/**
 * Turns a record that can never succeed into a dead-letter record: the original key and value
 * bytes unchanged, the reason and per-field problems in the Avro envelope, and where it came
 * from both in the envelope and in headers (so tools can route without decoding).
 */
export class DeadLetterWriter {
  constructor(
    private readonly serde: AvroSerde,
    private readonly options: DeadLetterWriterOptions,
  ) {}

  get topic(): string {
    return this.options.topic;
  }

  async toRecord(record: IncomingRecord, error: AppError): Promise<OutgoingRecord> {
    const envelope: DeadLetter = {
      originalTopic: record.topic,
      originalPartition: record.partition,
      originalOffset: record.offset,
      originalKey: record.key,
      originalValue: record.value,
      errorCode: error.code,
      reason: error.message,
      details: fieldErrorsOf(error),
      service: this.options.service,
      failedAt: Date.now(),
    };
    const eventId = record.headers[HEADERS.eventId];
    return {
      topic: this.options.topic,
      key: record.key === null ? null : record.key.toString('utf8'),
      value: await this.serde.encode(this.options.subject, envelope),
      headers: {
        ...(eventId === undefined ? {} : { [HEADERS.eventId]: eventId }),
        [HEADERS.sourceTopic]: record.topic,
        [HEADERS.sourcePartition]: String(record.partition),
        [HEADERS.sourceOffset]: record.offset,
        [HEADERS.errorCode]: error.code,
        [HEADERS.errorReason]: headerSafe(error.message),
        [HEADERS.service]: this.options.service,
      },
    };
  }
}

/** Field problems travel in an AppError's `details.fields` as `{ path, message }` items. */
export function fieldErrorsOf(error: AppError): FieldError[] {
  const fields = error.details['fields'];
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((item: unknown) => {
    const candidate = item as { path?: unknown; message?: unknown } | null;
    return typeof candidate?.path === 'string' && typeof candidate.message === 'string'
      ? [{ path: candidate.path, message: candidate.message }]
      : [];
  });
}

/** Headers are for routing and grep, not for essays: one line, bounded. */
const headerSafe = (text: string): string => text.replace(/\s+/g, ' ').slice(0, 512);
