import type { Transaction } from '../generated/contract.types';

/** The first transaction of the handbook data set, as ingest publishes it. */
export const transactionFixture: Transaction = {
  eventId: 'txn-0',
  eventTime: Date.UTC(2018, 3, 1, 0, 0, 31),
  customerId: '596',
  terminalId: '3156',
  amount: 57.16,
  attributes: { channel: 'pos' },
  ingestedAt: Date.UTC(2018, 3, 1, 0, 0, 31, 12),
  source: 'KAFKA',
};
