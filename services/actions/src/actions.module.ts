import { Module } from '@nestjs/common';
import type { DynamicModule, Provider } from '@nestjs/common';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  AwsConnectionModule,
  KafkaConnectionModule,
  kafkaConnectionSettings,
} from '@rtml/connections';
import { PipelineMetrics } from '@rtml/observability';
import type { Logger } from '@rtml/observability';
import { ApiKeySet, LOGGER } from '@rtml/service-runtime';
import { scoresApiKeys } from './actions.config';
import type { ActionsConfig } from './actions.config';
import { predictionsProviders } from './handle-predictions/predictions.providers';
import { DynamoDbLabelStore } from './join-labels/dynamodb-label.store';
import { LabelStore } from './join-labels/label.store';
import { labelsProviders } from './join-labels/labels.providers';
import { DynamoDbQualityRowStore } from './measure-quality/dynamodb-quality-row.store';
import {
  ModelQualityController,
  QUALITY_OPTIONS,
} from './measure-quality/model-quality.controller';
import { QualityMonitor } from './measure-quality/quality.monitor';
import { QualityReader } from './measure-quality/quality.reader';
import { QUALITY_REFRESH_SECONDS, QualityRefresher } from './measure-quality/quality.refresher';
import { QualityRowStore } from './measure-quality/quality-row.store';
import { webhookDeliveriesProviders } from './notify-webhooks/webhook-deliveries.providers';
import { API_KEYS, ApiKeyGuard } from './query-scores/api-key.guard';
import { OpenApiDocs } from './query-scores/openapi.docs';
import { ScoresController } from './query-scores/scores.controller';
import {
  AlertStateStore,
  DynamoDbAlertStateStore,
} from './raise-alerts/dynamodb-alert-state.store';
import { DynamoDbEventClock } from './read-outcomes/dynamodb-event-clock.store';
import { EventClock } from './read-outcomes/event-clock.store';
import { OutcomeReader } from './read-outcomes/outcome.reader';
import { DynamoDbScoreStore } from './store-prediction/dynamodb-score.store';
import { ScoreStore } from './store-prediction/score.store';
import { TABLES_OPTIONS, TablesLifecycle } from './store-prediction/tables.lifecycle';

const DAY_MS = 86_400_000;

/**
 * Root module of the actions service: it stores predictions in DynamoDB, fires alerts, delivers
 * them to the webhooks from its outbox (a second stage, in its own consumer group), stores the
 * labels (a third stage, in its own group) and serves the scores API, each score joined to its
 * label, and each model's online quality (API and gauges).
 */
@Module({})
export class ActionsModule {
  static forRoot(runtime: DynamicModule, config: Readonly<ActionsConfig>): DynamicModule {
    return {
      module: ActionsModule,
      imports: [
        runtime,
        KafkaConnectionModule.forRoot(kafkaConnectionSettings(config, 'rtml-actions')),
        AwsConnectionModule.forRoot({ ...config, dynamodbEndpoint: config.DYNAMODB_ENDPOINT }),
      ],
      controllers: [ScoresController, ModelQualityController],
      providers: [
        ...storageProviders(config),
        ...qualityProviders(config),
        ...predictionsProviders(config),
        ...webhookDeliveriesProviders(config),
        ...labelsProviders(config),
        {
          provide: API_KEYS,
          inject: [LOGGER],
          useFactory: (logger: Logger) => {
            const entries = scoresApiKeys(config);
            if (entries.some((entry) => entry.id === 'dev'))
              logger.warn(
                { host: config.HTTP_HOST },
                'no API_KEYS: the loopback-only local run accepts the public dev key',
              );
            return new ApiKeySet(entries);
          },
        },
        ApiKeyGuard,
        OpenApiDocs,
      ],
    };
  }
}

function storageProviders(config: Readonly<ActionsConfig>): Provider[] {
  return [
    {
      provide: TABLES_OPTIONS,
      useValue: {
        scoresTable: config.SCORES_TABLE,
        alertStateTable: config.ALERT_STATE_TABLE,
        labelsTable: config.LABELS_TABLE,
        qualityTable: config.QUALITY_TABLE,
        create: config.CREATE_TABLE,
      },
    },
    TablesLifecycle,
    {
      provide: ScoreStore,
      inject: [DynamoDBClient],
      useFactory: (client: DynamoDBClient) =>
        new DynamoDbScoreStore(client, {
          tableName: config.SCORES_TABLE,
          concurrency: config.DYNAMODB_WRITE_CONCURRENCY,
          timeoutMs: config.DYNAMODB_WRITE_TIMEOUT_MS,
        }),
    },
    {
      provide: AlertStateStore,
      inject: [DynamoDBClient],
      useFactory: (client: DynamoDBClient) =>
        new DynamoDbAlertStateStore(client, {
          tableName: config.ALERT_STATE_TABLE,
          cooldownMs: config.ALERT_COOLDOWN_MS,
          retentionDays: config.SCORES_TTL_DAYS,
        }),
    },
    {
      provide: LabelStore,
      inject: [DynamoDBClient],
      useFactory: (client: DynamoDBClient) =>
        new DynamoDbLabelStore(client, {
          tableName: config.LABELS_TABLE,
          concurrency: config.DYNAMODB_WRITE_CONCURRENCY,
          timeoutMs: config.DYNAMODB_WRITE_TIMEOUT_MS,
          retentionDays: config.SCORES_TTL_DAYS,
        }),
    },
    {
      provide: EventClock,
      inject: [DynamoDBClient],
      useFactory: (client: DynamoDBClient) =>
        new DynamoDbEventClock(client, { tableName: config.ALERT_STATE_TABLE }),
    },
    {
      provide: OutcomeReader,
      inject: [ScoreStore, LabelStore, EventClock],
      useFactory: (scores: ScoreStore, labels: LabelStore, clock: EventClock) =>
        new OutcomeReader({
          scores,
          labels,
          clock,
          labelDelayMs: config.LABEL_DELAY_DAYS * DAY_MS,
        }),
    },
  ];
}

/** Online quality: the rows the predictions stage stores, their reader, the API and the gauges. */
function qualityProviders(config: Readonly<ActionsConfig>): Provider[] {
  const labelDelayMs = config.LABEL_DELAY_DAYS * DAY_MS;
  return [
    {
      provide: QualityRowStore,
      inject: [DynamoDBClient],
      useFactory: (client: DynamoDBClient) =>
        new DynamoDbQualityRowStore(client, {
          tableName: config.QUALITY_TABLE,
          concurrency: config.DYNAMODB_WRITE_CONCURRENCY,
          timeoutMs: config.DYNAMODB_WRITE_TIMEOUT_MS,
          retentionDays: config.SCORES_TTL_DAYS,
        }),
    },
    {
      provide: QualityReader,
      inject: [QualityRowStore, LabelStore, EventClock],
      useFactory: (rows: QualityRowStore, labels: LabelStore, clock: EventClock) =>
        new QualityReader({
          rows,
          labels,
          clock,
          labelDelayMs,
          windowDays: config.QUALITY_WINDOW_DAYS,
        }),
    },
    {
      provide: QualityMonitor,
      inject: [QualityReader, PipelineMetrics, EventClock],
      useFactory: (reader: QualityReader, metrics: PipelineMetrics, clock: EventClock) =>
        new QualityMonitor(reader, metrics, clock, {
          windowDays: config.QUALITY_WINDOW_DAYS,
          k: config.QUALITY_K,
          labelDelayMs,
        }),
    },
    { provide: QUALITY_REFRESH_SECONDS, useValue: config.QUALITY_REFRESH_SECONDS },
    QualityRefresher,
    {
      provide: QUALITY_OPTIONS,
      useValue: { k: config.QUALITY_K, labelDelayDays: config.LABEL_DELAY_DAYS },
    },
  ];
}
