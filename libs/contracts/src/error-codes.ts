/**
 * Stable error codes. They appear in dead-letter envelopes, HTTP error bodies, logs and the
 * `errors_total{code}` metric, so they are API: add codes, never rename or reuse one.
 *
 * `retriable` is the default verdict: a retriable failure is retried with backoff and never
 * skipped; a non-retriable one (a poison record) is dead-lettered and committed.
 */
export const ERROR_CODES = {
  /** The input does not decode (bad JSON, bad Avro, unknown schema id). */
  UNDECODABLE: { retriable: false, httpStatus: 400 },
  /** The input decodes but breaks its schema: missing, extra or mistyped fields. */
  SCHEMA_INVALID: { retriable: false, httpStatus: 400 },
  /** A field is well-typed but its value is outside the accepted range. */
  OUT_OF_RANGE: { retriable: false, httpStatus: 400 },
  /** A request is well-formed but not acceptable (e.g. a batch over the size limit). */
  REQUEST_INVALID: { retriable: false, httpStatus: 400 },
  /**
   * A record (or an output computed from it) is larger than the topic accepts: it can never be
   * published, so it is dead-lettered (bounded) instead of being retried forever.
   */
  RECORD_TOO_LARGE: { retriable: false, httpStatus: 413 },
  /** Missing or wrong credentials. */
  UNAUTHORIZED: { retriable: false, httpStatus: 401 },
  /** The credentials are valid but do not grant this (an event kind, an entity outside the key's prefixes). */
  FORBIDDEN: { retriable: false, httpStatus: 403 },
  /** The caller's rate limit is spent for now; `Retry-After` says when to try again. */
  RATE_LIMITED: { retriable: true, httpStatus: 429 },
  /** The requested resource does not exist. */
  NOT_FOUND: { retriable: false, httpStatus: 404 },
  /** The request conflicts with existing state (e.g. publishing a model version that exists). */
  CONFLICT: { retriable: false, httpStatus: 409 },
  /** A model artifact failed verification (checksum, inputs, smoke score). */
  MODEL_INVALID: { retriable: false, httpStatus: 422 },
  /** Configuration failed validation at boot. */
  CONFIG_INVALID: { retriable: false, httpStatus: 500 },
  /** A dependency (Kafka, registry, Redis, DynamoDB, S3) did not answer or refused for now. */
  DEPENDENCY_UNAVAILABLE: { retriable: true, httpStatus: 503 },
  /** An operation ran past its deadline. */
  TIMEOUT: { retriable: true, httpStatus: 503 },
  /** A bug or an unexpected condition. Retried: losing data on a bug is worse than stalling. */
  INTERNAL: { retriable: true, httpStatus: 500 },
} as const satisfies Record<string, { retriable: boolean; httpStatus: number }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
