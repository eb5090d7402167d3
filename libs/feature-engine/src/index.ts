export {
  AGGREGATIONS,
  EVENT_FEATURE_KINDS,
  SECONDS_PER_DAY,
  isWindowFeature,
} from './feature-set.model';
export type {
  Aggregation,
  EventFeatureDefinition,
  EventFeatureKind,
  FeatureDefinition,
  FeatureSet,
  WindowFeatureDefinition,
} from './feature-set.model';
export { parseFeatureSet, validateFeatureSet } from './feature-set.parser';
export type { FeatureSetValidation } from './feature-set.parser';
export { HANDBOOK_15 } from './handbook-15.feature-set';
export { HANDBOOK_15_MAX } from './handbook-15-max.feature-set';
export {
  BUILTIN_FEATURE_SETS,
  DEFAULT_FEATURE_SET_NAME,
  builtinFeatureNames,
  findBuiltinFeatureSet,
} from './feature-set.registry';
export { deriveStateRequirements } from './entity-state.requirements';
export type { EntityStateRequirement } from './entity-state.requirements';
export { compileFeaturePlan } from './feature-plan.compiler';
export type {
  EntityWindows,
  FeaturePlan,
  FeatureSlot,
  WindowBounds,
} from './feature-plan.compiler';
export type { FeatureEvent } from './feature-event.model';
export { computeFeatureVector } from './feature-vector.calculator';
export type { EntitySnapshot, EntriesByEntity } from './feature-vector.calculator';
export { accumulateWindows, canonicalOrder } from './window.accumulator';
export type { WindowTotals } from './window.accumulator';
export { compareEntries } from './window-entry.model';
export type { WindowEntry } from './window-entry.model';
export {
  EMPTY_PACKED,
  FRAUD_UNKNOWN,
  PACKED_STRIDE,
  compareEntryAt,
  compareIndices,
  entryAt,
  fraudFromField,
  fraudToField,
  packEntries,
} from './window-entry.packing';
export type { PackedEntries } from './window-entry.packing';
export { WindowEntryBuffer } from './window-entry.buffer';
export { expiryCutoff, isExpired, pruneEntries } from './window-entry.pruning';
export { nightUtc, weekendUtc } from './calendar.features';
export { FeatureEngineError } from './feature-engine.error';
export type { FeatureEngineErrorCode } from './feature-engine.error';
export { OfflineFeatureEngine } from './offline-feature.engine';
export type { KnownLabel } from './offline-feature.engine';
export { LabelSchedule } from './label.schedule';
export { EntityBuffersState } from './entity-buffers.state';
