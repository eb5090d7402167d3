import type { Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { consumerGroupId, topicName, valueSubject } from '@rtml/contracts';
import { REDIS_CLIENT, stageConsumerProviders } from '@rtml/connections';
import type { StageBinding } from '@rtml/connections';
import { compileFeaturePlan } from '@rtml/feature-engine';
import type { FeaturePlan } from '@rtml/feature-engine';
import { AvroSerde } from '@rtml/kafka';
import { PipelineMetrics } from '@rtml/observability';
import type { Logger } from '@rtml/observability';
import { LOGGER } from '@rtml/service-runtime';
import { configuredFeatureSet } from '../features.config';
import type { FeaturesConfig } from '../features.config';
import { FeatureStateGuard } from '../recover-state/feature-state.guard';
import { FeatureRecordParser } from './feature-record.parser';
import { RedisWindowStore } from './redis-window.store';
import { updateFeaturesStage } from './update-features.stage';

/** What the features stage consumes: one group on transactions and labels. */
export interface FeatureInputs {
  readonly groupId: string;
  readonly transactionsTopic: string;
  readonly labelsTopic: string;
  readonly plan: FeaturePlan;
}

export function featureInputs(config: Readonly<FeaturesConfig>): FeatureInputs {
  const prefix = config.TOPIC_PREFIX || undefined;
  return {
    groupId: consumerGroupId('features', prefix),
    transactionsTopic: topicName('transactions', prefix),
    labelsTopic: topicName('labels', prefix),
    plan: compileFeaturePlan(configuredFeatureSet(config)),
  };
}

/**
 * The update-features use case wired for Nest: the record parser, the Redis window store, the
 * stage, and the consumer of transactions and labels (one group,
 * `consumerGroupId('features', prefix)`). The stage runs against the state's epoch, kept by the
 * `FeatureStateGuard` (recover-state/).
 */
export function updateFeaturesProviders(config: Readonly<FeaturesConfig>): Provider[] {
  const prefix = config.TOPIC_PREFIX || undefined;
  const { groupId, transactionsTopic, labelsTopic, plan } = featureInputs(config);
  return [
    {
      provide: FeatureRecordParser,
      inject: [AvroSerde],
      useFactory: (serde: AvroSerde) =>
        new FeatureRecordParser(serde, {
          transactionsTopic,
          labelsTopic,
          entityFields: plan.stateRequirements.map((r) => r.entity),
          labelEntityFields: plan.stateRequirements
            .filter((r) => r.needsLabels)
            .map((r) => r.entity),
        }),
    },
    {
      provide: RedisWindowStore,
      inject: [REDIS_CLIENT],
      useFactory: (redis: Redis) =>
        new RedisWindowStore(redis, {
          plan,
          keyPrefix: config.REDIS_KEY_PREFIX,
          dedupeTtlSeconds: config.DEDUPE_TTL_SECONDS,
          graceSeconds: config.STATE_GRACE_SECONDS,
        }),
    },
    ...stageConsumerProviders({
      inject: [FeatureRecordParser, RedisWindowStore, FeatureStateGuard, PipelineMetrics, LOGGER],
      useFactory: (
        parser: FeatureRecordParser,
        store: RedisWindowStore,
        state: FeatureStateGuard,
        metrics: PipelineMetrics,
        logger: Logger,
      ): StageBinding => ({
        groupId,
        topics: [transactionsTopic, labelsTopic],
        stage: updateFeaturesStage({
          parser,
          store,
          state,
          plan,
          enriched: {
            topic: topicName('enrichedEvents', prefix),
            subject: valueSubject('enrichedEvents', prefix),
          },
          metrics,
          logger,
        }),
      }),
    }),
  ];
}
