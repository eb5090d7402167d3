import { createHmac } from 'node:crypto';

/** Header names of a webhook delivery. They are API: receivers verify and deduplicate with them. */
export const WEBHOOK_HEADERS = {
  /** `sha256=<hex HMAC-SHA256 of the exact body bytes, keyed with WEBHOOK_SECRET>`. */
  signature: 'x-rtml-signature',
  /** When this attempt was sent, epoch milliseconds (differs between retries of one alert). */
  timestamp: 'x-rtml-timestamp',
  /** The alert id: the same on every retry and redelivery of the alert, to every webhook. */
  alertId: 'x-rtml-alert-id',
  /**
   * The delivery id: one per (alert, webhook URL), the same on every attempt, across restarts
   * and redeliveries: the receiver's idempotency key.
   */
  deliveryId: 'x-rtml-delivery-id',
} as const;

/**
 * The signature header value of `body`. Receivers must compute it over the raw bytes they
 * received (before any JSON parsing) and compare in constant time.
 */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
