import type { TopicId, TopicValue } from '../topic.types';
import { alertFixture } from './alert.fixture';
import { deadLetterFixture, tombstoneDeadLetterFixture } from './dead-letter.fixture';
import { enrichedEventFixture } from './enriched-event.fixture';
import { labelFixture } from './label.fixture';
import { modelAlertFixture } from './model-alert.fixture';
import { predictionFixture, shadowPredictionFixture } from './prediction.fixture';
import { rawLabelEventFixture, rawTransactionEventFixture } from './raw-event.fixture';
import { transactionFixture } from './transaction.fixture';
import { retriedWebhookDeliveryFixture, webhookDeliveryFixture } from './webhook-delivery.fixture';

/**
 * Valid values of every topic, covering each nullable field both ways. Tests that must hold for
 * every contract (round trips through Avro, the registry, the Kafka wrapper) iterate over this.
 */
export const CONTRACT_FIXTURES: { readonly [Id in TopicId]: readonly TopicValue<Id>[] } = {
  rawEvents: [rawTransactionEventFixture, rawLabelEventFixture],
  transactions: [transactionFixture],
  labels: [labelFixture],
  enrichedEvents: [enrichedEventFixture],
  predictions: [predictionFixture, shadowPredictionFixture],
  alerts: [alertFixture],
  modelAlerts: [modelAlertFixture],
  webhookDeliveries: [webhookDeliveryFixture, retriedWebhookDeliveryFixture],
  deadLetters: [deadLetterFixture, tombstoneDeadLetterFixture],
};
