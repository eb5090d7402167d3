import { AppError } from '@rtml/errors';

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
 * the message. No response or 5xx/429 is DEPENDENCY_UNAVAILABLE (retriable: the store may come
 * back); 404 is NOT_FOUND; a refused identity is UNAUTHORIZED; any other answer is a bug or a
 * misconfiguration that retrying will not fix.
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
  if (status === undefined || status >= 500 || status === 429) {
    return new AppError('DEPENDENCY_UNAVAILABLE', `object store unavailable (${what})`, {
      cause: error,
    });
  }
  if (name === 'NoSuchBucket') {
    return new AppError('NOT_FOUND', `bucket does not exist (${what})`, { cause: error });
  }
  if (status === 404) return new AppError('NOT_FOUND', `${what} not found`, { cause: error });
  if (status === 401 || status === 403) {
    return new AppError('UNAUTHORIZED', `object store refused the credentials (${what})`, {
      cause: error,
    });
  }
  return new AppError('INTERNAL', `object store answered ${status} ${name} (${what})`, {
    cause: error,
    retriable: false,
  });
}
