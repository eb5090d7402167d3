import type { Label } from '../generated/contract.types';
import { transactionFixture } from './transaction.fixture';

const WEEK_MS = 7 * 86_400_000;

/** A genuine-outcome label for `transactionFixture`, known 7 days later as in the handbook. */
export const labelFixture: Label = {
  eventId: 'lbl-0',
  transactionId: transactionFixture.eventId,
  transactionTime: transactionFixture.eventTime,
  customerId: transactionFixture.customerId,
  terminalId: transactionFixture.terminalId,
  fraud: false,
  eventTime: transactionFixture.eventTime + WEEK_MS,
  ingestedAt: transactionFixture.eventTime + WEEK_MS + 40,
  source: 'HTTP',
};
