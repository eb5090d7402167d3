import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  CONSUMER_GROUPS,
  CONSUMER_GROUP_KEYS,
  TOPIC_IDS,
  topicName,
  valueSubject,
} from '@rtml/contracts';
import { HEADERS, LOCAL_DEV_KEYS } from '@rtml/contracts';
import type { Alert, DeadLetter, Prediction } from '@rtml/contracts';
import type { TopicId } from '@rtml/contracts';
import { AvroSerde, KafkaRecordPublisher, TopicAdmin, provisionContracts } from '@rtml/kafka';
import type { OutgoingRecord } from '@rtml/kafka';
import {
  ServiceProcess,
  freePort,
  useDynamoDb,
  useKafka,
  useRedis,
  useS3Bucket,
} from '@rtml/testing';
import { ModelReleases } from './model.releases';
import { TopicCollector } from './topic.collector';
import { WebhookReceiver } from './webhook.receiver';

export const WEBHOOK_SECRET = 'e2e-webhook-secret-0123456789';
export const API_KEY = 'e2e-api-key';
export const MODEL_NAME = 'card-fraud';
type ServiceName = 'ingest' | 'features' | 'scoring' | 'actions';

/**
 * The whole pipeline for one suite: the four built services as separate processes on an
 * isolated slice of the real stack (topic prefix, Redis key prefix, scores and alert tables,
 * model bucket), a real champion model, a webhook receiver, and collectors on the output topics.
 */
export function usePipeline() {
  const kafka = useKafka();
  const redis = useRedis();
  const s3 = useS3Bucket();
  const dynamodb = useDynamoDb();
  const topicPrefix = kafka.prefix.replace(/\.$/, '');
  const tables = {
    scores: dynamodb.tableName('scores'),
    alerts: dynamodb.tableName('alerts'),
    labels: dynamodb.tableName('labels'),
    quality: dynamodb.tableName('quality'),
  };
  const processes = new Map<ServiceName, ServiceProcess>();
  const serde = new AvroSerde(kafka.schemaRegistryUrl);
  const publisher = new KafkaRecordPublisher(kafka.kafka);
  let webhook: WebhookReceiver | undefined;
  let models: ModelReleases | undefined;
  const collectors = {
    predictions: undefined as TopicCollector<Prediction> | undefined,
    alerts: undefined as TopicCollector<Alert> | undefined,
    deadLetters: undefined as TopicCollector<DeadLetter> | undefined,
  };

  const topic = (id: TopicId) => topicName(id, topicPrefix);
  const envOf = (): Record<string, string> => ({
    TOPIC_PREFIX: topicPrefix,
    REDIS_KEY_PREFIX: redis.prefix,
    MODEL_BUCKET: s3.bucket,
    MODEL_NAME,
    MODEL_POLL_MS: '300',
    SCORES_TABLE: tables.scores,
    ALERT_STATE_TABLE: tables.alerts,
    LABELS_TABLE: tables.labels,
    QUALITY_TABLE: tables.quality,
    CREATE_TABLE: 'true',
    API_KEYS: API_KEY,
    WEBHOOK_URLS: webhook?.url ?? '',
    WEBHOOK_ALLOW_HOSTS: '127.0.0.1', // the suite's own receiver
    WEBHOOK_SECRET,
    WEBHOOK_BACKOFF_INITIAL_MS: '50',
    LOG_LEVEL: 'info',
  });

  const start = async (service: ServiceName) => {
    const process = await ServiceProcess.start({ service, env: envOf() });
    processes.set(service, process);
    await process.waitUntilReady(60_000);
    return process;
  };

  beforeAll(async () => {
    const admin = new TopicAdmin(kafka.kafka);
    await provisionContracts(admin, serde, topicPrefix);
    await admin.disconnect();
    kafka.adoptTopics(TOPIC_IDS.map(topic));
    for (const group of CONSUMER_GROUP_KEYS) kafka.groupId(CONSUMER_GROUPS[group].groupId);
    webhook = new WebhookReceiver(await freePort());
    await webhook.start();
    models = new ModelReleases(s3.client, s3.bucket, MODEL_NAME);
    await models.release(1);
    for (const [id, collector] of [
      ['predictions', 'p'],
      ['alerts', 'a'],
      ['deadLetters', 'd'],
    ] as const) {
      const created = new TopicCollector(
        kafka.kafka,
        topic(id),
        kafka.schemaRegistryUrl,
        kafka.groupId(`collector-${collector}`),
      );
      await created.start();
      (collectors as Record<string, unknown>)[id] = created;
    }
    await Promise.all((['ingest', 'features', 'scoring', 'actions'] as const).map(start));
  }, 300_000);

  afterAll(async () => {
    await Promise.all([...processes.values()].map((process) => process.dispose()));
    await Promise.all(Object.values(collectors).map((collector) => collector?.stop()));
    await publisher.disconnect();
    await webhook?.stop();
  }, 120_000);

  return {
    topic,
    tables,
    get webhook() {
      return webhook as WebhookReceiver;
    },
    get models() {
      return models as ModelReleases;
    },
    /** The environment the suite's services run with (topic prefix, tables, bucket...). */
    env: envOf,
    /** The HTTP port a service listens on, as a string for the environment. */
    port(name: ServiceName): string {
      return new URL(this.service(name).url).port;
    },
    service(name: ServiceName): ServiceProcess {
      const process = processes.get(name);
      if (process === undefined) throw new Error(`${name} is not running`);
      return process;
    },
    start,
    /** Each service's state and last warnings, to append to a failure's message. */
    diagnosis(): string {
      return [...processes].map(([name, process]) => process.diagnosis(name)).join('\n');
    },
    predictions: () => collectors.predictions?.values() ?? [],
    alerts: () => collectors.alerts?.values() ?? [],
    deadLetters: () => collectors.deadLetters?.records ?? [],
    async postEvents(events: readonly object[]): Promise<Response> {
      return fetch(`${this.service('ingest').url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': LOCAL_DEV_KEYS.producer },
        body: JSON.stringify(events),
      });
    },
    async produceRaw(records: readonly Omit<OutgoingRecord, 'topic'>[]): Promise<void> {
      await publisher.publish(
        records.map((record) => ({
          ...record,
          topic: topic('rawEvents'),
          // The local run's producer identity, unless the test sets its own (or an empty one).
          headers: { [HEADERS.producerKey]: LOCAL_DEV_KEYS.producer, ...record.headers },
        })),
      );
    },
    /** A raw event in the Confluent wire format, with the subject provisioning registered. */
    encodeRawAvro(event: object): Promise<Buffer> {
      return serde.encode(valueSubject('rawEvents', topicPrefix), event);
    },
    async storedItem(eventId: string): Promise<Record<string, unknown> | undefined> {
      const answer = await dynamodb.client.send(
        new GetItemCommand({
          TableName: tables.scores,
          Key: { eventId: { S: eventId } },
          ConsistentRead: true,
        }),
      );
      return answer.Item === undefined ? undefined : unmarshall(answer.Item);
    },
  };
}

export type PipelineContext = ReturnType<typeof usePipeline>;
