import { DeleteTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { deleteSubjects } from '@rtml/local-stack';

export interface SharedClients {
  readonly registryUrl: string;
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
}

/**
 * Removes what a run of the suite named `runId` left on the shared servers: its schema subjects
 * (`<runId>-<n>.<topic>-value`), its tables (`<runId>-<n>-...`) and its model bucket (`<runId>`).
 * Each fault removes its own slice as it ends; this catches what an interrupted or crashed run
 * could not. Each part is attempted even if another fails; returns what could not be removed.
 */
export async function removeRunLeftovers(runId: string, clients: SharedClients): Promise<string[]> {
  const problems: string[] = [];
  const attempt = async (what: string, work: () => Promise<unknown>) => {
    await work().catch((error: unknown) => problems.push(`${what}: ${String(error)}`));
  };
  await attempt('subjects', () => deleteSubjects(clients.registryUrl, `${runId}-`));
  await attempt('tables', async () => {
    for (const table of await tablesStartingWith(clients.dynamodb, `${runId}-`))
      await clients.dynamodb.send(new DeleteTableCommand({ TableName: table }));
  });
  await attempt(`bucket ${runId}`, () => deleteBucket(clients.s3, runId));
  return problems;
}

async function tablesStartingWith(client: DynamoDBClient, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await client.send(
      new ListTablesCommand({ ExclusiveStartTableName: start, Limit: 100 }),
    );
    names.push(...(page.TableNames ?? []).filter((name) => name.startsWith(prefix)));
    start = page.LastEvaluatedTableName;
  } while (start !== undefined);
  return names;
}

async function deleteBucket(client: S3Client, bucket: string): Promise<void> {
  try {
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
      );
      const keys = (page.Contents ?? []).flatMap((object) =>
        object.Key === undefined ? [] : [{ Key: object.Key }],
      );
      if (keys.length > 0)
        await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
      token = page.NextContinuationToken;
    } while (token !== undefined);
    await client.send(new DeleteBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if ((error as { name?: string }).name !== 'NoSuchBucket') throw error;
  }
}
