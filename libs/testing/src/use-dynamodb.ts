import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { testEndpoints } from './test-endpoints';
import { uniqueId } from './unique-id';

export interface DynamoDbTestContext {
  readonly client: DynamoDBClient;
  /** A table name of this suite (`<base>-<random>`); the table is deleted afterwards. */
  tableName(base: string): string;
  /** Creates a table of this suite keyed by one string attribute; resolves to its name. */
  createKeyedTable(base: string, key: string): Promise<string>;
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

  const tableName = (base: string) => {
    const name = uniqueId(base);
    tables.push(name);
    return name;
  };
  return {
    client,
    tableName,
    async createKeyedTable(base, key) {
      const name = tableName(base);
      await client.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
          KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      return name;
    },
  };
}
