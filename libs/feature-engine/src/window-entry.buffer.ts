import { expiryCutoff } from './window-entry.pruning';
import type { WindowEntry } from './window-entry.model';
import {
  FRAUD,
  PACKED_STRIDE,
  SEQ,
  TIME,
  VALUE,
  compareEntryAt,
  fraudToField,
} from './window-entry.packing';
import type { PackedEntries } from './window-entry.packing';

const INITIAL_CAPACITY = 8;

/**
 * One entity key's window state as a growable packed array, kept in canonical order: entries are
 * appended in processing order and expire from the front. Expiry only moves `offset`; the space
 * is reclaimed when the array is full, so both are O(1) amortised. Memory is bounded by what the
 * windows can still need, not by how many events went through.
 */
export class WindowEntryBuffer implements PackedEntries {
  offset = 0;
  length = 0;
  fields = new Float64Array(INITIAL_CAPACITY * PACKED_STRIDE);
  eventIds: string[] = [];
  readonly canonical = true;
  /** Entries ever expired: the position of the entry at `offset`. */
  private expired = 0;

  /**
   * Appends `entry` and returns its position: a number that identifies it in this buffer for
   * good (see `setFraudAt`). Throws if `entry` would come before the last entry: the buffer
   * never re-sorts.
   */
  append(entry: WindowEntry): number {
    const last = this.length - 1;
    if (last >= 0 && compareEntryAt(this, last, entry.time, entry.seq, entry.eventId) >= 0) {
      throw new RangeError(`entry ${entry.eventId} is not after the buffer's last entry`);
    }
    if ((this.offset + this.length + 1) * PACKED_STRIDE > this.fields.length) this.makeRoom();
    const slot = this.offset + this.length;
    const at = slot * PACKED_STRIDE;
    this.fields[at + TIME] = entry.time;
    this.fields[at + SEQ] = entry.seq;
    this.fields[at + VALUE] = entry.value;
    this.fields[at + FRAUD] = fraudToField(entry.fraud);
    this.eventIds[slot] = entry.eventId;
    this.length += 1;
    return this.expired + this.length - 1;
  }

  /** Drops the entries no window can need once events at `latestTime` are being scored. */
  expire(latestTime: number, horizonSeconds: number): void {
    const cutoff = expiryCutoff(latestTime, horizonSeconds);
    while (
      this.length > 0 &&
      (this.fields[this.offset * PACKED_STRIDE + TIME] as number) <= cutoff
    ) {
      this.eventIds[this.offset] = '';
      this.offset += 1;
      this.length -= 1;
      this.expired += 1;
    }
    if (this.length === 0) this.offset = 0;
  }

  /** Records the label of an entry; false when it is not (or no longer) here. */
  setFraud(entry: Pick<WindowEntry, 'time' | 'seq' | 'eventId'>, fraud: 0 | 1): boolean {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareEntryAt(this, mid, entry.time, entry.seq, entry.eventId) < 0) low = mid + 1;
      else high = mid;
    }
    if (low === this.length) return false;
    if (compareEntryAt(this, low, entry.time, entry.seq, entry.eventId) !== 0) return false;
    this.fields[(this.offset + low) * PACKED_STRIDE + FRAUD] = fraud;
    return true;
  }

  /**
   * Records the label of the entry `append` returned `position` for, without searching; false
   * when that entry has expired.
   */
  setFraudAt(position: number, fraud: 0 | 1): boolean {
    const index = position - this.expired;
    if (index < 0 || index >= this.length) return false;
    this.fields[(this.offset + index) * PACKED_STRIDE + FRAUD] = fraud;
    return true;
  }

  /** Moves live entries to the front, and doubles the capacity if they fill more than half. */
  private makeRoom(): void {
    const capacity = this.fields.length / PACKED_STRIDE;
    const fields =
      this.length * 2 > capacity ? new Float64Array(capacity * 2 * PACKED_STRIDE) : this.fields;
    const start = this.offset * PACKED_STRIDE;
    fields.set(this.fields.subarray(start, start + this.length * PACKED_STRIDE));
    this.fields = fields;
    this.eventIds = this.eventIds.slice(this.offset, this.offset + this.length);
    this.offset = 0;
  }
}
