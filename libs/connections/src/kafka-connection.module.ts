import { Inject, Injectable, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { AvroSerde, DurableRecordPublisher, TopicAdmin, createKafkaClient } from '@rtml/kafka';
import type { Logger } from '@rtml/observability';
import { LOGGER, ReadinessRegistry } from '@rtml/service-runtime';
import { GROUP_CONSUMERS, KAFKA_CLIENT, TRANSACTIONAL_WRITERS } from './connection.tokens';
import {
  groupConsumersFor,
  recordPublisherFor,
  transactionalWritersFor,
} from './kafka-connection.settings';
import type { KafkaConnectionSettings } from './kafka-connection.settings';

@Injectable()
class KafkaConnectionLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(TopicAdmin) private readonly admin: TopicAdmin,
    @Inject(AvroSerde) private readonly serde: AvroSerde,
    @Inject(DurableRecordPublisher) private readonly publisher: DurableRecordPublisher,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.add('kafka', () => this.admin.probe());
    this.readiness.add('schema-registry', () => this.serde.probe());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect();
    await this.admin.disconnect();
  }
}

/**
 * The Kafka client, admin, publisher, transactional writers, group consumers and Avro serde of a
 * service, with
 * their readiness probes.
 */
@Module({})
export class KafkaConnectionModule {
  static forRoot(options: KafkaConnectionSettings): DynamicModule {
    return {
      module: KafkaConnectionModule,
      global: true,
      providers: [
        {
          provide: KAFKA_CLIENT,
          inject: [LOGGER],
          useFactory: (logger: Logger) =>
            createKafkaClient({
              brokers: options.brokers,
              clientId: options.clientId,
              security: options.security,
              logger,
            }),
        },
        {
          provide: TopicAdmin,
          inject: [KAFKA_CLIENT],
          useFactory: (kafka: Kafka) => new TopicAdmin(kafka),
        },
        {
          provide: DurableRecordPublisher,
          inject: [KAFKA_CLIENT],
          useFactory: (kafka: Kafka) => recordPublisherFor(options, kafka),
        },
        {
          provide: TRANSACTIONAL_WRITERS,
          inject: [KAFKA_CLIENT],
          useFactory: (kafka: Kafka) => transactionalWritersFor(options, kafka),
        },
        {
          provide: GROUP_CONSUMERS,
          inject: [KAFKA_CLIENT],
          useFactory: (kafka: Kafka) => groupConsumersFor(options, kafka),
        },
        {
          provide: AvroSerde,
          useFactory: () => new AvroSerde(options.schemaRegistryUrl, options.registryAuth),
        },
        KafkaConnectionLifecycle,
      ],
      exports: [
        KAFKA_CLIENT,
        TopicAdmin,
        DurableRecordPublisher,
        TRANSACTIONAL_WRITERS,
        GROUP_CONSUMERS,
        AvroSerde,
      ],
    };
  }
}
