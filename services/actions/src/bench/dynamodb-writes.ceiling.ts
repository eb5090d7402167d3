import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { awsClientConfig, createDynamoDbClient, withoutSdkLogging } from '@rtml/connections';
import { predictionFixture } from '@rtml/contracts/testing';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { BatchWriteRunner } from '../store-prediction/batch-write.runner';
import {
  SCORE_ITEM_MARSHALL,
  scoreItemAttributes,
  toScoreItem,
} from '../store-prediction/score-item.mapper';
import {
  scoresTableDefinition,
  withIndexProjection,
} from '../store-prediction/scores-table.definition';
import type { ScoreItem } from '../store-prediction/score-item.mapper';
import { ensureTable } from '../store-prediction/table.provisioner';

/**
 * The DynamoDB ceiling of `npm run bench`: how many realistic score items per second the
 * service's BatchWriteItem runner stores alone (chunks of 25, DYNAMODB_WRITE_CONCURRENCY chunks in
 * flight, default 4 as in the service), into a throwaway table at DYNAMODB_ENDPOINT (default the
 * local stack), deleted afterwards. Prints one JSON line: {"events","seconds","eventsPerSecond",
 * "clientCpuUs","clientCpuUsPerItem"} (this process's CPU per stored item, from score item to stored: the
 * attribute values and the SDK's requests, actions' cost of storing a prediction).
 *
 *   node --conditions=@rtml/source --import tsx services/actions/src/bench/dynamodb-writes.ceiling.ts --events 20000
 *     [--projection table|ALL|KEYS_ONLY] [--sdk-logger] [--sdk-serializer] [--named-features] [--marshall]
 *     [--server-pid <pid>]
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '20000' },
      // What a change bought, measured back to back: the former index projection and SDK step.
      projection: { type: 'string', default: 'table' },
      'sdk-logger': { type: 'boolean', default: false },
      // The SDK's own serializer for item writes instead of DynamoDbItemWritesProtocol.
      'sdk-serializer': { type: 'boolean', default: false },
      // The former item shape: the vector with its 15 names instead of the values alone.
      'named-features': { type: 'boolean', default: false },
      // The former attribute values: the SDK's marshall instead of scoreItemAttributes.
      marshall: { type: 'boolean', default: false },
      'server-pid': { type: 'string' },
    },
  });
  const count = Number(values.events);
  const concurrency = Number(process.env['DYNAMODB_WRITE_CONCURRENCY'] ?? 4);
  const endpoint = process.env['DYNAMODB_ENDPOINT'] ?? 'http://127.0.0.1:8000';
  const settings = { AWS_REGION: 'us-east-1' };
  const client = values['sdk-logger']
    ? new DynamoDBClient(awsClientConfig(endpoint, settings))
    : values['sdk-serializer']
      ? withoutSdkLogging(new DynamoDBClient(awsClientConfig(endpoint, settings)))
      : createDynamoDbClient(endpoint, settings);
  const tableName = `bench-scores-${Date.now().toString(36)}`;
  const serverPid = values['server-pid'];
  try {
    await ensureTable(
      client,
      values.projection === 'table'
        ? scoresTableDefinition(tableName)
        : withIndexProjection(scoresTableDefinition(tableName), indexProjection(values.projection)),
      {
        create: true,
      },
    );
    const now = Date.now();
    // The pipeline's shape: the default feature set, so items take the compact form unless the
    // set is renamed to one this build does not know.
    const featureSet = values['named-features']
      ? { name: `${HANDBOOK_15.name}-unknown`, version: String(HANDBOOK_15.version) }
      : { name: HANDBOOK_15.name, version: String(HANDBOOK_15.version) };
    const features = HANDBOOK_15.features.map((feature, i) => ({
      name: feature.name,
      value: 57.16 * (i + 1),
    }));
    const items = Array.from({ length: count }, (_, index) =>
      toScoreItem(
        {
          ...predictionFixture,
          featureSet,
          features,
          eventId: `bench-${index}`,
          entityId: `customer-${index % 500}`,
          eventTime: now - index,
          timings: { ...predictionFixture.timings, ingestedAt: now },
        },
        90,
      ),
    );
    const attributesOf = values.marshall
      ? (item: ScoreItem) => marshall(item, SCORE_ITEM_MARSHALL)
      : scoreItemAttributes;
    const runner = new BatchWriteRunner(client, { tableName, concurrency, timeoutMs: 120_000 });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const serverBefore = serverPid === undefined ? 0 : processCpuUs(serverPid);
    await runner.putAll(items.map(attributesOf));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const serverCpuUs = serverPid === undefined ? 0 : processCpuUs(serverPid) - serverBefore;
    const perItem = (us: number) => Math.round((us / count) * 10) / 10;
    process.stdout.write(
      `${JSON.stringify({
        events: count,
        seconds,
        eventsPerSecond: Math.round(count / seconds),
        projection: values.projection,
        sdkLogger: values['sdk-logger'],
        sdkSerializer: values['sdk-serializer'] || values['sdk-logger'],
        namedFeatures: values['named-features'],
        marshall: values.marshall,
        // The client's side of the cost (score items in, requests out): what actions pays.
        clientCpuUs: cpu.user + cpu.system,
        clientCpuUsPerItem: perItem(cpu.user + cpu.system),
        ...(serverPid === undefined
          ? {}
          : { serverCpuUs, serverCpuUsPerItem: perItem(serverCpuUs) }),
      })}\n`,
    );
  } finally {
    await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    client.destroy();
  }
}

/** User + system CPU of a process so far, in µs, from /proc (Linux clock ticks of 10 ms). */
function processCpuUs(pid: string): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

function indexProjection(text: string | undefined): 'ALL' | 'KEYS_ONLY' {
  if (text === 'ALL' || text === 'KEYS_ONLY') return text;
  throw new Error(`--projection takes table, ALL or KEYS_ONLY; got ${text}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
