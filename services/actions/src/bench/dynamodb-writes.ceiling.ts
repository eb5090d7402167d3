import { parseArgs } from 'node:util';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { awsClientConfig } from '@rtml/connections';
import { predictionFixture } from '@rtml/contracts/testing';
import { BatchWriteRunner } from '../store-prediction/batch-write.runner';
import { toScoreItem } from '../store-prediction/score-item.mapper';
import { scoresTableDefinition } from '../store-prediction/scores-table.definition';
import { ensureTable } from '../store-prediction/table.provisioner';

/**
 * The DynamoDB ceiling of `npm run bench`: how many realistic score items per second the
 * service's BatchWriteItem runner stores alone (chunks of 25, DYNAMODB_WRITE_CONCURRENCY chunks in
 * flight, default 4 as in the service), into a throwaway table at DYNAMODB_ENDPOINT (default the
 * local stack), deleted afterwards. Prints one JSON line: {"events","seconds","eventsPerSecond"}.
 *
 *   node --conditions=@rtml/source --import tsx services/actions/src/bench/dynamodb-writes.ceiling.ts --events 20000
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '20000' } } });
  const count = Number(values.events);
  const concurrency = Number(process.env['DYNAMODB_WRITE_CONCURRENCY'] ?? 4);
  const endpoint = process.env['DYNAMODB_ENDPOINT'] ?? 'http://127.0.0.1:8000';
  const client = new DynamoDBClient(awsClientConfig(endpoint, { AWS_REGION: 'us-east-1' }));
  const tableName = `bench-scores-${Date.now().toString(36)}`;
  try {
    await ensureTable(client, scoresTableDefinition(tableName), { create: true });
    const now = Date.now();
    const items = Array.from({ length: count }, (_, index) =>
      marshall(
        toScoreItem(
          {
            ...predictionFixture,
            eventId: `bench-${index}`,
            entityId: `customer-${index % 500}`,
            eventTime: now - index,
            timings: { ...predictionFixture.timings, ingestedAt: now },
          },
          90,
        ),
      ),
    );
    const runner = new BatchWriteRunner(client, { tableName, concurrency, timeoutMs: 120_000 });
    const started = performance.now();
    await runner.putAll(items);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `${JSON.stringify({ events: count, seconds, eventsPerSecond: Math.round(count / seconds) })}\n`,
    );
  } finally {
    await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    client.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
