import { createHash } from 'node:crypto';

/** A configured webhook: its URL, and the two names of it that may appear on topics and logs. */
export interface WebhookTarget {
  /** A hash of the URL, which may carry credentials: what a delivery record names it by. */
  readonly id: string;
  readonly url: string;
  /** The URL without credentials, query or fragment. */
  readonly endpoint: string;
}

/**
 * The targets of `WEBHOOK_URLS`, one per distinct URL. The id is a function of the URL alone,
 * so every replica names a webhook the same way, and a delivery outlives a restart; a URL
 * removed from the configuration leaves its pending deliveries naming no target.
 */
export function webhookTargets(urls: readonly string[]): WebhookTarget[] {
  const byId = new Map<string, WebhookTarget>();
  for (const url of urls) {
    const id = `webhook-${createHash('sha256').update(url, 'utf8').digest('hex').slice(0, 16)}`;
    byId.set(id, { id, url, endpoint: redactUrl(url) });
  }
  return [...byId.values()];
}

/** A URL fit for logs, topics and dead-letter reasons: no credentials, query or fragment. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
