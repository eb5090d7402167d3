import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { KafkaConnectionModule } from '@rtml/connections';
import type { IngestConfig } from './ingest.config';

/** Root module of the ingest service: it takes events in over HTTP and from the raw-events topic, validates them and routes them. */
@Module({})
export class IngestModule {
  static forRoot(runtime: DynamicModule, config: Readonly<IngestConfig>): DynamicModule {
    return {
      module: IngestModule,
      imports: [
        runtime,
        KafkaConnectionModule.forRoot({
          clientId: `rtml-ingest`,
          brokers: config.KAFKA_BROKERS,
          schemaRegistryUrl: config.SCHEMA_REGISTRY_URL,
        }),
      ],
    };
  }
}
