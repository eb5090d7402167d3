import type { LabelledRows } from './labelled-rows.model';

/** The handbook's periods, in days: train, then a label delay, then test. */
export interface SplitPeriods {
  readonly trainDays: number;
  readonly delayDays: number;
  readonly testDays: number;
}

export const HANDBOOK_PERIODS: SplitPeriods = Object.freeze({
  trainDays: 7,
  delayDays: 7,
  testDays: 7,
});

/** Row indices into a `LabelledRows`, ascending. */
export interface TrainTestSplit {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

type SplitColumns = Pick<LabelledRows, 'rows' | 'days' | 'cards' | 'labels'>;

/**
 * The handbook's train/test split (its `get_train_test_set`): train on the days
 * [trainFromDay, trainFromDay + trainDays), skip `delayDays`, test on the next `testDays`.
 *
 * Cards already known to be compromised are removed from each test day, as an investigator would
 * have blocked them: known cards start as every card with a fraud in the training period, and
 * before test day D the cards with a fraud on day D − delayDays − 1 are added (the labels that
 * have just come out of the delay). Training rows are not filtered.
 */
export function handbookSplit(
  rows: SplitColumns,
  trainFromDay: number,
  periods: SplitPeriods = HANDBOOK_PERIODS,
): TrainTestSplit {
  const trainEnd = trainFromDay + periods.trainDays;
  const testStart = trainEnd + periods.delayDays;
  const train: number[] = [];
  const known = new Set<number>();
  const fraudCardsByDay = new Map<number, number[]>();
  const testByDay = new Map<number, number[]>();
  for (let i = 0; i < rows.rows; i++) {
    const day = rows.days[i] as number;
    const card = rows.cards[i] as number;
    const fraud = rows.labels[i] === 1;
    if (day >= trainFromDay && day < trainEnd) {
      train.push(i);
      if (fraud) known.add(card);
    }
    if (fraud) pushTo(fraudCardsByDay, day, card);
    if (day >= testStart && day < testStart + periods.testDays) pushTo(testByDay, day, i);
  }
  const test: number[] = [];
  for (let day = testStart; day < testStart + periods.testDays; day++) {
    for (const card of fraudCardsByDay.get(day - periods.delayDays - 1) ?? []) known.add(card);
    for (const i of testByDay.get(day) ?? []) if (!known.has(rows.cards[i] as number)) test.push(i);
  }
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

function pushTo(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
