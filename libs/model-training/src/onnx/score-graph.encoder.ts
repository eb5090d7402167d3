import { encodeOnnxModel } from './onnx-model.codec';
import { TensorDataType } from './onnx.schema';
import {
  DEFAULT_OPSET,
  ML_OPSET,
  ONNX_INPUT_NAME,
  ONNX_OUTPUT_NAME,
  wrapGraph,
} from './onnx-export.options';
import type { OnnxExportOptions } from './onnx-export.options';
import { castNode, floatMatrixInfo } from './onnx-graph.builders';
import type { OnnxNode, OnnxTensor } from './onnx-model.types';

/** The float64 probabilities [N, 1] a model's nodes must end in. */
export const SCORE_F64 = 'score_f64';

/** Nodes (and their constants) from the float32 input `features` to `SCORE_F64`. */
export interface ScoreBranch {
  readonly node: readonly OnnxNode[];
  readonly initializer?: readonly OnnxTensor[];
}

/**
 * Every exported model's outer shape: the float32 input `features` [N, F], the model's own nodes
 * up to float64 probabilities, one Cast to the float32 output `score` [N, 1], and the standard
 * metadata; encoded as ModelProto bytes.
 */
export function encodeScoreGraph(
  branch: ScoreBranch,
  model: { readonly type: string; readonly hyperParameters: object; readonly columns: number },
  options: OnnxExportOptions,
): Uint8Array {
  const graph = {
    name: model.type,
    node: [...branch.node, castNode(SCORE_F64, ONNX_OUTPUT_NAME, TensorDataType.FLOAT)],
    initializer: branch.initializer ?? [],
    input: [floatMatrixInfo(ONNX_INPUT_NAME, model.columns)],
    output: [floatMatrixInfo(ONNX_OUTPUT_NAME, 1)],
  };
  return encodeOnnxModel(wrapGraph(graph, [DEFAULT_OPSET, ML_OPSET], options, model));
}
