import {
  MODEL_MANIFEST_SCHEMA_VERSION,
  ONNX_INPUT_NAME,
  ONNX_OUTPUT_NAME,
  parseModelManifest,
} from '@rtml/model-training';
import type { AlertOutcome, DateRange, ModelManifest, ModelType } from '@rtml/model-training';
import type { FeatureSet } from '@rtml/feature-engine';
import { round3 } from '../evaluate/evaluation.report';

export const THRESHOLD_RULE =
  'best F1 (alert when score >= threshold) over the held-out period: the week after a 7-day ' +
  'label delay following the training range, known-compromised cards removed as in the handbook';

export interface ManifestInputs {
  readonly modelType: ModelType;
  readonly featureSet: FeatureSet;
  readonly hyperParameters: Readonly<Record<string, number>>;
  readonly training: DateRange & {
    rows: number;
    frauds: number;
    source: string;
    sourceSha256: string;
  };
  readonly heldOut: DateRange & {
    rows: number;
    frauds: number;
    auc: number;
    ap: number;
    cp100: number;
  };
  readonly alert: AlertOutcome;
  readonly modelSha256: string;
  readonly createdAt: Date;
}

const orNull = (value: number | null): number | null => (value === null ? null : round3(value));

/** The manifest for a trained model, checked by the same parser its readers use. */
export function buildManifest(inputs: ManifestInputs): ModelManifest {
  const { featureSet, heldOut, alert, training } = inputs;
  const featureNames = featureSet.features.map((feature) => feature.name);
  return parseModelManifest({
    schemaVersion: MODEL_MANIFEST_SCHEMA_VERSION,
    modelType: inputs.modelType,
    featureSet: { name: featureSet.name, version: featureSet.version },
    featureNames,
    input: { name: ONNX_INPUT_NAME, elementType: 'float32', shape: [null, featureNames.length] },
    output: { name: ONNX_OUTPUT_NAME, elementType: 'float32', shape: [null, 1] },
    threshold: { value: alert.threshold, rule: THRESHOLD_RULE },
    metrics: {
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
    },
    hyperParameters: { ...inputs.hyperParameters },
    trainingData: { ...training },
    modelSha256: inputs.modelSha256,
    createdAt: inputs.createdAt.toISOString(),
  });
}
