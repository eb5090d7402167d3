/**
 * The manifest that travels with every model (`manifest.json` beside `model.onnx`): the trainer
 * writes it, the model registry stores and verifies it, the scoring service reads it. It is a
 * contract between them, so it is declared once, here. Field names are API: renaming one breaks
 * every published model.
 *
 * What came after version 1 was first published (the `imported` type, `origin`, null `metrics`
 * and `trainingData`) is only ever present on imported models: every manifest written before
 * still parses, and a reader older than these additions refuses an imported manifest (an unknown
 * type or field) rather than misreading it.
 */
export const MODEL_MANIFEST_SCHEMA_VERSION = 1;

/** The model types this project trains (`model train --model ...`). */
export const MODEL_TYPES = ['gbdt', 'logreg', 'blend'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

/**
 * A model trained elsewhere (scikit-learn, LightGBM, XGBoost...) and brought in as an ONNX file
 * by `model import`: its graph, checked on import, is all this project knows of it.
 */
export const IMPORTED_MODEL_TYPE = 'imported';

/** Every `modelType` a manifest may carry: the trained types, then `imported`. */
export const MANIFEST_MODEL_TYPES = [...MODEL_TYPES, IMPORTED_MODEL_TYPE] as const;
export type ManifestModelType = (typeof MANIFEST_MODEL_TYPES)[number];

/** An ONNX tensor: float32, shape [batch, width]; `null` is the dynamic batch dimension. */
export interface ManifestTensor {
  readonly name: string;
  readonly elementType: 'float32';
  readonly shape: readonly [null, number];
}

/** Inclusive UTC calendar days, `YYYY-MM-DD`. */
export interface DateRange {
  readonly from: string;
  readonly to: string;
}

/** Quality on a period the model was not trained on. null where a metric is undefined. */
export interface ManifestMetrics {
  readonly period: DateRange;
  readonly rows: number;
  readonly frauds: number;
  readonly auc: number | null;
  readonly averagePrecision: number | null;
  readonly cardPrecisionAt100: number | null;
  /** Alerting on score ≥ threshold over that period. */
  readonly atThreshold: {
    readonly precision: number | null;
    readonly recall: number | null;
    readonly f1: number | null;
    /** Fraction of transactions alerted. */
    readonly alertRate: number;
  };
}

/** The data a model was fitted on. */
export interface ManifestTrainingData extends DateRange {
  readonly rows: number;
  readonly frauds: number;
  /** The data file's name and the sha256 of its bytes, to reproduce the training. */
  readonly source: string;
  readonly sourceSha256: string;
}

/** Where an imported model came from, as its ONNX file states it (present iff `imported`). */
export interface ManifestOrigin {
  /** The ONNX file's `producer_name` and `producer_version` (e.g. `skl2onnx`, `1.17.0`). */
  readonly producer: string;
  readonly producerVersion: string;
  /** The imported file's name; its bytes are model.onnx's, unchanged. */
  readonly file: string;
}

/**
 * How one value (an input, or the score) was distributed on the reference rows. Bin 0 holds the
 * values below `edges[0]`, bin i [edges[i-1], edges[i]), the last bin `edges.at(-1)` and above;
 * `shares` has one more entry than `edges` and sums to 1.
 */
export interface ManifestDistribution {
  readonly edges: readonly number[];
  readonly shares: readonly number[];
}

/**
 * What the model saw before serving, to measure drift against (population stability): the
 * distribution of each input and of the score over the rows it was measured on (the held-out
 * period of `metrics`, which the model did not train on).
 */
export interface ManifestReference {
  readonly period: DateRange;
  readonly rows: number;
  /** One per input, in input order (`featureNames`). */
  readonly features: readonly ManifestDistribution[];
  readonly score: ManifestDistribution;
}

/**
 * What the trainer (or `model import`) writes beside model.onnx (no registry identity yet).
 * Only an `imported` model may have null `metrics` (imported without evaluation data) or null
 * `trainingData` (a training range nobody declared), and only it has an `origin`.
 */
export interface TrainedModelManifest {
  readonly schemaVersion: typeof MODEL_MANIFEST_SCHEMA_VERSION;
  readonly modelType: ManifestModelType;
  readonly featureSet: { readonly name: string; readonly version: number };
  /** The model's input columns, in input order: the scorer builds vectors in exactly this order. */
  readonly featureNames: readonly string[];
  readonly input: ManifestTensor;
  readonly output: ManifestTensor;
  /** Alert when score ≥ value; `rule` says how the value was chosen. */
  readonly threshold: { readonly value: number; readonly rule: string };
  readonly metrics: ManifestMetrics | null;
  readonly hyperParameters: Readonly<Record<string, number>>;
  readonly trainingData: ManifestTrainingData | null;
  readonly origin?: ManifestOrigin;
  /** Absent in manifests written before drift was measured, and for a model imported without data. */
  readonly reference?: ManifestReference;
  /** sha256 (hex) of model.onnx: verify before serving. */
  readonly modelSha256: string;
  /** ISO-8601 UTC timestamp. */
  readonly createdAt: string;
}

/** A published model's manifest: the trained manifest plus the registry identity. */
export interface PublishedModelManifest extends TrainedModelManifest {
  /** The model name, as in `models/{name}/`. */
  readonly name: string;
  /** The immutable version, as in `models/{name}/{version}/` (a string, like `ModelRef.version`). */
  readonly version: string;
}
