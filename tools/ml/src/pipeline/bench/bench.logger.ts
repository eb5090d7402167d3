import { createLogger } from '@rtml/observability';

/** The benches' logger: warnings and errors on stderr, so stdout carries the JSON line alone. */
export const benchLogger = createLogger({
  service: 'bench',
  level: 'warn',
  destination: process.stderr,
});
