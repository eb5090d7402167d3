import { Inject, Injectable } from '@nestjs/common';
import type {
  BeforeApplicationShutdown,
  InjectionToken,
  OnApplicationBootstrap,
  OnModuleInit,
  Provider,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { KafkaBatchConsumer, backoffDelay } from '@rtml/kafka';
import type { BatchConsumerOptions, BatchHandler } from '@rtml/kafka';
import { PipelineMetrics } from '@rtml/observability';
import type { Logger } from '@rtml/observability';
import { LOGGER, ReadinessRegistry, SERVICE_CONFIG } from '@rtml/service-runtime';
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
  private stopping = false;

  constructor(
    @Inject(KAFKA_CLIENT) kafka: Kafka,
    @Inject(CONSUMER_BINDING) private readonly binding: ConsumerBinding,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PipelineMetrics) metrics: PipelineMetrics,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
    @Inject(SERVICE_CONFIG) config: { readonly KAFKA_PARTITIONS_CONCURRENTLY?: number },
  ) {
    this.consumer = new KafkaBatchConsumer(kafka, {
      partitionsConcurrently: config.KAFKA_PARTITIONS_CONCURRENTLY,
      ...binding.options,
      logger,
      metrics,
    });
  }

  onModuleInit(): void {
    this.readiness.add('consumer', async () => {
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

  private async startUntilRunning(): Promise<void> {
    for (let attempt = 0; !this.stopping; attempt += 1) {
      try {
        await this.consumer.start(this.binding.handler);
        this.logger.info(
          { groupId: this.consumer.groupId, topics: this.binding.options.topics },
          'consuming',
        );
        return;
      } catch (error) {
        const delayMs = backoffDelay(attempt);
        this.logger.warn({ err: error, attempt, delayMs }, 'the consumer did not start; retrying');
        await this.consumer.stop().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
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
