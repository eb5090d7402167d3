// Test fixtures for @rtml/contracts (the `./testing` entry point). Not part of the production API.
export { alertFixture } from './alert.fixture';
export { CONTRACT_FIXTURES } from './contract.fixture';
export { deadLetterFixture, tombstoneDeadLetterFixture } from './dead-letter.fixture';
export { enrichedEventFixture } from './enriched-event.fixture';
export { labelFixture } from './label.fixture';
export { predictionFixture, shadowPredictionFixture } from './prediction.fixture';
export { rawLabelEventFixture, rawTransactionEventFixture } from './raw-event.fixture';
export { transactionFixture } from './transaction.fixture';
export { retriedWebhookDeliveryFixture, webhookDeliveryFixture } from './webhook-delivery.fixture';
export {
  LIMIT_INGESTED_AT,
  limitEnrichedEvent,
  limitFeatures,
  limitLabel,
  limitPrediction,
  limitRawEvents,
  limitTransactions,
  widestString,
} from './limits.fixture';
export { modelAlertFixture } from './model-alert.fixture';
