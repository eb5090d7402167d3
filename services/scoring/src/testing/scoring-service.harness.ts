import { sampleValue } from '@rtml/observability';
import { TopicReader } from '@rtml/kafka/testing';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Kafka } from 'kafkajs';
import { HEADERS, topicName, valueSubject } from '@rtml/contracts';
import type { DeadLetter, EnrichedEvent, ModelAlert, Prediction } from '@rtml/contracts';
import {
  AvroSerde,
  KafkaRecordPublisher,
  TopicAdmin,
  contractTopicSpecs,
  provisionContracts,
} from '@rtml/kafka';
import type { OutgoingRecord } from '@rtml/kafka';

import { startService } from '@rtml/service-runtime';
import type { RunningService } from '@rtml/service-runtime';
import { loadScoringConfig } from '../scoring.config';
import { scoringService } from '../scoring.service-definition';
import { enrichedEvents } from './enriched-events.fixture';
import { ModelReleases } from './model-releases.fixture';

export interface HarnessOptions {
  readonly kafka: Kafka;
  readonly schemaRegistryUrl: string;
  /** The suite's topic prefix, without the trailing dot. */
  readonly prefix: string;
  readonly s3: S3Client;
  readonly bucket: string;
  /** Everything the service needs to reach the servers (endpoints, credentials). */
  readonly env: Readonly<Record<string, string>>;
  readonly modelName: string;
}

type Checks = Record<string, { ok: boolean; error?: string }>;

const quiet = process.env['RTML_TEST_LOG_LEVEL'] === 'debug' ? 'debug' : 'fatal';

/**
 * The scoring service in-process against the real servers, with what a test needs around it:
 * the contract topics of a fresh prefix, a producer of enriched events, a reader of predictions
 * and dead letters, the model registry on the suite's bucket, and the HTTP endpoints.
 */
export class ScoringServiceHarness {
  readonly predictions: Prediction[] = [];
  readonly predictionHeaders: Array<Readonly<Record<string, string>>> = [];
  readonly deadLetters: DeadLetter[] = [];
  readonly modelAlerts: ModelAlert[] = [];
  readonly models: ModelReleases;
  private readonly serde: AvroSerde;
  private readonly publisher: KafkaRecordPublisher;
  private readonly reader: TopicReader;
  private service: RunningService | undefined;
  private url = '';

  constructor(private readonly options: HarnessOptions) {
    this.serde = new AvroSerde(options.schemaRegistryUrl);
    this.publisher = new KafkaRecordPublisher(options.kafka);
    this.models = new ModelReleases(options.s3, options.bucket, options.modelName);
    this.reader = new TopicReader(options.kafka, {
      groupId: `${options.prefix}.test-reader`,
      topics: [this.topic('predictions'), this.topic('deadLetters'), this.topic('modelAlerts')],
    });
  }

  /** Every contract topic of the prefix, for the suite's clean-up. */
  get topics(): string[] {
    return contractTopicSpecs(this.options.prefix).map((spec) => spec.name);
  }

  topic(id: 'enrichedEvents' | 'predictions' | 'deadLetters' | 'modelAlerts'): string {
    return topicName(id, this.options.prefix);
  }

  /** Starts the service; `env` overrides the defaults and must name a free HTTP_PORT. */
  async start(env: Readonly<Record<string, string>>): Promise<void> {
    const admin = new TopicAdmin(this.options.kafka);
    await provisionContracts(admin, this.serde, this.options.prefix);
    await admin.disconnect();
    await this.publisher.connect();
    await this.reader.start(async (batch) => {
      for (const record of batch.records) {
        const value = await this.serde.decode(record.value as Buffer);
        if (batch.topic === this.topic('deadLetters')) this.deadLetters.push(value as DeadLetter);
        else if (batch.topic === this.topic('modelAlerts'))
          this.modelAlerts.push(value as ModelAlert);
        else {
          this.predictions.push(value as Prediction);
          this.predictionHeaders.push(record.headers);
        }
      }
    });
    const config = loadScoringConfig({
      ...this.options.env,
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: quiet,
      TOPIC_PREFIX: this.options.prefix,
      MODEL_BUCKET: this.options.bucket,
      MODEL_NAME: this.options.modelName,
      ...env,
    });
    this.service = await startService(scoringService, config);
    this.url = `http://127.0.0.1:${config.HTTP_PORT}`;
  }

  async stop(): Promise<void> {
    await this.service?.stop();
    await this.reader.stop();
    await this.publisher.disconnect();
  }

  async readiness(): Promise<{ status: number; checks: Checks }> {
    const response = await fetch(`${this.url}/health/ready`);
    const body = (await response.json()) as { checks: Checks };
    return { status: response.status, checks: body.checks };
  }

  /** The value of one metric series, or undefined when it is not exposed. */
  async metric(
    name: string,
    labels: Readonly<Record<string, string>>,
  ): Promise<number | undefined> {
    return sampleValue(await (await fetch(`${this.url}/metrics`)).text(), name, labels);
  }

  /** New enriched events of this suite (see `enrichedEvents`). */
  events(count: number, seed: number, overrides: Partial<EnrichedEvent> = {}): EnrichedEvent[] {
    return enrichedEvents(count, seed, this.options.prefix, overrides);
  }

  /** Produces events (Avro, keyed by entity, with event and trace id headers) and raw values. */
  async produce(events: readonly EnrichedEvent[], raw: readonly Buffer[] = []): Promise<void> {
    const subject = valueSubject('enrichedEvents', this.options.prefix);
    const topic = this.topic('enrichedEvents');
    const records: OutgoingRecord[] = await Promise.all(
      events.map(async (event) => ({
        topic,
        key: event.entityId,
        value: await this.serde.encode(subject, event),
        headers: { [HEADERS.eventId]: event.eventId, [HEADERS.traceId]: `trace-${event.eventId}` },
      })),
    );
    const garbage = raw.map((value) => ({ topic, key: 'raw', value }));
    await this.publisher.publish([...records, ...garbage]);
  }
}
