// The manifest is a contract shared with the model registry and the scoring service: declared
// once in @rtml/contracts. The trainer's name for what it writes is ModelManifest.
export { MODEL_MANIFEST_SCHEMA_VERSION, MODEL_TYPES } from '@rtml/contracts';
export type {
  DateRange,
  ManifestMetrics,
  ManifestTensor,
  ModelType,
  TrainedModelManifest as ModelManifest,
} from '@rtml/contracts';
