import type { RawEvent } from '../generated/contract.types';
import { labelFixture } from './label.fixture';
import { transactionFixture } from './transaction.fixture';

/** The raw event `transactionFixture` was ingested from. */
export const rawTransactionEventFixture: RawEvent = {
  eventId: transactionFixture.eventId,
  kind: 'TRANSACTION',
  eventTime: transactionFixture.eventTime,
  customerId: transactionFixture.customerId,
  terminalId: transactionFixture.terminalId,
  amount: transactionFixture.amount,
  transactionId: null,
  transactionTime: null,
  fraud: null,
  attributes: transactionFixture.attributes,
};

/** The raw event `labelFixture` was ingested from; no attributes, to cover the null map. */
export const rawLabelEventFixture: RawEvent = {
  eventId: labelFixture.eventId,
  kind: 'LABEL',
  eventTime: labelFixture.eventTime,
  customerId: labelFixture.customerId,
  terminalId: labelFixture.terminalId,
  amount: null,
  transactionId: labelFixture.transactionId,
  transactionTime: labelFixture.transactionTime,
  fraud: labelFixture.fraud,
  attributes: null,
};
