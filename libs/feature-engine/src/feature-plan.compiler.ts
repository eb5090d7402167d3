import { deriveStateRequirements } from './entity-state.requirements';
import type { EntityStateRequirement } from './entity-state.requirements';
import { SECONDS_PER_DAY } from './feature-set.model';
import type {
  Aggregation,
  EventFeatureKind,
  FeatureSet,
  WindowFeatureDefinition,
} from './feature-set.model';

/** A window as offsets from the event time t: it covers (t − lowerOffset, t − upperOffset]. */
export interface WindowBounds {
  readonly lowerOffsetSeconds: number;
  readonly upperOffsetSeconds: number;
}

/** The distinct windows of one entity, so each is accumulated once however many features use it. */
export interface EntityWindows {
  readonly entity: string;
  readonly windows: readonly WindowBounds[];
}

export type FeatureSlot =
  | { readonly kind: EventFeatureKind }
  | {
      readonly kind: 'window';
      readonly entityIndex: number;
      readonly windowIndex: number;
      readonly aggregation: Aggregation;
    };

/**
 * A feature set compiled once for fast, repeated evaluation. Both engines evaluate the same plan
 * with `computeFeatureVector`; build it once per feature set, not per event.
 */
export interface FeaturePlan {
  readonly featureSet: FeatureSet;
  /** Output column names, in the feature set's order. */
  readonly featureNames: readonly string[];
  /** The state each entity needs (horizon, labels); drives pruning and expiry. */
  readonly stateRequirements: readonly EntityStateRequirement[];
  readonly entityWindows: readonly EntityWindows[];
  /** One slot per feature, in order: where its value comes from. */
  readonly slots: readonly FeatureSlot[];
}

export function compileFeaturePlan(featureSet: FeatureSet): FeaturePlan {
  const entityWindows: { entity: string; windows: WindowBounds[] }[] = [];
  const slots = featureSet.features.map((feature): FeatureSlot => {
    if (feature.kind !== 'window') return { kind: feature.kind };
    const { entityIndex, windowIndex } = locateWindow(entityWindows, feature);
    return { kind: 'window', entityIndex, windowIndex, aggregation: feature.aggregation };
  });
  return Object.freeze({
    featureSet,
    featureNames: featureSet.features.map((feature) => feature.name),
    stateRequirements: deriveStateRequirements(featureSet),
    entityWindows,
    slots,
  });
}

function locateWindow(
  entityWindows: { entity: string; windows: WindowBounds[] }[],
  feature: WindowFeatureDefinition,
): { entityIndex: number; windowIndex: number } {
  let entityIndex = entityWindows.findIndex((group) => group.entity === feature.entity);
  if (entityIndex < 0)
    entityIndex = entityWindows.push({ entity: feature.entity, windows: [] }) - 1;
  const windows = entityWindows[entityIndex]?.windows ?? [];
  const upperOffsetSeconds = feature.delayDays * SECONDS_PER_DAY;
  const lowerOffsetSeconds = upperOffsetSeconds + feature.windowDays * SECONDS_PER_DAY;
  let windowIndex = windows.findIndex(
    (w) =>
      w.lowerOffsetSeconds === lowerOffsetSeconds && w.upperOffsetSeconds === upperOffsetSeconds,
  );
  if (windowIndex < 0) windowIndex = windows.push({ lowerOffsetSeconds, upperOffsetSeconds }) - 1;
  return { entityIndex, windowIndex };
}
