import { DEFAULT_ENDPOINTS, field } from '@rtml/config';
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
};

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
