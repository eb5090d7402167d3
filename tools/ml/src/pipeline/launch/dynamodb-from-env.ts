import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { awsClientConfig } from '@rtml/connections';

/** A DynamoDB client configured as the actions service configures its own, from the same variables. */
export function dynamodbFromEnv(env: NodeJS.ProcessEnv = process.env): DynamoDBClient {
  return new DynamoDBClient(
    awsClientConfig(env['DYNAMODB_ENDPOINT'] ?? DEFAULT_ENDPOINTS.dynamodbEndpoint, {
      AWS_REGION: env['AWS_REGION'] ?? 'us-east-1',
      AWS_ACCESS_KEY_ID: env['AWS_ACCESS_KEY_ID'],
      AWS_SECRET_ACCESS_KEY: env['AWS_SECRET_ACCESS_KEY'],
    }),
  );
}
