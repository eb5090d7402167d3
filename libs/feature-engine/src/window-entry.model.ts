/**
 * One event in one entity's window state. The same shape is kept in memory by the offline engine
 * and stored (encoded) in Redis by the online engine.
 */
export interface WindowEntry {
  /** Event time, whole epoch seconds. */
  readonly time: number;
  /**
   * Tie-breaker among equal times: the processing order (TRANSACTION_ID for the reference data).
   * Both engines must assign the same seq to the same event, or ties resolve differently.
   */
  readonly seq: number;
  /** The event's amount. */
  readonly value: number;
  /** Fraud label; null while it is not known yet (it then counts as not fraud). */
  readonly fraud: 0 | 1 | null;
  readonly eventId: string;
}

/**
 * The canonical order of entries: (time, seq), then eventId so that even a duplicated seq cannot
 * make the order depend on arrival. Negative when `a` comes first.
 */
export function compareEntries(a: WindowEntry, b: WindowEntry): number {
  if (a.time !== b.time) return a.time - b.time;
  if (a.seq !== b.seq) return a.seq - b.seq;
  if (a.eventId === b.eventId) return 0;
  return a.eventId < b.eventId ? -1 : 1;
}
