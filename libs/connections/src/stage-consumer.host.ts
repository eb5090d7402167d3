import type {
  BeforeApplicationShutdown,
  InjectionToken,
  OnApplicationBootstrap,
  OnModuleInit,
  Provider,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { topicName, valueSubject } from '@rtml/contracts';
import {
  AvroSerde,
  DeadLetterWriter,
  DurableRecordPublisher,
  StageConsumer,
  StageRunner,
  backoffDelay,
} from '@rtml/kafka';
import type {
  GroupConsumers,
  KafkaClientName,
  ProcessingGuarantee,
  StageDefinition,
  TransactionalWriters,
} from '@rtml/kafka';
import { PipelineMetrics } from '@rtml/observability';
import type { Logger } from '@rtml/observability';
import { LOGGER, ReadinessRegistry, SERVICE_CONFIG } from '@rtml/service-runtime';
import { GROUP_CONSUMERS, KAFKA_CLIENT, TRANSACTIONAL_WRITERS } from './connection.tokens';
import { kafkaClientsOf } from './kafka-connection.settings';

/** What a service consumes and the stage that processes it. */
export interface StageBinding {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly stage: StageDefinition<unknown>;
  /** Several stages in one service (e.g. a worker beside the main consumer) need distinct names. */
  readonly probe?: string;
}

export interface StageConsumerHostOptions {
  /** Providers the binding factory needs (the stage's class, config...). */
  readonly inject: readonly InjectionToken[];
  readonly useFactory: (...dependencies: never[]) => StageBinding;
}

interface StageHostConfig {
  readonly TOPIC_PREFIX: string;
  readonly KAFKA_PARTITIONS_CONCURRENTLY: number;
  readonly PROCESSING_GUARANTEE: ProcessingGuarantee;
  readonly KAFKA_CLIENT: KafkaClientName;
  readonly KAFKA_PUBLISHER_CLIENT?: KafkaClientName;
  readonly SHUTDOWN_TIMEOUT_MS: number;
}

/** Room left of the shutdown budget, after the drain, to leave the group and close connections. */
const CLOSE_MARGIN_MS = 5_000;

/**
 * Runs a service's stage inside the Nest lifecycle: joins the group once every module is
 * initialised (so the stage can rely on its dependencies), is ready only while consuming, on a
 * crash of the client's run loop is not ready and starts a fresh consumer, and on shutdown
 * finishes the in-flight batches, delivers and commits them, and leaves the group before the
 * connections it uses are closed.
 */
class StageConsumerHost implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: StageConsumer;
  private readonly runner: StageRunner<unknown>;
  private stopping = false;

  constructor(
    private readonly kafka: Kafka,
    serde: AvroSerde,
    private readonly publisher: DurableRecordPublisher,
    private readonly writers: TransactionalWriters,
    private readonly consumers: GroupConsumers,
    private readonly binding: StageBinding,
    private readonly logger: Logger,
    private readonly metrics: PipelineMetrics,
    private readonly readiness: ReadinessRegistry,
    private readonly config: StageHostConfig,
  ) {
    const prefix = config.TOPIC_PREFIX || undefined;
    this.runner = new StageRunner(binding.stage, {
      encoder: serde,
      deadLetters: new DeadLetterWriter(serde, {
        topic: topicName('deadLetters', prefix),
        subject: valueSubject('deadLetters', prefix),
        service: binding.stage.service ?? binding.stage.name,
      }),
      metrics,
      logger,
    });
    this.consumer = this.newConsumer();
  }

  onModuleInit(): void {
    this.readiness.add(this.binding.probe ?? 'consumer', async () => {
      if (!this.consumer.isRunning) throw new Error('the consumer is not running');
    });
  }

  /**
   * Not awaited: without a broker or a topic the service still boots, stays live and reports
   * not ready (the 'consumer' probe) until it has joined its group, retrying with backoff.
   */
  onApplicationBootstrap(): void {
    void this.startUntilRunning();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.consumer.stop();
    this.logger.info({ groupId: this.consumer.groupId }, 'left the consumer group');
  }

  private newConsumer(): StageConsumer {
    return new StageConsumer(this.kafka, this.runner, {
      groupId: this.binding.groupId,
      topics: this.binding.topics,
      guarantee: this.config.PROCESSING_GUARANTEE,
      publisher: this.publisher,
      transactionalWriters: this.writers,
      groupConsumers: this.consumers,
      partitionsConcurrently: this.config.KAFKA_PARTITIONS_CONCURRENTLY,
      drainTimeoutMs: Math.max(1_000, this.config.SHUTDOWN_TIMEOUT_MS - CLOSE_MARGIN_MS),
      logger: this.logger,
      metrics: this.metrics,
      onCrash: () => void this.restart(),
    });
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    await this.consumer.stop().catch(() => undefined);
    this.consumer = this.newConsumer();
    await this.startUntilRunning();
  }

  private async startUntilRunning(): Promise<void> {
    for (let attempt = 0; !this.stopping; attempt += 1) {
      try {
        await this.consumer.start();
        this.logger.info(
          {
            groupId: this.consumer.groupId,
            topics: this.binding.topics,
            guarantee: this.consumer.guarantee,
            ...kafkaClientsOf(this.config),
          },
          'consuming',
        );
        return;
      } catch (error) {
        const delayMs = backoffDelay(attempt);
        this.logger.warn({ err: error, attempt, delayMs }, 'the consumer did not start; retrying');
        await this.consumer.stop().catch(() => undefined);
        this.consumer = this.newConsumer();
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }
}

/**
 * The providers that run a service's stage on its consumer group; add them to the root module's
 * providers, where the binding factory can inject the service's own stage and config. Each call
 * has tokens of its own, so a service can run several stages (each with its own `probe` name).
 */
export function stageConsumerProviders(options: StageConsumerHostOptions): Provider[] {
  const binding = Symbol('STAGE_BINDING');
  return [
    {
      provide: binding,
      inject: [...options.inject],
      useFactory: options.useFactory as (...dependencies: unknown[]) => StageBinding,
    },
    {
      provide: Symbol('STAGE_CONSUMER_HOST'),
      inject: [
        KAFKA_CLIENT,
        AvroSerde,
        DurableRecordPublisher,
        TRANSACTIONAL_WRITERS,
        GROUP_CONSUMERS,
        binding,
        LOGGER,
        PipelineMetrics,
        ReadinessRegistry,
        SERVICE_CONFIG,
      ],
      useFactory: (
        kafka: Kafka,
        serde: AvroSerde,
        publisher: DurableRecordPublisher,
        writers: TransactionalWriters,
        consumers: GroupConsumers,
        stage: StageBinding,
        logger: Logger,
        metrics: PipelineMetrics,
        readiness: ReadinessRegistry,
        config: StageHostConfig,
      ) =>
        new StageConsumerHost(
          kafka,
          serde,
          publisher,
          writers,
          consumers,
          stage,
          logger,
          metrics,
          readiness,
          config,
        ),
    },
  ];
}
