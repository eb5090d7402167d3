import type { GbdtModel } from '../gbdt/gbdt.model';
import { isLeaf } from '../gbdt/regression-tree.model';
import { TensorDataType } from './onnx.schema';
import { ML_OPSET, ONNX_INPUT_NAME } from './onnx-export.options';
import type { OnnxExportOptions } from './onnx-export.options';
import {
  castNode,
  doubleVector,
  intAttribute,
  intsAttribute,
  stringAttribute,
  stringsAttribute,
  tensorAttribute,
} from './onnx-graph.builders';
import type { OnnxAttribute, OnnxNode } from './onnx-model.types';
import { SCORE_F64, encodeScoreGraph } from './score-graph.encoder';

/**
 * The ensemble as ONNX: Cast to float64 → `TreeEnsembleRegressor` (ai.onnx.ml 3) summing the leaf
 * outputs and the base margin → Cast to float64 → `Sigmoid` → Cast to float32.
 *
 * Why the casts: ONNX Runtime picks the ensemble's internal precision from its input type. On
 * float64 input it reads thresholds, leaf values and the base from float64 tensors
 * (`*_as_tensor`) and sums in float64 like the trainer. The cast is exact and every threshold is
 * a float32 value, so each comparison decides exactly as in training. The operator's output is
 * float32 whatever its input; the sigmoid then runs in float64, because ONNX Runtime's float32
 * sigmoid is an approximation off by up to ~1e-7 (large relative to scores near 0).
 */
export function exportGbdtToOnnx(model: GbdtModel, options: OnnxExportOptions): Uint8Array {
  const meta = { type: 'gbdt', hyperParameters: model.params, columns: model.columns };
  return encodeScoreGraph(
    { node: gbdtScoreNodes(model, ONNX_INPUT_NAME, SCORE_F64) },
    meta,
    options,
  );
}

/**
 * The nodes from a float32 feature matrix `input` to the float64 probabilities `output` [N, 1];
 * `prefix` keeps the intermediate names apart when the ensemble is one branch of a larger graph.
 */
export function gbdtScoreNodes(
  model: GbdtModel,
  input: string,
  output: string,
  prefix = '',
): OnnxNode[] {
  const asDouble = `${prefix}features_f64`;
  const margin = `${prefix}margin`;
  const marginAsDouble = `${prefix}margin_f64`;
  const ensemble: OnnxNode = {
    name: `${prefix}trees`,
    opType: 'TreeEnsembleRegressor',
    domain: ML_OPSET.domain,
    input: [asDouble],
    output: [margin],
    attribute: treeAttributes(model),
  };
  return [
    castNode(input, asDouble, TensorDataType.DOUBLE),
    ensemble,
    castNode(margin, marginAsDouble, TensorDataType.DOUBLE),
    {
      name: `${prefix}sigmoid`,
      opType: 'Sigmoid',
      domain: '',
      input: [marginAsDouble],
      output: [output],
    },
  ];
}

/** The ensemble's nodes flattened into the operator's parallel attribute arrays. */
interface FlatEnsemble {
  readonly nodeTree: number[];
  readonly nodeId: number[];
  readonly feature: number[];
  readonly mode: string[];
  readonly threshold: number[];
  readonly yes: number[];
  readonly no: number[];
  readonly leafTree: number[];
  readonly leafNode: number[];
  readonly leafValue: number[];
}

function flatten(model: GbdtModel): FlatEnsemble {
  const flat: FlatEnsemble = {
    nodeTree: [],
    nodeId: [],
    feature: [],
    mode: [],
    threshold: [],
    yes: [],
    no: [],
    leafTree: [],
    leafNode: [],
    leafValue: [],
  };
  model.trees.forEach((tree, t) => {
    for (let n = 0; n < tree.feature.length; n++) {
      const leaf = isLeaf(tree, n);
      flat.nodeTree.push(t);
      flat.nodeId.push(n);
      flat.feature.push(leaf ? 0 : (tree.feature[n] as number));
      flat.mode.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      flat.threshold.push(leaf ? 0 : (tree.threshold[n] as number));
      flat.yes.push(leaf ? 0 : (tree.left[n] as number));
      flat.no.push(leaf ? 0 : (tree.right[n] as number));
      if (!leaf) continue;
      flat.leafTree.push(t);
      flat.leafNode.push(n);
      flat.leafValue.push(tree.value[n] as number);
    }
  });
  return flat;
}

function treeAttributes(model: GbdtModel): OnnxAttribute[] {
  const flat = flatten(model);
  return [
    intsAttribute('nodes_treeids', flat.nodeTree),
    intsAttribute('nodes_nodeids', flat.nodeId),
    intsAttribute('nodes_featureids', flat.feature),
    stringsAttribute('nodes_modes', flat.mode),
    tensorAttribute('nodes_values_as_tensor', doubleVector(flat.threshold)),
    intsAttribute('nodes_truenodeids', flat.yes),
    intsAttribute('nodes_falsenodeids', flat.no),
    intsAttribute('target_treeids', flat.leafTree),
    intsAttribute('target_nodeids', flat.leafNode),
    intsAttribute(
      'target_ids',
      flat.leafTree.map(() => 0),
    ),
    tensorAttribute('target_weights_as_tensor', doubleVector(flat.leafValue)),
    tensorAttribute('base_values_as_tensor', doubleVector([model.baseMargin])),
    intAttribute('n_targets', 1),
    stringAttribute('aggregate_function', 'SUM'),
    stringAttribute('post_transform', 'NONE'),
  ];
}
