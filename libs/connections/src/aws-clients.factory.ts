import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_AWS_TIMEOUTS, awsClientConfig } from './aws-client.config';
import { DynamoDbItemWritesProtocol } from './dynamodb-item-writes.protocol';
import type { AwsConnectionSettings, AwsTimeouts } from './aws-client.config';

/** The SDK's own logging step: it walks every request and response even with no logger. */
const SDK_LOGGER_MIDDLEWARE = 'loggerMiddleware';

/**
 * A DynamoDB client as every process of the project builds one: `awsClientConfig`'s endpoint,
 * credentials and request timeouts, item writes serialized natively (`DynamoDbItemWritesProtocol`)
 * and without the SDK's logging step. That step runs the commands' sensitive-data filters over
 * every item written and read even when the logger is the SDK's no-op (measured:
 * `services/actions/src/bench/dynamodb-writes.ceiling.ts`), and nothing reads what it would log:
 * failures reach the callers, which log them with their own context.
 */
export function createDynamoDbClient(
  endpoint: string,
  settings: AwsConnectionSettings,
  timeouts: AwsTimeouts = DEFAULT_AWS_TIMEOUTS,
): DynamoDBClient {
  return withoutSdkLogging(
    new DynamoDBClient({
      ...awsClientConfig(endpoint, settings, timeouts),
      protocol: DynamoDbItemWritesProtocol,
    }),
  );
}

/**
 * An S3 client as every process builds one. A custom endpoint (S3Proxy, MinIO) is addressed
 * path-style, which they serve; AWS itself (no endpoint) keeps its virtual-hosted style.
 */
export function createS3Client(
  endpoint: string,
  settings: AwsConnectionSettings,
  timeouts: AwsTimeouts = DEFAULT_AWS_TIMEOUTS,
): S3Client {
  return withoutSdkLogging(
    new S3Client({
      ...awsClientConfig(endpoint, settings, timeouts),
      forcePathStyle: endpoint !== '',
    }),
  );
}

/** Removes the SDK's logging step from a client built from a config of its own. */
export function withoutSdkLogging<T extends { middlewareStack: { remove(name: string): boolean } }>(
  client: T,
): T {
  client.middlewareStack.remove(SDK_LOGGER_MIDDLEWARE);
  return client;
}
