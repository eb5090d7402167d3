import type { Kafka } from 'kafkajs';
// Test-only (excluded from the build): runs ingest in-process on an integration suite's own topic
// prefix, against the real Kafka and registry, and records everything it produces.
import {
  CONTENT_TYPES,
  HEADERS,
  TOPICS,
  TOPIC_IDS,
  consumerGroupId,
  topicName,
  valueSubject,
} from '@rtml/contracts';
import type { TopicId } from '@rtml/contracts';
import { AvroSerde, TopicAdmin, contractTopicSpecs, provisionContracts } from '@rtml/kafka';
import type { OutgoingRecord, RecordBatch } from '@rtml/kafka';
import { TopicReader } from '@rtml/kafka/testing';

import { startService } from '@rtml/service-runtime';
import type { RunningService } from '@rtml/service-runtime';
import { loadIngestConfig } from './ingest.config';
import { DEV_PRODUCER_KEY } from './producer-keys/producer-keys.config';
import { ingestService } from './ingest.service-definition';

/** What the harness needs of the suite's `useKafka()` context (the testing library's type). */
export interface SuiteKafka {
  readonly kafka: Kafka;
  readonly prefix: string;
  readonly schemaRegistryUrl: string;
  adoptTopics(names: readonly string[]): void;
  groupId(name: string): string;
}

type Producer = ReturnType<SuiteKafka['kafka']['producer']>;

export interface ObservedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** The value decoded from Avro through the registry. */
  readonly value: Record<string, unknown>;
}

export class IngestHarness {
  /** Everything produced to transactions, labels and events.dlq since the start, in arrival order. */
  readonly observed: ObservedRecord[] = [];

  private constructor(
    readonly prefix: string,
    readonly url: string,
    readonly serde: AvroSerde,
    private readonly service: RunningService,
    private readonly observer: TopicReader,
    private readonly producer: Producer,
  ) {}

  /**
   * Creates the contract topics (all, or only `topics`) and every value subject of the suite's
   * prefix, then starts ingest on them and an observer of its output topics.
   */
  static async start(
    suite: SuiteKafka,
    brokers: readonly string[],
    port: number,
    topics: readonly TopicId[] = TOPIC_IDS,
    /** Extra environment (e.g. INGEST_API_KEYS); without keys the loopback dev key is accepted. */
    env: Readonly<Record<string, string>> = {},
  ): Promise<IngestHarness> {
    const prefix = suite.prefix.replace(/\.$/, ''); // topicName() adds the separator itself
    const serde = new AvroSerde(suite.schemaRegistryUrl);
    await provision(suite, serde, prefix, topics);
    // Registered under the suite's prefix, so useKafka deletes it after the suite.
    if (suite.groupId('rtml.ingest') !== consumerGroupId('ingest', prefix))
      throw new Error('the suite prefix does not match the service prefix');
    const service = await startService(
      ingestService,
      loadIngestConfig({
        HTTP_PORT: String(port),
        HTTP_HOST: '127.0.0.1',
        KAFKA_BROKERS: brokers.join(','),
        SCHEMA_REGISTRY_URL: suite.schemaRegistryUrl,
        TOPIC_PREFIX: prefix,
        LOG_LEVEL: process.env['RTML_TEST_LOG_LEVEL'] === 'debug' ? 'debug' : 'fatal',
        ...env,
      }),
    );
    const producer = suite.kafka.producer();
    await producer.connect();
    const observer = new TopicReader(suite.kafka, {
      groupId: suite.groupId('observer'),
      topics: OUTPUTS.filter((id) => topics.includes(id)).map((id) => topicName(id, prefix)),
    });
    const url = `http://127.0.0.1:${port}`;
    const harness = new IngestHarness(prefix, url, serde, service, observer, producer);
    if (OUTPUTS.some((id) => topics.includes(id)))
      await observer.start((batch) => harness.observe(batch));
    return harness;
  }

  topic(id: TopicId): string {
    return topicName(id, this.prefix);
  }

  /** The observed records of one topic whose event id (header) is one of `eventIds`. */
  outputs(id: TopicId, eventIds: readonly string[]): ObservedRecord[] {
    return this.observed.filter(
      (record) =>
        record.topic === this.topic(id) && eventIds.includes(record.headers[HEADERS.eventId] ?? ''),
    );
  }

  /** POSTs `body` as the dev producer, unless `headers` names another x-api-key. */
  post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': CONTENT_TYPES.json, 'x-api-key': DEV_PRODUCER_KEY, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  /**
   * Produces one record to the suite's events.raw, as an outside producer would, and says where
   * it landed (one round trip per record: fine for a test, never for the service).
   */
  async produceRaw(
    record: Omit<OutgoingRecord, 'topic'>,
    /** The rtml-producer-key header: the dev key unless given; null sends none. */
    producerKey: string | null = DEV_PRODUCER_KEY,
  ): Promise<{ partition: number; offset: string }> {
    const identity = producerKey === null ? {} : { [HEADERS.producerKey]: producerKey };
    const [metadata] = await this.producer.send({
      topic: this.topic('rawEvents'),
      messages: [
        { key: record.key, value: record.value, headers: { ...identity, ...record.headers } },
      ],
    });
    return { partition: metadata!.partition, offset: metadata!.baseOffset! };
  }

  private async observe(batch: RecordBatch): Promise<void> {
    for (const record of batch.records) {
      this.observed.push({
        topic: record.topic,
        partition: record.partition,
        key: record.key?.toString('utf8') ?? null,
        headers: record.headers,
        value: (await this.serde.decode(record.value!)) as Record<string, unknown>,
      });
    }
  }

  async stop(): Promise<void> {
    await this.observer.stop();
    await this.producer.disconnect();
    await this.service.stop();
  }
}

const OUTPUTS: readonly TopicId[] = ['transactions', 'labels', 'deadLetters'];

async function provision(
  suite: SuiteKafka,
  serde: AvroSerde,
  prefix: string,
  topics: readonly TopicId[],
): Promise<void> {
  const admin = new TopicAdmin(suite.kafka);
  suite.adoptTopics(contractTopicSpecs(prefix).map((spec) => spec.name));
  if (topics.length === TOPIC_IDS.length) {
    await provisionContracts(admin, serde, prefix).finally(() => admin.disconnect());
    return;
  }
  await admin.ensureTopics(contractTopicSpecs(prefix, topics)).finally(() => admin.disconnect());
  for (const id of TOPIC_IDS) {
    const { valueSchema: schema, compatibility } = TOPICS[id];
    await serde.register({ subject: valueSubject(id, prefix), schema, compatibility });
  }
}
