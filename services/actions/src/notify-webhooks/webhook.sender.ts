import type { WebhookDelivery } from '@rtml/contracts';
import { describeError } from '@rtml/errors';
import { WEBHOOK_HEADERS, signWebhook } from './webhook.signature';
import type { SigningKey } from './webhook.signature';

export interface WebhookSenderOptions {
  /** Every attempt is signed with each (the current key, and the previous one during a rotation). */
  readonly keys: readonly SigningKey[];
  /** Per attempt, connection and answer included. */
  readonly timeoutMs: number;
}

/** What one attempt got: an HTTP status, or why there was none. */
export interface WebhookAnswer {
  readonly status?: number;
  /** Why the attempt got no answer (timeout, connection refused...). */
  readonly error?: string;
}

/**
 * Makes ONE attempt of a delivery: POSTs the alert as JSON to the webhook URL, signed (see
 * `signWebhook`), bounded by `timeoutMs`. It never throws: no answer is an answer too. Retrying,
 * and counting attempts, is the delivery worker's (`webhook-deliveries.stage.ts`).
 */
export class WebhookSender {
  constructor(private readonly options: WebhookSenderOptions) {}

  async attempt(url: string, delivery: WebhookDelivery): Promise<WebhookAnswer> {
    // The exact bytes that are signed are the bytes that are sent, on every attempt.
    const body = JSON.stringify(delivery.alert);
    const signedAt = Date.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'rtml-actions',
          [WEBHOOK_HEADERS.signature]: signWebhook(body, signedAt, this.options.keys),
          [WEBHOOK_HEADERS.timestamp]: String(signedAt),
          [WEBHOOK_HEADERS.alertId]: delivery.alert.alertId,
          [WEBHOOK_HEADERS.deliveryId]: delivery.deliveryId,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.body?.cancel(); // the answer's body is not needed; free the connection
      return { status: response.status };
    } catch (error) {
      return { error: describeError(error) };
    }
  }
}
