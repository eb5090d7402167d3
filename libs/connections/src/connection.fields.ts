import { DEFAULT_ENDPOINTS, field } from '@rtml/config';
import { PROCESSING_GUARANTEES, KAFKA_CLIENTS, SASL_MECHANISMS } from '@rtml/kafka';
import { z } from 'zod';

/**
 * Environment fields of the connections, each defaulting to the embedded local stack. Spread
 * the ones a service uses into its config schema.
 */
export const kafkaFields = {
  KAFKA_BROKERS: field.brokers(DEFAULT_ENDPOINTS.kafkaBrokers),
  SCHEMA_REGISTRY_URL: field.url(DEFAULT_ENDPOINTS.schemaRegistryUrl),
  TOPIC_PREFIX: field.topicPrefix(),
  /**
   * Partitions a replica processes at the same time. One at a time, each partition's batch waits
   * for the previous one's Redis/DynamoDB round trip, publish and commit; six overlap them (on
   * `npm run bench` here: p99 latency at 1,000 events/s from 556 to 291 ms). Order within a
   * partition is kept either way.
   */
  KAFKA_PARTITIONS_CONCURRENTLY: field.positiveInt(6),
  /**
   * Kafka Streams' names. `exactly_once_v2`: a batch's outputs and its offset commit in one Kafka
   * transaction, so `read_committed` consumers never see a duplicate, even after a crash.
   * `at_least_once`: publish, then commit; a crash between the two republishes the batch.
   * docs/reliability.md has what each costs.
   */
  PROCESSING_GUARANTEE: z.enum(PROCESSING_GUARANTEES).default('exactly_once_v2'),
  /**
   * The Kafka client of the service's data path: its stage consumers, its publisher and
   * exactly-once's transactional writers. `kafkajs` (the default) or `platformatic`
   * (@platformatic/kafka). Admin requests and the features service's state rebuild stay on
   * KafkaJS. docs/benchmarks.md has what each costs.
   */
  KAFKA_CLIENT: z.enum(KAFKA_CLIENTS).default('kafkajs'),
  /**
   * The client of the producers alone (the publisher: ingest's outputs and every stage's outputs
   * under `at_least_once`; and exactly-once's transactional writers); `KAFKA_CLIENT` when unset.
   * `platformatic` takes a quarter to a third of KafkaJS's CPU per produced record on
   * `npm run bench:kafka-clients`, its consumer 1.2-1.3 times KafkaJS's (docs/benchmarks.md).
   */
  KAFKA_PUBLISHER_CLIENT: z.enum(KAFKA_CLIENTS).optional(),
  /** TLS to the brokers (`SSL` or `SASL_SSL` listeners); the files hold PEM. */
  KAFKA_SSL: field.boolean(false),
  KAFKA_SSL_CA_FILE: z.string().default(''),
  KAFKA_SSL_CERT_FILE: z.string().default(''),
  KAFKA_SSL_KEY_FILE: z.string().default(''),
  /** Empty = no SASL. */
  KAFKA_SASL_MECHANISM: z.enum(['', ...SASL_MECHANISMS]).default(''),
  KAFKA_SASL_USERNAME: z.string().default(''),
  KAFKA_SASL_PASSWORD: z.string().default(''),
  /** HTTP basic credentials of the schema registry, when it requires them. */
  SCHEMA_REGISTRY_USERNAME: z.string().default(''),
  SCHEMA_REGISTRY_PASSWORD: z.string().default(''),
};

/** The parsed values of `kafkaFields`. */
export type KafkaFieldValues = z.output<z.ZodObject<typeof kafkaFields>>;

export const redisFields = {
  REDIS_URL: field.url(DEFAULT_ENDPOINTS.redisUrl),
};

/** Empty endpoint = the AWS default endpoint for the region (production). */
export const awsFields = {
  AWS_REGION: z.string().min(1).default('us-east-1'),
  DYNAMODB_ENDPOINT: z.union([z.literal(''), z.url()]).default(DEFAULT_ENDPOINTS.dynamodbEndpoint),
  S3_ENDPOINT: z.union([z.literal(''), z.url()]).default(DEFAULT_ENDPOINTS.s3Endpoint),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
};
