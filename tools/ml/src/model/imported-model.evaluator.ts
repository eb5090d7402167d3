import { basename } from 'node:path';
import { alertOutcome, averagePrecision, cardPrecisionAtK, rocAuc } from '@rtml/model-training';
import type { ManifestReference, ManifestTrainingData } from '@rtml/model-training';
import type { FeatureSet } from '@rtml/feature-engine';
import { handbookSplit } from '../evaluate/handbook.split';
import { loadLabelledRows } from '../evaluate/labelled-rows.loader';
import { selectColumn, selectMatrix } from '../evaluate/labelled-rows.selection';
import { formatUtcDay } from '../evaluate/utc-day.calendar';
import {
  HELD_OUT_DAYS,
  LABEL_DELAY_DAYS,
  chooseThreshold,
  heldOutPlacement,
} from './held-out.period';
import { referenceOf } from './manifest.builder';
import type { HeldOutQuality } from './manifest.builder';
import type { ScoreTensorNames } from './onnx.scorer';
import { scoreWithOnnx } from './onnx.scorer';
import { fileSha256 } from './sha256.digest';

/** Where an imported model says it was trained: a reference-format file and a day range. */
export interface TrainedOn {
  readonly data: string;
  readonly from: string;
  readonly to: string;
}

export interface ImportEvaluation {
  readonly training: ManifestTrainingData;
  readonly heldOut: HeldOutQuality;
  readonly reference: ManifestReference;
}

/**
 * Measures an imported model exactly as `train` measures its own: the week held out after the
 * label delay that follows the declared training range, known-compromised cards removed as in
 * the handbook, scored by ONNX Runtime through the graph's own tensors. The threshold is the
 * given one, or the best F1 there.
 */
export async function evaluateImported(
  onnx: Uint8Array,
  tensors: ScoreTensorNames,
  featureSet: FeatureSet,
  trainedOn: TrainedOn,
  threshold?: number,
): Promise<ImportEvaluation> {
  const placement = heldOutPlacement(trainedOn.from, trainedOn.to);
  const rows = await loadLabelledRows(trainedOn.data, featureSet, {
    fromDay: placement.fromDay,
    toDay: placement.heldOutToDay,
  });
  const split = handbookSplit(rows, placement.fromDay, placement.periods);
  if (split.train.length === 0) {
    throw new Error(
      `no transactions from ${trainedOn.from} to ${trainedOn.to} in ${trainedOn.data}`,
    );
  }
  const heldOutFrom = formatUtcDay(placement.heldOutFromDay);
  const heldOutTo = formatUtcDay(placement.heldOutToDay);
  if (split.test.length === 0) {
    throw new Error(
      `no held-out transactions from ${heldOutFrom} to ${heldOutTo} in ${trainedOn.data}: ` +
        `--to must be at least ${LABEL_DELAY_DAYS + HELD_OUT_DAYS} days before the end of the data`,
    );
  }
  const test = selectMatrix(rows, split.test);
  const scores = await scoreWithOnnx(onnx, test, tensors);
  const cardRows = {
    days: selectColumn(rows.days, split.test),
    cards: selectColumn(rows.cards, split.test),
    labels: test.labels,
    scores,
  };
  return {
    training: {
      from: trainedOn.from,
      to: trainedOn.to,
      rows: split.train.length,
      frauds: countOnes(selectColumn(rows.labels, split.train)),
      source: basename(trainedOn.data),
      sourceSha256: await fileSha256(trainedOn.data),
    },
    heldOut: {
      from: heldOutFrom,
      to: heldOutTo,
      rows: test.rows,
      frauds: countOnes(test.labels),
      auc: rocAuc(test.labels, scores),
      ap: averagePrecision(test.labels, scores),
      cp100: cardPrecisionAtK(cardRows, 100).mean,
      alert:
        threshold === undefined
          ? chooseThreshold(test.labels, scores)
          : alertOutcome(test.labels, scores, threshold),
    },
    reference: referenceOf({ from: heldOutFrom, to: heldOutTo }, test, scores),
  };
}

const countOnes = (labels: Uint8Array): number => labels.reduce((sum, label) => sum + label, 0);
