/**
 * The stack's endpoints work with the clients the services use: every test talks to a real server
 * on a resource named from a random id, and removes it afterwards.
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { dynamodbClientConfig, s3ClientConfig } from './client.configs';
import { pollUntil } from './deadline.helpers';
import { STACK_ENDPOINTS } from './stack.config';
import { dataDir, stackPaths } from './stack.paths';
import { isStackUp, stackStatus } from './stack.status';
import { ensureStackUp } from './stack.up';

const id = (): string => randomUUID().slice(0, 8);

const registryCall = (method: string, path: string, body?: unknown): Promise<Response> =>
  fetch(`${STACK_ENDPOINTS.schemaRegistryUrl}/${path}`, {
    method,
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

// This suite is about the no-Docker stack itself: when the harness runs on containers it is skipped.
const onContainers = process.env['RTML_TEST_STACK'] === 'containers';

beforeAll(async () => {
  if (!onContainers && !isStackUp(await stackStatus())) await ensureStackUp();
}, 240_000);

(onContainers ? describe.skip : describe)('local stack endpoints', () => {
  it('Kafka 4 (KRaft) accepts a topic, a keyed produce and a consume with kafkajs', async () => {
    const topic = `local-stack-${id()}`;
    const kafka = new Kafka({
      clientId: 'local-stack-int',
      brokers: [...STACK_ENDPOINTS.kafkaBrokers],
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: `${topic}-group` });
    await Promise.all([admin.connect(), producer.connect(), consumer.connect()]);
    try {
      // KafkaJS's own waitForLeaders fails on KRaft's brief "unknown topic" window: poll instead.
      await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: false });
      const led = await pollUntil(
        () =>
          admin
            .fetchTopicMetadata({ topics: [topic] })
            .then((m) => m.topics.every((t) => t.partitions.every((p) => p.leader >= 0)))
            .catch(() => false),
        { timeoutMs: 30_000, intervalMs: 100 },
      );
      expect(led).toBe(true);
      await producer.send({
        topic,
        messages: [
          { key: 'card-1', value: 'a' },
          { key: 'card-1', value: 'b' },
        ],
      });
      const received: string[] = [];
      await consumer.subscribe({ topic, fromBeginning: true });
      const done = new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => {
            received.push(message.value?.toString() ?? '');
            if (received.length === 2) resolve();
          },
        });
      });
      await done;
      expect(received).toEqual(['a', 'b']);
    } finally {
      await Promise.all([consumer.disconnect(), producer.disconnect()]);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('the registry registers, serves by id, and rejects a BACKWARD-incompatible change with 409', async () => {
    const subject = `local-stack-${id()}-value`;
    try {
      const registry = new SchemaRegistry({ host: STACK_ENDPOINTS.schemaRegistryUrl });
      const v1 = { type: 'record', name: 'Probe', fields: [{ name: 'a', type: 'string' }] };
      const schema = { type: SchemaType.AVRO as const, schema: JSON.stringify(v1) };
      const { id: schemaId } = await registry.register(schema, { subject });
      const encoded = await registry.encode(schemaId, { a: 'x' });
      expect(await registry.decode(encoded)).toEqual({ a: 'x' });

      expect(
        (await registryCall('PUT', `config/${subject}`, { compatibility: 'BACKWARD' })).status,
      ).toBe(200);
      const v2 = { ...v1, fields: [...v1.fields, { name: 'b', type: 'int' }] };
      const incompatible = await registryCall('POST', `subjects/${subject}/versions`, {
        schema: JSON.stringify(v2),
      });
      expect(incompatible.status).toBe(409);
    } finally {
      await registryCall('DELETE', `subjects/${subject}`);
      await registryCall('DELETE', `subjects/${subject}?permanent=true`);
    }
  });

  it('DynamoDB Local creates a table and round-trips an item', async () => {
    const client = new DynamoDBClient(dynamodbClientConfig());
    const TableName = `local-stack-${id()}`;
    try {
      await client.send(
        new CreateTableCommand({
          TableName,
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'k' }, v: { N: '1' } } }));
      const item = await client.send(
        new GetItemCommand({ TableName, Key: { pk: { S: 'k' } }, ConsistentRead: true }),
      );
      expect(item.Item?.['v']).toEqual({ N: '1' });
    } finally {
      await client.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
      client.destroy();
    }
  });

  it('the S3 API verifies SigV4 and round-trips an object path-style', async () => {
    const client = new S3Client(s3ClientConfig());
    const Bucket = `local-stack-${id()}`;
    try {
      await client.send(new CreateBucketCommand({ Bucket }));
      await client.send(
        new PutObjectCommand({ Bucket, Key: 'models/m/1/model.onnx', Body: 'bytes' }),
      );
      const object = await client.send(
        new GetObjectCommand({ Bucket, Key: 'models/m/1/model.onnx' }),
      );
      expect(await object.Body?.transformToString()).toBe('bytes');
      const wrongKey = new S3Client({
        ...s3ClientConfig(),
        credentials: { accessKeyId: 'rtml', secretAccessKey: 'wrong' },
      });
      await expect(
        wrongKey.send(new GetObjectCommand({ Bucket, Key: 'models/m/1/model.onnx' })),
      ).rejects.toThrow();
      wrongKey.destroy();
    } finally {
      await client
        .send(new DeleteObjectCommand({ Bucket, Key: 'models/m/1/model.onnx' }))
        .catch(() => undefined);
      await client.send(new DeleteBucketCommand({ Bucket })).catch(() => undefined);
      client.destroy();
    }
  });

  it('Redis keeps its state in an append-only file fsynced every second, under .stack/data/redis', async () => {
    const redis = new Redis(STACK_ENDPOINTS.redisUrl, { lazyConnect: true });
    try {
      await redis.connect();
      const setting = async (name: string) => (await redis.config('GET', name))[1];
      expect(await setting('appendonly')).toBe('yes');
      expect(await setting('appendfsync')).toBe('everysec');
      expect(await setting('dir')).toBe(dataDir(stackPaths(), 'redis'));
    } finally {
      redis.disconnect();
    }
  });

  it('Redis answers on the stack port, not the system one', async () => {
    const redis = new Redis(STACK_ENDPOINTS.redisUrl, { lazyConnect: true });
    const key = `local-stack:${id()}`;
    try {
      await redis.connect();
      await redis.set(key, 'v', 'EX', 60);
      expect(await redis.get(key)).toBe('v');
      expect((await redis.config('GET', 'port'))[1]).toBe('6380');
    } finally {
      await redis.del(key);
      redis.disconnect();
    }
  });
});
