import type { OnnxGraph, OnnxModel, OnnxOpset } from './onnx-model.types';

/** Tensor names of every exported model: scoring feeds `features` [N, F] and reads `score` [N, 1]. */
export const ONNX_INPUT_NAME = 'features';
export const ONNX_OUTPUT_NAME = 'score';

/** IR version 8 with opset 17 / ai.onnx.ml 3: long supported by ONNX Runtime (1.14+). */
const IR_VERSION = 8;
export const DEFAULT_OPSET: OnnxOpset = { domain: '', version: 17 };
export const ML_OPSET: OnnxOpset = { domain: 'ai.onnx.ml', version: 3 };

export interface OnnxExportOptions {
  /** Input column names, in input order: must match the model's column count. */
  readonly featureNames: readonly string[];
  readonly featureSet: { readonly name: string; readonly version: number };
  /** Extra `metadata_props` entries (e.g. training range); never overrides the standard keys. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Standard `metadata_props` keys every exported model carries. */
export const METADATA_KEYS = Object.freeze({
  modelType: 'rtml.model_type',
  featureNames: 'rtml.feature_names',
  featureSetName: 'rtml.feature_set.name',
  featureSetVersion: 'rtml.feature_set.version',
  hyperParameters: 'rtml.hyper_parameters',
  input: 'rtml.input',
  output: 'rtml.output',
});

/** Wraps a graph in a ModelProto with the standard metadata. */
export function wrapGraph(
  graph: OnnxGraph,
  opsets: readonly OnnxOpset[],
  options: OnnxExportOptions,
  model: { readonly type: string; readonly hyperParameters: object; readonly columns: number },
): OnnxModel {
  if (options.featureNames.length !== model.columns) {
    throw new RangeError(
      `${options.featureNames.length} feature names for a ${model.columns}-input model`,
    );
  }
  const standard: Record<string, string> = {
    [METADATA_KEYS.modelType]: model.type,
    [METADATA_KEYS.featureNames]: JSON.stringify(options.featureNames),
    [METADATA_KEYS.featureSetName]: options.featureSet.name,
    [METADATA_KEYS.featureSetVersion]: String(options.featureSet.version),
    [METADATA_KEYS.hyperParameters]: JSON.stringify(model.hyperParameters),
    [METADATA_KEYS.input]: ONNX_INPUT_NAME,
    [METADATA_KEYS.output]: ONNX_OUTPUT_NAME,
  };
  const metadata = { ...options.metadata, ...standard };
  return {
    irVersion: IR_VERSION,
    opsetImport: opsets,
    producerName: 'rtml-model-training',
    producerVersion: '1',
    graph,
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
}
