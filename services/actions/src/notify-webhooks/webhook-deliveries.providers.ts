import type { Provider } from '@nestjs/common';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { stageConsumerProviders } from '@rtml/connections';
import type { StageBinding } from '@rtml/connections';
import { TOPICS, consumerGroupId, topicName, valueSubject } from '@rtml/contracts';
import { AvroSerde } from '@rtml/kafka';
import { PipelineMetrics } from '@rtml/observability';
import { signingKeys } from '../actions.config';
import type { ActionsConfig } from '../actions.config';
import { DynamoDbDeliveryAttemptStore } from './dynamodb-delivery-attempt.store';
import { webhookDeliveriesStage } from './webhook-deliveries.stage';
import { webhookTargets } from './webhook-target.factory';
import { WebhookSender } from './webhook.sender';

const DAY_MS = 86_400_000;

/**
 * The delivery worker: a second stage of actions, on the webhook outbox, in its own consumer
 * group (`rtml.actions.webhooks`) and with its own readiness probe. It runs even without
 * webhooks configured, so deliveries left by an earlier configuration are dead-lettered, not
 * stranded.
 */
export function webhookDeliveriesProviders(config: Readonly<ActionsConfig>): Provider[] {
  const prefix = config.TOPIC_PREFIX || undefined;
  return stageConsumerProviders({
    inject: [AvroSerde, DynamoDBClient, PipelineMetrics],
    useFactory: (
      serde: AvroSerde,
      client: DynamoDBClient,
      metrics: PipelineMetrics,
    ): StageBinding => ({
      groupId: consumerGroupId('webhookDeliveries', prefix),
      topics: [topicName('webhookDeliveries', prefix)],
      probe: 'webhook-deliveries',
      stage: webhookDeliveriesStage({
        reader: serde,
        targets: webhookTargets(config.WEBHOOK_URLS),
        sender: new WebhookSender({
          keys: signingKeys(config),
          timeoutMs: config.WEBHOOK_TIMEOUT_MS,
        }),
        attempts: new DynamoDbDeliveryAttemptStore(client, {
          tableName: config.ALERT_STATE_TABLE,
          // Longer than any copy of a delivery stays on the topic.
          keepForMs: TOPICS.webhookDeliveries.retention.retentionMs + DAY_MS,
        }),
        deliveries: {
          topic: topicName('webhookDeliveries', prefix),
          subject: valueSubject('webhookDeliveries', prefix),
        },
        retry: {
          maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
          initialDelayMs: config.WEBHOOK_BACKOFF_INITIAL_MS,
          maxDelayMs: config.WEBHOOK_BACKOFF_MAX_MS,
        },
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
        batchBudgetMs: config.WEBHOOK_BATCH_BUDGET_MS,
        concurrency: config.WEBHOOK_CONCURRENCY,
        metrics,
      }),
    }),
  });
}
