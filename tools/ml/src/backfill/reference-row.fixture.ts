import type { ReferenceTransaction } from '../csv/reference-transaction.model';

export const DAY = 86_400;
export const START = Date.parse('2018-04-02T12:00:00Z') / 1000; // a Monday noon

/** A reference row for tests: defaults for everything the test does not care about. */
export const referenceRow = (
  overrides: Partial<ReferenceTransaction> & Pick<ReferenceTransaction, 'transactionId'>,
): ReferenceTransaction => ({
  time: START,
  customerId: 1,
  terminalId: 1,
  amount: 10,
  timeSeconds: 0,
  timeDays: 0,
  fraud: 0,
  fraudScenario: 0,
  ...overrides,
});
