export const SIMULATE_USAGE =
  'usage: simulate --customers N --terminals M --days D --seed S --output <file.csv|file.csv.gz> ' +
  '[--start-date 2018-04-01] [--radius 5]';

/** A command line that cannot be run: the message says what is wrong, then the usage. */
export class SimulateUsageError extends Error {
  constructor(problem: string) {
    super(`${problem}; ${SIMULATE_USAGE}`);
    this.name = 'SimulateUsageError';
  }
}
