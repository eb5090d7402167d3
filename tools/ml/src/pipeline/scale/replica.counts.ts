/** A replica's cumulative records-consumed counter as last read, and whether it still runs. */
export interface ReplicaReading {
  readonly consumed: number;
  /** CPU seconds (user + system) the process had used, when the platform tells. */
  readonly cpuSeconds?: number;
  readonly alive: boolean;
}

export type ReplicaReadings = ReadonlyMap<string, ReplicaReading>;

/**
 * What each replica consumed (or, with `cpuSeconds`, how much CPU it used) between two readings of the fleet: the end counter minus the start
 * counter (a replica launched during the step starts from 0). A replica already gone at the start
 * took no part in the step and is left out; one that died during it keeps its last reading
 * before it died (counters die with the process).
 */
export function consumedDuring(
  before: ReplicaReadings,
  after: ReplicaReadings,
  field: 'consumed' | 'cpuSeconds' = 'consumed',
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, end] of after) {
    const start = before.get(name);
    if (start !== undefined && !start.alive) continue;
    const delta = (end[field] ?? 0) - (start?.[field] ?? 0);
    counts[name] = field === 'consumed' ? delta : Math.round(delta * 10) / 10;
  }
  return counts;
}

/** Names of the replicas that consumed nothing (work did not reach them). */
export function idleReplicas(counts: Readonly<Record<string, number>>): string[] {
  return Object.entries(counts)
    .filter(([, consumed]) => !(consumed > 0))
    .map(([name]) => name);
}

/** How many prediction messages repeated an event id already seen (at-least-once delivery). */
export function duplicateMessages(countsById: ReadonlyMap<string, number>): number {
  let duplicates = 0;
  for (const count of countsById.values()) duplicates += Math.max(0, count - 1);
  return duplicates;
}
