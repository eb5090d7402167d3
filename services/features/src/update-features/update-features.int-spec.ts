import { HEADERS, topicName, valueSubject } from '@rtml/contracts';
import type { EnrichedEvent, Label, Transaction } from '@rtml/contracts';
import { HANDBOOK_15, compileFeaturePlan } from '@rtml/feature-engine';
import {
  AvroSerde,
  KafkaRecordPublisher,
  TopicAdmin,
  contractTopicSpecs,
  provisionContracts,
} from '@rtml/kafka';
import type { IncomingRecord } from '@rtml/kafka';
import { startService } from '@rtml/service-runtime';
import type { RunningService } from '@rtml/service-runtime';
import { eventually, freePort, testEndpoints, useKafka, useRedis } from '@rtml/testing';
import { TopicReader } from '@rtml/kafka/testing';
import { loadFeaturesConfig } from '../features.config';
import { featuresService } from '../features.service-definition';
import { differences } from './window-deliveries.fixture';
import { expectedVectors, generateScenario } from './window-events.fixture';

const DAY_MS = 86_400_000;
const plan = compileFeaturePlan(HANDBOOK_15);

describe('the features service on Kafka and Redis', () => {
  let service: RunningService | undefined;
  let reader: TopicReader | undefined;
  let url = '';
  // Declared before useKafka so that it runs first: stop consuming before the topics go.
  afterAll(async () => {
    await reader?.stop();
    await service?.stop();
    await publisher.disconnect();
    await admin.disconnect();
    await offsets.disconnect();
  });
  const kafka = useKafka();
  const redis = useRedis();
  const prefix = kafka.prefix.slice(0, -1);
  const topic = {
    transactions: topicName('transactions', prefix),
    labels: topicName('labels', prefix),
    enriched: topicName('enrichedEvents', prefix),
    dlq: topicName('deadLetters', prefix),
  };
  const serde = new AvroSerde(kafka.schemaRegistryUrl);
  const admin = new TopicAdmin(kafka.kafka);
  const publisher = new KafkaRecordPublisher(kafka.kafka);
  const offsets = kafka.kafka.admin();
  const enriched: {
    key: string | null;
    headers: IncomingRecord['headers'];
    value: EnrichedEvent;
  }[] = [];
  const deadLetters: IncomingRecord[] = [];
  const groupId = kafka.groupId('rtml.features');

  beforeAll(async () => {
    kafka.adoptTopics(contractTopicSpecs(prefix).map((spec) => spec.name));
    await provisionContracts(admin, serde, prefix);
    await publisher.connect();
    await offsets.connect();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const endpoints = testEndpoints();
    const config = loadFeaturesConfig({
      HTTP_PORT: String(port),
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'fatal',
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
      REDIS_URL: endpoints.redisUrl,
      TOPIC_PREFIX: prefix,
      REDIS_KEY_PREFIX: redis.prefix,
    });
    service = await startService(featuresService, config);
    reader = new TopicReader(kafka.kafka, {
      groupId: kafka.groupId('reader'),
      topics: [topic.enriched, topic.dlq],
    });
    await reader.start(async (batch) => {
      for (const record of batch.records) {
        if (batch.topic === topic.dlq) deadLetters.push(record);
        else {
          const value = (await serde.decode(record.value as Buffer)) as EnrichedEvent;
          enriched.push({ key: record.key?.toString() ?? null, headers: record.headers, value });
        }
      }
    });
  }, 120_000);

  const produce = async (id: 'transactions' | 'labels', values: readonly (Transaction | Label)[]) =>
    publisher.publish(
      await Promise.all(
        values.map(async (value) => ({
          topic: topic[id],
          key: value.customerId,
          value: await serde.encode(valueSubject(id, prefix), value),
          headers: {
            [HEADERS.eventId]: value.eventId,
            [HEADERS.traceId]: `trace-${value.eventId}`,
          },
        })),
      ),
    );

  const endOffsets = (name: string) => offsets.fetchTopicOffsets(name);
  const recordsIn = async (name: string) =>
    (await endOffsets(name)).reduce((sum, end) => sum + Number(end.high), 0);

  /** Waits until the service has committed everything produced to `name` so far. */
  const committedAll = (name: string) =>
    eventually(
      async () => {
        const committed = await kafka.committedOffsets(groupId, name);
        for (const end of await endOffsets(name)) {
          const done = committed.find((c) => c.partition === end.partition)?.offset;
          if (end.high !== '0' && done !== end.high)
            throw new Error(`partition ${end.partition} committed ${done} of ${end.high}`);
        }
      },
      { timeoutMs: 60_000, description: `offsets committed on ${name}` },
    );

  it('enriches transactions with the offline vectors, uses labels, drops duplicates, dead-letters poison and commits', async () => {
    const start = Date.UTC(2018, 3, 1);
    const scenario = generateScenario({
      seed: 7,
      transactions: 120,
      customers: 8,
      terminals: 3,
      days: 10,
      startMillis: start,
    });
    const early = scenario.transactions.filter((tx) => tx.eventTime < start + 3 * DAY_MS);
    const late = scenario.transactions.filter((tx) => tx.eventTime >= start + 8 * DAY_MS);
    const earlyIds = new Set(early.map((tx) => tx.eventId));
    const labels = scenario.labels.filter((label) => earlyIds.has(label.transactionId));
    const expected = expectedVectors(plan, { transactions: [...early, ...late], labels });
    const offContract = { ...(early[0] as Transaction), eventId: 'no-terminal', terminalId: '' };

    // Phases keep the test exact whatever order the partitions are consumed in (README: exactness).
    await produce('transactions', [...early, offContract]);
    await publisher.publish([
      { topic: topic.transactions, key: 'x', value: Buffer.from('not avro') },
    ]);
    await committedAll(topic.transactions);
    await produce('labels', labels);
    await committedAll(topic.labels);
    await produce('transactions', [...late, early[0] as Transaction]);
    await committedAll(topic.transactions);

    await eventually(() => expect(enriched).toHaveLength(expected.size), { timeoutMs: 30_000 });
    await eventually(() => expect(deadLetters).toHaveLength(2));
    const vectors = new Map(
      enriched.map((e) => [e.value.eventId, e.value.features.map((f) => f.value)]),
    );
    expect(await recordsIn(topic.transactions)).toBe(early.length + late.length + 3);
    expect(await recordsIn(topic.enriched)).toBe(expected.size);
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
    expect(deadLetters.map((r) => r.headers[HEADERS.errorCode]).sort()).toEqual([
      'SCHEMA_INVALID',
      'UNDECODABLE',
    ]);
    expect(deadLetters.every((r) => r.headers[HEADERS.sourceTopic] === topic.transactions)).toBe(
      true,
    );
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/rtml_duplicates_total\{[^}]*stage="features"[^}]*\} 1\n/);
    expect(metrics).toMatch(/rtml_late_events_total/);
  }, 180_000);

  it('checks Redis, Kafka, the registry and its consumer for readiness', async () => {
    const response = await fetch(`${url}/health/ready`);
    const body = (await response.json()) as { checks: Record<string, { ok: boolean }> };

    expect(response.status).toBe(200);
    expect(Object.keys(body.checks).sort()).toEqual([
      'consumer',
      'kafka',
      'redis',
      'schema-registry',
    ]);
  });
});
