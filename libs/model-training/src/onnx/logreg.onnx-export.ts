import type { LogregModel } from '../logreg/logreg.model';
import { TensorDataType } from './onnx.schema';
import { encodeOnnxModel } from './onnx-model.codec';
import {
  DEFAULT_OPSET,
  ML_OPSET,
  ONNX_INPUT_NAME,
  ONNX_OUTPUT_NAME,
  wrapGraph,
} from './onnx-export.options';
import type { OnnxExportOptions } from './onnx-export.options';
import {
  castNode,
  doubleInitializer,
  floatMatrixInfo,
  floatsAttribute,
  opNode as node,
} from './onnx-graph.builders';
import type { OnnxNode, OnnxTensor } from './onnx-model.types';

/**
 * The logistic regression as ONNX, standardisation included: `Scaler` (ai.onnx.ml; float32, as
 * the trainer computes z) → Cast to float64 → MatMul by the weights → Add the intercept →
 * `Sigmoid` → Cast to float32. The linear part runs in float64 like the trainer's predictions.
 */
export function exportLogregToOnnx(model: LogregModel, options: OnnxExportOptions): Uint8Array {
  const branch = logregScoreGraph(model, ONNX_INPUT_NAME, 'score_f64');
  const graph = {
    name: 'logreg',
    node: [...branch.node, castNode('score_f64', ONNX_OUTPUT_NAME, TensorDataType.FLOAT)],
    initializer: branch.initializer,
    input: [floatMatrixInfo(ONNX_INPUT_NAME, model.columns)],
    output: [floatMatrixInfo(ONNX_OUTPUT_NAME, 1)],
  };
  const meta = { type: 'logreg', hyperParameters: model.params, columns: model.columns };
  return encodeOnnxModel(wrapGraph(graph, [DEFAULT_OPSET, ML_OPSET], options, meta));
}

/**
 * The nodes and initializers from a float32 feature matrix `input` to the float64 probabilities
 * `output` [N, 1]; `prefix` keeps the intermediate names apart inside a larger graph.
 */
export function logregScoreGraph(
  model: LogregModel,
  input: string,
  output: string,
  prefix = '',
): { node: OnnxNode[]; initializer: OnnxTensor[] } {
  const name = (local: string) => `${prefix}${local}`;
  const scaler: OnnxNode = {
    ...node('Scaler', [input], name('standardised'), ML_OPSET.domain),
    attribute: [
      floatsAttribute('offset', Array.from(model.offsets)),
      floatsAttribute('scale', Array.from(model.scales)),
    ],
  };
  return {
    node: [
      scaler,
      castNode(name('standardised'), name('standardised_f64'), TensorDataType.DOUBLE),
      node('MatMul', [name('standardised_f64'), name('weights')], name('linear')),
      node('Add', [name('linear'), name('intercept')], name('margin')),
      node('Sigmoid', [name('margin')], output),
    ],
    initializer: [
      doubleInitializer(name('weights'), [model.columns, 1], model.weights),
      doubleInitializer(name('intercept'), [1], [model.intercept]),
    ],
  };
}
