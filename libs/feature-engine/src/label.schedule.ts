import type { WindowEntryBuffer } from './window-entry.buffer';

/**
 * Labels waiting for the time they become known, released in event-time order. Each pending
 * label is (knownAt, buffer, position in that buffer, fraud), kept column by column: a backfill
 * holds a week of them, and small objects living that long would be a steady cost to the GC.
 *
 * A FIFO in practice: labels are scheduled at transaction time + a constant delay, and
 * transactions come in time order, so each new label is the latest. An out-of-order label is
 * still placed correctly (insertion), so the order never depends on that assumption.
 */
export class LabelSchedule {
  private knownAt: number[] = [];
  private positions: number[] = [];
  private frauds: (0 | 1)[] = [];
  private buffers: WindowEntryBuffer[] = [];
  private head = 0;

  get pending(): number {
    return this.knownAt.length - this.head;
  }

  /** `position` is what `buffer.append` returned for the labelled entry. */
  schedule(knownAt: number, buffer: WindowEntryBuffer, position: number, fraud: 0 | 1): void {
    const last = this.knownAt[this.knownAt.length - 1];
    if (last === undefined || last <= knownAt) {
      this.knownAt.push(knownAt);
      this.buffers.push(buffer);
      this.positions.push(position);
      this.frauds.push(fraud);
      return;
    }
    const at = this.insertionIndex(knownAt);
    this.knownAt.splice(at, 0, knownAt);
    this.buffers.splice(at, 0, buffer);
    this.positions.splice(at, 0, position);
    this.frauds.splice(at, 0, fraud);
  }

  /**
   * Applies every label known at or before `now`. A label whose entry has already expired is
   * dropped: no window can count that entry any more.
   */
  releaseUntil(now: number): void {
    while (this.head < this.knownAt.length && (this.knownAt[this.head] as number) <= now) {
      const buffer = this.buffers[this.head] as WindowEntryBuffer;
      buffer.setFraudAt(this.positions[this.head] as number, this.frauds[this.head] as 0 | 1);
      this.head++;
    }
    // Compact now and then so released labels do not pin memory.
    if (this.head > 65_536 && this.head * 2 > this.knownAt.length) this.compact();
  }

  private compact(): void {
    this.knownAt = this.knownAt.slice(this.head);
    this.buffers = this.buffers.slice(this.head);
    this.positions = this.positions.slice(this.head);
    this.frauds = this.frauds.slice(this.head);
    this.head = 0;
  }

  /** First index after every label known at or before `knownAt` (stable for equal times). */
  private insertionIndex(knownAt: number): number {
    let low = this.head;
    let high = this.knownAt.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.knownAt[mid] as number) <= knownAt) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
