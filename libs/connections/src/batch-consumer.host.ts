import { Inject, Injectable } from '@nestjs/common';
import type {
  BeforeApplicationShutdown,
  InjectionToken,
  OnApplicationBootstrap,
  OnModuleInit,
  Provider,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { KafkaBatchConsumer } from '@rtml/kafka';
import type { BatchConsumerOptions, BatchHandler } from '@rtml/kafka';
import { PipelineMetrics } from '@rtml/observability';
import type { Logger } from '@rtml/observability';
import { LOGGER, ReadinessRegistry } from '@rtml/service-runtime';
import { KAFKA_CLIENT } from './connection.tokens';

/** What a service consumes and how it handles each batch. */
export interface ConsumerBinding {
  readonly options: Omit<BatchConsumerOptions, 'logger' | 'metrics'>;
  readonly handler: BatchHandler;
}

export interface BatchConsumerHostOptions {
  /** Providers the binding factory needs (the handler's class, config...). */
  readonly inject: readonly InjectionToken[];
  readonly useFactory: (...dependencies: never[]) => ConsumerBinding;
}

const CONSUMER_BINDING = Symbol('CONSUMER_BINDING');

/**
 * Runs a service's consumer inside the Nest lifecycle: joins the group once every module is
 * initialised (so handlers can rely on their dependencies), is ready only while consuming, and
 * on shutdown finishes the in-flight batch, commits it and leaves the group before the
 * connections it uses are closed.
 */
@Injectable()
class BatchConsumerHost implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumer: KafkaBatchConsumer;

  constructor(
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    @Inject(CONSUMER_BINDING) private readonly binding: ConsumerBinding,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PipelineMetrics) metrics: PipelineMetrics,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
  ) {
    this.consumer = new KafkaBatchConsumer(kafka, { ...binding.options, logger, metrics });
  }

  onModuleInit(): void {
    this.readiness.add('consumer', async () => {
      if (!this.consumer.isRunning) throw new Error('the consumer is not running');
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start(this.binding.handler);
    this.logger.info(
      { groupId: this.consumer.groupId, topics: this.binding.options.topics },
      'consuming',
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    this.logger.info({ groupId: this.consumer.groupId }, 'left the consumer group');
  }
}

/**
 * The providers that run a service's batch consumer; add them to the root module's providers,
 * where the binding factory can inject the service's own handler and config.
 */
export function batchConsumerProviders(options: BatchConsumerHostOptions): Provider[] {
  return [
    {
      provide: CONSUMER_BINDING,
      inject: [...options.inject],
      useFactory: options.useFactory as (...dependencies: unknown[]) => ConsumerBinding,
    },
    BatchConsumerHost,
  ];
}
