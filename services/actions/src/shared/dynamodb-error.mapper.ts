import { AppError, dependencyFailureOf } from '@rtml/errors';

/**
 * Maps an AWS SDK failure to our error codes. The SDK has already retried throttling and
 * network errors by then. A dependency failure (see `dependencyFailureOf`: no answer, a timeout,
 * throttling, 5xx, refused credentials) is DEPENDENCY_UNAVAILABLE; a request DynamoDB refuses
 * (ValidationException) is a bug on our side, INTERNAL; anything else DynamoDB answered (a
 * missing table) is the deployment's, DEPENDENCY_UNAVAILABLE. All are retried, so nothing is
 * skipped while the cause is fixed.
 */
export function toDynamoDbError(error: unknown, action: string): AppError {
  if (error instanceof AppError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const reason = dependencyFailureOf(error);
  const code =
    reason === undefined && name === 'ValidationException' ? 'INTERNAL' : 'DEPENDENCY_UNAVAILABLE';
  return new AppError(
    code,
    `DynamoDB ${action} failed${reason === undefined ? '' : `: ${reason}`}`,
    {
      cause: error,
      details: {
        awsError: typeof name === 'string' ? name : 'unknown',
        ...(reason !== undefined && { dependencyFailure: reason }),
      },
    },
  );
}
