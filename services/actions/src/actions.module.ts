import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { AwsConnectionModule, KafkaConnectionModule } from '@rtml/connections';
import type { ActionsConfig } from './actions.config';

/** Root module of the actions service: it stores predictions in DynamoDB, fires alerts and serves the scores API. */
@Module({})
export class ActionsModule {
  static forRoot(runtime: DynamicModule, config: Readonly<ActionsConfig>): DynamicModule {
    return {
      module: ActionsModule,
      imports: [
        runtime,
        KafkaConnectionModule.forRoot({
          clientId: `rtml-actions`,
          brokers: config.KAFKA_BROKERS,
          schemaRegistryUrl: config.SCHEMA_REGISTRY_URL,
        }),
        AwsConnectionModule.forRoot({ ...config, dynamodbEndpoint: config.DYNAMODB_ENDPOINT }),
      ],
    };
  }
}
