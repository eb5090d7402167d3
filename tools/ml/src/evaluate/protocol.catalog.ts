import { HANDBOOK_PERIODS } from './handbook.split';
import type { SplitPeriods } from './handbook.split';

export const PROTOCOL_NAMES = [
  'handbook-baseline',
  'handbook-prequential',
  'handbook-validation',
] as const;
export type ProtocolName = (typeof PROTOCOL_NAMES)[number];

/** Row and fraud counts a protocol must see on the reference data, to catch a wrong split. */
export interface ExpectedCounts {
  readonly trainRows: number;
  readonly trainFrauds: number;
  readonly testRows: number;
  readonly testFrauds: number;
}

export interface ProtocolDefinition {
  readonly name: ProtocolName;
  /** First training day of each fold (YYYY-MM-DD); each fold trains, waits, then tests. */
  readonly trainStarts: readonly string[];
  readonly periods: SplitPeriods;
  /** Enforced when present: the protocol is only meaningful on the reference data. */
  readonly expected?: ExpectedCounts;
}

/**
 * The handbook's evaluation protocols (docs/fraud-reference.md):
 *
 * - `handbook-baseline` (section 3.4): train 2018-07-25…31, delay 08-01…07, test 08-08…14.
 * - `handbook-prequential` (chapters 5 and 7, "test" folds): 4 folds whose test weeks start on
 *   2018-08-08, 08-15, 08-22 and 08-29, each trained on the week 14 days before its test week
 *   (the handbook's `start_date_training_for_test` = 07-25 + 3 weeks, stepping back a week per
 *   fold). Reported as mean ± sample standard deviation over the folds.
 * - `handbook-validation`: the handbook's validation folds for model selection, test weeks
 *   starting 2018-07-25, 07-18, 07-11 and 07-04 (`start_date_training_for_valid` = 07-25 − 14
 *   days). Hyper-parameters and feature sets are chosen here, never on the test weeks.
 */
export const PROTOCOLS: Readonly<Record<ProtocolName, ProtocolDefinition>> = Object.freeze({
  'handbook-baseline': {
    name: 'handbook-baseline',
    trainStarts: ['2018-07-25'],
    periods: HANDBOOK_PERIODS,
    expected: { trainRows: 67_240, trainFrauds: 598, testRows: 58_264, testFrauds: 385 },
  },
  'handbook-prequential': {
    name: 'handbook-prequential',
    trainStarts: ['2018-07-25', '2018-08-01', '2018-08-08', '2018-08-15'],
    periods: HANDBOOK_PERIODS,
  },
  'handbook-validation': {
    name: 'handbook-validation',
    trainStarts: ['2018-07-11', '2018-07-04', '2018-06-27', '2018-06-20'],
    periods: HANDBOOK_PERIODS,
  },
});
