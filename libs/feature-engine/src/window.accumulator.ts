import type { FeatureEvent } from './feature-event.model';
import type { WindowBounds } from './feature-plan.compiler';
import {
  FRAUD,
  FRAUD_UNKNOWN,
  PACKED_STRIDE,
  SEQ,
  TIME,
  VALUE,
  compareIndices,
} from './window-entry.packing';
import type { PackedEntries } from './window-entry.packing';

/** Everything any aggregation needs from one window. */
export interface WindowTotals {
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Entries labelled fraud; an unknown label counts as not fraud. */
  frauds: number;
}

/**
 * Accumulates the windows of one entity for one event.
 *
 * Selection is by value, never by position or arrival: an entry takes part only if it precedes
 * the event in the canonical (time, seq, eventId) order, so entries read back from a store
 * unordered, or including events "after" this one from other partitions, give the same result.
 * The event itself is always included (it is last among what it sees); a stored copy of it (same
 * time, seq and eventId) is ignored, so its own label never feeds its own features. Duplicates of
 * an entry (a write repeated by a redelivery) count once.
 *
 * Sums are recomputed from the window's entries in canonical order on every call, never kept as
 * running totals updated by add/subtract: floating-point addition is not associative, so a running
 * total's last bits depend on its whole history (restarts, pruning times, replays). Summing the
 * window from scratch in one fixed order makes each value a pure function of the window's
 * contents, which is what lets the online and offline engines agree to the last bit.
 */
export function accumulateWindows(
  windows: readonly WindowBounds[],
  event: FeatureEvent,
  entries: PackedEntries,
): WindowTotals[] {
  const totals = windows.map(emptyTotals);
  const order = entries.canonical === true ? undefined : canonicalOrder(entries);
  const { fields, offset, eventIds } = entries;
  let previousTime = Number.NaN;
  let previousSeq = Number.NaN;
  let previousSlot = -1;
  for (let k = 0; k < entries.length; k++) {
    const slot = offset + (order === undefined ? k : (order[k] as number));
    const time = fields[slot * PACKED_STRIDE + TIME] as number;
    const seq = fields[slot * PACKED_STRIDE + SEQ] as number;
    // Canonical order: once an entry is after the event, every later one is too.
    if (time > event.time || (time === event.time && seq > event.seq)) break;
    const tiedWithEvent = time === event.time && seq === event.seq;
    const tiedWithPrevious = time === previousTime && seq === previousSeq;
    // eventIds are read only on a (time, seq) tie: the event itself or one after it, or a duplicate.
    if (tiedWithEvent && (eventIds[slot] as string) >= event.eventId) break;
    if (tiedWithPrevious && eventIds[slot] === eventIds[previousSlot]) continue;
    previousTime = time;
    previousSeq = seq;
    previousSlot = slot;
    const at = slot * PACKED_STRIDE;
    addEntry(windows, totals, event.time, time, fields[at + VALUE] as number, fields[at + FRAUD]);
  }
  addEntry(windows, totals, event.time, event.time, event.amount, FRAUD_UNKNOWN);
  return totals;
}

function addEntry(
  windows: readonly WindowBounds[],
  totals: WindowTotals[],
  eventTime: number,
  time: number,
  value: number,
  fraud: number | undefined,
): void {
  for (let w = 0; w < windows.length; w++) {
    const bounds = windows[w] as WindowBounds;
    // Half-open (t − d − w, t − d]: the lower edge is excluded, the upper edge included.
    if (time <= eventTime - bounds.lowerOffsetSeconds) continue;
    if (time > eventTime - bounds.upperOffsetSeconds) continue;
    const window = totals[w] as WindowTotals;
    window.count += 1;
    window.sum += value;
    if (value < window.min) window.min = value;
    if (value > window.max) window.max = value;
    if (fraud === 1) window.frauds += 1;
  }
}

const emptyTotals = (): WindowTotals => ({
  count: 0,
  sum: 0,
  min: Infinity,
  max: -Infinity,
  frauds: 0,
});

/** undefined when the entries are already in canonical order, else the sorted indices. */
export function canonicalOrder(entries: PackedEntries): number[] | undefined {
  for (let i = 1; i < entries.length; i++) {
    if (compareIndices(entries, i - 1, i) > 0) {
      const indices = Array.from({ length: entries.length }, (_, index) => index);
      return indices.sort((a, b) => compareIndices(entries, a, b));
    }
  }
  return undefined;
}
