import { z } from 'zod';

/**
 * The embedded local stack's ports: the one source for the services' defaults, the local stack
 * (libs/local-stack) and docker-compose.yml (which publishes the same ports).
 */
export const LOCAL_STACK_PORTS = {
  kafka: 9092,
  kafkaController: 9093,
  /** The local stack's SASL_SSL listener, for tests of secured clients. */
  kafkaSecure: 9094,
  registry: 8081,
  dynamodb: 8000,
  s3: 9000,
  redis: 6380,
} as const;

export const LOCAL_STACK_HOST = '127.0.0.1';

/**
 * Default endpoints of every service: the local stack's, so `npm start` needs no configuration;
 * every one is overridable by its environment variable.
 */
export const DEFAULT_ENDPOINTS = {
  kafkaBrokers: `${LOCAL_STACK_HOST}:${LOCAL_STACK_PORTS.kafka}`,
  schemaRegistryUrl: `http://${LOCAL_STACK_HOST}:${LOCAL_STACK_PORTS.registry}/apis/ccompat/v7`,
  redisUrl: `redis://${LOCAL_STACK_HOST}:${LOCAL_STACK_PORTS.redis}`,
  dynamodbEndpoint: `http://${LOCAL_STACK_HOST}:${LOCAL_STACK_PORTS.dynamodb}`,
  s3Endpoint: `http://${LOCAL_STACK_HOST}:${LOCAL_STACK_PORTS.s3}`,
} as const;

/** Local-stack credentials: S3Proxy/MinIO identity and DynamoDB Local's accepted dummy keys. */
export const LOCAL_STACK_CREDENTIALS = {
  accessKeyId: 'rtml',
  secretAccessKey: 'rtml-secret-key',
  region: 'us-east-1',
} as const;

const splitCsv = (raw: string): string[] =>
  raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

export const field = {
  port: (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  url: (fallback: string) => z.url().default(fallback),
  brokers: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .transform(splitCsv)
      .pipe(
        z
          .array(z.string().regex(/^[^:\s]+:\d+$/, 'expected host:port'))
          .min(1, 'expected at least one broker'),
      ),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  /** Optional prefix for topic names, so several deployments (or tests) share one cluster. */
  topicPrefix: () =>
    z
      .string()
      .regex(/^[a-zA-Z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only')
      .default(''),
  boolean: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((raw) => raw === 'true' || raw === '1'),
} as const;
