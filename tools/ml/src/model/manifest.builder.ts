import {
  MODEL_MANIFEST_SCHEMA_VERSION,
  ONNX_INPUT_NAME,
  ONNX_OUTPUT_NAME,
  parseModelManifest,
  referenceDistribution,
} from '@rtml/model-training';
import type {
  AlertOutcome,
  DateRange,
  FeatureMatrix,
  ManifestModelType,
  ManifestOrigin,
  ManifestReference,
  ManifestTrainingData,
  ModelManifest,
} from '@rtml/model-training';
import type { FeatureSet } from '@rtml/feature-engine';
import { round3 } from '../evaluate/evaluation.report';

export const THRESHOLD_RULE =
  'best F1 (alert when score >= threshold) over the held-out period: the week after a 7-day ' +
  'label delay following the training range, known-compromised cards removed as in the handbook';

/** Quality over the held-out period, unrounded (NaN where undefined), and alerting there. */
export type HeldOutQuality = DateRange & {
  readonly rows: number;
  readonly frauds: number;
  readonly auc: number;
  readonly ap: number;
  readonly cp100: number;
  readonly alert: AlertOutcome;
};

export interface ManifestInputs {
  readonly modelType: ManifestModelType;
  readonly featureSet: FeatureSet;
  /** The graph's tensor names; by default those of this project's exports. */
  readonly tensors?: { readonly input: string; readonly output: string };
  readonly hyperParameters: Readonly<Record<string, number>>;
  /** null only for an imported model whose training range nobody declared. */
  readonly training: ManifestTrainingData | null;
  /** null only for an imported model given no data to be measured on. */
  readonly heldOut: HeldOutQuality | null;
  readonly threshold: { readonly value: number; readonly rule: string };
  readonly origin?: ManifestOrigin;
  /** Drift's reference: the inputs and scores of the held-out rows (`referenceOf`). */
  readonly reference?: ManifestReference;
  readonly modelSha256: string;
  readonly createdAt: Date;
}

const orNull = (value: number | null): number | null => (value === null ? null : round3(value));

/** The manifest for a trained or imported model, checked by the same parser its readers use. */
export function buildManifest(inputs: ManifestInputs): ModelManifest {
  const { featureSet, heldOut, tensors } = inputs;
  const featureNames = featureSet.features.map((feature) => feature.name);
  return parseModelManifest({
    schemaVersion: MODEL_MANIFEST_SCHEMA_VERSION,
    modelType: inputs.modelType,
    featureSet: { name: featureSet.name, version: featureSet.version },
    featureNames,
    input: {
      name: tensors?.input ?? ONNX_INPUT_NAME,
      elementType: 'float32',
      shape: [null, featureNames.length],
    },
    output: { name: tensors?.output ?? ONNX_OUTPUT_NAME, elementType: 'float32', shape: [null, 1] },
    threshold: { ...inputs.threshold },
    metrics: heldOut === null ? null : manifestMetrics(heldOut),
    hyperParameters: { ...inputs.hyperParameters },
    trainingData: inputs.training === null ? null : { ...inputs.training },
    ...(inputs.origin === undefined ? {} : { origin: { ...inputs.origin } }),
    ...(inputs.reference === undefined ? {} : { reference: inputs.reference }),
    modelSha256: inputs.modelSha256,
    createdAt: inputs.createdAt.toISOString(),
  });
}

/**
 * The reference distributions drift is measured against: each input's column and the scores
 * over the held-out rows, which the model did not train on (scores on its own training rows
 * would be optimistic for trees).
 */
export function referenceOf(
  period: DateRange,
  matrix: FeatureMatrix,
  scores: ArrayLike<number>,
): ManifestReference {
  const column = (c: number) => {
    const values = new Float64Array(matrix.rows);
    for (let r = 0; r < matrix.rows; r++) values[r] = matrix.values[r * matrix.columns + c]!;
    return values;
  };
  return {
    period: { from: period.from, to: period.to },
    rows: matrix.rows,
    features: Array.from({ length: matrix.columns }, (_, c) => referenceDistribution(column(c))),
    score: referenceDistribution(scores),
  };
}

function manifestMetrics(heldOut: HeldOutQuality) {
  const { alert } = heldOut;
  return {
    period: { from: heldOut.from, to: heldOut.to },
    rows: heldOut.rows,
    frauds: heldOut.frauds,
    auc: round3(heldOut.auc),
    averagePrecision: round3(heldOut.ap),
    cardPrecisionAt100: round3(heldOut.cp100),
    atThreshold: {
      precision: orNull(alert.precision),
      recall: orNull(alert.recall),
      f1: orNull(alert.f1),
      alertRate: Number(alert.alertRate.toPrecision(4)),
    },
  };
}
