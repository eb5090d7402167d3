/**
 * Feature sets as declarative data. The same definitions drive the online engine (Redis, in the
 * features service) and the offline engine (backfill over a file), so nothing here may depend on
 * how or where state is stored.
 */

/** Window aggregations. `ratio` is label-driven: fraud count ÷ count, 0 when the window is empty. */
export const AGGREGATIONS = ['count', 'sum', 'mean', 'min', 'max', 'ratio'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** Per-event features, computed from the event alone (no state). */
export const EVENT_FEATURE_KINDS = ['amount', 'weekend', 'night'] as const;
export type EventFeatureKind = (typeof EVENT_FEATURE_KINDS)[number];

/**
 * `amount`: the event's amount. `weekend`: 1 on a Saturday or Sunday in UTC. `night`: 1 when the
 * UTC hour is ≤ 6 (00:00:00–06:59:59), as in the reference's code.
 */
export interface EventFeatureDefinition {
  readonly name: string;
  readonly kind: EventFeatureKind;
}

/**
 * An aggregation over one entity's events in the event-time window (t − d − w, t − d], in whole
 * seconds, where t is the current event's time, w = windowDays and d = delayDays (× 86,400 s).
 * With d = 0 the current event is inside its own window.
 */
export interface WindowFeatureDefinition {
  readonly name: string;
  readonly kind: 'window';
  /** The event's entity key field that partitions state, e.g. `customerId` or `terminalId`. */
  readonly entity: string;
  readonly windowDays: number;
  readonly delayDays: number;
  readonly aggregation: Aggregation;
  /** True when the value depends on fraud labels; required for (and only allowed on) `ratio`. */
  readonly labelDriven: boolean;
}

export type FeatureDefinition = EventFeatureDefinition | WindowFeatureDefinition;

/**
 * A named, versioned, ordered list of features. The order is the model's input order; the name
 * and version travel with every prediction, so changing a definition means a new version.
 */
export interface FeatureSet {
  readonly name: string;
  readonly version: number;
  readonly features: readonly FeatureDefinition[];
}

export const SECONDS_PER_DAY = 86_400;

export const isWindowFeature = (feature: FeatureDefinition): feature is WindowFeatureDefinition =>
  feature.kind === 'window';
