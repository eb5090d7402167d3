import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { toAppError } from '@rtml/errors';
import { FaultProxy, eventually, testEndpoints } from '@rtml/testing';
import { Redis } from 'ioredis';
import { awsClientConfig } from './aws-client.config';
import type { AwsTimeouts } from './aws-client.config';
import { REDIS_CLIENT_OPTIONS } from './redis-client.options';

const TIMEOUT_MS = 800;
/** How much later than its timeout a blackholed request may fail (scheduling on a busy machine). */
const SLACK_MS = 1_500;
const SHORT: AwsTimeouts = {
  connectionTimeoutMs: TIMEOUT_MS,
  requestTimeoutMs: TIMEOUT_MS,
  socketTimeoutMs: TIMEOUT_MS,
};

/** The failure of `call`, as the transports see it (toAppError), and how long it took. */
async function failureOf(call: () => Promise<unknown>) {
  const started = performance.now();
  const thrown = await call().then(
    () => new Error('expected the call to fail'),
    (error: unknown) => error,
  );
  const error = toAppError(thrown);
  return { code: error.code, retriable: error.retriable, elapsedMs: performance.now() - started };
}

const endpoints = testEndpoints();
const settings = {
  AWS_REGION: endpoints.credentials.region,
  AWS_ACCESS_KEY_ID: endpoints.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: endpoints.credentials.secretAccessKey,
};

describe.each([
  {
    store: 'DynamoDB',
    endpoint: endpoints.dynamodbEndpoint,
    // One attempt: this measures one request's bound (the SDK's retries multiply it by 3).
    call: (endpoint: string) => {
      const client = new DynamoDBClient({
        ...awsClientConfig(endpoint, settings, SHORT),
        maxAttempts: 1,
      });
      return { client, request: () => client.send(new ListTablesCommand({ Limit: 1 })) };
    },
  },
  {
    store: 'S3',
    endpoint: endpoints.s3Endpoint,
    call: (endpoint: string) => {
      const client = new S3Client({
        ...awsClientConfig(endpoint, settings, SHORT),
        forcePathStyle: true,
        maxAttempts: 1,
      });
      return { client, request: () => client.send(new ListBucketsCommand({})) };
    },
  },
])('an SDK client of awsClientConfig in front of $store', ({ endpoint, call }) => {
  let proxy: FaultProxy;
  let client: { destroy(): void };
  let request: () => Promise<unknown>;

  beforeAll(async () => {
    proxy = await FaultProxy.start(endpoint);
    ({ client, request } = call(proxy.url(endpoint)));
  });
  afterAll(async () => {
    client.destroy();
    await proxy.stop();
  });

  it('fails within its timeout, retriably, while the store accepts and never answers', async () => {
    await request(); // a kept-alive connection, which the blackhole silences too
    await proxy.setMode('blackhole');

    const failure = await failureOf(request);

    expect(failure).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retriable: true });
    expect(failure.elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  it('fails retriably while the store refuses connections, and answers once it is back', async () => {
    await proxy.setMode('refuse');
    await expect(failureOf(request)).resolves.toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
      retriable: true,
    });

    await proxy.setMode('pass');
    await expect(request()).resolves.toBeDefined();
  });
});

describe('the services’ Redis client (its own timeouts) in front of a Redis that stops answering', () => {
  let proxy: FaultProxy;
  let redis: Redis;

  beforeAll(async () => {
    proxy = await FaultProxy.start(endpoints.redisUrl);
    redis = new Redis(proxy.url(endpoints.redisUrl), REDIS_CLIENT_OPTIONS);
  });
  afterAll(async () => {
    redis.disconnect();
    await proxy.stop();
  });

  it('fails a command within its timeout, retriably, and recovers when Redis answers again', async () => {
    await expect(redis.ping()).resolves.toBe('PONG');
    await proxy.setMode('blackhole');

    const failure = await failureOf(() => redis.ping());

    expect(failure).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retriable: true });
    expect(failure.elapsedMs).toBeLessThan(Number(REDIS_CLIENT_OPTIONS.commandTimeout) + SLACK_MS);
    await proxy.setMode('pass');
    await eventually(() => redis.ping(), { description: 'Redis answering through the proxy' });
  });
});
