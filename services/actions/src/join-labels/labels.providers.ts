import type { Provider } from '@nestjs/common';
import { stageConsumerProviders } from '@rtml/connections';
import type { StageBinding } from '@rtml/connections';
import { consumerGroupId, topicName } from '@rtml/contracts';
import { AvroSerde } from '@rtml/kafka';
import { PipelineMetrics } from '@rtml/observability';
import type { ActionsConfig } from '../actions.config';
import { LabelStore } from './label.store';
import { labelsStage } from './labels.stage';

/**
 * The label stage: a second consumer of `labels` (features has its own group), in actions' group
 * `rtml.actions.labels`, with its own readiness probe. It stores labels; the scores API joins
 * them to the predictions when read.
 */
export function labelsProviders(config: Readonly<ActionsConfig>): Provider[] {
  const prefix = config.TOPIC_PREFIX || undefined;
  return stageConsumerProviders({
    inject: [AvroSerde, LabelStore, PipelineMetrics],
    useFactory: (serde: AvroSerde, labels: LabelStore, metrics: PipelineMetrics): StageBinding => ({
      groupId: consumerGroupId('actionsLabels', prefix),
      topics: [topicName('labels', prefix)],
      probe: 'labels',
      stage: labelsStage({ reader: serde, labels, metrics }),
    }),
  });
}
