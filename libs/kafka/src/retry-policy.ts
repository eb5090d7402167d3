export interface BackoffOptions {
  /** First delay, in milliseconds. */
  readonly initialMs: number;
  /** Upper bound of any delay, in milliseconds. */
  readonly maxMs: number;
  /** Growth per attempt (2 doubles the delay). */
  readonly multiplier: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 100, maxMs: 30_000, multiplier: 2 };

/**
 * "Full jitter" exponential backoff: a uniform draw in [0, min(max, initial·multiplier^attempt)].
 * Jitter keeps the replicas of a consumer group from hammering a recovering dependency in step.
 * `attempt` starts at 0; `random` is injectable so the policy is testable.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    options.maxMs,
    options.initialMs * options.multiplier ** Math.max(0, attempt),
  );
  return Math.round(ceiling * random());
}
