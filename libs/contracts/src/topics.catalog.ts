import {
  ALERT_SCHEMA,
  DEAD_LETTER_SCHEMA,
  ENRICHED_EVENT_SCHEMA,
  LABEL_SCHEMA,
  MODEL_ALERT_SCHEMA,
  PREDICTION_SCHEMA,
  RAW_EVENT_SCHEMA,
  TRANSACTION_SCHEMA,
  WEBHOOK_DELIVERY_SCHEMA,
} from './generated/contract.schemas';
import { withPrefix } from './kafka-name';
import type { SubjectCompatibility, TopicCatalog, TopicId } from './topic.types';

const DAY_MS = 86_400_000;

/** The compatibility rule of every value subject. */
export const SUBJECT_COMPATIBILITY = 'BACKWARD' satisfies SubjectCompatibility;

const ENTITY_KEY = {
  field: 'entityId',
  nullable: false,
  description: 'The entity the features describe (the customer id for the reference feature set).',
} as const;

/**
 * Every topic of the pipeline. Names, keys and partition counts are API: renaming a topic or
 * changing its key or partition count moves entities between partitions and strands the
 * committed offsets and state built on it.
 */
export const TOPICS: TopicCatalog = {
  rawEvents: {
    id: 'rawEvents',
    name: 'events.raw',
    description: 'Events as producers send them, JSON or Avro, transactions and labels mixed.',
    valueSchema: RAW_EVENT_SCHEMA,
    compatibility: SUBJECT_COMPATIBILITY,
    key: {
      field: 'customerId',
      nullable: true,
      description:
        'Producers should key by customer id to keep a customer in order from the start; ingest re-keys anyway.',
    },
    partitions: 12,
    retention: { retentionMs: 7 * DAY_MS, why: 'Room to replay ingest after an outage or a fix.' },
    producers: ['external'],
  },
  transactions: {
    id: 'transactions',
    name: 'transactions',
    description: 'Validated transactions.',
    valueSchema: TRANSACTION_SCHEMA,
    compatibility: SUBJECT_COMPATIBILITY,
    key: { field: 'customerId', nullable: false, description: 'The customer (card).' },
    partitions: 12,
    retention: {
      retentionMs: 45 * DAY_MS,
      why: 'The longest window (30 days) plus the label delay (7 days) plus margin: features can be rebuilt by replay.',
    },
    producers: ['ingest'],
  },
  labels: {
    id: 'labels',
    name: 'labels',
    description: 'Known outcomes (chargebacks) of earlier transactions.',
    valueSchema: LABEL_SCHEMA,
    compatibility: SUBJECT_COMPATIBILITY,
    key: {
      field: 'customerId',
      nullable: false,
      description: 'The customer of the labelled transaction, like its transaction.',
    },
    partitions: 12,
    retention: {
      retentionMs: 45 * DAY_MS,
      why: 'As transactions: label-driven features are rebuilt by replay too.',
    },
    producers: ['ingest'],
  },
  enrichedEvents: {
    id: 'enrichedEvents',
    name: 'features.enriched',
    description: 'Transactions with their feature vectors.',
    valueSchema: ENRICHED_EVENT_SCHEMA,
    compatibility: SUBJECT_COMPATIBILITY,
    key: ENTITY_KEY,
    partitions: 12,
    retention: { retentionMs: 7 * DAY_MS, why: 'A buffer between features and scoring.' },
    producers: ['features'],
  },
  predictions: {
    id: 'predictions',
    name: 'predictions',
    description: 'Every score with the model, feature set, features and timings behind it.',
    valueSchema: PREDICTION_SCHEMA,
    compatibility: SUBJECT_COMPATIBILITY,
    key: ENTITY_KEY,
    partitions: 12,
    retention: {
      retentionMs: 7 * DAY_MS,
      why: 'Actions stores every prediction in DynamoDB; users consuming the topic get a week.',
    },
    producers: ['scoring'],
  },
  alerts: {
    id: 'alerts',
    name: 'alerts',
    description: 'Predictions that crossed their threshold.',
    valueSchema: ALERT_SCHEMA,
    compatibility: SUBJECT_COMPATIBILITY,
    key: ENTITY_KEY,
    partitions: 3,
    retention: { retentionMs: 30 * DAY_MS, why: 'Low volume, consumed by people and case tools.' },
    producers: ['actions'],
  },
  modelAlerts: {
    id: 'modelAlerts',
    name: 'model.alerts',
    description:
      'Alerts about a serving model rather than an event: an input or the score drifted past the high PSI threshold.',
    valueSchema: MODEL_ALERT_SCHEMA,
    compatibility: SUBJECT_COMPATIBILITY,
    key: {
      field: 'alertId',
      nullable: false,
      description: 'The alert: one raised again after a redelivery has the same key.',
    },
    partitions: 1,
    retention: {
      retentionMs: 30 * DAY_MS,
      why: 'A few a day at most, read by the people who own the models.',
    },
    producers: ['scoring'],
  },
  webhookDeliveries: {
    id: 'webhookDeliveries',
    name: 'webhooks.deliveries',
    description:
      'The webhook outbox: one record per (alert, webhook URL), written with its alert, consumed by the delivery worker in actions.',
    valueSchema: WEBHOOK_DELIVERY_SCHEMA,
    compatibility: SUBJECT_COMPATIBILITY,
    key: {
      field: 'deliveryId',
      nullable: false,
      description:
        'The delivery: a delivery and its re-emitted retries stay on one partition, so one worker owns it at a time.',
    },
    // As predictions: every actions replica runs a delivery worker too, so deliveries spread over
    // as many replicas as predictions do, and the service's replica ceiling stays 12.
    partitions: 12,
    retention: {
      retentionMs: 7 * DAY_MS,
      why: 'Deliveries are worked within minutes; a week outlasts a worker outage, and the attempt counters outlive it.',
    },
    producers: ['actions'],
  },
  deadLetters: {
    id: 'deadLetters',
    name: 'events.dlq',
    description: 'Records that can never be processed, with the reason and where they came from.',
    valueSchema: DEAD_LETTER_SCHEMA,
    compatibility: SUBJECT_COMPATIBILITY,
    key: {
      field: null,
      nullable: true,
      description: 'The original record key bytes, unchanged (null when the original had none).',
    },
    partitions: 3,
    retention: { retentionMs: 30 * DAY_MS, why: 'Time for a person to inspect, fix and replay.' },
    producers: ['ingest', 'features', 'scoring', 'actions'],
  },
};

/** Every topic id, in pipeline order. */
export const TOPIC_IDS: readonly TopicId[] = [
  'rawEvents',
  'transactions',
  'labels',
  'enrichedEvents',
  'predictions',
  'alerts',
  'modelAlerts',
  'webhookDeliveries',
  'deadLetters',
];

/** The topic name on the broker, `<prefix>.<name>` when prefixed (tests use a fresh prefix). */
export const topicName = (id: TopicId, prefix?: string): string =>
  withPrefix(TOPICS[id].name, prefix);

/** The registry subject of a topic's values (TopicNameStrategy). Keys have no subject. */
export const valueSubject = (id: TopicId, prefix?: string): string =>
  `${topicName(id, prefix)}-value`;
