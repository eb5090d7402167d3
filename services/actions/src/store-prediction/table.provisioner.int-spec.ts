import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { AppError } from '@rtml/errors';
import { useDynamoDb } from '@rtml/testing';
import { BY_ENTITY_INDEX, scoresTableDefinition } from './scores-table.definition';
import { ensureTable } from './table.provisioner';

describe('provisioning the scores table on DynamoDB', () => {
  const { client, tableName } = useDynamoDb();

  it('creates a missing table with its entity index and TTL, and is idempotent', async () => {
    const definition = scoresTableDefinition(tableName('scores'));
    const TableName = definition.create.TableName;

    await ensureTable(client, definition, { create: true });
    await ensureTable(client, definition, { create: true });

    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName }));
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'eventId', KeyType: 'HASH' }]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual([
      BY_ENTITY_INDEX,
    ]);
    expect(ttl.TimeToLiveDescription).toMatchObject({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'expiresAt',
    });
  });

  it('refuses to boot on a missing table when it may not create tables', async () => {
    const attempt = ensureTable(client, scoresTableDefinition(tableName('absent')), {
      create: false,
    });

    await expect(attempt).rejects.toThrow(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('refuses a table that lacks the entity index', async () => {
    const definition = scoresTableDefinition(tableName('no-index'));
    const { TableName, BillingMode, KeySchema } = definition.create;
    await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode,
        KeySchema,
        AttributeDefinitions: [{ AttributeName: 'eventId', AttributeType: 'S' }],
      }),
    );

    await expect(ensureTable(client, definition, { create: false })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining(BY_ENTITY_INDEX),
    });
  });
});
