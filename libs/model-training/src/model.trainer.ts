import { blendScores } from './blend/blend.model';
import type { BlendModel } from './blend/blend.model';
import { trainBlend } from './blend/blend.trainer';
import type { FeatureMatrix, LabelledMatrix } from './feature-matrix.model';
import { gbdtScores } from './gbdt/gbdt.model';
import type { GbdtModel } from './gbdt/gbdt.model';
import { trainGbdt } from './gbdt/gbdt.trainer';
import { parseGbdtParams } from './gbdt/gbdt-params.parser';
import { logregScores } from './logreg/logreg.model';
import type { LogregModel } from './logreg/logreg.model';
import { parseLogregParams } from './logreg/logreg-params.model';
import { trainLogreg } from './logreg/logreg.trainer';
import type { ModelType } from './model-manifest.model';
import { exportBlendToOnnx } from './onnx/blend.onnx-export';
import { exportGbdtToOnnx } from './onnx/gbdt.onnx-export';
import { exportLogregToOnnx } from './onnx/logreg.onnx-export';
import type { OnnxExportOptions } from './onnx/onnx-export.options';

/** Any trained model, behind the three things callers do with one. */
export interface TrainedModel {
  readonly type: ModelType;
  readonly hyperParameters: Readonly<Record<string, number>>;
  /** Fraud probabilities, one per row, exactly as the exported ONNX graph computes them (±1e-5). */
  scores(matrix: FeatureMatrix): Float64Array;
  toOnnx(options: OnnxExportOptions): Uint8Array;
  /** The underlying model, for inspection. */
  readonly model: GbdtModel | LogregModel | BlendModel;
}

/**
 * Trains a model of the given type. `params` is `unknown` (e.g. parsed `--params` JSON) and is
 * validated by that type's parser over its defaults, so a bad field fails before any work.
 */
export function trainModel(
  type: ModelType,
  train: LabelledMatrix,
  params: unknown = {},
): TrainedModel {
  switch (type) {
    case 'gbdt': {
      const model = trainGbdt(train, parseGbdtParams(params)).model;
      return {
        type,
        model,
        hyperParameters: model.params,
        scores: (matrix) => gbdtScores(model, matrix),
        toOnnx: (options) => exportGbdtToOnnx(model, options),
      };
    }
    case 'logreg': {
      const model = trainLogreg(train, parseLogregParams(params)).model;
      return {
        type,
        model,
        hyperParameters: model.params,
        scores: (matrix) => logregScores(model, matrix),
        toOnnx: (options) => exportLogregToOnnx(model, options),
      };
    }
    case 'blend': {
      const model = trainBlend(train, params).model;
      return {
        type,
        model,
        hyperParameters: model.params,
        scores: (matrix) => blendScores(model, matrix),
        toOnnx: (options) => exportBlendToOnnx(model, options),
      };
    }
  }
}
