export type { ModelRegistry } from './model.registry';
export type {
  AliasChange,
  ClearedAlias,
  LoadedModel,
  ModelListing,
  Promotion,
  PublishedVersion,
  PublishRequest,
  ResolvedAlias,
  VersionSummary,
} from './model.registry';
export { S3ModelRegistry } from './s3-model.registry';
export type { S3ModelRegistryOptions } from './s3-model.registry';
export {
  IMPORTED_MODEL_TYPE,
  MANIFEST_MODEL_TYPES,
  MODEL_MANIFEST_SCHEMA_VERSION,
  MODEL_TYPES,
} from './model-manifest.model';
export type {
  DateRange,
  ManifestDistribution,
  ManifestMetrics,
  ManifestModelType,
  ManifestOrigin,
  ManifestReference,
  ManifestTensor,
  ManifestTrainingData,
  ModelManifest,
  ModelType,
  TrainedModelManifest,
} from './model-manifest.model';
export { parseModelManifest, parseTrainedManifest } from './model-manifest.parser';
export type { PublishableManifest } from './model-manifest.parser';
export { MODEL_ALIASES, isModelAlias } from './model-alias.model';
export type { AliasPointer, ModelAlias } from './model-alias.model';
export { parseAliasPointer } from './model-alias.parser';
export { sha256Hex } from './model-artifact.verifier';
export { isValidVersion, nextVersion, compareVersions } from './model-version.policy';
export { MODEL_FILE, MANIFEST_FILE, aliasKey, manifestKey, modelKey } from './model-storage.layout';
export { VERSION_TAKEN } from './s3-version.publisher';
export { readModelDirectory } from './model-directory.reader';
export type { ModelDirectory } from './model-directory.reader';
export { DEFAULT_MODEL_BUCKET, DEFAULT_MODEL_NAME, registryEnvFields } from './registry-env.fields';
