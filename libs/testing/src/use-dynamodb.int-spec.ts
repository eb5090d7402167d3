import {
  CreateTableCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { useDynamoDb } from './use-dynamodb';

describe('the DynamoDB of the test stack', () => {
  const { client, tableName } = useDynamoDb();
  const table = tableName('scores');

  beforeAll(async () => {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: table });
  });

  it('writes items and reads them back by key and by key range', async () => {
    for (const [sk, score] of [
      [1000, '0.1'],
      [2000, '0.9'],
      [3000, '0.5'],
    ] as const) {
      await client.send(
        new PutItemCommand({
          TableName: table,
          Item: { pk: { S: 'customer-1' }, sk: { N: String(sk) }, score: { N: score } },
        }),
      );
    }

    const one = await client.send(
      new GetItemCommand({
        TableName: table,
        Key: { pk: { S: 'customer-1' }, sk: { N: '2000' } },
        ConsistentRead: true,
      }),
    );
    const range = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': { S: 'customer-1' },
          ':from': { N: '1500' },
          ':to': { N: '3000' },
        },
      }),
    );

    expect(one.Item?.['score']).toEqual({ N: '0.9' });
    expect(range.Items?.map((item) => item['sk']?.N)).toEqual(['2000', '3000']);
  });
});
