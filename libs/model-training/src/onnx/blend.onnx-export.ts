import type { BlendModel } from '../blend/blend.model';
import { logregWeight } from '../blend/blend.model';
import { gbdtScoreNodes } from './gbdt.onnx-export';
import { logregScoreGraph } from './logreg.onnx-export';
import { ONNX_INPUT_NAME } from './onnx-export.options';
import type { OnnxExportOptions } from './onnx-export.options';
import { doubleInitializer, opNode } from './onnx-graph.builders';
import { SCORE_F64, encodeScoreGraph } from './score-graph.encoder';

/**
 * The blend as one ONNX graph: the trees' branch and the logistic regression's branch (each as
 * in its own export, up to its float64 probability) read the same input; then
 * Mul by each weight → Add → Cast to float32. The weighted sum runs in float64 in the trainer's
 * order, so the graph's scores equal `blendScores` up to the final float32 cast.
 */
export function exportBlendToOnnx(model: BlendModel, options: OnnxExportOptions): Uint8Array {
  const linear = logregScoreGraph(model.logreg, ONNX_INPUT_NAME, 'logreg_score', 'logreg_');
  const branch = {
    node: [
      ...gbdtScoreNodes(model.gbdt, ONNX_INPUT_NAME, 'gbdt_score', 'gbdt_'),
      ...linear.node,
      opNode('Mul', ['gbdt_score', 'gbdt_weight'], 'gbdt_share'),
      opNode('Mul', ['logreg_score', 'logreg_weight'], 'logreg_share'),
      opNode('Add', ['gbdt_share', 'logreg_share'], SCORE_F64),
    ],
    initializer: [
      ...linear.initializer,
      doubleInitializer('gbdt_weight', [1], [model.gbdtWeight]),
      doubleInitializer('logreg_weight', [1], [logregWeight(model)]),
    ],
  };
  const meta = { type: 'blend', hyperParameters: model.params, columns: model.columns };
  return encodeScoreGraph(branch, meta, options);
}
