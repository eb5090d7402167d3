import type { EnrichedEvent } from '../generated/contract.types';
import { transactionFixture } from './transaction.fixture';

/** `transactionFixture` enriched with a few of the handbook features (its first transaction). */
export const enrichedEventFixture: EnrichedEvent = {
  eventId: transactionFixture.eventId,
  eventTime: transactionFixture.eventTime,
  entityId: transactionFixture.customerId,
  transaction: transactionFixture,
  featureSet: { name: 'card-fraud', version: '1' },
  features: [
    { name: 'TX_AMOUNT', value: 57.16 },
    { name: 'TX_DURING_WEEKEND', value: 1 },
    { name: 'TX_DURING_NIGHT', value: 1 },
    { name: 'CUSTOMER_ID_NB_TX_1DAY_WINDOW', value: 1 },
    { name: 'CUSTOMER_ID_AVG_AMOUNT_1DAY_WINDOW', value: 57.16 },
    { name: 'TERMINAL_ID_RISK_7DAY_WINDOW', value: 0 },
  ],
  timings: {
    ingestedAt: transactionFixture.ingestedAt,
    enrichedAt: transactionFixture.ingestedAt + 3,
  },
};
