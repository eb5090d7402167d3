import type { LogregModel } from '../logreg/logreg.model';
import { TensorDataType } from './onnx.schema';
import { ML_OPSET, ONNX_INPUT_NAME } from './onnx-export.options';
import type { OnnxExportOptions } from './onnx-export.options';
import {
  castNode,
  doubleInitializer,
  floatsAttribute,
  opNode as node,
} from './onnx-graph.builders';
import type { OnnxNode, OnnxTensor } from './onnx-model.types';
import { SCORE_F64, encodeScoreGraph } from './score-graph.encoder';

/**
 * The logistic regression as ONNX, standardisation included: `Scaler` (ai.onnx.ml; float32, as
 * the trainer computes z) → Cast to float64 → MatMul by the weights → Add the intercept →
 * `Sigmoid` → Cast to float32. The linear part runs in float64 like the trainer's predictions.
 */
export function exportLogregToOnnx(model: LogregModel, options: OnnxExportOptions): Uint8Array {
  const meta = { type: 'logreg', hyperParameters: model.params, columns: model.columns };
  return encodeScoreGraph(logregScoreGraph(model, ONNX_INPUT_NAME, SCORE_F64), meta, options);
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
