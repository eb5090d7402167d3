import { createHash } from 'node:crypto';
import type { Alert, WebhookDelivery } from '@rtml/contracts';
import type { WebhookTarget } from './webhook-target.factory';

/**
 * The delivery id of an alert to one webhook: derived from the alert id and the webhook id
 * alone (128 bits of SHA-256), so a re-fired alert names the same deliveries, whose attempts
 * are then counted together, and receivers can deduplicate on it.
 */
export function deliveryIdOf(alertId: string, webhookId: string): string {
  const digest = createHash('sha256').update(`${alertId}\n${webhookId}`, 'utf8').digest('hex');
  return `delivery-${digest.slice(0, 32)}`;
}

/**
 * The outbox records of an alert: one per webhook, due at once. A function of the alert and the
 * targets (a re-fired alert keeps its first `createdAt`), so a replayed batch writes the same.
 */
export function deliveriesOf(alert: Alert, targets: readonly WebhookTarget[]): WebhookDelivery[] {
  return targets.map((target) => ({
    deliveryId: deliveryIdOf(alert.alertId, target.id),
    webhookId: target.id,
    endpoint: target.endpoint,
    alert,
    attempts: 0,
    nextAttemptAt: alert.createdAt,
  }));
}
