import type { WebhookDelivery } from '../generated/contract.types';
import { alertFixture } from './alert.fixture';

/** The first delivery of `alertFixture` to one webhook, as actions writes it with the alert. */
export const webhookDeliveryFixture: WebhookDelivery = {
  deliveryId: 'delivery-3f1d2c9a8b7e6d5c4b3a29181716f5e4',
  webhookId: 'webhook-0a1b2c3d4e5f6a7b',
  endpoint: 'https://cases.example.com/hooks/rtml',
  alert: alertFixture,
  attempts: 0,
  nextAttemptAt: alertFixture.createdAt,
};

/** The same delivery re-emitted after two failed attempts, to wait out its backoff. */
export const retriedWebhookDeliveryFixture: WebhookDelivery = {
  ...webhookDeliveryFixture,
  attempts: 2,
  nextAttemptAt: alertFixture.createdAt + 30_000,
};
