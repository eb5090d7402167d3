import { AppError } from '@rtml/errors';

/**
 * Maps an AWS SDK failure to our error codes. The SDK has already retried throttling and
 * network errors by then, so what reaches us is an outage (retriable, DEPENDENCY_UNAVAILABLE) or
 * a request DynamoDB refuses (ValidationException: a bug on our side, INTERNAL, still retried so
 * nothing is skipped while it is fixed).
 */
export function toDynamoDbError(error: unknown, action: string): AppError {
  if (error instanceof AppError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const code = name === 'ValidationException' ? 'INTERNAL' : 'DEPENDENCY_UNAVAILABLE';
  return new AppError(code, `DynamoDB ${action} failed`, {
    cause: error,
    details: { awsError: typeof name === 'string' ? name : 'unknown' },
  });
}
