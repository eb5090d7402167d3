import { GenericContainer, Wait, getContainerRuntimeClient } from 'testcontainers';
import type { StartedTestContainer } from 'testcontainers';
import { LOCAL_STACK_CREDENTIALS } from '@rtml/config';
import { freePort } from '@rtml/local-stack';
import type { TestEndpoints } from './test-endpoints';

/** Images of the Docker path; the same tags as docker-compose.yml (a policy test checks it). */
export const CONTAINER_IMAGES = {
  kafka: 'apache/kafka:4.1.1',
  registry: 'apicurio/apicurio-registry:3.0.9',
  redis: 'redis:7.0.15-alpine',
  dynamodb: 'amazon/dynamodb-local:2.6.1',
  minio: 'minio/minio:RELEASE.2025-04-22T22-12-26Z',
} as const;

export async function isDockerReachable(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/** Starts the five servers as containers; testcontainers' reaper removes them after the run. */
export async function startContainerStack(): Promise<{
  endpoints: TestEndpoints;
  containers: StartedTestContainer[];
}> {
  const kafkaPort = await freePort();
  const [kafka, registry, redis, dynamodb, minio] = await Promise.all([
    new GenericContainer(CONTAINER_IMAGES.kafka)
      .withExposedPorts({ container: 9092, host: kafkaPort })
      .withEnvironment({
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
        KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${kafkaPort}`,
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
        KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
        KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      })
      .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
      .start(),
    new GenericContainer(CONTAINER_IMAGES.registry)
      .withExposedPorts(8080)
      .withWaitStrategy(Wait.forHttp('/apis/ccompat/v7/subjects', 8080))
      .start(),
    new GenericContainer(CONTAINER_IMAGES.redis)
      .withExposedPorts(6379)
      .withWaitStrategy(Wait.forLogMessage(/Ready to accept connections/))
      .start(),
    new GenericContainer(CONTAINER_IMAGES.dynamodb)
      .withCommand(['-jar', 'DynamoDBLocal.jar', '-sharedDb', '-inMemory'])
      .withExposedPorts(8000)
      .start(),
    new GenericContainer(CONTAINER_IMAGES.minio)
      .withCommand(['server', '/data'])
      .withEnvironment({
        MINIO_ROOT_USER: LOCAL_STACK_CREDENTIALS.accessKeyId,
        MINIO_ROOT_PASSWORD: LOCAL_STACK_CREDENTIALS.secretAccessKey,
      })
      .withExposedPorts(9000)
      .withWaitStrategy(Wait.forHttp('/minio/health/ready', 9000))
      .start(),
  ]);
  const url = (container: StartedTestContainer, port: number) =>
    `http://${container.getHost()}:${container.getMappedPort(port)}`;
  const endpoints: TestEndpoints = {
    kind: 'containers',
    kafkaBrokers: [`127.0.0.1:${kafkaPort}`],
    schemaRegistryUrl: `${url(registry, 8080)}/apis/ccompat/v7`,
    redisUrl: `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`,
    dynamodbEndpoint: url(dynamodb, 8000),
    s3Endpoint: url(minio, 9000),
    credentials: LOCAL_STACK_CREDENTIALS,
  };
  return { endpoints, containers: [kafka, registry, redis, dynamodb, minio] };
}
