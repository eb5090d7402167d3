import type { AvroRecordSchema } from './avro-schema.types';
import type {
  Alert,
  DeadLetter,
  EnrichedEvent,
  Label,
  ModelAlert,
  Prediction,
  RawEvent,
  Transaction,
  WebhookDelivery,
} from './generated/contract.types';

/** The value type of each topic, by logical id: what a consumer decodes, what a producer sends. */
export interface TopicValues {
  readonly rawEvents: RawEvent;
  readonly transactions: Transaction;
  readonly labels: Label;
  readonly enrichedEvents: EnrichedEvent;
  readonly predictions: Prediction;
  readonly alerts: Alert;
  readonly modelAlerts: ModelAlert;
  readonly deadLetters: DeadLetter;
  readonly webhookDeliveries: WebhookDelivery;
}

/** The logical id of a topic. Code names topics by id; the name on the broker can be prefixed. */
export type TopicId = keyof TopicValues;

export type TopicValue<Id extends TopicId> = TopicValues[Id];

/**
 * Schema registry compatibility levels (Confluent names, also used by Apicurio's ccompat API).
 * Every subject here is BACKWARD: consumers upgrade first, and a new schema must read all data
 * written with the previous one.
 */
export type SubjectCompatibility =
  | 'NONE'
  | 'BACKWARD'
  | 'BACKWARD_TRANSITIVE'
  | 'FORWARD'
  | 'FORWARD_TRANSITIVE'
  | 'FULL'
  | 'FULL_TRANSITIVE';

/**
 * The record key. Keys are plain UTF-8 strings, never Avro: they decide the partition (so one
 * entity's events stay in order on one partition) and would drive compaction, and a plain
 * string is readable by any client and tool (console consumer, kcat) without the registry.
 */
export interface TopicKey<Value> {
  /** The value field the key is copied from; null when the key is not a value field. */
  readonly field: (keyof Value & string) | null;
  /** Whether a record may have no key (then the partition is chosen by the producer). */
  readonly nullable: boolean;
  readonly description: string;
}

export interface RetentionHint {
  /** `retention.ms` to create the topic with. */
  readonly retentionMs: number;
  readonly why: string;
}

/** Who writes a topic: one of our services, or systems outside the pipeline. */
export type TopicProducer = 'external' | 'ingest' | 'features' | 'scoring' | 'actions';

export interface TopicSpec<Id extends TopicId> {
  readonly id: Id;
  /** The topic name without any prefix; see `topicName`. */
  readonly name: string;
  readonly description: string;
  readonly valueSchema: AvroRecordSchema;
  readonly compatibility: SubjectCompatibility;
  readonly key: TopicKey<TopicValues[Id]>;
  /** The partition count to create the topic with; the ceiling on consumer parallelism. */
  readonly partitions: number;
  readonly retention: RetentionHint;
  readonly producers: readonly TopicProducer[];
}

export type TopicCatalog = { readonly [Id in TopicId]: TopicSpec<Id> };
