import type { WindowEntry } from './window-entry.model';

/**
 * The time at or before which an entity's entries can be dropped, given the latest event time
 * seen for it. Every window of an event at t ≥ latestTime starts after t − horizon, so an entry
 * at time ≤ latestTime − horizon can never be counted again. The cutoff is inclusive: in a store
 * scored by time, remove the score range (−inf, cutoff].
 *
 * Contract: this assumes later events of the entity are not older than `latestTime`. An event
 * arriving later than that (out of event-time order) may find entries it needed already dropped.
 */
export function expiryCutoff(latestTime: number, horizonSeconds: number): number {
  return latestTime - horizonSeconds;
}

export function isExpired(entry: WindowEntry, cutoff: number): boolean {
  return entry.time <= cutoff;
}

/** The entries still needed (order preserved); the input is not modified. */
export function pruneEntries<E extends WindowEntry>(
  entries: readonly E[],
  latestTime: number,
  horizonSeconds: number,
): E[] {
  const cutoff = expiryCutoff(latestTime, horizonSeconds);
  return entries.filter((entry) => !isExpired(entry, cutoff));
}
