import type { BlendModel } from '../blend/blend.model';
import { logregWeight } from '../blend/blend.model';
import { gbdtScoreNodes } from './gbdt.onnx-export';
import { logregScoreGraph } from './logreg.onnx-export';
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
import { castNode, doubleInitializer, floatMatrixInfo, opNode } from './onnx-graph.builders';

/**
 * The blend as one ONNX graph: the trees' branch and the logistic regression's branch (each as
 * in its own export, up to its float64 probability) read the same input; then
 * Mul by each weight → Add → Cast to float32. The weighted sum runs in float64 in the trainer's
 * order, so the graph's scores equal `blendScores` up to the final float32 cast.
 */
export function exportBlendToOnnx(model: BlendModel, options: OnnxExportOptions): Uint8Array {
  const linear = logregScoreGraph(model.logreg, ONNX_INPUT_NAME, 'logreg_score', 'logreg_');
  const graph = {
    name: 'blend',
    node: [
      ...gbdtScoreNodes(model.gbdt, ONNX_INPUT_NAME, 'gbdt_score', 'gbdt_'),
      ...linear.node,
      opNode('Mul', ['gbdt_score', 'gbdt_weight'], 'gbdt_share'),
      opNode('Mul', ['logreg_score', 'logreg_weight'], 'logreg_share'),
      opNode('Add', ['gbdt_share', 'logreg_share'], 'score_f64'),
      castNode('score_f64', ONNX_OUTPUT_NAME, TensorDataType.FLOAT),
    ],
    initializer: [
      ...linear.initializer,
      doubleInitializer('gbdt_weight', [1], [model.gbdtWeight]),
      doubleInitializer('logreg_weight', [1], [logregWeight(model)]),
    ],
    input: [floatMatrixInfo(ONNX_INPUT_NAME, model.columns)],
    output: [floatMatrixInfo(ONNX_OUTPUT_NAME, 1)],
  };
  const meta = { type: 'blend', hyperParameters: model.params, columns: model.columns };
  return encodeOnnxModel(wrapGraph(graph, [DEFAULT_OPSET, ML_OPSET], options, meta));
}
