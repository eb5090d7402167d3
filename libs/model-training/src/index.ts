/**
 * @rtml/model-training: pure model training, scoring, ONNX export, metrics and the model
 * manifest. No I/O: callers read data and write artifacts.
 */

// Data and common math.
export { assertTrainable, toFeatureMatrix, toLabelledMatrix } from './feature-matrix.model';
export type { FeatureMatrix, LabelledMatrix } from './feature-matrix.model';
export { logit, meanLogLoss, sigmoid } from './logistic.math';
export { createSeededRandom, sampleIndices } from './seeded.random';
export type { RandomSource } from './seeded.random';
export { ModelTrainingError } from './model-training.error';
export type { ModelTrainingErrorCode } from './model-training.error';

// Any model type behind one interface.
export { trainModel } from './model.trainer';
export type { TrainedModel } from './model.trainer';

// Gradient-boosted trees.
export { DEFAULT_GBDT_PARAMS } from './gbdt/gbdt-params.model';
export type { GbdtParams } from './gbdt/gbdt-params.model';
export { parseGbdtParams } from './gbdt/gbdt-params.parser';
export { trainGbdt } from './gbdt/gbdt.trainer';
export type { GbdtTrainingOptions, GbdtTrainingResult } from './gbdt/gbdt.trainer';
export { gbdtMargins, gbdtScores } from './gbdt/gbdt.model';
export type { GbdtModel } from './gbdt/gbdt.model';
export { leafCount, treeDepth, treeOutput } from './gbdt/regression-tree.model';
export type { RegressionTree } from './gbdt/regression-tree.model';

// Logistic regression.
export { DEFAULT_LOGREG_PARAMS, parseLogregParams } from './logreg/logreg-params.model';
export type { LogregParams } from './logreg/logreg-params.model';
export { trainLogreg } from './logreg/logreg.trainer';
export type { LogregTrainingResult } from './logreg/logreg.trainer';
export { logregMargins, logregScores } from './logreg/logreg.model';
export type { LogregModel } from './logreg/logreg.model';

// Blend of both: averaged probabilities.
export {
  DEFAULT_BLEND_PARAMS,
  gbdtPart,
  logregPart,
  parseBlendParams,
} from './blend/blend-params.model';
export type { BlendParams } from './blend/blend-params.model';
export { trainBlend } from './blend/blend.trainer';
export { blendScores } from './blend/blend.model';
export type { BlendModel } from './blend/blend.model';

// ONNX export.
export { exportBlendToOnnx } from './onnx/blend.onnx-export';
export { exportGbdtToOnnx } from './onnx/gbdt.onnx-export';
export { exportLogregToOnnx } from './onnx/logreg.onnx-export';
export { decodeOnnxModel, encodeOnnxModel, readOnnxMetadata } from './onnx/onnx-model.codec';
export { METADATA_KEYS, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from './onnx/onnx-export.options';
export type { OnnxExportOptions } from './onnx/onnx-export.options';

// Metrics.
export { rocAuc } from './metrics/roc-auc.metric';
export { averagePrecision } from './metrics/average-precision.metric';
export { cardNumbers, cardPrecisionAtK } from './metrics/card-precision.metric';
export type {
  CardPrecisionDay,
  CardPrecisionResult,
  CardScoredRows,
} from './metrics/card-precision.metric';
export { DEFAULT_CARD_PRECISION_K, modelQuality } from './metrics/model-quality.metric';
export {
  COMPARED_METRICS,
  compareModels,
  weightedAp,
  weightedAuc,
} from './metrics/model-comparison.metric';
export type {
  ComparedMetric,
  ComparisonOptions,
  Estimate,
  MetricComparison,
  ModelComparison,
  PairedScores,
} from './metrics/model-comparison.metric';
export type { DailyQuality, ModelQuality, QualityFigures } from './metrics/model-quality.metric';
export { alertOutcome, bestF1Threshold } from './metrics/alert-threshold.selector';
export {
  PSI_SHARE_FLOOR,
  PSI_THRESHOLDS,
  REFERENCE_QUANTILES,
  binCounts,
  binOf,
  populationStability,
  referenceDistribution,
} from './metrics/population-stability.metric';
export type { AlertOutcome } from './metrics/alert-threshold.selector';

// The model manifest shared with the model registry and the scoring service.
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
} from './model-manifest.model';
export { parseModelManifest } from './model-manifest.parser';
