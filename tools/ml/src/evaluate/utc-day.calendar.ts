import { SECONDS_PER_DAY } from '@rtml/feature-engine';

/** Whole UTC days since 1970-01-01: the calendar day of an epoch-seconds timestamp. */
export const utcDay = (epochSeconds: number): number => Math.floor(epochSeconds / SECONDS_PER_DAY);

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` (UTC) to its day number; throws on anything else, including impossible dates. */
export function parseUtcDay(date: string): number {
  const millis = Date.parse(`${date}T00:00:00Z`);
  if (
    !DATE_PATTERN.test(date) ||
    Number.isNaN(millis) ||
    formatUtcDay(millis / 86_400_000) !== date
  ) {
    throw new RangeError(`"${date}" is not a date in the form YYYY-MM-DD`);
  }
  return millis / 86_400_000;
}

export const formatUtcDay = (day: number): string =>
  new Date(day * 86_400_000).toISOString().slice(0, 10);
