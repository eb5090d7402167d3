import {
  DynamoDBServiceException,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { toDynamoDbError } from './dynamodb-error.mapper';

const metadata = { httpStatusCode: 400, attempts: 3, totalRetryDelay: 150 };

describe('toDynamoDbError', () => {
  it('names the dependency failure of throttling and timeouts, retriably', () => {
    const throttled = new ProvisionedThroughputExceededException({
      message: 'The level of configured provisioned throughput for the table was exceeded.',
      $metadata: metadata,
    });
    // @smithy/node-http-handler's request timeout (throwOnRequestTimeout).
    const timedOut = Object.assign(
      new Error(
        '@smithy/node-http-handler - [ERROR] a request has exceeded the configured 5000 ms requestTimeout.',
      ),
      { name: 'TimeoutError', code: 'ETIMEDOUT' },
    );

    for (const error of [throttled, timedOut]) {
      const mapped = toDynamoDbError(error, 'BatchWriteItem on t');
      expect([mapped.code, mapped.retriable]).toEqual(['DEPENDENCY_UNAVAILABLE', true]);
      expect(mapped.details['dependencyFailure']).toBeDefined();
    }
  });

  it('calls a request DynamoDB refuses our bug: INTERNAL, still retried', () => {
    const refused = new DynamoDBServiceException({
      name: 'ValidationException',
      $fault: 'client',
      message: 'Item size has exceeded the maximum allowed size',
      $metadata: metadata,
    });

    const mapped = toDynamoDbError(refused, 'BatchWriteItem on t');

    expect([mapped.code, mapped.retriable, mapped.details]).toEqual([
      'INTERNAL',
      true,
      { awsError: 'ValidationException' },
    ]);
  });
});
