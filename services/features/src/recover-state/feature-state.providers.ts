import { Inject, Injectable } from '@nestjs/common';
import type {
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
  OnModuleInit,
  Provider,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import { KAFKA_CLIENT, REDIS_CLIENT } from '@rtml/connections';
import { ConsumedHistoryReader, fenceStageWriters } from '@rtml/kafka';
import type { createKafkaClient } from '@rtml/kafka';
import { PipelineMetrics } from '@rtml/observability';
import type { Logger } from '@rtml/observability';
import { LOGGER, ReadinessRegistry } from '@rtml/service-runtime';
import type { FeaturesConfig } from '../features.config';
import { FeatureRecordParser } from '../update-features/feature-record.parser';
import { FeatureStateKeys } from '../update-features/feature-state.keys';
import { RedisWindowStore } from '../update-features/redis-window.store';
import { featureInputs } from '../update-features/update-features.providers';
import { FeatureStateGuard } from './feature-state.guard';
import { RedisStateEpochStore } from './redis-state-epoch.store';
import { WindowStateBuilder } from './window-state.builder';

/** The client behind KAFKA_CLIENT, named through our Kafka library rather than the client's. */
type KafkaClient = ReturnType<typeof createKafkaClient>;

/** Readiness probe 'feature-state'; the guard checks the state at boot, and stops with the service. */
@Injectable()
class FeatureStateLifecycle
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  constructor(
    @Inject(FeatureStateGuard) private readonly guard: FeatureStateGuard,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.add('feature-state', () => this.guard.probe());
  }

  onApplicationBootstrap(): void {
    this.guard.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.guard.stop();
  }
}

/**
 * The recover-state use case wired for Nest: the state epoch in Redis, the builder that
 * rebuilds the windows from the retained topics, and the guard the stage runs behind.
 */
export function featureStateProviders(config: Readonly<FeaturesConfig>): Provider[] {
  const { groupId, transactionsTopic, labelsTopic, plan } = featureInputs(config);
  return [
    {
      provide: FeatureStateGuard,
      inject: [
        KAFKA_CLIENT,
        REDIS_CLIENT,
        FeatureRecordParser,
        RedisWindowStore,
        PipelineMetrics,
        LOGGER,
      ],
      useFactory: (
        kafka: KafkaClient,
        redis: Redis,
        parser: FeatureRecordParser,
        store: RedisWindowStore,
        metrics: PipelineMetrics,
        logger: Logger,
      ) =>
        new FeatureStateGuard({
          epochs: new RedisStateEpochStore(
            redis,
            new FeatureStateKeys(config.REDIS_KEY_PREFIX, plan.featureSet),
          ),
          builder: new WindowStateBuilder({
            history: new ConsumedHistoryReader(kafka, {
              groupId,
              topics: [transactionsTopic, labelsTopic],
            }),
            fence:
              config.PROCESSING_GUARANTEE === 'exactly_once_v2'
                ? (partitions) => fenceStageWriters(kafka, groupId, partitions)
                : undefined,
            parser,
            store,
            logger,
          }),
          metrics,
          logger,
        }),
    },
    FeatureStateLifecycle,
  ];
}
