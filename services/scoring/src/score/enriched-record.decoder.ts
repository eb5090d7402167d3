import { AppError, toAppError } from '@rtml/errors';
import type { AvroSerde, IncomingRecord } from '@rtml/kafka';
import { parseEnrichedEvent } from './enriched-event.parser';
import type { ScorableEvent } from './scorable-event.model';

export type DecodedRecord =
  | { readonly ok: true; readonly record: IncomingRecord; readonly event: ScorableEvent }
  | { readonly ok: false; readonly record: IncomingRecord; readonly error: AppError };

/**
 * One consumed record to an event, or the reason it can never be one (a tombstone, bytes that are
 * not Avro, a value of another shape). A registry that does not answer is thrown: the batch is
 * retried rather than the record dead-lettered.
 */
export async function decodeEnrichedRecord(
  serde: AvroSerde,
  record: IncomingRecord,
): Promise<DecodedRecord> {
  if (record.value === null) {
    return { ok: false, record, error: new AppError('UNDECODABLE', 'the record has no value') };
  }
  let value: unknown;
  try {
    value = await serde.decode(record.value);
  } catch (thrown) {
    const error = toAppError(thrown);
    if (error.retriable) throw error;
    return { ok: false, record, error };
  }
  try {
    return { ok: true, record, event: parseEnrichedEvent(value) };
  } catch (thrown) {
    const error = toAppError(thrown);
    if (error.retriable) throw error;
    return { ok: false, record, error };
  }
}
