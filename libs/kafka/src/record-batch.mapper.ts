import type { Message } from '@platformatic/kafka';
import type { Batch, IHeaders } from 'kafkajs';
import type { IncomingRecord, RecordBatch } from './record.types';

/** Maps a KafkaJS batch to ours; header values are decoded as UTF-8 (ours are all text). */
export function toRecordBatch(batch: Batch): RecordBatch {
  const records: IncomingRecord[] = batch.messages.map((message) => ({
    topic: batch.topic,
    partition: batch.partition,
    offset: message.offset,
    key: message.key ?? null,
    value: message.value ?? null,
    headers: decodeHeaders(message.headers),
    timestamp: Number(message.timestamp),
  }));
  return {
    topic: batch.topic,
    partition: batch.partition,
    records,
    highWatermark: batch.highWatermark,
  };
}

export function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined)
      decoded[name] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return decoded;
}

/** Maps a @platformatic/kafka message to ours; header names and values are decoded as UTF-8. */
export function fromPlatformaticMessage(
  message: Message<Buffer, Buffer, Buffer, Buffer>,
): IncomingRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of message.headers) headers[name.toString()] = value.toString('utf8');
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset.toString(),
    key: message.key ?? null,
    value: message.value ?? null,
    headers,
    timestamp: Number(message.timestamp),
  };
}
