import type { OutgoingRecord } from './record.types';

/**
 * The broker refuses a record batch (all of one request's records for one partition) over its
 * `message.max.bytes`, 1 MiB by default: a large consumer batch fanned into few partitions
 * crosses it. A request therefore carries at most this many bytes of records, whatever their
 * partitions; a bigger publish becomes several requests, in order.
 */
export const MAX_REQUEST_BYTES = 768 * 1024;

/** Consecutive runs of records whose estimated size stays under `limit` (a lone bigger record is its own run). */
export function chunksUnder(records: readonly OutgoingRecord[], limit: number): OutgoingRecord[][] {
  const chunks: OutgoingRecord[][] = [];
  let current: OutgoingRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = estimatedSize(record);
    if (current.length > 0 && bytes + size > limit) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Key, value and headers, plus a record's framing overhead (an upper bound of ~70 bytes). */
export function estimatedSize(record: OutgoingRecord): number {
  let size = 70 + (record.value?.length ?? 0) + Buffer.byteLength(record.key ?? '');
  for (const [name, value] of Object.entries(record.headers ?? {}))
    size += Buffer.byteLength(name) + Buffer.byteLength(value) + 8;
  return size;
}
