import { Module } from '@nestjs/common';
import type { DynamicModule, Provider } from '@nestjs/common';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  AwsConnectionModule,
  KafkaConnectionModule,
  kafkaConnectionSettings,
  batchConsumerProviders,
} from '@rtml/connections';
import { consumerGroupId, topicName, valueSubject } from '@rtml/contracts';
import { AvroSerde, DeadLetterWriter, KafkaRecordPublisher } from '@rtml/kafka';
import { PipelineMetrics } from '@rtml/observability';
import type { Logger } from '@rtml/observability';
import { LOGGER } from '@rtml/service-runtime';
import { DEV_API_KEY } from './actions.config';
import type { ActionsConfig } from './actions.config';
import { PredictionDecoder } from './handle-predictions/prediction.decoder';
import { PredictionsHandler } from './handle-predictions/predictions.handler';
import { WebhookNotifier } from './notify-webhooks/webhook.notifier';
import { WebhookSender } from './notify-webhooks/webhook.sender';
import { API_KEYS, ApiKeyGuard } from './query-scores/api-key.guard';
import { OpenApiDocs } from './query-scores/openapi.docs';
import { ScoresController } from './query-scores/scores.controller';
import { AlertRaiser } from './raise-alerts/alert.raiser';
import {
  AlertStateStore,
  DynamoDbAlertStateStore,
} from './raise-alerts/dynamodb-alert-state.store';
import { DynamoDbScoreStore } from './store-prediction/dynamodb-score.store';
import { ScoreStore } from './store-prediction/score.store';
import { TABLES_OPTIONS, TablesLifecycle } from './store-prediction/tables.lifecycle';

/** Root module of the actions service: it stores predictions in DynamoDB, fires alerts and serves the scores API. */
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
      controllers: [ScoresController],
      providers: [
        ...storageProviders(config),
        ...handlerProviders(config),
        ...batchConsumerProviders({
          inject: [PredictionsHandler],
          useFactory: (handler: PredictionsHandler) => ({
            options: {
              groupId: consumerGroupId('actions', prefixOf(config)),
              topics: [topicName('predictions', prefixOf(config))],
            },
            handler: (batch) => handler.handle(batch),
          }),
        }),
        {
          provide: API_KEYS,
          inject: [LOGGER],
          useFactory: (logger: Logger) => {
            if (config.API_KEYS.includes(DEV_API_KEY))
              logger.warn({}, `API_KEYS accepts the local stack's ${DEV_API_KEY}: set API_KEYS`);
            return config.API_KEYS;
          },
        },
        ApiKeyGuard,
        OpenApiDocs,
      ],
    };
  }
}

const prefixOf = (config: Readonly<ActionsConfig>) => config.TOPIC_PREFIX || undefined;

function storageProviders(config: Readonly<ActionsConfig>): Provider[] {
  return [
    {
      provide: TABLES_OPTIONS,
      useValue: {
        scoresTable: config.SCORES_TABLE,
        alertStateTable: config.ALERT_STATE_TABLE,
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
  ];
}

function handlerProviders(config: Readonly<ActionsConfig>): Provider[] {
  const prefix = prefixOf(config);
  return [
    {
      provide: PredictionsHandler,
      inject: [
        AvroSerde,
        KafkaRecordPublisher,
        ScoreStore,
        AlertStateStore,
        PipelineMetrics,
        LOGGER,
      ],
      useFactory: (
        serde: AvroSerde,
        publisher: KafkaRecordPublisher,
        scores: ScoreStore,
        alertState: AlertStateStore,
        metrics: PipelineMetrics,
        logger: Logger,
      ) => {
        const sender = config.WEBHOOK_SECRET
          ? new WebhookSender(
              {
                secret: config.WEBHOOK_SECRET,
                timeoutMs: config.WEBHOOK_TIMEOUT_MS,
                maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
                initialDelayMs: config.WEBHOOK_BACKOFF_INITIAL_MS,
                maxDelayMs: config.WEBHOOK_BACKOFF_MAX_MS,
              },
              metrics,
            )
          : undefined;
        return new PredictionsHandler(
          {
            decoder: new PredictionDecoder(serde),
            scores,
            alerts: new AlertRaiser(alertState, metrics),
            webhooks: new WebhookNotifier(config.WEBHOOK_URLS, sender, config.WEBHOOK_CONCURRENCY),
            serde,
            publisher,
            deadLetters: new DeadLetterWriter(serde, {
              topic: topicName('deadLetters', prefix),
              subject: valueSubject('deadLetters', prefix),
              service: 'actions',
            }),
            metrics,
            logger,
          },
          {
            alertsTopic: topicName('alerts', prefix),
            alertsSubject: valueSubject('alerts', prefix),
            retentionDays: config.SCORES_TTL_DAYS,
          },
        );
      },
    },
  ];
}
