import { alertOutcome, bestF1Threshold } from '@rtml/model-training';
import type { AlertOutcome } from '@rtml/model-training';
import type { SplitPeriods } from '../evaluate/handbook.split';
import { parseUtcDay } from '../evaluate/utc-day.calendar';
import { UsageError } from './model-usage.error';

/** Labels arrive 7 days after their transaction; the held-out week starts once they have. */
export const LABEL_DELAY_DAYS = 7;
export const HELD_OUT_DAYS = 7;

/** A training range and the held-out week after its label delay, as UTC day numbers. */
export interface HeldOutPlacement {
  readonly fromDay: number;
  readonly toDay: number;
  readonly periods: SplitPeriods;
  readonly heldOutFromDay: number;
  readonly heldOutToDay: number;
}

/**
 * The handbook's placement of a model trained on [from, to]: skip the label delay, then hold
 * out a week. `train` measures its model there, and `import` a model trained elsewhere on the
 * same range, so the two kinds of manifest report comparable metrics.
 */
export function heldOutPlacement(from: string, to: string): HeldOutPlacement {
  const { fromDay, toDay } = parseDayRange(from, to);
  const heldOutFromDay = toDay + 1 + LABEL_DELAY_DAYS;
  return {
    fromDay,
    toDay,
    periods: {
      trainDays: toDay - fromDay + 1,
      delayDays: LABEL_DELAY_DAYS,
      testDays: HELD_OUT_DAYS,
    },
    heldOutFromDay,
    heldOutToDay: heldOutFromDay + HELD_OUT_DAYS - 1,
  };
}

/**
 * The best-F1 threshold, as a float32 and measured on float32 scores: the scorer compares ONNX
 * Runtime's float32 output with it, and rounding both the same way keeps every held-out row on
 * the side of the threshold it was measured on.
 */
export function chooseThreshold(labels: Uint8Array, scores: ArrayLike<number>): AlertOutcome {
  const best = bestF1Threshold(labels, scores);
  if (best === undefined)
    throw new Error('the held-out period has no fraud: cannot choose a threshold');
  return alertOutcome(labels, Float32Array.from(scores), Math.fround(best.threshold));
}

/** `--from` and `--to` as UTC day numbers, both included. */
export function parseDayRange(from: string, to: string): { fromDay: number; toDay: number } {
  const fromDay = parseDay(from, '--from');
  const toDay = parseDay(to, '--to');
  if (toDay < fromDay) throw new UsageError(`--to ${to} is before --from ${from}`);
  return { fromDay, toDay };
}

function parseDay(date: string, option: string): number {
  try {
    return parseUtcDay(date);
  } catch {
    throw new UsageError(`${option} must be a date YYYY-MM-DD, got "${date}"`);
  }
}
