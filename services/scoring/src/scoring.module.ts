import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import {
  AwsConnectionModule,
  KafkaConnectionModule,
  kafkaConnectionSettings,
} from '@rtml/connections';
import { ModelServingModule } from './model/model-serving.module';
import { scoreConsumerProviders } from './score/score-consumer.providers';
import type { ScoringConfig } from './scoring.config';

/** Root module of the scoring service: it scores enriched events with the champion ONNX model from the S3 model registry. */
@Module({})
export class ScoringModule {
  static forRoot(runtime: DynamicModule, config: Readonly<ScoringConfig>): DynamicModule {
    return {
      module: ScoringModule,
      imports: [
        runtime,
        KafkaConnectionModule.forRoot(kafkaConnectionSettings(config, 'rtml-scoring')),
        AwsConnectionModule.forRoot({ ...config, s3Endpoint: config.S3_ENDPOINT }),
        ModelServingModule.forRoot(config),
      ],
      providers: [...scoreConsumerProviders(config)],
    };
  }
}
