export interface EventuallyOptions {
  /** Give up after this long. */
  readonly timeoutMs?: number;
  /** Wait between attempts. */
  readonly intervalMs?: number;
  /** What we are waiting for, for the failure message. */
  readonly description?: string;
}

/**
 * Polls `probe` until it resolves (does not throw) and returns its value; throws the last
 * failure once the deadline passes. Tests wait on conditions with this, never on sleeps.
 */
export async function eventually<T>(
  probe: () => Promise<T> | T,
  options: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  const intervalMs = options.intervalMs ?? 100;
  let lastError: unknown;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() + intervalMs > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`timed out waiting for ${options.description ?? 'a condition'}: ${reason}`, {
    cause: lastError,
  });
}
