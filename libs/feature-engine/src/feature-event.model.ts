/** The part of an event the feature engines read. Parsed and validated by the caller. */
export interface FeatureEvent {
  /** Unique per event; also deduplicates an event that is already in the entries it is scored on. */
  readonly eventId: string;
  /** Event time, whole epoch seconds (UTC). */
  readonly time: number;
  /** Tie-breaker among equal times; see `WindowEntry.seq`. */
  readonly seq: number;
  readonly amount: number;
  /** Entity key values by field, e.g. `{ customerId: '596', terminalId: '3156' }`. */
  readonly entities: Readonly<Record<string, string>>;
}
