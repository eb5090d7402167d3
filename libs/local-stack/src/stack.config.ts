import {
  DEFAULT_ENDPOINTS,
  LOCAL_STACK_CREDENTIALS,
  LOCAL_STACK_HOST,
  LOCAL_STACK_PORTS,
} from '@rtml/config';

/**
 * The local stack's versions, JVM sizes and timeouts. Ports, endpoints and credentials come from
 * @rtml/config, the one source the services' defaults use too; docker-compose.yml publishes
 * the same ports, so clients configured from STACK_ENDPOINTS work against either way of running it.
 */

export type ServerName = 'kafka' | 'registry' | 'registry-proxy' | 'dynamodb' | 's3' | 'redis';

/** Start order of the report lines; every server is started in parallel. */
export const SERVER_NAMES: readonly ServerName[] = Object.freeze([
  'kafka',
  'registry',
  'registry-proxy',
  'dynamodb',
  's3',
  'redis',
]);

export const STACK_HOST = LOCAL_STACK_HOST;

/** The services' ports (@rtml/config), and the stack's own: the registry's authenticating proxy. */
export const STACK_PORTS = Object.freeze({ ...LOCAL_STACK_PORTS, registryProxy: 8082 });

/** Credentials S3Proxy (and MinIO in compose) accept; SigV4 requests are really verified. */
export const S3_CREDENTIALS = Object.freeze({
  accessKeyId: LOCAL_STACK_CREDENTIALS.accessKeyId,
  secretAccessKey: LOCAL_STACK_CREDENTIALS.secretAccessKey,
});

/** DynamoDB Local accepts any credentials; with -sharedDb every client sees the same tables. */
export const DYNAMODB_CREDENTIALS = Object.freeze({
  accessKeyId: 'local',
  secretAccessKey: 'local',
});

export const STACK_REGION = LOCAL_STACK_CREDENTIALS.region;

/**
 * The broker's second listener: SASL_SSL with the PLAIN mechanism, so clients' TLS and SASL
 * settings are tested against a real broker. Its certificate is self-signed, made by keytool on
 * the first start; clients trust it through the PEM file `kafkaCaFile(paths)`. These are local
 * development credentials of a loopback listener, not secrets.
 */
export const KAFKA_SECURE_LISTENER = Object.freeze({
  broker: `${LOCAL_STACK_HOST}:${LOCAL_STACK_PORTS.kafkaSecure}`,
  mechanism: 'plain',
  username: 'rtml',
  password: 'rtml-kafka-secret',
  keystorePassword: 'rtml-local-tls',
} as const);

/**
 * The SCRAM user of the same SASL_SSL listener (SCRAM-SHA-256 and SCRAM-SHA-512 are enabled
 * beside PLAIN). KRaft keeps SCRAM credentials in the cluster metadata: a fresh storage gets the
 * user at format time (`--add-scram`), a storage formatted before it existed gets it through the
 * admin API once the broker answers (see kafka-scram.users.ts). Local-only credentials.
 */
export const KAFKA_SCRAM_USER = Object.freeze({
  username: 'rtml-scram',
  password: 'rtml-scram-secret',
  mechanisms: Object.freeze(['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const),
} as const);

/**
 * nginx in front of Apicurio, requiring HTTP basic auth (an htpasswd file written on every
 * start), so clients' registry credentials run against a server that checks them. Apicurio
 * itself stays open on its own port for every other test. Local-only credentials.
 */
export const REGISTRY_PROXY = Object.freeze({
  url: `http://${LOCAL_STACK_HOST}:${STACK_PORTS.registryProxy}/apis/ccompat/v7`,
  username: 'rtml-registry',
  password: 'rtml-registry-secret',
} as const);

export const STACK_ENDPOINTS = Object.freeze({
  kafkaBrokers: Object.freeze([DEFAULT_ENDPOINTS.kafkaBrokers]),
  schemaRegistryUrl: DEFAULT_ENDPOINTS.schemaRegistryUrl,
  dynamodbEndpoint: DEFAULT_ENDPOINTS.dynamodbEndpoint,
  s3Endpoint: DEFAULT_ENDPOINTS.s3Endpoint,
  redisUrl: DEFAULT_ENDPOINTS.redisUrl,
  region: STACK_REGION,
});

/** Every TCP port the stack listens on, with the server that owns it. */
export const SERVER_PORTS: Readonly<Record<ServerName, readonly number[]>> = Object.freeze({
  kafka: [STACK_PORTS.kafka, STACK_PORTS.kafkaController, STACK_PORTS.kafkaSecure],
  registry: [STACK_PORTS.registry],
  'registry-proxy': [STACK_PORTS.registryProxy],
  dynamodb: [STACK_PORTS.dynamodb],
  s3: [STACK_PORTS.s3],
  redis: [STACK_PORTS.redis],
});

/** What a person or client points at, printed by `up`. */
export const SERVER_URLS: Readonly<Record<ServerName, string>> = Object.freeze({
  kafka: STACK_ENDPOINTS.kafkaBrokers.join(','),
  registry: STACK_ENDPOINTS.schemaRegistryUrl,
  'registry-proxy': REGISTRY_PROXY.url,
  dynamodb: STACK_ENDPOINTS.dynamodbEndpoint,
  s3: STACK_ENDPOINTS.s3Endpoint,
  redis: STACK_ENDPOINTS.redisUrl,
});

/**
 * Artifact versions. The Maven pom has the same defaults; the fetch passes these with -D so this
 * file stays the source of truth. Apicurio stays on 3.0.x: 3.1+ needs Java 21.
 */
export const ARTIFACT_VERSIONS = Object.freeze({
  kafka: '4.1.1',
  registry: '3.0.9',
  dynamodb: '2.6.1',
  s3proxy: '4.1.0',
});

/**
 * Heaps stay small: the same machine runs the services and the test suites. DynamoDB Local keeps
 * its items off the Java heap (in-memory SQLite), but a Scan page can build large temporary
 * results: a one-segment Scan of 134,288 items pushed it past 512 MB (an OutOfMemoryError), so
 * it gets 1 GB; the scanning tools use small segments (scanSegmentsFor) and stay near 60 MB.
 */
export const JVM_HEAP = Object.freeze({
  kafka: '768m',
  registry: '512m',
  dynamodb: '1g',
  s3: '256m',
});

/** How long `up` waits for a started server to answer its health check. */
export const START_TIMEOUT_MS: Readonly<Record<ServerName, number>> = Object.freeze({
  kafka: 90_000,
  registry: 120_000,
  // It answers once the registry behind it does.
  'registry-proxy': 120_000,
  dynamodb: 60_000,
  s3: 60_000,
  redis: 20_000,
});

/** One health probe's budget; `status` must answer quickly even when servers are down. */
export const PROBE_TIMEOUT_MS = 2_500;

/** `down`: SIGTERM first, SIGKILL after this (Kafka's controlled shutdown takes a few seconds). */
export const STOP_GRACE_MS = 20_000;
