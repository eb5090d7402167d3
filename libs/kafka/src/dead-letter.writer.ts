import { createHash } from 'node:crypto';
import { HEADERS } from '@rtml/contracts';
import type { DeadLetter, FieldError } from '@rtml/contracts';
import type { AppError } from '@rtml/errors';
import type { IncomingRecord, OutgoingRecord } from './record.types';

/** What turns a dead-letter envelope into bytes: the Avro serde, or the test driver's codec. */
export interface DeadLetterEncoder {
  encode(subject: string, value: unknown): Promise<Buffer>;
}

export interface DeadLetterWriterOptions {
  /** The dead-letter topic on the broker (prefix included). */
  readonly topic: string;
  /** Its value subject in the registry. */
  readonly subject: string;
  /** The service giving up on the record (ingest, features, scoring, actions). */
  readonly service: string;
  /** Bounds of the envelope; the defaults keep any dead letter under ~40 KiB. */
  readonly limits?: Partial<DeadLetterLimits>;
}

export interface DeadLetterLimits {
  /** An original value (or key) larger than this is kept as its first `keptPrefixBytes`. */
  readonly maxOriginalBytes: number;
  readonly keptPrefixBytes: number;
  readonly maxReasonChars: number;
  /** Field problems kept; the rest are counted in `detailsOmitted`. */
  readonly maxDetails: number;
  readonly maxDetailChars: number;
}

export const DEAD_LETTER_LIMITS: DeadLetterLimits = Object.freeze({
  maxOriginalBytes: 16 * 1024,
  keptPrefixBytes: 4 * 1024,
  maxReasonChars: 1024,
  maxDetails: 32,
  maxDetailChars: 256,
});

/**
 * Turns a record that can never succeed into a dead-letter record: the original key and value
 * bytes, the reason and per-field problems in the Avro envelope, and where it came from both in
 * the envelope and in headers (so tools can route without decoding).
 *
 * A dead letter always fits: a dead letter the broker refused would be retried forever and stall
 * its partition (a 938 KB record with 30,000 field errors once did). So the envelope is bounded:
 * an original value over `maxOriginalBytes` is kept as its first bytes plus its size and
 * SHA-256, the reason is cut, and field problems past `maxDetails` are counted, not listed.
 * (stage.runner.spec.ts: "bounds the dead letter of an oversized record with thousands of field
 * errors"; raw-events.stage.spec.ts: the 938 KB object with 30,000 unknown keys.)
 */
export class DeadLetterWriter {
  private readonly limits: DeadLetterLimits;

  constructor(
    private readonly serde: DeadLetterEncoder,
    private readonly options: DeadLetterWriterOptions,
  ) {
    this.limits = { ...DEAD_LETTER_LIMITS, ...options.limits };
  }

  get topic(): string {
    return this.options.topic;
  }

  get service(): string {
    return this.options.service;
  }

  envelopeOf(record: IncomingRecord, error: AppError): DeadLetter {
    const { limits } = this;
    const value = boundedBytes(record.value, limits);
    const fields = fieldErrorsOf(error);
    return {
      originalTopic: record.topic,
      originalPartition: record.partition,
      originalOffset: record.offset,
      originalKey: boundedBytes(record.key, limits).bytes,
      originalValue: value.bytes,
      originalValueSize: value.cut ? (record.value?.length ?? 0) : null,
      originalValueSha256: value.cut && record.value !== null ? sha256(record.value) : null,
      errorCode: error.code,
      reason: cut(error.message, limits.maxReasonChars),
      details: fields.slice(0, limits.maxDetails).map((field) => ({
        path: cut(field.path, limits.maxDetailChars),
        message: cut(field.message, limits.maxDetailChars),
      })),
      detailsOmitted: Math.max(0, fields.length - limits.maxDetails),
      service: this.options.service,
      failedAt: Date.now(),
    };
  }

  async toRecord(record: IncomingRecord, error: AppError): Promise<OutgoingRecord> {
    const envelope = this.envelopeOf(record, error);
    const eventId = record.headers[HEADERS.eventId];
    const traceId = record.headers[HEADERS.traceId];
    const key = record.key === null ? null : record.key.toString('utf8');
    return {
      topic: this.options.topic,
      // An oversized key is kept (cut) in the envelope only: as the record's key it would not fit.
      key: key !== null && Buffer.byteLength(key) <= this.limits.keptPrefixBytes ? key : null,
      value: await this.serde.encode(this.options.subject, envelope),
      headers: {
        ...(eventId === undefined ? {} : { [HEADERS.eventId]: headerSafe(eventId) }),
        ...(traceId === undefined ? {} : { [HEADERS.traceId]: headerSafe(traceId) }),
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

function boundedBytes(
  bytes: Buffer | null,
  limits: DeadLetterLimits,
): { bytes: Buffer | null; cut: boolean } {
  if (bytes === null || bytes.length <= limits.maxOriginalBytes) return { bytes, cut: false };
  return { bytes: bytes.subarray(0, limits.keptPrefixBytes), cut: true };
}

function cut(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const omitted = text.length - maxChars;
  return `${text.slice(0, maxChars)}… (${omitted} more characters)`;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Headers are for routing and grep, not for essays: one line, bounded. */
const headerSafe = (text: string): string => text.replace(/\s+/g, ' ').slice(0, 512);
