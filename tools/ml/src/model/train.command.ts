import { basename } from 'node:path';
import type { AlertOutcome, FeatureMatrix } from '@rtml/model-training';
import type { FeatureSet } from '@rtml/feature-engine';
import { evaluateFold } from '../evaluate/fold.evaluator';
import type { FoldResult } from '../evaluate/fold.evaluator';
import { loadLabelledRows } from '../evaluate/labelled-rows.loader';
import type { LabelledRows } from '../evaluate/labelled-rows.model';
import { selectMatrix } from '../evaluate/labelled-rows.selection';
import { formatUtcDay } from '../evaluate/utc-day.calendar';
import type { Output } from './evaluate.command';
import { resolveFeatureSet } from './feature-set.catalog';
import {
  HELD_OUT_DAYS,
  LABEL_DELAY_DAYS,
  chooseThreshold,
  heldOutPlacement,
} from './held-out.period';
import { fileSha256, sha256Hex } from './sha256.digest';
import { THRESHOLD_RULE, buildManifest, referenceOf } from './manifest.builder';
import type { TrainArgs } from './model-args.parser';
import { writeModelArtifacts } from './model-artifacts.writer';
import { actionsApiOf } from './actions-api.client';
import { loadStoredRows } from './stored-rows.loader';
import { maxAbsDifference, scoreWithOnnx } from './onnx.scorer';
import { TUNED_PARAMS } from './tuned-params.catalog';

/** ONNX scores must equal the trainer's to this tolerance, or nothing is written. */
const PARITY_TOLERANCE = 1e-5;

/**
 * `model train`: fits on [from, to], measures on the held-out week after the label delay (the
 * handbook's placement), picks the alert threshold there, verifies the ONNX export against the
 * trainer with ONNX Runtime, then writes `model.onnx` and `manifest.json` into the output folder.
 */
export async function runTrain(args: TrainArgs, out: Output): Promise<void> {
  const featureSet = await resolveFeatureSet(args.features);
  const fold = await fitAndHoldOut(args, featureSet);
  out(
    `trained ${args.model} on ${fold.trainRows} rows (${fold.trainFrauds} frauds) in ${fold.trainSeconds.toFixed(2)} s`,
  );
  out(
    `held out ${fold.testFrom}…${fold.testTo}: ${fold.testRows} rows, ${fold.testFrauds} frauds; ` +
      `AUC ${fold.auc.toFixed(4)} AP ${fold.ap.toFixed(4)} CP@100 ${fold.cp100.toFixed(4)}`,
  );
  const alert = chooseThreshold(fold.heldOut.labels, fold.scores);
  const onnx = fold.model.toOnnx({
    featureNames: featureSet.features.map((feature) => feature.name),
    featureSet,
    metadata: {
      'rtml.training.from': args.from,
      'rtml.training.to': args.to,
      'rtml.threshold': String(alert.threshold),
    },
  });
  const parity = await checkParity(onnx, fold.heldOut, fold.scores);
  out(
    `ONNX parity on ${fold.heldOut.rows} held-out rows: max |onnx − trainer| = ${parity.toExponential(2)}`,
  );
  const manifest = await manifestFor(args, featureSet, fold, alert, onnx);
  await writeModelArtifacts(args.output, onnx, manifest);
  out(
    `threshold ${alert.threshold} (F1 ${alert.f1?.toFixed(3)}); wrote model.onnx and manifest.json to ${args.output}`,
  );
}

type HeldOutFold = FoldResult & {
  readonly heldOut: FeatureMatrix & { readonly labels: Uint8Array };
  /** What the rows were read from, for the manifest. */
  readonly source: { readonly name: string; readonly sha256: string };
};

/** Trains on [from, to] and scores the held-out week after the label delay. */
async function fitAndHoldOut(args: TrainArgs, featureSet: FeatureSet): Promise<HeldOutFold> {
  const { fromDay, periods, heldOutFromDay, heldOutToDay } = heldOutPlacement(args.from, args.to);
  const range = { fromDay, toDay: heldOutToDay };
  let rows: LabelledRows;
  let source: HeldOutFold['source'];
  if (args.data !== undefined) {
    rows = await loadLabelledRows(args.data, featureSet, range);
    source = { name: basename(args.data), sha256: await fileSha256(args.data) };
  } else {
    const stored = await loadStoredRows(
      actionsApiOf(args.fromStore?.url, process.env),
      featureSet,
      range,
    );
    rows = stored.rows;
    source = { name: stored.source, sha256: stored.sha256 };
  }
  const where = args.data ?? 'the store';
  const params = { ...TUNED_PARAMS[args.model], ...args.params };
  const fold = evaluateFold(rows, {
    trainFromDay: fromDay,
    periods,
    modelType: args.model,
    params,
  });
  if (fold.trainRows === 0)
    throw new Error(`no transactions from ${args.from} to ${args.to} in ${where}`);
  if (fold.testRows === 0) {
    throw new Error(
      `no held-out transactions from ${formatUtcDay(heldOutFromDay)} to ${formatUtcDay(heldOutToDay)}: ` +
        `--to must be at least ${LABEL_DELAY_DAYS + HELD_OUT_DAYS} days before the end of the data`,
    );
  }
  return { ...fold, heldOut: selectMatrix(rows, fold.testIndices), source };
}

/** Scores with ONNX Runtime; refuses an export that disagrees with the trainer. */
async function checkParity(
  onnx: Uint8Array,
  matrix: FeatureMatrix,
  expected: Float64Array,
): Promise<number> {
  const parity = maxAbsDifference(await scoreWithOnnx(onnx, matrix), expected);
  if (!(parity.value <= PARITY_TOLERANCE)) {
    throw new Error(
      `ONNX scores differ from the trainer's by ${parity.value} on held-out row ${parity.index}`,
    );
  }
  return parity.value;
}

async function manifestFor(
  args: TrainArgs,
  featureSet: FeatureSet,
  fold: HeldOutFold,
  alert: AlertOutcome,
  onnx: Uint8Array,
) {
  return buildManifest({
    modelType: args.model,
    featureSet,
    hyperParameters: fold.model.hyperParameters,
    training: {
      from: args.from,
      to: args.to,
      rows: fold.trainRows,
      frauds: fold.trainFrauds,
      source: fold.source.name,
      sourceSha256: fold.source.sha256,
    },
    heldOut: {
      from: fold.testFrom,
      to: fold.testTo,
      rows: fold.testRows,
      frauds: fold.testFrauds,
      auc: fold.auc,
      ap: fold.ap,
      cp100: fold.cp100,
      alert,
    },
    threshold: { value: alert.threshold, rule: THRESHOLD_RULE },
    reference: referenceOf({ from: fold.testFrom, to: fold.testTo }, fold.heldOut, fold.scores),
    modelSha256: sha256Hex(onnx),
    createdAt: new Date(),
  });
}
