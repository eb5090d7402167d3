import type { Provider } from '@nestjs/common';
import { batchConsumerProviders } from '@rtml/connections';
import { consumerGroupId, topicName, valueSubject } from '@rtml/contracts';
import { AvroSerde, DeadLetterWriter, KafkaRecordPublisher } from '@rtml/kafka';
import { PipelineMetrics } from '@rtml/observability';
import type { Logger } from '@rtml/observability';
import { LOGGER } from '@rtml/service-runtime';
import { ServingModels } from '../model/serving-models.holder';
import type { ScoringConfig } from '../scoring.config';
import { ScoreBatchHandler } from './score-batch.handler';

/**
 * A batch that arrives before the first champion waits this long for it, then fails and is
 * retried by the consumer with backoff: well under the group's session timeout.
 */
const CHAMPION_WAIT_MS = 5_000;

/** The consumer of `features.enriched` and the handler that scores its batches. */
export function scoreConsumerProviders(config: Readonly<ScoringConfig>): Provider[] {
  const prefix = config.TOPIC_PREFIX || undefined;
  return [
    {
      provide: ScoreBatchHandler,
      inject: [AvroSerde, KafkaRecordPublisher, ServingModels, PipelineMetrics, LOGGER],
      useFactory: (
        serde: AvroSerde,
        publisher: KafkaRecordPublisher,
        models: ServingModels,
        metrics: PipelineMetrics,
        logger: Logger,
      ) =>
        new ScoreBatchHandler({
          serde,
          publisher,
          deadLetters: new DeadLetterWriter(serde, {
            topic: topicName('deadLetters', prefix),
            subject: valueSubject('deadLetters', prefix),
            service: 'scoring',
          }),
          models,
          predictions: {
            topic: topicName('predictions', prefix),
            subject: valueSubject('predictions', prefix),
          },
          maxBatch: config.MAX_BATCH,
          championWaitMs: CHAMPION_WAIT_MS,
          metrics,
          logger,
        }),
    },
    ...batchConsumerProviders({
      inject: [ScoreBatchHandler],
      useFactory: (handler: ScoreBatchHandler) => ({
        options: {
          groupId: consumerGroupId('scoring', prefix),
          topics: [topicName('enrichedEvents', prefix)],
        },
        handler: handler.handle,
      }),
    }),
  ];
}
