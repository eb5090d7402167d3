import { compareEntries } from './window-entry.model';
import type { WindowEntry } from './window-entry.model';

/** The fraud field's value for a label not known yet (it counts as not fraud). */
export const FRAUD_UNKNOWN = -1;

/** Numbers per packed entry: time, seq, value, fraud. */
export const PACKED_STRIDE = 4;
export const TIME = 0;
export const SEQ = 1;
export const VALUE = 2;
export const FRAUD = 3;

/**
 * Window entries packed into one flat array of numbers: entry i (0 ≤ i < length) sits at slot
 * s = offset + i, as fields[4s .. 4s + 3] = (time, seq, value, fraud) with eventIds[s] beside it
 * (the arrays may hold other slots too). fraud is 1, 0 or FRAUD_UNKNOWN.
 *
 * This is the shape windows are accumulated from. Each event reads the state of a few random
 * entity keys out of many; one contiguous Float64Array per key costs a handful of cache misses,
 * where one heap object per entry (each with boxed doubles) costs several misses per entry.
 */
export interface PackedEntries {
  readonly offset: number;
  readonly length: number;
  readonly fields: ArrayLike<number>;
  readonly eventIds: ArrayLike<string>;
  /**
   * True when the producer guarantees canonical (time, seq, eventId) order, so readers can skip
   * checking it. Anything else is checked, and sorted if needed.
   */
  readonly canonical?: boolean;
}

export const EMPTY_PACKED: PackedEntries = Object.freeze({
  offset: 0,
  length: 0,
  fields: [],
  eventIds: [],
  canonical: true,
});

export const fraudToField = (fraud: 0 | 1 | null): number =>
  fraud === null ? FRAUD_UNKNOWN : fraud;

export const fraudFromField = (field: number | undefined): 0 | 1 | null =>
  field === 1 ? 1 : field === 0 ? 0 : null;

/** Packs `entries` in canonical (time, seq, eventId) order, whatever order they came in. */
export function packEntries(entries: readonly WindowEntry[]): PackedEntries {
  const sorted = [...entries].sort(compareEntries);
  const fields = new Float64Array(sorted.length * PACKED_STRIDE);
  sorted.forEach((entry, i) => {
    const at = i * PACKED_STRIDE;
    fields[at + TIME] = entry.time;
    fields[at + SEQ] = entry.seq;
    fields[at + VALUE] = entry.value;
    fields[at + FRAUD] = fraudToField(entry.fraud);
  });
  const eventIds = sorted.map((entry) => entry.eventId);
  return { offset: 0, length: sorted.length, fields, eventIds, canonical: true };
}

/** Entry i as an object (for encoding, logs and tests; the hot path reads the fields). */
export function entryAt(packed: PackedEntries, index: number): WindowEntry {
  if (!Number.isInteger(index) || index < 0 || index >= packed.length) {
    throw new RangeError(`entry index ${index} is outside 0..${packed.length - 1}`);
  }
  const slot = packed.offset + index;
  const at = slot * PACKED_STRIDE;
  return {
    time: packed.fields[at + TIME] as number,
    seq: packed.fields[at + SEQ] as number,
    value: packed.fields[at + VALUE] as number,
    fraud: fraudFromField(packed.fields[at + FRAUD]),
    eventId: packed.eventIds[slot] as string,
  };
}

/**
 * Compares entry i with the position (time, seq, eventId) in canonical order, reading eventId
 * only on a full tie. Negative when entry i comes first.
 */
export function compareEntryAt(
  packed: PackedEntries,
  index: number,
  time: number,
  seq: number,
  eventId: string,
): number {
  const slot = packed.offset + index;
  const t = packed.fields[slot * PACKED_STRIDE + TIME] as number;
  if (t !== time) return t - time;
  const s = packed.fields[slot * PACKED_STRIDE + SEQ] as number;
  if (s !== seq) return s - seq;
  const id = packed.eventIds[slot] as string;
  if (id === eventId) return 0;
  return id < eventId ? -1 : 1;
}

/** Compares entries a and b of the same packed entries in canonical order. */
export function compareIndices(packed: PackedEntries, a: number, b: number): number {
  const slotA = packed.offset + a;
  const slotB = packed.offset + b;
  const { fields, eventIds } = packed;
  const timeA = fields[slotA * PACKED_STRIDE + TIME] as number;
  const timeB = fields[slotB * PACKED_STRIDE + TIME] as number;
  if (timeA !== timeB) return timeA - timeB;
  const seqA = fields[slotA * PACKED_STRIDE + SEQ] as number;
  const seqB = fields[slotB * PACKED_STRIDE + SEQ] as number;
  if (seqA !== seqB) return seqA - seqB;
  const idA = eventIds[slotA] as string;
  const idB = eventIds[slotB] as string;
  return idA === idB ? 0 : idA < idB ? -1 : 1;
}
