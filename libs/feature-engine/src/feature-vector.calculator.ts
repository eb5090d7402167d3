import { nightUtc, weekendUtc } from './calendar.features';
import type { FeatureEvent } from './feature-event.model';
import type { Aggregation } from './feature-set.model';
import type { FeaturePlan, FeatureSlot } from './feature-plan.compiler';
import { accumulateWindows } from './window.accumulator';
import type { WindowTotals } from './window.accumulator';
import { EMPTY_PACKED, packEntries } from './window-entry.packing';
import type { PackedEntries } from './window-entry.packing';
import type { WindowEntry } from './window-entry.model';

/** One entity's stored entries: a list of entries, or the same already packed. */
export type EntitySnapshot = readonly WindowEntry[] | PackedEntries;

/** Each entity's stored entries, by entity field; a missing entity means no history yet. */
export type EntriesByEntity = Readonly<Record<string, EntitySnapshot | undefined>>;

/**
 * The feature vector of one event, in the plan's feature order: the one function both engines
 * call. Each entity's entries may be a list or packed, in any order, and may include the event
 * itself and events after it; see `accumulateWindows` for why none of that can change a value.
 *
 * Empty windows (possible only with a delay) give 0 for every aggregation, as the reference fills
 * an undefined risk with 0; with no delay the event is in its own window, so it is never empty.
 */
export function computeFeatureVector(
  plan: FeaturePlan,
  event: FeatureEvent,
  entries: EntriesByEntity,
): number[] {
  const totals = plan.entityWindows.map((group) =>
    accumulateWindows(group.windows, event, asPacked(entries[group.entity])),
  );
  return plan.slots.map((slot) => slotValue(slot, event, totals));
}

/** Entry lists are packed (sorted), so both engines run the one accumulation loop. */
function asPacked(snapshot: EntitySnapshot | undefined): PackedEntries {
  if (snapshot === undefined) return EMPTY_PACKED;
  return isEntryList(snapshot) ? packEntries(snapshot) : snapshot;
}

const isEntryList = (snapshot: EntitySnapshot): snapshot is readonly WindowEntry[] =>
  Array.isArray(snapshot);

function slotValue(
  slot: FeatureSlot,
  event: FeatureEvent,
  totals: readonly (readonly WindowTotals[])[],
): number {
  switch (slot.kind) {
    case 'amount':
      return event.amount;
    case 'weekend':
      return weekendUtc(event.time);
    case 'night':
      return nightUtc(event.time);
    case 'window':
      return aggregate(slot.aggregation, totals[slot.entityIndex]?.[slot.windowIndex]);
  }
}

function aggregate(aggregation: Aggregation, window: WindowTotals | undefined): number {
  if (window === undefined || window.count === 0) return 0;
  switch (aggregation) {
    case 'count':
      return window.count;
    case 'sum':
      return window.sum;
    case 'mean':
      return window.sum / window.count;
    case 'min':
      return window.min;
    case 'max':
      return window.max;
    case 'ratio':
      return window.frauds / window.count;
  }
}
