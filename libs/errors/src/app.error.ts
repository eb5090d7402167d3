import { ERROR_CODES } from '@rtml/contracts';
import type { ErrorCode } from '@rtml/contracts';
import { dependencyFailureOf } from './dependency-failure.policy';

export interface AppErrorOptions {
  cause?: unknown;
  /** Overrides the code's default retry verdict. */
  retriable?: boolean;
  /** Structured, loggable context (field errors, ids). Never secrets. */
  details?: Readonly<Record<string, unknown>>;
}

/**
 * A failure with a stable code, a cause and a retry verdict. Each transport maps it in one
 * place: HTTP to a status, Kafka to "retry without commit" or "dead-letter and commit".
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retriable = options.retriable ?? ERROR_CODES[code].retriable;
    this.details = options.details ?? {};
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].httpStatus;
  }
}

/**
 * Wraps anything thrown into an AppError, the one verdict every transport acts on. A dependency
 * failure anywhere in the chain (see `dependencyFailureOf`) is DEPENDENCY_UNAVAILABLE, retriable,
 * even under a non-retriable AppError that wrapped it: a dependency failure is never a bad record.
 * Any other unknown failure is INTERNAL (retriable); any other AppError is returned unchanged.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) {
    if (error.retriable) return error;
    const reason = dependencyFailureOf(error.cause);
    return reason === undefined ? error : dependencyUnavailable(error.message, error, reason);
  }
  const message = error instanceof Error ? error.message : String(error);
  const reason = dependencyFailureOf(error);
  if (reason !== undefined) return dependencyUnavailable(message, error, reason);
  return new AppError('INTERNAL', message, { cause: error });
}

/**
 * A retriable DEPENDENCY_UNAVAILABLE naming what did not answer and why (`reason`, read from the
 * chain when not given), e.g. "schema registry unavailable: ECONNREFUSED".
 */
export function dependencyUnavailable(
  what: string,
  cause: unknown,
  reason: string | undefined = dependencyFailureOf(cause),
): AppError {
  const details = cause instanceof AppError ? cause.details : {};
  return new AppError(
    'DEPENDENCY_UNAVAILABLE',
    reason === undefined ? what : `${what}: ${reason}`,
    { cause, details: { ...details, ...(reason !== undefined && { dependencyFailure: reason }) } },
  );
}
