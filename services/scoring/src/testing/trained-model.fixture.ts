import { createHash } from 'node:crypto';
import type { Feature, TrainedModelManifest } from '@rtml/contracts';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import type { FeatureDefinition, FeatureSet } from '@rtml/feature-engine';
import {
  ONNX_INPUT_NAME,
  ONNX_OUTPUT_NAME,
  createSeededRandom,
  referenceDistribution,
  toFeatureMatrix,
  toLabelledMatrix,
  trainModel,
} from '@rtml/model-training';
import type { FeatureMatrix, RandomSource, TrainedModel } from '@rtml/model-training';

/**
 * Real, tiny ONNX models for tests and the throughput bench: gradient-boosted trees trained on
 * synthetic rows shaped like a feature set's features, exported exactly as `model train` does.
 * Test data only: excluded from the service build.
 */
export interface TrainedArtifact {
  readonly model: Uint8Array;
  readonly manifest: TrainedModelManifest;
  readonly trained: TrainedModel;
}

export interface TrainOptions {
  readonly featureSet?: FeatureSet;
  readonly seed?: number;
  readonly trees?: number;
  readonly maxDepth?: number;
  readonly rows?: number;
  readonly threshold?: number;
}

/** One plausible value per feature kind (amounts, 0/1 flags, counts, means, fraud ratios). */
function sampleValue(feature: FeatureDefinition, random: RandomSource): number {
  switch (feature.kind) {
    case 'amount':
      return Math.round(random() * 30_000) / 100;
    case 'weekend':
    case 'night':
      return random() < 0.3 ? 1 : 0;
    case 'window':
      if (feature.aggregation === 'count') return Math.floor(random() * 30);
      if (feature.aggregation === 'ratio') return random() < 0.8 ? 0 : random();
      return Math.round(random() * 20_000) / 100;
  }
}

/** Synthetic rows of a feature set, in its order. Fraud follows the amount and the risk ratios. */
export function syntheticRows(featureSet: FeatureSet, rows: number, seed = 1): number[][] {
  const random = createSeededRandom(seed);
  return Array.from({ length: rows }, () =>
    featureSet.features.map((feature) => sampleValue(feature, random)),
  );
}

function labelsOf(featureSet: FeatureSet, rows: readonly number[][], seed: number): number[] {
  const random = createSeededRandom(seed + 1_000);
  const amount = featureSet.features.findIndex((feature) => feature.kind === 'amount');
  const risks = featureSet.features.flatMap((feature, index) =>
    feature.kind === 'window' && feature.aggregation === 'ratio' ? [index] : [],
  );
  return rows.map((row) => {
    const risky = risks.some((index) => (row[index] ?? 0) > 0.5);
    const large = (row[amount] ?? 0) > 220;
    return random() < (large ? 0.9 : risky ? 0.6 : 0.02) ? 1 : 0;
  });
}

/** Trains a small GBDT and exports it with the manifest the trainer would write. */
export function trainArtifact(options: TrainOptions = {}): TrainedArtifact {
  const featureSet = options.featureSet ?? HANDBOOK_15;
  const seed = options.seed ?? 1;
  const rows = syntheticRows(featureSet, options.rows ?? 3_000, seed);
  const trained = trainModel('gbdt', toLabelledMatrix(rows, labelsOf(featureSet, rows, seed)), {
    trees: options.trees ?? 20,
    maxDepth: options.maxDepth ?? 3,
    learningRate: 0.2,
    rowSubsample: 0.8,
    seed,
  });
  const featureNames = featureSet.features.map((feature) => feature.name);
  const model = trained.toOnnx({ featureNames, featureSet });
  const manifest = manifestFor(featureSet, trained, model, options);
  return { model, manifest: { ...manifest, reference: referenceOf(rows, trained) }, trained };
}

/** Drift's reference, as `model train` records it: each input's and the score's bins. */
function referenceOf(rows: readonly number[][], trained: TrainedModel) {
  const width = rows[0]?.length ?? 0;
  return {
    period: { from: '2018-08-01', to: '2018-08-07' },
    rows: rows.length,
    features: Array.from({ length: width }, (_, c) =>
      referenceDistribution(rows.map((row) => row[c]!)),
    ),
    score: referenceDistribution(trained.scores(toFeatureMatrix(rows))),
  };
}

function manifestFor(
  featureSet: FeatureSet,
  trained: TrainedModel,
  model: Uint8Array,
  options: TrainOptions,
): TrainedModelManifest {
  const width = featureSet.features.length;
  return {
    schemaVersion: 1,
    modelType: 'gbdt',
    featureSet: { name: featureSet.name, version: featureSet.version },
    featureNames: featureSet.features.map((feature) => feature.name),
    input: { name: ONNX_INPUT_NAME, elementType: 'float32', shape: [null, width] },
    output: { name: ONNX_OUTPUT_NAME, elementType: 'float32', shape: [null, 1] },
    threshold: { value: options.threshold ?? 0.5, rule: 'fixed for tests' },
    metrics: {
      period: { from: '2018-08-01', to: '2018-08-07' },
      rows: 1_000,
      frauds: 10,
      auc: 0.9,
      averagePrecision: 0.5,
      cardPrecisionAt100: null,
      atThreshold: { precision: 0.5, recall: 0.5, f1: 0.5, alertRate: 0.01 },
    },
    hyperParameters: { ...trained.hyperParameters },
    trainingData: {
      from: '2018-07-01',
      to: '2018-07-24',
      rows: options.rows ?? 3_000,
      frauds: 100,
      source: 'synthetic',
      sourceSha256: 'b'.repeat(64),
    },
    modelSha256: createHash('sha256').update(model).digest('hex'),
    createdAt: '2024-05-01T12:00:00.000Z',
  };
}

/** Named features in a feature set's order, as the features service publishes them. */
export function namedFeatures(featureSet: FeatureSet, row: readonly number[]): Feature[] {
  return featureSet.features.map((feature, index) => ({
    name: feature.name,
    value: row[index] ?? 0,
  }));
}

/** The same rows as a float32 matrix, for scoring with ONNX Runtime directly. */
export const matrixOf = (rows: readonly (readonly number[])[]): FeatureMatrix =>
  toFeatureMatrix(rows);
