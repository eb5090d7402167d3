import type { Kafka } from 'kafkajs';
import {
  HEADERS,
  consumerGroupId,
  consumerGroupsOf,
  topicName,
  valueSubject,
} from '@rtml/contracts';
import type { DeadLetter, Label, Prediction } from '@rtml/contracts';
import { predictionFixture } from '@rtml/contracts/testing';
import {
  AvroSerde,
  KafkaRecordPublisher,
  TopicAdmin,
  contractTopicSpecs,
  provisionContracts,
} from '@rtml/kafka';
import { TopicReader } from '@rtml/kafka/testing';
import { startService } from '@rtml/service-runtime';
import type { RunningService } from '@rtml/service-runtime';
import { actionsService } from '../actions.service-definition';

// Integration-test support, kept out of the build (tsconfig.app.json). It takes the suite's
// servers as arguments instead of importing the testing library, which only spec files may use.

/** Where the suite's servers are (the testing library's TestEndpoints, structurally). */
export interface StackEndpoints {
  readonly kafkaBrokers: readonly string[];
  readonly schemaRegistryUrl: string;
  readonly dynamodbEndpoint: string;
  readonly credentials: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly region: string;
  };
}

export interface ActionsHarnessOptions {
  readonly kafka: Kafka;
  readonly endpoints: StackEndpoints;
  /** The suite's topic prefix, without the trailing dot. */
  readonly prefix: string;
  readonly httpPort: number;
  /** Names a table of the suite (the testing library's `useDynamoDb().tableName`). */
  readonly tableName: (base: string) => string;
  /** Service settings on top of the ones pointing at the servers and the suite's tables. */
  readonly env?: Readonly<Record<string, string>>;
}

/** The service's tables, by the setting that names each. */
const TABLE_SETTINGS = {
  scores: 'SCORES_TABLE',
  alerts: 'ALERT_STATE_TABLE',
  labels: 'LABELS_TABLE',
  quality: 'QUALITY_TABLE',
} as const;

/** A prediction of `predictionFixture`'s shape for one event of one entity. */
export const predictionOf = (
  eventId: string,
  entityId: string,
  eventTime: number,
  overrides: Partial<Prediction> = {},
): Prediction => ({ ...predictionFixture, eventId, entityId, eventTime, ...overrides });

/**
 * The actions service started in-process on the suite's own topics (provisioned here) and
 * tables, with producers of predictions and labels and a view of what the service has committed.
 * It runs every stage of the service: the predictions consumer, the webhook delivery worker and
 * the label stage.
 */
export class ActionsServiceHarness {
  readonly topics: {
    readonly predictions: string;
    readonly labels: string;
    readonly alerts: string;
    readonly webhookDeliveries: string;
    readonly deadLetters: string;
  };
  /** The service's consumer groups, unprefixed (as `useKafka().groupId` takes them). */
  readonly groupNames: readonly string[] = consumerGroupsOf('actions').map((group) =>
    consumerGroupId(group),
  );
  /** The suite's tables the service uses: named by `tableName`, or as `env` sets them. */
  readonly tables: Readonly<Record<keyof typeof TABLE_SETTINGS, string>>;
  readonly serde: AvroSerde;
  readonly baseUrl: string;
  /** Every topic the harness provisioned (for the suite to delete afterwards). */
  readonly topicNames: readonly string[];
  private readonly publisher: KafkaRecordPublisher;
  private readonly readers: TopicReader[] = [];
  private service: RunningService | undefined;
  private produced = 0;
  private labelsProduced = 0;

  constructor(private readonly options: ActionsHarnessOptions) {
    const { prefix } = options;
    this.topics = {
      predictions: topicName('predictions', prefix),
      labels: topicName('labels', prefix),
      alerts: topicName('alerts', prefix),
      webhookDeliveries: topicName('webhookDeliveries', prefix),
      deadLetters: topicName('deadLetters', prefix),
    };
    this.topicNames = contractTopicSpecs(prefix).map((spec) => spec.name);
    const env = options.env ?? {};
    this.tables = Object.fromEntries(
      Object.entries(TABLE_SETTINGS).map(([table, setting]) => [
        table,
        env[setting] ?? options.tableName(table),
      ]),
    ) as Record<keyof typeof TABLE_SETTINGS, string>;
    this.serde = new AvroSerde(options.endpoints.schemaRegistryUrl);
    this.publisher = new KafkaRecordPublisher(options.kafka);
    this.baseUrl = `http://127.0.0.1:${options.httpPort}`;
  }

  /** The service's consumer group on the broker. */
  get groupId(): string {
    return consumerGroupId('actions', this.options.prefix);
  }

  /** The delivery worker's consumer group on the broker. */
  get deliveriesGroupId(): string {
    return consumerGroupId('webhookDeliveries', this.options.prefix);
  }

  /** The label stage's consumer group on the broker. */
  get labelsGroupId(): string {
    return consumerGroupId('actionsLabels', this.options.prefix);
  }

  async start(): Promise<void> {
    const admin = new TopicAdmin(this.options.kafka);
    await provisionContracts(admin, this.serde, this.options.prefix).finally(() =>
      admin.disconnect(),
    );
    await this.publisher.connect();
    await this.startService();
  }

  /**
   * Stops the service as SIGTERM would (its stages drain within the shutdown budget, or leave
   * their in-flight batches uncommitted to the next owner) and starts a new one on the same
   * topics, groups and tables.
   */
  async restart(): Promise<void> {
    await this.service?.stop();
    this.service = undefined;
    await this.startService();
  }

  private async startService(): Promise<void> {
    const { endpoints, prefix, httpPort, env } = this.options;
    const tables = Object.fromEntries(
      Object.entries(TABLE_SETTINGS).map(([table, setting]) => [
        setting,
        this.tables[table as keyof typeof TABLE_SETTINGS],
      ]),
    );
    this.service = await startService(
      actionsService,
      actionsService.loadConfig({
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(httpPort),
        LOG_LEVEL: process.env['RTML_TEST_LOG_LEVEL'] ?? 'fatal',
        TOPIC_PREFIX: prefix,
        KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
        SCHEMA_REGISTRY_URL: endpoints.schemaRegistryUrl,
        DYNAMODB_ENDPOINT: endpoints.dynamodbEndpoint,
        AWS_REGION: endpoints.credentials.region,
        AWS_ACCESS_KEY_ID: endpoints.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: endpoints.credentials.secretAccessKey,
        ...tables,
        ...env,
      }),
    );
  }

  /** Produces predictions as scoring does: Avro values, keyed by entity, with the event id header. */
  async produce(predictions: readonly Prediction[]): Promise<void> {
    const subject = valueSubject('predictions', this.options.prefix);
    const records = await Promise.all(
      predictions.map(async (prediction) => ({
        topic: this.topics.predictions,
        key: prediction.entityId,
        value: await this.serde.encode(subject, prediction),
        headers: { [HEADERS.eventId]: prediction.eventId },
      })),
    );
    await this.publisher.publish(records);
    this.produced += predictions.length;
  }

  /** Produces raw values (whatever bytes, e.g. fuzzed ones) to the predictions topic under `key`. */
  async produceRaw(values: readonly Buffer[], key: string): Promise<void> {
    await this.publisher.publish(
      values.map((value) => ({ topic: this.topics.predictions, key, value })),
    );
    this.produced += values.length;
  }

  /** Produces labels as ingest does: Avro values, keyed by customer, with the event id header. */
  async produceLabels(labels: readonly Label[]): Promise<void> {
    const subject = valueSubject('labels', this.options.prefix);
    const records = await Promise.all(
      labels.map(async (label) => ({
        topic: this.topics.labels,
        key: label.customerId,
        value: await this.serde.encode(subject, label),
        headers: { [HEADERS.eventId]: label.eventId },
      })),
    );
    await this.publisher.publish(records);
    this.labelsProduced += labels.length;
  }

  /** Produces raw values (whatever bytes) to the labels topic under `key`. */
  async produceRawLabels(values: readonly Buffer[], key: string): Promise<void> {
    await this.publisher.publish(
      values.map((value) => ({ topic: this.topics.labels, key, value })),
    );
    this.labelsProduced += values.length;
  }

  /**
   * Decodes every record of the suite's dead-letter topic, from its start, into `into`, read in
   * `groupId` until `stop()`.
   */
  async collectDeadLetters(groupId: string, into: DeadLetter[]): Promise<void> {
    const reader = new TopicReader(this.options.kafka, {
      groupId,
      topics: [this.topics.deadLetters],
    });
    this.readers.push(reader);
    await reader.start(async (batch) => {
      for (const record of batch.records)
        into.push((await this.serde.decode(record.value!)) as DeadLetter);
    });
  }

  /** How many predictions produced so far the service has not committed yet. */
  async uncommitted(committedOffsets: (group: string, topic: string) => Promise<Offsets>) {
    const committed = sumOffsets(await committedOffsets(this.groupId, this.topics.predictions));
    return this.produced - committed;
  }

  /** How many labels produced so far the label stage has not committed yet. */
  async uncommittedLabels(committedOffsets: (group: string, topic: string) => Promise<Offsets>) {
    const committed = sumOffsets(await committedOffsets(this.labelsGroupId, this.topics.labels));
    return this.labelsProduced - committed;
  }

  async stop(): Promise<void> {
    await this.service?.stop();
    await this.publisher.disconnect();
    await Promise.all(this.readers.map((reader) => reader.stop()));
  }
}

type Offsets = ReadonlyArray<{ readonly offset: string }>;

/** The number of records before the given offsets (-1, "none", counts as 0). */
export const sumOffsets = (offsets: Offsets): number =>
  offsets.reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
