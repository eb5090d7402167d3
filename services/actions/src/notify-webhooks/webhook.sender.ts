import type { Alert } from '@rtml/contracts';
import { describeError } from '@rtml/errors';
import type { PipelineMetrics } from '@rtml/observability';
import { delay } from '../shared/bounded-concurrency';
import { outcomeOf, retryDelayMs } from './webhook-retry.policy';
import type { WebhookRetryOptions } from './webhook-retry.policy';
import { WEBHOOK_HEADERS, signBody } from './webhook.signature';

export interface WebhookSenderOptions extends WebhookRetryOptions {
  readonly secret: string;
  /** Per attempt, connection and answer included. */
  readonly timeoutMs: number;
}

export interface DeliveryResult {
  readonly url: string;
  readonly delivered: boolean;
  readonly attempts: number;
  /** The last HTTP status; absent when the last attempt got no answer. */
  readonly lastStatus?: number;
  /** Why the last attempt got no answer (timeout, connection refused...). */
  readonly lastError?: string;
}

interface Answer {
  readonly status?: number;
  readonly error?: string;
}

/**
 * POSTs an alert as JSON to one webhook URL, signed (see `signBody`), retrying what may pass
 * (see `outcomeOf`) with backoff and full jitter, up to `maxAttempts`. It never throws: a
 * delivery that does not succeed is a result, which the handler dead-letters.
 */
export class WebhookSender {
  constructor(
    private readonly options: WebhookSenderOptions,
    private readonly metrics: PipelineMetrics,
    private readonly random: () => number = Math.random,
  ) {}

  async deliver(url: string, alert: Alert): Promise<DeliveryResult> {
    // The exact bytes that are signed are the bytes that are sent, on every attempt.
    const body = JSON.stringify(alert);
    const signature = signBody(body, this.options.secret);
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.attempt(url, body, signature, alert.alertId);
      const outcome = outcomeOf(answer.status);
      if (outcome === 'delivered') {
        this.metrics.webhookDeliveries.inc({ outcome: 'delivered' });
        return { url, delivered: true, attempts: attempt, lastStatus: answer.status };
      }
      if (outcome === 'give-up' || attempt >= this.options.maxAttempts) {
        this.metrics.webhookDeliveries.inc({ outcome: 'dead-lettered' });
        return {
          url,
          delivered: false,
          attempts: attempt,
          ...(answer.status === undefined ? {} : { lastStatus: answer.status }),
          ...(answer.error === undefined ? {} : { lastError: answer.error }),
        };
      }
      this.metrics.webhookDeliveries.inc({ outcome: 'retried' });
      await delay(retryDelayMs(attempt - 1, this.options, this.random));
    }
  }

  private async attempt(
    url: string,
    body: string,
    signature: string,
    alertId: string,
  ): Promise<Answer> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'rtml-actions',
          [WEBHOOK_HEADERS.signature]: signature,
          [WEBHOOK_HEADERS.timestamp]: String(Date.now()),
          [WEBHOOK_HEADERS.alertId]: alertId,
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
