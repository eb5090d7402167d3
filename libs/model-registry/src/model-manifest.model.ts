// The manifest is a contract shared with the trainer and the scoring service: declared once in
// @rtml/contracts. The registry's ModelManifest is the published one (with name and version).
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
  TrainedModelManifest,
  PublishedModelManifest as ModelManifest,
} from '@rtml/contracts';
