import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { CONSUMER_GROUPS, TOPIC_IDS, consumerGroupsOf, topicName } from '@rtml/contracts';
import { AvroSerde, TopicAdmin, provisionContracts } from '@rtml/kafka';
import {
  ServiceProcess,
  eventually,
  useDynamoDb,
  useKafka,
  useRedis,
  useS3Bucket,
} from '@rtml/testing';
import { ModelReleases } from './pipeline/model.releases';

const SERVICES = [
  { service: 'ingest', dependencies: ['kafka', 'schema-registry', 'consumer'] },
  {
    service: 'features',
    dependencies: ['kafka', 'schema-registry', 'redis', 'consumer', 'feature-state'],
  },
  {
    service: 'scoring',
    dependencies: ['kafka', 'schema-registry', 's3', 'consumer', 'model'],
  },
  {
    service: 'actions',
    dependencies: [
      'kafka',
      'schema-registry',
      'dynamodb',
      'consumer',
      'webhook-deliveries',
      'labels',
    ],
  },
] as const;

describe.each(SERVICES)('the $service service process', ({ service, dependencies }) => {
  const kafka = useKafka();
  const redis = useRedis();
  const s3 = useS3Bucket();
  const dynamodb = useDynamoDb();
  const topicPrefix = kafka.prefix.replace(/\.$/, '');
  const isolated = {
    TOPIC_PREFIX: topicPrefix,
    REDIS_KEY_PREFIX: redis.prefix,
    MODEL_BUCKET: s3.bucket,
    SCORES_TABLE: dynamodb.tableName('scores'),
    ALERT_STATE_TABLE: dynamodb.tableName('alerts'),
    LABELS_TABLE: dynamodb.tableName('labels'),
    QUALITY_TABLE: dynamodb.tableName('quality'),
  };
  const started: ServiceProcess[] = [];
  const start = async (env?: Record<string, string>) => {
    const process = await ServiceProcess.start({ service, env: { ...isolated, ...env } });
    started.push(process);
    return process;
  };

  beforeAll(async () => {
    const admin = new TopicAdmin(kafka.kafka);
    await provisionContracts(admin, new AvroSerde(kafka.schemaRegistryUrl), topicPrefix);
    await admin.disconnect();
    kafka.adoptTopics(TOPIC_IDS.map((id) => topicName(id, topicPrefix)));
    for (const group of consumerGroupsOf(service)) kafka.groupId(CONSUMER_GROUPS[group].groupId);
    if (service === 'scoring')
      await new ModelReleases(s3.client, s3.bucket, 'card-fraud').release(1);
  }, 120_000);
  afterEach(async () => {
    await Promise.all(started.splice(0).map((process) => process.dispose()));
  });

  it('is live, ready once its dependencies answer, exposes metrics, and logs JSON lines', async () => {
    const process = await start();
    await process.waitUntilReady();

    const live = await fetch(`${process.url}/health/live`);
    const ready = (await (await fetch(`${process.url}/health/ready`)).json()) as {
      checks: Record<string, { ok: boolean }>;
    };
    const metrics = await (await fetch(`${process.url}/metrics`)).text();

    expect(live.status).toBe(200);
    expect(Object.keys(ready.checks).sort()).toEqual([...dependencies].sort());
    expect(metrics).toContain(`rtml_process_resident_memory_bytes{service="${service}"}`);
    expect(process.logs()).toContainEqual(
      expect.objectContaining({ service, level: 'info', msg: `${service} started` }),
    );
  });

  it('stops gracefully on SIGTERM: not ready, closes, exits 0', async () => {
    const process = await start();
    await process.waitUntilReady();

    process.signal('SIGTERM');

    await expect(process.exited()).resolves.toBe(0);
    expect(process.logs().map((line) => line['msg'])).toEqual(
      expect.arrayContaining([`${service} stopping`, `${service} stopped`]),
    );
  });

  it('reports not ready, naming Kafka, while Kafka does not answer, but stays live', async () => {
    const process = await start({ KAFKA_BROKERS: '127.0.0.1:1' });

    const report = await eventually(
      async () => {
        const response = await fetch(`${process.url}/health/ready`);
        return {
          status: response.status,
          body: (await response.json()) as { checks: Record<string, { ok: boolean }> },
        };
      },
      { description: 'a readiness answer' },
    );

    expect(report.status).toBe(503);
    expect(report.body.checks['kafka']?.ok).toBe(false);
    expect((await fetch(`${process.url}/health/live`)).status).toBe(200);
  });

  it('refuses to boot on invalid configuration, listing every problem on one line', async () => {
    const process = await start({
      HTTP_PORT: 'eighty',
      KAFKA_BROKERS: 'no-port',
      LOG_LEVEL: 'loud',
    });

    await expect(process.exited()).resolves.toBe(1);
    const line = JSON.parse(process.stderrLines.join('')) as {
      code: string;
      problems: Array<{ variable: string }>;
    };
    expect(line.code).toBe('CONFIG_INVALID');
    expect(line.problems.map((problem) => problem.variable).sort()).toEqual([
      'HTTP_PORT',
      'KAFKA_BROKERS',
      'LOG_LEVEL',
    ]);
  });

  it('exits 1 with one JSON line naming the cause when it cannot start, e.g. its port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const process = await start({ HTTP_PORT: String(port) });

      await expect(process.exited()).resolves.toBe(1);
      const line = JSON.parse(process.stderrLines.join('')) as { level: string; msg: string };
      expect(line.level).toBe('fatal');
      expect(line.msg).toMatch(new RegExp(`${service} failed to start: .*EADDRINUSE`));
    } finally {
      blocker.close();
    }
  });
});
