import { Inject, Injectable, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationBootstrap } from '@nestjs/common';
import { consumerGroupId, topicName } from '@rtml/contracts';
import {
  KafkaConnectionModule,
  kafkaConnectionSettings,
  stageConsumerProviders,
} from '@rtml/connections';
import type { StageBinding } from '@rtml/connections';
import { AvroSerde, DurableRecordPublisher } from '@rtml/kafka';
import { PipelineMetrics } from '@rtml/observability';
import { ApiKeySet } from '@rtml/service-runtime';
import { AcceptEventsService } from './accept-events/accept-events.service';
import { EventsController } from './accept-events/events.controller';
import { JsonBodyParser } from './accept-events/json-body.parser';
import { rawEventsStage } from './consume-raw-events/raw-events.stage';
import type { IngestConfig } from './ingest.config';
import { producerKeyEntries } from './producer-keys/producer-keys.config';
import { PRODUCER_KEYS } from './producer-keys/producer-keys.tokens';
import { IngestPublisher } from './ingest-event/ingest.publisher';
import { IngestedEventEncoder } from './ingest-event/ingested-event.encoder';
import { RawEventValidator } from './ingest-event/raw-event.validator';

/** Opens the producer connection at boot without holding the boot up when Kafka is away. */
@Injectable()
class PublisherWarmUp implements OnApplicationBootstrap {
  constructor(@Inject(IngestPublisher) private readonly publisher: IngestPublisher) {}

  onApplicationBootstrap(): void {
    this.publisher.connect().catch(() => undefined); // the next publish retries, and says why
  }
}

/** Root module of the ingest service: it takes events in over HTTP and from the raw-events topic, validates them and routes them. */
@Module({})
export class IngestModule {
  static forRoot(runtime: DynamicModule, config: Readonly<IngestConfig>): DynamicModule {
    const prefix = config.TOPIC_PREFIX || undefined;
    return {
      module: IngestModule,
      imports: [
        runtime,
        KafkaConnectionModule.forRoot(kafkaConnectionSettings(config, 'rtml-ingest')),
      ],
      controllers: [EventsController],
      providers: [
        {
          provide: RawEventValidator,
          useFactory: () =>
            new RawEventValidator({
              maxFutureSkewMs: config.MAX_FUTURE_SKEW_MS,
              maxAmount: config.MAX_AMOUNT,
            }),
        },
        {
          provide: IngestedEventEncoder,
          inject: [AvroSerde],
          useFactory: (serde: AvroSerde) => new IngestedEventEncoder(serde, prefix),
        },
        {
          provide: IngestPublisher,
          inject: [DurableRecordPublisher, PipelineMetrics],
          useFactory: (publisher: DurableRecordPublisher, metrics: PipelineMetrics) =>
            new IngestPublisher(publisher, metrics),
        },
        { provide: PRODUCER_KEYS, useFactory: () => new ApiKeySet(producerKeyEntries(config)) },
        PublisherWarmUp,
        JsonBodyParser,
        AcceptEventsService,
        ...stageConsumerProviders({
          inject: [AvroSerde, RawEventValidator, IngestedEventEncoder, PRODUCER_KEYS],
          useFactory: (
            serde: AvroSerde,
            validator: RawEventValidator,
            encoder: IngestedEventEncoder,
            keys: ApiKeySet,
          ): StageBinding => ({
            groupId: consumerGroupId('ingest', prefix),
            topics: [topicName('rawEvents', prefix)],
            stage: rawEventsStage({
              reader: serde,
              validator,
              encoder,
              producerKeys: config.RAW_EVENTS_AUTH === 'header' ? keys : undefined,
            }),
          }),
        }),
      ],
    };
  }
}
