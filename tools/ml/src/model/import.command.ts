import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '@rtml/errors';
import { IMPORTED_MODEL_TYPE } from '@rtml/model-training';
import type { ModelManifest } from '@rtml/model-training';
import type { Output } from './evaluate.command';
import { resolveFeatureSet } from './feature-set.catalog';
import { evaluateImported } from './imported-model.evaluator';
import { THRESHOLD_RULE, buildManifest } from './manifest.builder';
import type { ImportArgs } from './model-args.parser';
import { writeModelArtifacts } from './model-artifacts.writer';
import { inspectOnnxModel } from './onnx-graph.inspector';
import { sha256Hex } from './sha256.digest';

export const GIVEN_THRESHOLD_RULE = 'given at import (--threshold); alert when score >= threshold';

/**
 * `model import`: brings in an ONNX model trained elsewhere (scikit-learn, LightGBM, XGBoost...)
 * for a named feature set. The graph is inspected, not trusted (`inspectOnnxModel`); with
 * `--data --from --to` the model is measured on the week held out after that training range, as
 * `train` measures its own. Writes model.onnx (the bytes unchanged) and a manifest of type
 * `imported` into the output folder, ready for `model publish`.
 */
export async function runImport(args: ImportArgs, out: Output): Promise<ModelManifest> {
  const featureSet = await resolveFeatureSet(args.features);
  const onnx = await readOnnx(args.onnx);
  const graph = await inspectOnnxModel(onnx, featureSet, args.scoreOutput);
  const width = featureSet.features.length;
  out(
    `${basename(args.onnx)} (${graph.producer} ${graph.producerVersion}): ${graph.tensors.input} [N, ${width}] -> ` +
      `${graph.tensors.output} [N, 1] serves ${featureSet.name} v${featureSet.version}`,
  );
  const evaluation =
    args.trainedOn === undefined
      ? null
      : await evaluateImported(onnx, graph.tensors, featureSet, args.trainedOn, args.threshold);
  if (evaluation !== null) {
    const { heldOut } = evaluation;
    out(
      `held out ${heldOut.from}…${heldOut.to}: ${heldOut.rows} rows, ${heldOut.frauds} frauds; ` +
        `AUC ${heldOut.auc.toFixed(4)} AP ${heldOut.ap.toFixed(4)} CP@100 ${heldOut.cp100.toFixed(4)}`,
    );
  }
  const threshold = args.threshold ?? evaluation?.heldOut.alert.threshold;
  if (threshold === undefined) throw new Error('no threshold: give --threshold or --data');
  const manifest = buildManifest({
    modelType: IMPORTED_MODEL_TYPE,
    featureSet,
    tensors: graph.tensors,
    hyperParameters: {},
    training: evaluation?.training ?? null,
    heldOut: evaluation?.heldOut ?? null,
    ...(evaluation === null ? {} : { reference: evaluation.reference }),
    threshold: {
      value: threshold,
      rule: args.threshold === undefined ? THRESHOLD_RULE : GIVEN_THRESHOLD_RULE,
    },
    origin: {
      producer: graph.producer,
      producerVersion: graph.producerVersion,
      file: basename(args.onnx),
    },
    modelSha256: sha256Hex(onnx),
    createdAt: new Date(),
  });
  await writeModelArtifacts(args.output, onnx, manifest);
  out(`threshold ${threshold}; wrote model.onnx and manifest.json to ${args.output}`);
  return manifest;
}

async function readOnnx(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError(missing ? 'NOT_FOUND' : 'INTERNAL', `cannot read ${path}`, {
      cause: error,
      retriable: false,
    });
  }
}
