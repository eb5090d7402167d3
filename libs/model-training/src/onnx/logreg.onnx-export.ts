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
import { castNode, floatMatrixInfo, floatsAttribute } from './onnx-graph.builders';
import type { OnnxNode, OnnxTensor } from './onnx-model.types';

const node = (opType: string, input: string[], output: string, domain = ''): OnnxNode => ({
  name: output,
  opType,
  domain,
  input,
  output: [output],
});

const doubleInitializer = (
  name: string,
  dims: number[],
  values: ArrayLike<number>,
): OnnxTensor => ({
  name,
  dataType: TensorDataType.DOUBLE,
  dims,
  doubleData: Array.from(values),
});

/**
 * The logistic regression as ONNX, standardisation included: `Scaler` (ai.onnx.ml; float32, as
 * the trainer computes z) → Cast to float64 → MatMul by the weights → Add the intercept →
 * `Sigmoid` → Cast to float32. The linear part runs in float64 like the trainer's predictions.
 */
export function exportLogregToOnnx(model: LogregModel, options: OnnxExportOptions): Uint8Array {
  const scaler: OnnxNode = {
    ...node('Scaler', [ONNX_INPUT_NAME], 'standardised', ML_OPSET.domain),
    attribute: [
      floatsAttribute('offset', Array.from(model.offsets)),
      floatsAttribute('scale', Array.from(model.scales)),
    ],
  };
  const graph = {
    name: 'logreg',
    node: [
      scaler,
      castNode('standardised', 'standardised_f64', TensorDataType.DOUBLE),
      node('MatMul', ['standardised_f64', 'weights'], 'linear'),
      node('Add', ['linear', 'intercept'], 'margin'),
      node('Sigmoid', ['margin'], 'score_f64'),
      castNode('score_f64', ONNX_OUTPUT_NAME, TensorDataType.FLOAT),
    ],
    initializer: [
      doubleInitializer('weights', [model.columns, 1], model.weights),
      doubleInitializer('intercept', [1], [model.intercept]),
    ],
    input: [floatMatrixInfo(ONNX_INPUT_NAME, model.columns)],
    output: [floatMatrixInfo(ONNX_OUTPUT_NAME, 1)],
  };
  const meta = { type: 'logreg', hyperParameters: model.params, columns: model.columns };
  return encodeOnnxModel(wrapGraph(graph, [DEFAULT_OPSET, ML_OPSET], options, meta));
}
