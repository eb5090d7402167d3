import { sampleValue } from '@rtml/observability';
import type { Admin, Kafka } from 'kafkajs';
import { TopicReader } from '@rtml/kafka/testing';
import { HEADERS, topicName, valueSubject } from '@rtml/contracts';
import type { EnrichedEvent, Label, Transaction } from '@rtml/contracts';
import {
  AvroSerde,
  KafkaRecordPublisher,
  TopicAdmin,
  contractTopicSpecs,
  provisionContracts,
} from '@rtml/kafka';
import type { IncomingRecord, OutgoingRecord } from '@rtml/kafka';
import { startService } from '@rtml/service-runtime';
import type { RunningService } from '@rtml/service-runtime';
import { loadFeaturesConfig } from '../features.config';
import { featuresService } from '../features.service-definition';

export interface FeaturesHarnessOptions {
  readonly kafka: Kafka;
  readonly schemaRegistryUrl: string;
  /** The suite's topic prefix, without the trailing dot. */
  readonly prefix: string;
  /** The service's consumer group (registered by the suite for clean-up). */
  readonly groupId: string;
  /** A consumer group for the harness's reader of the outputs. */
  readonly readerGroupId: string;
}

export interface EnrichedRecord {
  readonly key: string | null;
  readonly headers: IncomingRecord['headers'];
  readonly value: EnrichedEvent;
}

type Checks = Record<string, { ok: boolean; error?: string }>;

const quiet = process.env['RTML_TEST_LOG_LEVEL'] === 'debug' ? 'debug' : 'fatal';

/**
 * The features service in-process against the real servers, with what a test needs around it:
 * the contract topics of a fresh prefix, producers of transactions and labels, a read_committed
 * reader of enriched events and dead letters, offsets, readiness and metrics.
 */
export class FeaturesServiceHarness {
  readonly enriched: EnrichedRecord[] = [];
  readonly deadLetters: IncomingRecord[] = [];
  private readonly serde: AvroSerde;
  private readonly publisher: KafkaRecordPublisher;
  private readonly admin: Admin;
  private readonly reader: TopicReader;
  private service: RunningService | undefined;
  private url = '';

  constructor(private readonly options: FeaturesHarnessOptions) {
    this.serde = new AvroSerde(options.schemaRegistryUrl);
    this.publisher = new KafkaRecordPublisher(options.kafka);
    this.admin = options.kafka.admin();
    this.reader = new TopicReader(options.kafka, {
      groupId: options.readerGroupId,
      topics: [this.topic('enrichedEvents'), this.topic('deadLetters')],
    });
  }

  /** Every contract topic of the prefix, for the suite's clean-up. */
  get topics(): string[] {
    return contractTopicSpecs(this.options.prefix).map((spec) => spec.name);
  }

  topic(id: 'transactions' | 'labels' | 'enrichedEvents' | 'deadLetters'): string {
    return topicName(id, this.options.prefix);
  }

  /** Starts the service; `env` must name the servers and a free HTTP_PORT. */
  async start(env: Readonly<Record<string, string>>): Promise<void> {
    const topics = new TopicAdmin(this.options.kafka);
    await provisionContracts(topics, this.serde, this.options.prefix);
    await topics.disconnect();
    await Promise.all([this.publisher.connect(), this.admin.connect()]);
    await this.reader.start(async (batch) => {
      for (const record of batch.records) {
        if (batch.topic === this.topic('deadLetters')) this.deadLetters.push(record);
        else {
          const value = (await this.serde.decode(record.value as Buffer)) as EnrichedEvent;
          this.enriched.push({
            key: record.key?.toString() ?? null,
            headers: record.headers,
            value,
          });
        }
      }
    });
    const config = loadFeaturesConfig({
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: quiet,
      TOPIC_PREFIX: this.options.prefix,
      ...env,
    });
    this.service = await startService(featuresService, config);
    this.url = `http://127.0.0.1:${config.HTTP_PORT}`;
  }

  async stop(): Promise<void> {
    await this.service?.stop();
    await this.reader.stop();
    await this.publisher.disconnect();
    await this.admin.disconnect();
  }

  /** Produces transactions or labels as ingest does: Avro, keyed by customer, with id headers. */
  async produce(id: 'transactions' | 'labels', values: readonly (Transaction | Label)[]) {
    const subject = valueSubject(id, this.options.prefix);
    const records: OutgoingRecord[] = await Promise.all(
      values.map(async (value) => ({
        topic: this.topic(id),
        key: value.customerId,
        value: await this.serde.encode(subject, value),
        headers: {
          [HEADERS.eventId]: value.eventId,
          [HEADERS.traceId]: `trace-${value.eventId}`,
        },
      })),
    );
    await this.publisher.publish(records);
  }

  async publishRaw(records: readonly OutgoingRecord[]): Promise<void> {
    await this.publisher.publish(records);
  }

  /** Records produced to the topic so far (its end offsets; our producer is not transactional). */
  async recordsIn(id: 'transactions' | 'labels'): Promise<number> {
    const ends = await this.admin.fetchTopicOffsets(this.topic(id));
    return ends.reduce((sum, end) => sum + Number(end.high), 0);
  }

  /** Whether the service has committed everything produced to the topic so far. */
  async committedAll(id: 'transactions' | 'labels'): Promise<void> {
    const topic = this.topic(id);
    const [committed] = await this.admin.fetchOffsets({
      groupId: this.options.groupId,
      topics: [topic],
    });
    for (const end of await this.admin.fetchTopicOffsets(topic)) {
      const done = committed?.partitions.find((c) => c.partition === end.partition)?.offset;
      if (end.high !== '0' && done !== end.high)
        throw new Error(`${topic}:${end.partition} committed ${done} of ${end.high}`);
    }
  }

  async readiness(): Promise<{ status: number; checks: Checks }> {
    const response = await fetch(`${this.url}/health/ready`);
    const body = (await response.json()) as { checks: Checks };
    return { status: response.status, checks: body.checks };
  }

  async metricsText(): Promise<string> {
    return (await fetch(`${this.url}/metrics`)).text();
  }

  /** The value of one metric series (the first matching the labels), undefined when absent. */
  async metric(
    name: string,
    labels: Readonly<Record<string, string>> = {},
  ): Promise<number | undefined> {
    const text = await this.metricsText();
    return sampleValue(text, name, labels);
  }

  /** The vector of each enriched event read so far, by event id (the last when read twice). */
  vectors(): Map<string, number[]> {
    return new Map(
      this.enriched.map((e) => [e.value.eventId, e.value.features.map((f) => f.value)]),
    );
  }
}
