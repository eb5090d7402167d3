import { AppError, dependencyUnavailable, isDependencyFailure } from '@rtml/errors';

/** What the SDK's errors carry that we branch on; read defensively, they are `unknown`. */
interface S3ErrorShape {
  readonly name?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

/** The HTTP status of a failed S3 call, or undefined when no response came back (network). */
export function s3StatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as S3ErrorShape).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

const nameOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && typeof (error as S3ErrorShape).name === 'string'
    ? ((error as S3ErrorShape).name as string)
    : '';

/**
 * Maps a failed S3 call to our error codes, in one place. `what` names the object or bucket for
 * the message. A dependency failure (see `dependencyFailureOf`: no answer, a timeout, 5xx, 429,
 * throttling) or a failure with no answer at all is DEPENDENCY_UNAVAILABLE (retriable: the store
 * may come back); 404 is NOT_FOUND; a refused identity is UNAUTHORIZED, retriable too, since
 * credentials are the deployment's to fix and no model may be refused for them; any other answer
 * is a bug or a misconfiguration that retrying will not fix.
 */
export function toStoreError(error: unknown, what: string): AppError {
  if (error instanceof AppError) return error;
  const status = s3StatusOf(error);
  const name = nameOf(error);
  if (status === 501) {
    // e.g. S3Proxy on a backend without conditional writes: retrying cannot help.
    return new AppError('INTERNAL', `object store does not implement this request (${what})`, {
      cause: error,
      retriable: false,
    });
  }
  if (status === 401 || status === 403) {
    return new AppError('UNAUTHORIZED', `object store refused the credentials (${what})`, {
      cause: error,
      retriable: true,
    });
  }
  if (status === undefined || isDependencyFailure(error))
    return dependencyUnavailable(`object store unavailable (${what})`, error);
  if (name === 'NoSuchBucket') {
    return new AppError('NOT_FOUND', `bucket does not exist (${what})`, { cause: error });
  }
  if (status === 404) return new AppError('NOT_FOUND', `${what} not found`, { cause: error });
  return new AppError('INTERNAL', `object store answered ${status} ${name} (${what})`, {
    cause: error,
    retriable: false,
  });
}
