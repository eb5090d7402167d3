export const DAY_MS = 86_400_000;

/** The UTC day of an event time, `YYYY-MM-DD`: the day key of the labels index and quality rows. */
export const utcDayOf = (eventTime: number): string =>
  new Date(Math.floor(eventTime / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

/** The start of a UTC day (`YYYY-MM-DD`), epoch ms. */
export const startOfUtcDay = (day: string): number => Date.parse(`${day}T00:00:00.000Z`);
