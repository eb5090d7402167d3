/**
 * Whether a failure is a dependency's (the registry, S3, DynamoDB, Redis, Kafka, an HTTP peer is
 * down, slow, overloaded or refusing us) rather than the request's own. The rule every transport
 * relies on: a dependency failure is retried, never dead-lettered as a bad record.
 *
 * Client libraries wrap and mask what went wrong, so the whole chain is read: `cause`, the
 * `errors` of an AggregateError (Node's happy-eyeballs connect) or of a mappersmith Response, and
 * the masks themselves (mappersmith, under @kafkajs/confluent-schema-registry, reports a refused
 * connection or its own timeout as an HTTP 400 "response" whose only trace is the message).
 * Only positive signs count; an error that shows none is left to the caller to judge.
 */

/** Node (libuv) and undici codes of a connection that failed, timed out or broke. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENETRESET',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/**
 * Error names that mean "no answer in time" or "the dependency is busy or refuses our identity".
 * The AWS ones are the SDK's own lists (@smithy/core service-error-classification: transient,
 * throttling, clock skew) plus its credential refusals; ioredis names its give-up errors.
 */
const DEPENDENCY_ERROR_NAMES = new Set([
  // timeouts and aborts: smithy's handlers, mappersmith, AbortSignal.timeout (DOMException)
  'TimeoutError',
  'AbortError',
  'RequestTimeout',
  'RequestTimeoutException',
  // AWS throttling
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
  // AWS credentials and clock skew: the deployment's problem, never a record's
  'AccessDeniedException',
  'AuthFailure',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidAccessKeyId',
  'InvalidSignatureException',
  'RequestExpired',
  'RequestInTheFuture',
  'RequestTimeTooSkewed',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  // ioredis gave up on a command or a cluster
  'MaxRetriesPerRequestError',
  'ClusterAllFailedError',
]);

/** ioredis rejects with plain Errors; these messages are its connection and timeout failures. */
const REDIS_CLIENT_MESSAGES = [
  /^Command timed out$/,
  /^Connection is closed\.$/,
  /enableOfflineQueue options is false$/,
];

/** Redis server replies that say "not now" (loading, busy script, failover, out of memory). */
const REDIS_TRANSIENT_REPLY =
  /^(LOADING|BUSY|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|READONLY|NOREPLICAS|OOM) /;

/** How a connection failure reads once a library has flattened it into a message. */
const NETWORK_TAIL = `(${[...NETWORK_CODES].join('|')}|socket hang up|Timeout \\(\\d+ms\\)|other side closed|getaddrinfo)`;

/**
 * Messages that are all a masking library leaves of a connection failure. mappersmith (under the
 * registry client) turns a client-side failure into a 400 whose data is the error's message:
 * `<clientId> - Error, status 400: <message>` (a real 400 from the registry carries its JSON
 * message instead). The AWS SDK turns a thrown value that is not an Error of its own realm
 * (a vm context, a test runner's sandbox) into `AWS SDK error wrapper for <String(value)>`.
 */
const MASKED_FAILURES = [
  new RegExp(`Error, status 400: .*${NETWORK_TAIL}`),
  new RegExp(`^AWS SDK error wrapper for .*${NETWORK_TAIL}`),
];

const MAX_DEPTH = 8;

type Fields = Readonly<Record<string, unknown>>;

/**
 * Why `error` (or anything in its chain) is a dependency's failure, e.g. `ECONNREFUSED`,
 * `HTTP 503`, `ThrottlingException`; undefined when nothing in the chain says so.
 */
export function dependencyFailureOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let level: unknown[] = [error];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth += 1) {
    const next: unknown[] = [];
    for (const current of level) {
      if (typeof current !== 'object' || current === null || seen.has(current)) continue;
      seen.add(current);
      const reason = ownSign(current as Fields);
      if (reason !== undefined) return reason;
      next.push(...linked(current as Fields));
    }
    level = next;
  }
  return undefined;
}

export const isDependencyFailure = (error: unknown): boolean =>
  dependencyFailureOf(error) !== undefined;

/** What this one error, without its causes, says about the dependency. */
function ownSign(error: Fields): string | undefined {
  const { code, name, message } = error;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  if (typeof name === 'string' && DEPENDENCY_ERROR_NAMES.has(name)) return name;
  if (isAppErrorOfDependency(error)) return String(code);
  if (typeof name === 'string' && name.startsWith('KafkaJS') && error['retriable'] === true)
    return name;
  if (error['$retryable'] !== undefined) return 'retryable by the AWS SDK';
  const status = httpStatusOf(error);
  if (status !== undefined && isDependencyStatus(status)) return `HTTP ${status}`;
  if (typeof message !== 'string') return undefined;
  if (REDIS_CLIENT_MESSAGES.some((pattern) => pattern.test(message))) return message;
  if (name === 'ReplyError' && REDIS_TRANSIENT_REPLY.test(message))
    return `redis ${message.split(' ')[0]}`;
  if (MASKED_FAILURES.some((pattern) => pattern.test(message))) return message;
  return undefined;
}

/** Structural, so this file needs no AppError (which imports it): its retriable outage codes. */
const isAppErrorOfDependency = (error: Fields): boolean =>
  error['name'] === 'AppError' &&
  error['retriable'] === true &&
  (error['code'] === 'DEPENDENCY_UNAVAILABLE' || error['code'] === 'TIMEOUT');

/**
 * The HTTP status an error reports: AWS SDK `$metadata.httpStatusCode`, mappersmith (registry
 * client) `status`, or the `statusCode` other HTTP clients use.
 */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const fields = error as Fields;
  const metadata = fields['$metadata'];
  const candidates = [
    typeof metadata === 'object' && metadata !== null
      ? (metadata as Fields)['httpStatusCode']
      : undefined,
    fields['status'],
    fields['statusCode'],
  ];
  return candidates.find((value): value is number => typeof value === 'number');
}

/**
 * 408, 429 and 5xx say the dependency is slow, busy or broken; 401 and 403 that it refuses our
 * credentials (a deployment problem that a retry outlives once fixed). 501 is not among them:
 * a server that does not implement a request never will.
 */
const isDependencyStatus = (status: number): boolean =>
  status === 401 ||
  status === 403 ||
  status === 408 ||
  status === 429 ||
  (status >= 500 && status !== 501);

function linked(error: Fields): unknown[] {
  const links: unknown[] = [];
  if (error['cause'] !== undefined) links.push(error['cause']);
  const errors = error['errors'];
  if (Array.isArray(errors)) links.push(...(errors as unknown[]));
  return links;
}
