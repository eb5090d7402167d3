import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import {
  KafkaConnectionModule,
  kafkaConnectionSettings,
  RedisConnectionModule,
} from '@rtml/connections';
import type { FeaturesConfig } from './features.config';
import { featureStateProviders } from './recover-state/feature-state.providers';
import { updateFeaturesProviders } from './update-features/update-features.providers';

/** Root module of the features service: it keeps rolling event-time features per entity in Redis and emits enriched events. */
@Module({})
export class FeaturesModule {
  static forRoot(runtime: DynamicModule, config: Readonly<FeaturesConfig>): DynamicModule {
    return {
      module: FeaturesModule,
      imports: [
        runtime,
        KafkaConnectionModule.forRoot(kafkaConnectionSettings(config, 'rtml-features')),
        RedisConnectionModule.forRoot({ url: config.REDIS_URL }),
      ],
      providers: [...updateFeaturesProviders(config), ...featureStateProviders(config)],
    };
  }
}
