import { backoffDelay } from '@rtml/kafka';

export interface WebhookRetryOptions {
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** What one answer (or the lack of one) means for a delivery. */
export type AttemptOutcome = 'delivered' | 'retry' | 'give-up';

/**
 * 2xx delivered. No answer (network error, timeout), 408, 429 and 5xx may pass: retry. Any other
 * status (other 4xx, and 3xx, as redirects are not followed for a signed POST) will not change by
 * asking again: give up at once.
 */
export function outcomeOf(status: number | undefined): AttemptOutcome {
  if (status === undefined) return 'retry';
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'give-up';
}

/**
 * The wait before retry number `retry` (0 = before the second attempt): exponential backoff
 * with full jitter, a uniform draw in [0, min(max, initial * 2^retry)], so receivers recovering
 * from an outage are not hit by every replica in step.
 */
export function retryDelayMs(
  retry: number,
  options: WebhookRetryOptions,
  random: () => number = Math.random,
): number {
  return backoffDelay(
    retry,
    { initialMs: options.initialDelayMs, maxMs: options.maxDelayMs, multiplier: 2 },
    random,
  );
}
