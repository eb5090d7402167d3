import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { testEndpoints } from './test-endpoints';
import { uniqueId } from './unique-id';

export interface DynamoDbTestContext {
  readonly client: DynamoDBClient;
  /** A table name of this suite (`<base>-<random>`); the table is deleted afterwards. */
  tableName(base: string): string;
}

/** Isolated tables on the real DynamoDB (Local) for the calling `describe`. */
export function useDynamoDb(): DynamoDbTestContext {
  const endpoints = testEndpoints();
  const client = new DynamoDBClient({
    endpoint: endpoints.dynamodbEndpoint,
    region: endpoints.credentials.region,
    credentials: endpoints.credentials,
  });
  const tables: string[] = [];

  afterAll(async () => {
    for (const TableName of tables) {
      await client.send(new DeleteTableCommand({ TableName })).catch((error: unknown) => {
        if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
      });
    }
    client.destroy();
  });

  return {
    client,
    tableName(base) {
      const name = uniqueId(base);
      tables.push(name);
      return name;
    },
  };
}
