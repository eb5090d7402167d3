import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient, TableDescription } from '@aws-sdk/client-dynamodb';
import { AppError } from '@rtml/errors';
import type { TableDefinition } from './scores-table.definition';

const errorName = (error: unknown): string | undefined => (error as { name?: string }).name;

/**
 * Makes sure a table exists as `definition` describes it. With `create`, a missing table is
 * created (with its TTL enabled); without it (production, where a provisioning job owns the
 * tables) a missing table or index refuses the boot with CONFIG_INVALID. Safe when several
 * replicas boot at once: losing the creation race is fine.
 */
export async function ensureTable(
  client: DynamoDBClient,
  definition: TableDefinition,
  options: { readonly create: boolean; readonly maxWaitSeconds?: number },
): Promise<void> {
  const TableName = definition.create.TableName;
  let table = await describe(client, TableName);
  if (!table && !options.create)
    throw new AppError('CONFIG_INVALID', `DynamoDB table ${TableName} does not exist`, {
      details: {
        table: TableName,
        hint: 'create it with the provisioning job or CREATE_TABLE=true',
      },
    });
  if (!table) {
    await client.send(new CreateTableCommand(definition.create)).catch((error: unknown) => {
      if (errorName(error) !== 'ResourceInUseException') throw error; // another replica won
    });
    await waitUntilTableExists(
      { client, maxWaitTime: options.maxWaitSeconds ?? 60 },
      { TableName },
    );
    table = await describe(client, TableName);
  }
  checkIndexes(table, definition);
  if (options.create) await enableTimeToLive(client, definition);
}

async function describe(
  client: DynamoDBClient,
  TableName: string | undefined,
): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName }))).Table;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined;
    throw new AppError('DEPENDENCY_UNAVAILABLE', `describing DynamoDB table ${TableName} failed`, {
      cause: error,
    });
  }
}

function checkIndexes(table: TableDescription | undefined, definition: TableDefinition): void {
  const present = new Set((table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = definition.requiredIndexes.filter((index) => !present.has(index));
  if (missing.length > 0)
    throw new AppError(
      'CONFIG_INVALID',
      `DynamoDB table ${definition.create.TableName} lacks the index(es) ${missing.join(', ')}`,
      { details: { table: definition.create.TableName, missing } },
    );
}

async function enableTimeToLive(
  client: DynamoDBClient,
  definition: TableDefinition,
): Promise<void> {
  const { TableName } = definition.timeToLive;
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName }));
  const status = current.TimeToLiveDescription?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') return;
  await client.send(new UpdateTimeToLiveCommand(definition.timeToLive)).catch((error: unknown) => {
    // Two replicas enabling it at once: the loser is told it is already enabled.
    if (errorName(error) !== 'ValidationException') throw error;
  });
}
