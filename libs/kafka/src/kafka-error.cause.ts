/**
 * The errors a client error is made of: itself, its causes, and the members of an
 * AggregateError (@platformatic/kafka reports a failed produce as one error per broker request),
 * breadth first, at most `limit` of them.
 */
function* errorChain(error: unknown, limit = 20): Generator<Error> {
  const queue: unknown[] = [error];
  for (let seen = 0; seen < limit && queue.length > 0; seen += 1) {
    const current = queue.shift();
    if (!(current instanceof Error)) continue;
    yield current;
    if (current instanceof AggregateError) queue.push(...(current.errors as unknown[]));
    if (current.cause !== undefined) queue.push(current.cause);
  }
}

/**
 * False when an error from the client comes down to a transient cause: the broker or the
 * network, which every request would meet alike. KafkaJS marks those `retriable` (and wraps them
 * in a non-retriable "retries exceeded" error once its own retries are spent), @platformatic/kafka
 * `canRetry`. True otherwise, e.g. a record the broker refuses, which is that record's own fault.
 */
export function mayBeOneRequestsFault(error: unknown): boolean {
  for (const current of errorChain(error)) {
    const marks = current as { retriable?: unknown; canRetry?: unknown };
    if (marks.retriable === true || marks.canRetry === true) return false;
  }
  return true;
}

const PRODUCER_STATE_ERRORS = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
  'PRODUCER_FENCED',
]);

/**
 * True when a client error (or one it is made of) says the broker no longer knows the producer's
 * id or sequence numbers: KafkaJS names the broker's error code `type`, @platformatic/kafka
 * `apiId`.
 */
export function lostProducerState(error: unknown): boolean {
  for (const current of errorChain(error)) {
    const { type, apiId } = current as { type?: unknown; apiId?: unknown };
    for (const name of [type, apiId])
      if (typeof name === 'string' && PRODUCER_STATE_ERRORS.has(name)) return true;
  }
  return false;
}
