import { S3ServiceException } from '@aws-sdk/client-s3';
import { toStoreError } from './s3-error.mapper';

const answered = (name: string, status: number) =>
  new S3ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });

describe('toStoreError', () => {
  it.each([
    ['NoSuchKey', 404, 'NOT_FOUND', false],
    ['NoSuchBucket', 404, 'NOT_FOUND', false],
    ['AccessDenied', 403, 'UNAUTHORIZED', true],
    ['Throttling', 400, 'DEPENDENCY_UNAVAILABLE', true],
    ['InternalError', 500, 'DEPENDENCY_UNAVAILABLE', true],
    ['SlowDown', 503, 'DEPENDENCY_UNAVAILABLE', true],
    ['InvalidArgument', 400, 'INTERNAL', false],
    ['NotImplemented', 501, 'INTERNAL', false],
  ])('maps %s (%i) to %s, retriable %s', (name, status, code, retriable) => {
    const error = toStoreError(answered(name, status), 's3://b/k');

    expect([error.code, error.retriable]).toEqual([code, retriable]);
  });

  it('treats a failure without an answer (refused connection) as a retriable outage', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9000'), {
      code: 'ECONNREFUSED',
    });
    const error = toStoreError(refused, 's3://b/k');

    expect([error.code, error.retriable, error.cause]).toEqual([
      'DEPENDENCY_UNAVAILABLE',
      true,
      refused,
    ]);
    expect(error.message).toBe('object store unavailable (s3://b/k): ECONNREFUSED');
  });

  it('names the bucket when the bucket is missing', () => {
    expect(toStoreError(answered('NoSuchBucket', 404), 's3://b/k').message).toBe(
      'bucket does not exist (s3://b/k)',
    );
  });
});
