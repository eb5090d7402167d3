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

/** Where the next attempt of a delivery goes, given the batch it is in. */
export type AttemptPlan =
  /** Wait `waitMs` (the rest of its backoff, often 0), then attempt it in this batch. */
  | { readonly kind: 'attempt'; readonly waitMs: number }
  /**
   * It cannot be attempted and answered before the batch's deadline: wait `waitMs` (until it is
   * due or the deadline comes, whichever is first), then re-emit it to the deliveries topic, so
   * the partition moves on and the attempt is made from a later batch.
   */
  | { readonly kind: 'defer'; readonly waitMs: number };

/**
 * An attempt is started only if it is due and can time out before the batch's deadline, so a
 * batch of deliveries never runs past its budget, whatever the receivers do. A delivery due
 * later is held until then (or the deadline) before it is re-emitted, never re-emitted at once:
 * that would spin it through the topic for the whole of its backoff.
 */
export function planAttempt(
  now: number,
  dueAt: number,
  deadline: number,
  timeoutMs: number,
): AttemptPlan {
  const start = Math.max(now, dueAt);
  if (start + timeoutMs <= deadline) return { kind: 'attempt', waitMs: start - now };
  return { kind: 'defer', waitMs: Math.max(0, Math.min(dueAt, deadline) - now) };
}
