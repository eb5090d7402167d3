import { DEFAULT_ENDPOINTS, LOCAL_STACK_CREDENTIALS } from '@rtml/config';
import {
  KAFKA_SCRAM_USER,
  KAFKA_SECURE_LISTENER,
  REGISTRY_PROXY,
  kafkaCaFile,
  stackPaths,
} from '@rtml/local-stack';

/** Where integration tests find the real servers. */
export interface TestEndpoints {
  readonly kind: 'local-stack' | 'containers';
  readonly kafkaBrokers: readonly string[];
  readonly schemaRegistryUrl: string;
  readonly redisUrl: string;
  readonly dynamodbEndpoint: string;
  readonly s3Endpoint: string;
  readonly credentials: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly region: string;
  };
  /**
   * A SASL_SSL listener trusted through `caFile`: a PLAIN user, and a SCRAM-SHA-256/512 user
   * kept in the cluster metadata. Only the local stack has one.
   */
  readonly kafkaSecure?: {
    readonly broker: string;
    readonly caFile: string;
    readonly username: string;
    readonly password: string;
    readonly scram: { readonly username: string; readonly password: string };
  };
  /** The registry behind a reverse proxy (nginx) that requires these basic credentials. */
  readonly registryProxy?: {
    readonly url: string;
    readonly username: string;
    readonly password: string;
  };
}

/** Set by the Jest global setup for the test workers it spawns. */
export const TEST_ENDPOINTS_ENV = 'RTML_TEST_ENDPOINTS';

export const LOCAL_STACK_ENDPOINTS: TestEndpoints = {
  kind: 'local-stack',
  kafkaBrokers: [DEFAULT_ENDPOINTS.kafkaBrokers],
  schemaRegistryUrl: DEFAULT_ENDPOINTS.schemaRegistryUrl,
  redisUrl: DEFAULT_ENDPOINTS.redisUrl,
  dynamodbEndpoint: DEFAULT_ENDPOINTS.dynamodbEndpoint,
  s3Endpoint: DEFAULT_ENDPOINTS.s3Endpoint,
  credentials: LOCAL_STACK_CREDENTIALS,
  kafkaSecure: {
    broker: KAFKA_SECURE_LISTENER.broker,
    caFile: kafkaCaFile(stackPaths()),
    username: KAFKA_SECURE_LISTENER.username,
    password: KAFKA_SECURE_LISTENER.password,
    scram: { username: KAFKA_SCRAM_USER.username, password: KAFKA_SCRAM_USER.password },
  },
  registryProxy: {
    url: REGISTRY_PROXY.url,
    username: REGISTRY_PROXY.username,
    password: REGISTRY_PROXY.password,
  },
};

/**
 * The endpoints of this test run: those the global setup provisioned, else the local stack's
 * (a single file run without the setup still finds a stack started with `npm run infra:up`).
 */
export function testEndpoints(env: NodeJS.ProcessEnv = process.env): TestEndpoints {
  const raw = env[TEST_ENDPOINTS_ENV];
  return raw ? (JSON.parse(raw) as TestEndpoints) : LOCAL_STACK_ENDPOINTS;
}
