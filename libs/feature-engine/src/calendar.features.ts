import { SECONDS_PER_DAY } from './feature-set.model';

const SECONDS_PER_HOUR = 3_600;
/** 1970-01-01 was a Thursday: with Sunday = 0 its weekday index is 4. */
const EPOCH_WEEKDAY = 4;
const SATURDAY = 6;
const SUNDAY = 0;
/** The reference's code flags hours 0–6 (00:00:00–06:59:59) as night; its prose says 0–6 am. */
const LAST_NIGHT_HOUR = 6;

/** A modulo that stays non-negative for times before 1970. */
const mod = (value: number, divisor: number): number => ((value % divisor) + divisor) % divisor;

/** 1 when the UTC weekday of `epochSeconds` is Saturday or Sunday, else 0. */
export function weekendUtc(epochSeconds: number): 0 | 1 {
  const weekday = mod(Math.floor(epochSeconds / SECONDS_PER_DAY) + EPOCH_WEEKDAY, 7);
  return weekday === SATURDAY || weekday === SUNDAY ? 1 : 0;
}

/** 1 when the UTC hour of `epochSeconds` is ≤ 6, else 0. */
export function nightUtc(epochSeconds: number): 0 | 1 {
  const hour = Math.floor(mod(epochSeconds, SECONDS_PER_DAY) / SECONDS_PER_HOUR);
  return hour <= LAST_NIGHT_HOUR ? 1 : 0;
}
