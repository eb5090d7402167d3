import type { Provider } from '@nestjs/common';
import { stageConsumerProviders } from '@rtml/connections';
import type { StageBinding } from '@rtml/connections';
import { consumerGroupId, topicName, valueSubject } from '@rtml/contracts';
import { AvroSerde } from '@rtml/kafka';
import { PipelineMetrics } from '@rtml/observability';
import { ServingModels } from '../model/serving-models.holder';
import { DriftMonitor } from '../monitor-drift/drift.monitor';
import type { ScoringConfig } from '../scoring.config';
import { scoreStage } from './score.stage';

/**
 * A batch that arrives before the first champion waits this long for it, then fails and is
 * retried by the consumer with backoff: well under the group's session timeout.
 */
const CHAMPION_WAIT_MS = 5_000;

const HOUR_MS = 3_600_000;

/** The consumer of `features.enriched` and the stage that scores its batches. */
export function scoreConsumerProviders(config: Readonly<ScoringConfig>): Provider[] {
  const prefix = config.TOPIC_PREFIX || undefined;
  return stageConsumerProviders({
    inject: [AvroSerde, ServingModels, PipelineMetrics],
    useFactory: (
      serde: AvroSerde,
      models: ServingModels,
      metrics: PipelineMetrics,
    ): StageBinding => ({
      groupId: consumerGroupId('scoring', prefix),
      topics: [topicName('enrichedEvents', prefix)],
      stage: scoreStage({
        reader: serde,
        models,
        predictions: {
          topic: topicName('predictions', prefix),
          subject: valueSubject('predictions', prefix),
        },
        maxBatch: config.MAX_BATCH,
        championWaitMs: CHAMPION_WAIT_MS,
        metrics,
        drift: new DriftMonitor(config.DRIFT_WINDOW_HOURS * HOUR_MS, metrics, {
          high: config.DRIFT_PSI_HIGH,
          moderate: config.DRIFT_PSI_MODERATE,
          minEvents: config.DRIFT_MIN_EVENTS,
        }),
        modelAlerts: {
          topic: topicName('modelAlerts', prefix),
          subject: valueSubject('modelAlerts', prefix),
        },
      }),
    }),
  });
}
