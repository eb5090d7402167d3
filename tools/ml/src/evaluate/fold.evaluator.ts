import { averagePrecision, cardPrecisionAtK, rocAuc, trainModel } from '@rtml/model-training';
import type { ModelType, TrainedModel } from '@rtml/model-training';
import { handbookSplit } from './handbook.split';
import type { SplitPeriods } from './handbook.split';
import type { LabelledRows } from './labelled-rows.model';
import { selectColumn, selectMatrix } from './labelled-rows.selection';
import { formatUtcDay } from './utc-day.calendar';

/** One train/test fold's outcome. Metrics are unrounded; NaN where undefined. */
export interface FoldResult {
  readonly trainFrom: string;
  readonly testFrom: string;
  readonly testTo: string;
  readonly trainRows: number;
  readonly trainFrauds: number;
  readonly testRows: number;
  readonly testFrauds: number;
  readonly auc: number;
  readonly ap: number;
  readonly cp100: number;
  readonly trainSeconds: number;
  /** CPU time of training (user + system): steadier than wall time on a shared machine. */
  readonly trainCpuSeconds: number;
  /** Row indices into the `LabelledRows` of the test transactions, and their scores. */
  readonly testIndices: Int32Array;
  readonly scores: Float64Array;
  readonly model: TrainedModel;
}

export interface FoldSpec {
  readonly trainFromDay: number;
  readonly periods: SplitPeriods;
  readonly modelType: ModelType;
  readonly params: unknown;
}

/** Trains on the fold's training rows, scores its test rows and measures AUC, AP and CP@100. */
export function evaluateFold(rows: LabelledRows, spec: FoldSpec): FoldResult {
  const split = handbookSplit(rows, spec.trainFromDay, spec.periods);
  const train = selectMatrix(rows, split.train);
  const test = selectMatrix(rows, split.test);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const model = trainModel(spec.modelType, train, spec.params);
  const cpu = process.cpuUsage(cpuBefore);
  const trainSeconds = (performance.now() - started) / 1000;
  const scores = model.scores(test);
  const cardRows = {
    days: selectColumn(rows.days, split.test),
    cards: selectColumn(rows.cards, split.test),
    labels: test.labels,
    scores,
  };
  const testFromDay = spec.trainFromDay + spec.periods.trainDays + spec.periods.delayDays;
  return {
    trainFrom: formatUtcDay(spec.trainFromDay),
    testFrom: formatUtcDay(testFromDay),
    testTo: formatUtcDay(testFromDay + spec.periods.testDays - 1),
    trainRows: train.rows,
    trainFrauds: countOnes(train.labels),
    testRows: test.rows,
    testFrauds: countOnes(test.labels),
    auc: rocAuc(test.labels, scores),
    ap: averagePrecision(test.labels, scores),
    cp100: cardPrecisionAtK(cardRows, 100).mean,
    trainSeconds,
    trainCpuSeconds: (cpu.user + cpu.system) / 1e6,
    testIndices: split.test,
    scores,
    model,
  };
}

const countOnes = (labels: Uint8Array): number => labels.reduce((sum, label) => sum + label, 0);
