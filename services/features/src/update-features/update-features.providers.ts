import type { Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { consumerGroupId, topicName, valueSubject } from '@rtml/contracts';
import { REDIS_CLIENT, stageConsumerProviders } from '@rtml/connections';
import type { StageBinding } from '@rtml/connections';
import { compileFeaturePlan } from '@rtml/feature-engine';
import { AvroSerde } from '@rtml/kafka';
import { PipelineMetrics } from '@rtml/observability';
import type { Logger } from '@rtml/observability';
import { LOGGER } from '@rtml/service-runtime';
import { configuredFeatureSet } from '../features.config';
import type { FeaturesConfig } from '../features.config';
import { FeatureRecordParser } from './feature-record.parser';
import { RedisWindowStore } from './redis-window.store';
import { updateFeaturesStage } from './update-features.stage';

/**
 * The update-features use case wired for Nest: the Redis window store, the stage, and
 * the consumer of transactions and labels (one group, `consumerGroupId('features', prefix)`).
 */
export function updateFeaturesProviders(config: Readonly<FeaturesConfig>): Provider[] {
  const prefix = config.TOPIC_PREFIX || undefined;
  const plan = compileFeaturePlan(configuredFeatureSet(config));
  const transactionsTopic = topicName('transactions', prefix);
  const labelsTopic = topicName('labels', prefix);
  return [
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
      inject: [AvroSerde, RedisWindowStore, PipelineMetrics, LOGGER],
      useFactory: (
        serde: AvroSerde,
        store: RedisWindowStore,
        metrics: PipelineMetrics,
        logger: Logger,
      ): StageBinding => ({
        groupId: consumerGroupId('features', prefix),
        topics: [transactionsTopic, labelsTopic],
        stage: updateFeaturesStage({
          parser: new FeatureRecordParser(serde, {
            transactionsTopic,
            labelsTopic,
            entityFields: plan.stateRequirements.map((r) => r.entity),
            labelEntityFields: plan.stateRequirements
              .filter((r) => r.needsLabels)
              .map((r) => r.entity),
          }),
          store,
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
