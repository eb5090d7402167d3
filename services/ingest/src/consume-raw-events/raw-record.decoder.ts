import { CONTENT_TYPES, HEADERS } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import type { AvroSerde, IncomingRecord } from '@rtml/kafka';
import { jsonErrorReason } from '@rtml/observability';

export type RawFormat = 'json' | 'avro';

/** The first byte of the Confluent wire format; a JSON text never starts with it. */
const CONFLUENT_MAGIC_BYTE = 0;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * How a raw value is encoded: as its content-type header says when it has one, else by its first
 * byte (0 starts the Confluent wire format). A content type we do not read is undecodable.
 */
export function detectFormat(value: Buffer, headers: Readonly<Record<string, string>>): RawFormat {
  const declared = headers[HEADERS.contentType];
  if (declared === undefined) return value[0] === CONFLUENT_MAGIC_BYTE ? 'avro' : 'json';
  const mediaType = declared.split(';')[0]!.trim().toLowerCase();
  if (mediaType === CONTENT_TYPES.json) return 'json';
  if (mediaType === CONTENT_TYPES.avro) return 'avro';
  throw new AppError(
    'UNDECODABLE',
    `unsupported content type "${declared}": send ${CONTENT_TYPES.json} or ${CONTENT_TYPES.avro}`,
  );
}

/** Parses UTF-8 JSON; bytes that are not UTF-8 or not JSON are undecodable. */
export function parseJsonValue(value: Buffer): unknown {
  try {
    return JSON.parse(utf8.decode(value)) as unknown;
  } catch (error) {
    throw new AppError('UNDECODABLE', `the value is not UTF-8 JSON: ${jsonErrorReason(error)}`, {
      cause: error,
    });
  }
}

/**
 * Decodes a raw record's value into a plain value to validate. Throws a non-retriable
 * UNDECODABLE AppError for bytes that can never decode, and a retriable one when the registry
 * holding an Avro writer schema does not answer.
 */
/** What reads an Avro value: the registry's serde, or the test driver's contract codec. */
export type RawRecordReader = Pick<AvroSerde, 'decode'>;

export async function decodeRawRecord(
  record: IncomingRecord,
  serde: RawRecordReader,
): Promise<unknown> {
  if (record.value === null || record.value.length === 0) {
    throw new AppError('UNDECODABLE', 'the record has no value');
  }
  return detectFormat(record.value, record.headers) === 'avro'
    ? serde.decode(record.value)
    : parseJsonValue(record.value);
}
