import { ERROR_CODES } from '@rtml/contracts';
import type { ErrorCode } from '@rtml/contracts';

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

/** Wraps anything thrown into an AppError; unknown failures are INTERNAL (retriable). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', message, { cause: error });
}
