/**
 * False when an error from the client comes down to a transient cause (KafkaJS marks those
 * `retriable`, and wraps them in a non-retriable "retries exceeded" error once its own retries
 * are spent): the broker or the network, which every request would meet alike. True otherwise,
 * e.g. a record the broker refuses, which is that record's own fault.
 */
export function mayBeOneRequestsFault(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current instanceof Error; depth += 1) {
    if ((current as { retriable?: unknown }).retriable === true) return false;
    current = current.cause;
  }
  return true;
}
