import { AppError } from '@rtml/errors';
import { EMPTY_PACKED, FRAUD_UNKNOWN, PACKED_STRIDE } from '@rtml/feature-engine';
import type { FeatureEvent, PackedEntries } from '@rtml/feature-engine';
import { RECORD_HEAD_BYTES, WINDOW_HEADER_BYTES } from './window-store.scripts';

/*
 * The binary records of the window state (layout `w2`, see window-store.scripts.ts): per event
 * `time, seq, value` as big-endian doubles, the event id's UTF-8 byte length as a big-endian u16,
 * then the id. A double holds every safe integer and every amount exactly, so a record decodes to
 * the very numbers that were encoded: the window sums stay bit-exact with the offline engine.
 *
 * The format is API: stored state outlives deployments; change it only with a new layout segment
 * in feature-state.keys.ts.
 */

const MAX_ID_BYTES = 0xffff;

/** The record of one transaction, as the transaction script appends it to each of its windows. */
export function encodeRecord(event: FeatureEvent): Buffer {
  const idBytes = Buffer.byteLength(event.eventId, 'utf8');
  if (idBytes === 0 || idBytes > MAX_ID_BYTES)
    throw new AppError('INTERNAL', `an event id of ${idBytes} bytes cannot be stored in a window`);
  const record = Buffer.allocUnsafe(RECORD_HEAD_BYTES + idBytes);
  record.writeDoubleBE(event.time, 0);
  record.writeDoubleBE(event.seq, 8);
  record.writeDoubleBE(event.amount, 16);
  record.writeUInt16BE(idBytes, 24);
  record.write(event.eventId, RECORD_HEAD_BYTES, 'utf8');
  return record;
}

/** What of a stored window to decode: records timed in (after, upto], fraud marks to apply. */
export interface WindowRead {
  readonly after: number;
  readonly upto: number;
  /** The fraud set's reply: id, time, id, time… (transactions labelled fraud). */
  readonly frauds: readonly Buffer[];
}

/**
 * Decodes a window string (header included) into packed entries in canonical (time, seq, eventId)
 * order, keeping records timed in (after, upto]; a record is fraud when the fraud set holds its
 * id at its time, else its label is unknown (which counts as not fraud). Anything that does not
 * parse is corrupt state: a retriable INTERNAL error (stalling beats guessing entries).
 */
export function decodeWindow(window: Buffer | undefined, read: WindowRead): PackedEntries {
  const size = window?.length ?? 0;
  if (window === undefined || size === 0) return EMPTY_PACKED;
  if (size < WINDOW_HEADER_BYTES) throw corrupt();
  const frauds = fraudTimes(read.frauds);
  // DataView reads compile to single loads; Buffer.readDoubleBE assembles bytes one by one.
  const view = new DataView(window.buffer, window.byteOffset, size);
  const times: number[] = [];
  const seqs: number[] = [];
  const values: number[] = [];
  const ids: string[] = [];
  let at = WINDOW_HEADER_BYTES;
  while (at < size) {
    if (at + RECORD_HEAD_BYTES > size) throw corrupt();
    const idEnd = at + RECORD_HEAD_BYTES + view.getUint16(at + 24);
    if (idEnd > size) throw corrupt();
    const time = view.getFloat64(at);
    if (time > read.after && time <= read.upto) {
      times.push(time);
      seqs.push(view.getFloat64(at + 8));
      values.push(view.getFloat64(at + 16));
      ids.push(window.toString('utf8', at + RECORD_HEAD_BYTES, idEnd));
    }
    at = idEnd;
  }
  const order = canonicalOrder(times, seqs, ids);
  const fields = new Float64Array(order.length * PACKED_STRIDE);
  const eventIds: string[] = new Array<string>(order.length);
  for (let i = 0; i < order.length; i++) {
    const index = order[i] as number;
    const time = times[index] as number;
    const id = ids[index] as string;
    const slot = i * PACKED_STRIDE;
    fields[slot] = time;
    fields[slot + 1] = seqs[index] as number;
    fields[slot + 2] = values[index] as number;
    fields[slot + 3] = frauds?.get(id) === time ? 1 : FRAUD_UNKNOWN;
    eventIds[i] = id;
  }
  return { offset: 0, length: order.length, fields, eventIds, canonical: true };
}

/** Insertion sort of record indices: records arrive nearly in order, so this is nearly linear. */
function canonicalOrder(times: number[], seqs: number[], ids: string[]): number[] {
  const order = times.map((_, i) => i);
  const before = (a: number, b: number): boolean => {
    const ta = times[a] as number;
    const tb = times[b] as number;
    if (ta !== tb) return ta < tb;
    const sa = seqs[a] as number;
    const sb = seqs[b] as number;
    if (sa !== sb) return sa < sb;
    return (ids[a] as string) < (ids[b] as string);
  };
  for (let i = 1; i < order.length; i++) {
    const current = order[i] as number;
    let j = i - 1;
    while (j >= 0 && before(current, order[j] as number)) {
      order[j + 1] = order[j] as number;
      j--;
    }
    order[j + 1] = current;
  }
  return order;
}

function fraudTimes(reply: readonly Buffer[]): Map<string, number> | undefined {
  if (reply.length === 0) return undefined;
  if (reply.length % 2 !== 0) throw corrupt();
  const times = new Map<string, number>();
  for (let i = 0; i < reply.length; i += 2) {
    const time = Number((reply[i + 1] as Buffer).toString('latin1'));
    if (!Number.isSafeInteger(time)) throw corrupt();
    times.set((reply[i] as Buffer).toString('utf8'), time);
  }
  return times;
}

const corrupt = (): AppError =>
  new AppError('INTERNAL', 'the window state holds an undecodable window');
