import type { Alert } from '@rtml/contracts';
import { mapBounded } from '../shared/bounded-concurrency';
import type { DeliveryResult, WebhookSender } from './webhook.sender';

export interface FailedDelivery<T> {
  readonly source: T;
  readonly alert: Alert;
  readonly result: DeliveryResult;
}

/**
 * Delivers every alert of a batch to every configured URL, a bounded number of deliveries at a
 * time, and returns the deliveries that failed for good (for the dead-letter topic).
 */
export class WebhookNotifier {
  constructor(
    private readonly urls: readonly string[],
    private readonly sender: WebhookSender | undefined,
    private readonly concurrency: number,
  ) {}

  async notifyAll<T>(
    alerts: readonly { readonly source: T; readonly alert: Alert }[],
  ): Promise<FailedDelivery<T>[]> {
    const sender = this.sender;
    if (!sender || this.urls.length === 0) return [];
    const deliveries = alerts.flatMap(({ source, alert }) =>
      this.urls.map((url) => ({ source, alert, url })),
    );
    const results = await mapBounded(deliveries, this.concurrency, async (delivery) => ({
      ...delivery,
      result: await sender.deliver(delivery.url, delivery.alert),
    }));
    return results.filter(({ result }) => !result.delivered);
  }
}

/** A URL fit for logs and dead-letter reasons: no credentials, query or fragment. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
