import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { withTimeout } from './deadline.helpers';
import type { ServerName } from './stack.config';
import { dynamodbClientConfig, s3ClientConfig } from './client.configs';
import { REGISTRY_PROXY, STACK_ENDPOINTS, STACK_HOST, STACK_PORTS } from './stack.config';

/** A real request to one server; resolves when it answered correctly, rejects otherwise. */
export type HealthProbe = (timeoutMs: number) => Promise<void>;

/** Kafka: a metadata request through the admin client (the broker must be serving, not just listening). */
async function probeKafka(timeoutMs: number): Promise<void> {
  const kafka = new Kafka({
    clientId: 'local-stack-probe',
    brokers: [...STACK_ENDPOINTS.kafkaBrokers],
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('kafka reports no brokers');
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Registry: the Confluent-compatible subject list must answer 200 with a JSON array. */
async function probeRegistry(timeoutMs: number): Promise<void> {
  const response = await fetch(`${STACK_ENDPOINTS.schemaRegistryUrl}/subjects`, {
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`registry answered HTTP ${response.status}`);
  const body: unknown = await response.json();
  if (!Array.isArray(body))
    throw new Error('registry answered something other than a subject list');
}

/**
 * Registry proxy: a request without credentials must be refused (401) and one with them must
 * reach the registry's subject list, so a proxy that stopped checking is not healthy.
 */
async function probeRegistryProxy(timeoutMs: number): Promise<void> {
  const url = `${REGISTRY_PROXY.url}/subjects`;
  const anonymous = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (anonymous.status !== 401)
    throw new Error(`registry proxy answered HTTP ${anonymous.status} without credentials`);
  const basic = Buffer.from(`${REGISTRY_PROXY.username}:${REGISTRY_PROXY.password}`).toString(
    'base64',
  );
  const response = await fetch(url, {
    signal: AbortSignal.timeout(timeoutMs),
    headers: { authorization: `Basic ${basic}` },
  });
  if (!response.ok) throw new Error(`registry proxy answered HTTP ${response.status}`);
  if (!Array.isArray(await response.json()))
    throw new Error('registry proxy answered something other than a subject list');
}

async function probeDynamodb(timeoutMs: number): Promise<void> {
  const client = new DynamoDBClient({ ...dynamodbClientConfig(), maxAttempts: 1 });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), {
      abortSignal: AbortSignal.timeout(timeoutMs),
    });
  } finally {
    client.destroy();
  }
}

/** S3: a SigV4-signed ListBuckets, path-style, with the stack's credentials. */
async function probeS3(timeoutMs: number): Promise<void> {
  const client = new S3Client({ ...s3ClientConfig(), maxAttempts: 1 });
  try {
    await client.send(new ListBucketsCommand({}), { abortSignal: AbortSignal.timeout(timeoutMs) });
  } finally {
    client.destroy();
  }
}

async function probeRedis(timeoutMs: number): Promise<void> {
  const redis = new Redis({
    host: STACK_HOST,
    port: STACK_PORTS.redis,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // Without a listener ioredis prints unhandled connection errors to the console.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const pong = await redis.ping();
    if (pong !== 'PONG') throw new Error(`redis answered ${pong}`);
  } finally {
    redis.disconnect();
  }
}

const PROBES: Readonly<Record<ServerName, HealthProbe>> = {
  kafka: probeKafka,
  registry: probeRegistry,
  'registry-proxy': probeRegistryProxy,
  dynamodb: probeDynamodb,
  s3: probeS3,
  redis: probeRedis,
};

/** Runs one server's probe under a hard deadline; resolves to whether it answered. */
export async function isServerHealthy(server: ServerName, timeoutMs: number): Promise<boolean> {
  try {
    await withTimeout(PROBES[server](timeoutMs), timeoutMs + 500, `${server} probe`);
    return true;
  } catch {
    return false;
  }
}
