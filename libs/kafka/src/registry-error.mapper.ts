import { AppError, dependencyUnavailable, httpStatusOf, isDependencyFailure } from '@rtml/errors';

/** The registry client's own error for an HTTP answer (or a failure mappersmith dressed as one). */
const isRegistryResponse = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { name?: unknown }).name === 'ResponseError' &&
  httpStatusOf(error) !== undefined;

/** A registry answer our own requests (PUT /config, GET /subjects) refused; carries its status. */
export class RegistryAnswerError extends Error {
  override readonly name = 'RegistryAnswerError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * The hint a refused identity gets: 401/403 means the credentials (or their absence) are wrong,
 * which no retry mends, so the message names the variables to check.
 */
export function credentialsHint(error: unknown): string {
  const status = httpStatusOf(error);
  return status === 401 || status === 403
    ? ` (HTTP ${status}: the registry refused the credentials; check SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD)`
    : '';
}

/** True when the registry answered "no such schema id" (HTTP 404, Confluent code 40403). */
export const isUnknownSchemaId = (error: unknown): boolean =>
  isRegistryResponse(error) && httpStatusOf(error) === 404;

/**
 * A failed writer-schema lookup that is not a 404 (callers confirm those first). Whatever comes
 * from reaching the registry (no connection, a timeout, 5xx, 429, a refused identity, or any other
 * answer, which says nothing about the record) is a retriable DEPENDENCY_UNAVAILABLE. What fails
 * after the registry answered (its schema does not parse) is the record's writer's fault: poison.
 */
export function toLookupError(id: number, error: unknown): AppError {
  if (isDependencyFailure(error) || isRegistryResponse(error))
    return dependencyUnavailable(
      `schema registry did not serve schema id ${id}${credentialsHint(error)}`,
      error,
    );
  return new AppError('UNDECODABLE', `the writer schema ${id} cannot be read`, {
    cause: error,
    details: { schemaId: id },
  });
}

/** The record names a schema id the registry, answering and holding its state, does not know. */
export const unknownSchemaId = (id: number, cause: unknown): AppError =>
  new AppError('UNDECODABLE', `the value is framed with schema id ${id}, unknown to the registry`, {
    cause,
    details: { schemaId: id },
  });

/**
 * Whether a failed registration is worth resending at once: the registry was unreachable, timed
 * out, was busy or failed on its side (5xx, 429). Registering is idempotent, so a resend is
 * harmless; refused credentials and refused schemas are not mended by one.
 */
export function isRetriableRegistration(error: unknown): boolean {
  const status = httpStatusOf(error);
  return isDependencyFailure(error) && status !== 401 && status !== 403;
}

/** A registration the registry refused (409/422: it breaks the subject's rule) or could not take. */
export function toRegistrationError(subject: string, error: unknown): AppError {
  const status = httpStatusOf(error);
  if (!isDependencyFailure(error) && (status === 409 || status === 422)) {
    return new AppError(
      'SCHEMA_INVALID',
      `registry refused the schema of ${subject} (HTTP ${status})`,
      { cause: error, details: { subject } },
    );
  }
  return new AppError(
    'DEPENDENCY_UNAVAILABLE',
    `registering ${subject} failed${credentialsHint(error)}`,
    {
      cause: error,
      details: { subject },
    },
  );
}
