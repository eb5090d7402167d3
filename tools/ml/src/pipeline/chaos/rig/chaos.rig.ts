import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Kafka } from 'kafkajs';
import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { AvroSerde, createKafkaClient } from '@rtml/kafka';
import { DEFAULT_MODEL_NAME, S3ModelRegistry } from '@rtml/model-registry';
import type { ModelDirectory } from '@rtml/model-registry';
import { createLogger } from '@rtml/observability';
import { FaultProxy } from '@rtml/local-stack';
import { defaultModelArtifacts, s3ClientFromEnv } from '../../launch/default-model';
import { dynamodbFromEnv } from '../../launch/dynamodb-from-env';
import { WORKSPACE_ROOT } from '../../launch/workspace.paths';
import { checkReadCommitted } from './read-committed.probe';
import { removeRunLeftovers } from './run-leftovers.cleanup';
import { ScratchBroker } from './scratch.broker';
import { ScratchRedis } from './scratch.redis';
import { sweepStaleRuns } from './stale-runs.sweep';
import { WebhookReceiver } from './webhook.receiver';

/** Where every run of the suite keeps its broker, Redis and logs (git-ignored with `.stack`). */
export const CHAOS_ROOT = join(WORKSPACE_ROOT, '.stack', 'chaos');

export const WEBHOOK_SECRET = 'chaos-webhook-secret-0123456789';

/** The shared servers, reached directly (the suite's own reads never go through a proxy). */
export interface SharedEndpoints {
  readonly registryUrl: string;
  readonly dynamodbEndpoint: string;
  readonly s3Endpoint: string;
}

/**
 * Everything a run of the fault suite shares between its faults, and owns: a Kafka broker and a
 * Redis of its own (the only servers it may crash), TCP fault proxies in front of the shared
 * registry, DynamoDB and S3 (the services reach those only through them, so cutting a proxy is
 * a real network fault nobody else sees), the alert webhook, and a model bucket with a champion.
 * Nothing of the shared stack is ever stopped; what the run creates there carries its id.
 */
export class ChaosRig {
  readonly modelName = DEFAULT_MODEL_NAME;

  private constructor(
    readonly id: string,
    readonly dir: string,
    readonly shared: SharedEndpoints,
    readonly broker: ScratchBroker,
    readonly redis: ScratchRedis,
    readonly proxies: {
      readonly registry: FaultProxy;
      readonly dynamodb: FaultProxy;
      readonly s3: FaultProxy;
    },
    readonly webhook: WebhookReceiver,
    /** The suite's own client on its broker, logging to `<dir>/driver.log`. */
    readonly kafka: Kafka,
    readonly dynamodb: DynamoDBClient,
    readonly s3: S3Client,
    /** The run's model bucket, reached directly. */
    readonly models: S3ModelRegistry,
    readonly modelArtifacts: ModelDirectory,
    /** The registry, directly: the suite encodes and decodes through it whatever the proxy does. */
    readonly serde: AvroSerde,
  ) {}

  static async start(log: (line: string) => void): Promise<ChaosRig> {
    for (const problem of await sweepStaleRuns(CHAOS_ROOT, sharedClients()))
      log(`clean-up of an earlier run: ${problem}`);
    const id = `chaos-${randomBytes(5).readUIntBE(0, 5).toString(36)}`;
    const dir = join(CHAOS_ROOT, id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'owner.pid'), `${process.pid}\n`);
    const shared = sharedEndpoints();
    const clients = sharedClients();
    const started: { stop(): Promise<void> }[] = [];
    try {
      const broker = await ScratchBroker.start(join(dir, 'kafka'));
      started.push(broker);
      log(`own Kafka broker on ${broker.address} (log ${broker.logFile})`);
      const redis = await ScratchRedis.start(join(dir, 'redis'));
      started.push(redis);
      const proxies = {
        registry: await FaultProxy.start(shared.registryUrl, { name: 'registry' }),
        dynamodb: await FaultProxy.start(shared.dynamodbEndpoint, { name: 'dynamodb' }),
        s3: await FaultProxy.start(shared.s3Endpoint, { name: 's3' }),
      };
      started.push(...Object.values(proxies));
      const webhook = await WebhookReceiver.start();
      started.push(webhook);
      log(
        `own Redis on ${redis.url}; proxies: registry :${proxies.registry.port}, DynamoDB :${proxies.dynamodb.port}, S3 :${proxies.s3.port}`,
      );
      const kafka = createKafkaClient({
        brokers: [broker.address],
        clientId: id,
        logger: createLogger({
          service: 'chaos-driver',
          level: 'warn',
          destination: createWriteStream(join(dir, 'driver.log'), { flags: 'a' }),
        }),
      });
      const isolation = await checkReadCommitted(kafka, id);
      if (isolation !== undefined) throw new Error(`read_committed check failed: ${isolation}`);
      log('the suite reads read_committed: an aborted transactional write stays unseen');
      const models = new S3ModelRegistry(clients.s3, { bucket: id });
      const modelArtifacts = await defaultModelArtifacts(log);
      await models.ensureBucket();
      const published = await models.publish({ name: DEFAULT_MODEL_NAME, ...modelArtifacts });
      await models.promote(DEFAULT_MODEL_NAME, published.version, 'champion');
      log(`model bucket ${id}: ${DEFAULT_MODEL_NAME} version ${published.version} is champion`);
      return new ChaosRig(
        id,
        dir,
        shared,
        broker,
        redis,
        proxies,
        webhook,
        kafka,
        clients.dynamodb,
        clients.s3,
        models,
        modelArtifacts,
        new AvroSerde(shared.registryUrl),
      );
    } catch (error) {
      await Promise.allSettled(started.map((part) => part.stop()));
      await removeRunLeftovers(id, clients);
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** What every service of every fault is pointed at: the run's own servers and the proxies. */
  serviceEnv(): Record<string, string> {
    return {
      KAFKA_BROKERS: this.broker.address,
      SCHEMA_REGISTRY_URL: this.proxies.registry.url(this.shared.registryUrl),
      REDIS_URL: this.redis.url,
      DYNAMODB_ENDPOINT: this.proxies.dynamodb.url(this.shared.dynamodbEndpoint),
      S3_ENDPOINT: this.proxies.s3.url(this.shared.s3Endpoint),
      MODEL_BUCKET: this.id,
      MODEL_NAME: this.modelName,
      MODEL_POLL_MS: '500',
      WEBHOOK_URLS: this.webhook.url,
      WEBHOOK_ALLOW_HOSTS: '127.0.0.1', // the run's own receiver
      WEBHOOK_SECRET,
      API_KEYS: 'chaos-api-key',
      LOG_LEVEL: 'info',
    };
  }

  /** Every proxy passing, the webhook answering: the state each fault starts from. */
  async reset(): Promise<void> {
    await Promise.all(Object.values(this.proxies).map((proxy) => proxy.setMode('pass')));
    this.webhook.reset();
  }

  /** Stops what the run started and removes what it created; returns what could not be. */
  async stop(): Promise<string[]> {
    const problems: string[] = [];
    const parts = [this.webhook, ...Object.values(this.proxies), this.redis, this.broker];
    for (const result of await Promise.allSettled(parts.map((part) => part.stop())))
      if (result.status === 'rejected') problems.push(String(result.reason));
    problems.push(...(await removeRunLeftovers(this.id, sharedClients())));
    this.dynamodb.destroy();
    this.s3.destroy();
    rmSync(this.dir, { recursive: true, force: true });
    return problems;
  }
}

function sharedEndpoints(env: NodeJS.ProcessEnv = process.env): SharedEndpoints {
  return {
    registryUrl: env['SCHEMA_REGISTRY_URL'] ?? DEFAULT_ENDPOINTS.schemaRegistryUrl,
    dynamodbEndpoint: env['DYNAMODB_ENDPOINT'] ?? DEFAULT_ENDPOINTS.dynamodbEndpoint,
    s3Endpoint: env['S3_ENDPOINT'] ?? DEFAULT_ENDPOINTS.s3Endpoint,
  };
}

function sharedClients() {
  const endpoints = sharedEndpoints();
  const env = {
    ...process.env,
    DYNAMODB_ENDPOINT: endpoints.dynamodbEndpoint,
    S3_ENDPOINT: endpoints.s3Endpoint,
  };
  return {
    registryUrl: endpoints.registryUrl,
    dynamodb: dynamodbFromEnv(env),
    s3: s3ClientFromEnv(env),
  };
}
