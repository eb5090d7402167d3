import { HEADERS } from '@rtml/contracts';
import type { Transaction } from '@rtml/contracts';
import { HANDBOOK_15, compileFeaturePlan } from '@rtml/feature-engine';
import { eventually, freePort, testEndpoints, useKafka, useRedis } from '@rtml/testing';
import { FeaturesServiceHarness } from '../testing/features-service.harness';
import { differences } from './window-deliveries.fixture';
import { phasedScenario } from './window-events.fixture';

const plan = compileFeaturePlan(HANDBOOK_15);

describe('the features service on Kafka and Redis', () => {
  let harness: FeaturesServiceHarness | undefined;
  // Declared before useKafka so that it runs first: stop consuming before the topics go.
  afterAll(() => harness?.stop());
  const kafka = useKafka();
  const redis = useRedis();
  const service = () => harness as FeaturesServiceHarness;

  beforeAll(async () => {
    harness = new FeaturesServiceHarness({
      kafka: kafka.kafka,
      schemaRegistryUrl: kafka.schemaRegistryUrl,
      prefix: kafka.prefix.slice(0, -1),
      groupId: kafka.groupId('rtml.features'),
      readerGroupId: kafka.groupId('reader'),
    });
    kafka.adoptTopics(harness.topics);
    const endpoints = testEndpoints();
    await harness.start({
      HTTP_PORT: String(await freePort()),
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
      REDIS_URL: endpoints.redisUrl,
      REDIS_KEY_PREFIX: redis.prefix,
    });
  }, 120_000);

  /** Waits until the service has committed everything produced to the topic so far. */
  const committedAll = (id: 'transactions' | 'labels') =>
    eventually(() => service().committedAll(id), {
      timeoutMs: 60_000,
      description: `offsets committed on ${id}`,
    });

  it('enriches transactions with the offline vectors, uses labels, drops duplicates, dead-letters poison and commits', async () => {
    const { early, late, labels, expected } = phasedScenario(plan, {
      seed: 7,
      transactions: 120,
      days: 10,
      earlyDays: 3,
      lateFromDay: 8,
    });
    const offContract = { ...(early[0] as Transaction), eventId: 'no-terminal', terminalId: '' };

    // Phases keep the test exact whatever order the partitions are consumed in (README: exactness).
    const { enriched, deadLetters } = service();
    await service().produce('transactions', [...early, offContract]);
    await service().publishRaw([
      { topic: service().topic('transactions'), key: 'x', value: Buffer.from('not avro') },
    ]);
    await committedAll('transactions');
    await service().produce('labels', labels);
    await committedAll('labels');
    await service().produce('transactions', [...late, early[0] as Transaction]);
    await committedAll('transactions');

    await eventually(() => expect(enriched).toHaveLength(expected.size), { timeoutMs: 30_000 });
    await eventually(() => expect(deadLetters).toHaveLength(2));
    const vectors = service().vectors();
    expect(await service().recordsIn('transactions')).toBe(early.length + late.length + 3);
    // Counted as read (read_committed): the topic's offsets also hold transaction markers.
    expect(new Set(enriched.map((e) => e.value.eventId)).size).toBe(enriched.length);
    const risk = plan.featureNames.indexOf('TERMINAL_ID_RISK_7DAY_WINDOW');
    expect(Math.min(early.length, late.length)).toBeGreaterThan(20);
    expect([...vectors.values()].filter((v) => (v[risk] as number) > 0).length).toBeGreaterThan(5);
    expect(differences(vectors, expected)).toEqual([]);
    for (const { key, headers, value } of enriched) {
      expect(value.featureSet).toEqual({ name: 'handbook-15', version: '1' });
      expect(value.features.map((f) => f.name)).toEqual(plan.featureNames);
      expect([key, value.entityId]).toEqual([
        value.transaction.customerId,
        value.transaction.customerId,
      ]);
      expect(headers[HEADERS.traceId]).toBe(`trace-${value.eventId}`);
    }
    // An empty terminal id is well-typed but under its length limit (feature-record.schema.ts).
    expect(deadLetters.map((r) => r.headers[HEADERS.errorCode]).sort()).toEqual([
      'OUT_OF_RANGE',
      'UNDECODABLE',
    ]);
    const source = service().topic('transactions');
    expect(deadLetters.every((r) => r.headers[HEADERS.sourceTopic] === source)).toBe(true);
    expect(await service().metric('rtml_duplicates_total', { stage: 'features' })).toBe(1);
    // Exposed; how many are counted depends on how the partitions interleave.
    expect(await service().metricsText()).toMatch(/rtml_late_events_total/);
    // Freshness: the event time of the newest transaction enriched.
    const newest = Math.max(...enriched.map((e) => e.value.eventTime));
    expect(
      await service().metric('rtml_features_newest_event_time_seconds', {
        feature_set: 'handbook-15@1',
      }),
    ).toBe(newest / 1_000);
  }, 180_000);

  it('checks Redis, Kafka, the registry, its consumer and its feature state for readiness', async () => {
    const { status, checks } = await service().readiness();

    expect(status).toBe(200);
    expect(Object.keys(checks).sort()).toEqual([
      'consumer',
      'feature-state',
      'kafka',
      'redis',
      'schema-registry',
    ]);
  });
});
