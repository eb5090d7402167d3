import type { Provider } from '@nestjs/common';
import { stageConsumerProviders } from '@rtml/connections';
import type { StageBinding } from '@rtml/connections';
import { consumerGroupId, topicName, valueSubject } from '@rtml/contracts';
import { AvroSerde } from '@rtml/kafka';
import { PipelineMetrics } from '@rtml/observability';
import type { ActionsConfig } from '../actions.config';
import { QualityRowStore } from '../measure-quality/quality-row.store';
import { webhookTargets } from '../notify-webhooks/webhook-target.factory';
import { AlertRaiser } from '../raise-alerts/alert.raiser';
import { AlertStateStore } from '../raise-alerts/dynamodb-alert-state.store';
import { EventClock } from '../read-outcomes/event-clock.store';
import { ScoreStore } from '../store-prediction/score.store';
import { predictionsStage } from './predictions.stage';

/** The consumer of `predictions` (group `rtml.actions`) and the stage that handles its batches. */
export function predictionsProviders(config: Readonly<ActionsConfig>): Provider[] {
  const prefix = config.TOPIC_PREFIX || undefined;
  return stageConsumerProviders({
    inject: [AvroSerde, ScoreStore, QualityRowStore, EventClock, AlertStateStore, PipelineMetrics],
    useFactory: (
      serde: AvroSerde,
      scores: ScoreStore,
      quality: QualityRowStore,
      clock: EventClock,
      alertState: AlertStateStore,
      metrics: PipelineMetrics,
    ): StageBinding => ({
      groupId: consumerGroupId('actions', prefix),
      topics: [topicName('predictions', prefix)],
      stage: predictionsStage({
        reader: serde,
        scores,
        quality,
        clock,
        alerts: new AlertRaiser(alertState, metrics),
        targets: webhookTargets(config.WEBHOOK_URLS),
        alertsTopic: {
          topic: topicName('alerts', prefix),
          subject: valueSubject('alerts', prefix),
        },
        deliveriesTopic: {
          topic: topicName('webhookDeliveries', prefix),
          subject: valueSubject('webhookDeliveries', prefix),
        },
        retentionDays: config.SCORES_TTL_DAYS,
        metrics,
      }),
    }),
  });
}
