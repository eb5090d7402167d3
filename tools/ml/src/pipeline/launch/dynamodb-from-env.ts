import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { createDynamoDbClient } from '@rtml/connections';
import type { AwsTimeouts } from '@rtml/connections';

/**
 * The tools scan whole tables: one page of a Scan over a large segment takes DynamoDB Local
 * seconds on a busy machine, so a tool waits longer than a service's 5 s (which bounds a
 * consumer's batch). Still bounded: a hung store fails the command instead of hanging it.
 */
const TOOL_TIMEOUTS: AwsTimeouts = {
  connectionTimeoutMs: 5_000,
  requestTimeoutMs: 120_000,
  socketTimeoutMs: 120_000,
};

/** A DynamoDB client configured as the actions service configures its own, from the same variables. */
export function dynamodbFromEnv(env: NodeJS.ProcessEnv = process.env): DynamoDBClient {
  return createDynamoDbClient(
    env['DYNAMODB_ENDPOINT'] ?? DEFAULT_ENDPOINTS.dynamodbEndpoint,
    {
      AWS_REGION: env['AWS_REGION'] ?? 'us-east-1',
      AWS_ACCESS_KEY_ID: env['AWS_ACCESS_KEY_ID'],
      AWS_SECRET_ACCESS_KEY: env['AWS_SECRET_ACCESS_KEY'],
    },
    TOOL_TIMEOUTS,
  );
}
