// The manifest is a contract shared with the model registry and the scoring service: declared
// once in @rtml/contracts. The trainer's name for what it writes is ModelManifest.
export {
  IMPORTED_MODEL_TYPE,
  MANIFEST_MODEL_TYPES,
  MODEL_MANIFEST_SCHEMA_VERSION,
  MODEL_TYPES,
} from '@rtml/contracts';
export type {
  DateRange,
  ManifestDistribution,
  ManifestMetrics,
  ManifestModelType,
  ManifestOrigin,
  ManifestReference,
  ManifestTensor,
  ManifestTrainingData,
  ModelType,
  TrainedModelManifest as ModelManifest,
} from '@rtml/contracts';
