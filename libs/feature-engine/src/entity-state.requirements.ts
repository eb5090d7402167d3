import { SECONDS_PER_DAY, isWindowFeature } from './feature-set.model';
import type { FeatureSet } from './feature-set.model';

/**
 * What one entity's state must hold for a feature set. An entry older than `horizonSeconds`
 * before the latest event time seen for the entity can never fall in any window again, so the
 * state expires when no window can need it any more (the longest delay + window).
 */
export interface EntityStateRequirement {
  /** The event key field, e.g. `terminalId`. */
  readonly entity: string;
  /** max(delay + window) over the entity's features, in seconds. */
  readonly horizonSeconds: number;
  /** True when a label-driven feature reads this entity's fraud labels. */
  readonly needsLabels: boolean;
}

/** One requirement per entity, in the order the entity first appears in the feature set. */
export function deriveStateRequirements(featureSet: FeatureSet): EntityStateRequirement[] {
  const byEntity = new Map<string, { horizonSeconds: number; needsLabels: boolean }>();
  for (const feature of featureSet.features) {
    if (!isWindowFeature(feature)) continue;
    const horizonSeconds = (feature.delayDays + feature.windowDays) * SECONDS_PER_DAY;
    const current = byEntity.get(feature.entity);
    byEntity.set(feature.entity, {
      horizonSeconds: Math.max(current?.horizonSeconds ?? 0, horizonSeconds),
      needsLabels: (current?.needsLabels ?? false) || feature.labelDriven,
    });
  }
  return [...byEntity].map(([entity, requirement]) => ({ entity, ...requirement }));
}
