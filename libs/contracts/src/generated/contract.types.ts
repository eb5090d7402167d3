// generated — do not edit, run npm run contracts:generate
// Source: libs/contracts/src/schemas/*.avsc; see libs/contracts/README.md.

/**
 * A prediction that crossed its threshold, published by actions to the alerts topic, keyed by
 * entityId.
 */
export interface Alert {
  /**
   * Deterministic id derived from eventId by the producer, so an alert fired again after a
   * redelivery is recognisably the same alert.
   */
  readonly alertId: string;
  /** The id of the event that raised the alert. */
  readonly eventId: string;
  /** The entity the event belongs to; the record key. */
  readonly entityId: string;
  /** The event time, epoch milliseconds (UTC). */
  readonly eventTime: number;
  /** The score that raised the alert. */
  readonly score: number;
  /** The threshold the score reached. */
  readonly threshold: number;
  /** The model version that produced the score. */
  readonly model: ModelRef;
  /** Human-readable reason, for the people who act on alerts. */
  readonly reason: string;
  /** When actions created the alert, epoch milliseconds. */
  readonly createdAt: number;
}

/** A versioned model artifact in the model store (models/{name}/{version}/). */
export interface ModelRef {
  /** The model name. */
  readonly name: string;
  /** The model version (an immutable artifact; aliases such as champion are resolved to it). */
  readonly version: string;
}

/**
 * A record that can never be processed, with why and where it came from, published to the
 * events.dlq topic by the service that gave up on it. The original topic, partition and offset are
 * also in the Kafka headers.
 */
export interface DeadLetter {
  /** The topic the record was consumed from. */
  readonly originalTopic: string;
  /** The partition the record was consumed from. */
  readonly originalPartition: number;
  /**
   * The offset of the record, in decimal: offsets are 64-bit and may exceed 2^53, so not a number.
   */
  readonly originalOffset: string;
  /** The original key bytes, unchanged; null when the record had no key. */
  readonly originalKey: Buffer | null;
  /**
   * The original value bytes, unchanged, so the record can be replayed after a fix; null for a
   * tombstone. A value over the dead-letter limit is cut to its first bytes: then originalValueSize
   * and originalValueSha256 describe the whole value.
   */
  readonly originalValue: Buffer | null;
  /**
   * The original value's size in bytes when originalValue holds only its first bytes; null when
   * originalValue is whole.
   */
  readonly originalValueSize: number | null;
  /**
   * The SHA-256 (hex) of the whole original value when originalValue holds only its first bytes;
   * null when originalValue is whole.
   */
  readonly originalValueSha256: string | null;
  /**
   * The stable error code (one of ERROR_CODES). A string, not an enum, so new codes do not break
   * readers.
   */
  readonly errorCode: string;
  /** Human-readable reason the record was rejected. */
  readonly reason: string;
  /** Per-field problems, empty when the failure is not about fields (e.g. undecodable bytes). */
  readonly details: readonly FieldError[];
  /** How many further field problems were left out of details to keep the dead letter bounded. */
  readonly detailsOmitted: number;
  /** The service that dead-lettered the record (ingest, features, scoring, actions). */
  readonly service: string;
  /** When the record was dead-lettered, epoch milliseconds. */
  readonly failedAt: number;
}

/** One problem with one field of the original record. */
export interface FieldError {
  /** The path of the field in the original record, dot-separated (e.g. attributes.country). */
  readonly path: string;
  /** What is wrong with the field. */
  readonly message: string;
}

/**
 * A transaction with the feature vector computed for it, published by features to the
 * features.enriched topic, keyed by entityId.
 */
export interface EnrichedEvent {
  /** The transaction's event id. */
  readonly eventId: string;
  /** The transaction's event time, epoch milliseconds (UTC). */
  readonly eventTime: number;
  /**
   * The entity the features describe (the customer id in the reference feature set); the record
   * key.
   */
  readonly entityId: string;
  /** The transaction the features were computed for, as ingest published it. */
  readonly transaction: Transaction;
  /** The feature set (name and version) that produced the features. */
  readonly featureSet: FeatureSetRef;
  /** The feature vector, in the feature set's declared order. */
  readonly features: readonly Feature[];
  /** Pipeline timestamps so far. */
  readonly timings: EnrichmentTimings;
}

/** A validated transaction, published by ingest to the transactions topic, keyed by customerId. */
export interface Transaction {
  /** The producer's event id, unchanged from the raw event; the idempotency key downstream. */
  readonly eventId: string;
  /** When the transaction happened, epoch milliseconds (UTC). */
  readonly eventTime: number;
  /** The customer (card) that made the transaction; the record key. */
  readonly customerId: string;
  /** The terminal the transaction happened at. */
  readonly terminalId: string;
  /** The amount in the account's currency, finite and not negative. */
  readonly amount: number;
  /** Free-form string attributes carried through from the raw event; empty when there are none. */
  readonly attributes: Readonly<Record<string, string>>;
  /**
   * When ingest accepted the event, epoch milliseconds; the start of every pipeline latency
   * measurement.
   */
  readonly ingestedAt: number;
  /** How the event entered the pipeline. */
  readonly source: IngestSource;
}

/** The symbols of {@link IngestSource}, in schema order. */
export const INGEST_SOURCE_VALUES = ['HTTP', 'KAFKA'] as const;

/** The entry points of ingest: the HTTP API or the events.raw topic. */
export type IngestSource = (typeof INGEST_SOURCE_VALUES)[number];

/** Which feature-set definition produced a feature vector. */
export interface FeatureSetRef {
  /** The feature set name, as declared in its definition. */
  readonly name: string;
  /** The feature set version; any change to a definition gets a new version. */
  readonly version: string;
}

/** One named feature value. */
export interface Feature {
  /** The feature name, as declared in the feature set. */
  readonly name: string;
  /** The feature value (counts and flags are doubles too, as models take them). */
  readonly value: number;
}

/** Pipeline timestamps of an enriched event, epoch milliseconds. */
export interface EnrichmentTimings {
  /** When ingest accepted the event. */
  readonly ingestedAt: number;
  /** When the features service computed the features. */
  readonly enrichedAt: number;
}

/**
 * The known outcome of an earlier transaction (e.g. a chargeback), published by ingest to the
 * labels topic, keyed by customerId so a customer's labels stay in order with its transactions.
 */
export interface Label {
  /** The id of the label event itself (not of the transaction); deduplicates redelivered labels. */
  readonly eventId: string;
  /** The eventId of the labelled transaction. */
  readonly transactionId: string;
  /**
   * The eventTime of the labelled transaction, epoch milliseconds; delayed label-driven windows are
   * placed by it.
   */
  readonly transactionTime: number;
  /** The customer of the labelled transaction; the record key. */
  readonly customerId: string;
  /** The terminal of the labelled transaction; label-driven terminal features are keyed by it. */
  readonly terminalId: string;
  /** True if the transaction was fraudulent, false if it was confirmed genuine. */
  readonly fraud: boolean;
  /** When the label became known, epoch milliseconds (UTC). */
  readonly eventTime: number;
  /** When ingest accepted the label event, epoch milliseconds. */
  readonly ingestedAt: number;
  /** How the event entered the pipeline. */
  readonly source: IngestSource;
}

/**
 * Something wrong with a serving model rather than with an event, published by scoring to the model
 * alerts topic, keyed by the model name. Not a fraud alert.
 */
export interface ModelAlert {
  /**
   * Deterministic id of this crossing (model, version, role, input and the window's end), so one
   * raised again after a redelivery is recognisably the same alert.
   */
  readonly alertId: string;
  /** What went wrong: DRIFT, an input or the score distributed unlike the model's reference. */
  readonly kind: ModelAlertKind;
  /** The model version the alert is about. */
  readonly model: ModelRef;
  /** The role the version serves in: champion or challenger. */
  readonly role: string;
  /** The model input whose distribution moved, or score for the model's own scores. */
  readonly input: string;
  /** The population stability index over the window, against the model manifest's reference. */
  readonly psi: number;
  /** The PSI level crossed (DRIFT_PSI_HIGH). */
  readonly threshold: number;
  /** The events in the window the PSI rests on. */
  readonly events: number;
  /** The window's start, event time, epoch milliseconds (UTC). */
  readonly windowFrom: number;
  /** The window's end (exclusive), event time, epoch milliseconds (UTC). */
  readonly windowTo: number;
}

/** The symbols of {@link ModelAlertKind}, in schema order. */
export const MODEL_ALERT_KIND_VALUES = ['DRIFT'] as const;

/** The kinds of model alert. */
export type ModelAlertKind = (typeof MODEL_ALERT_KIND_VALUES)[number];

/**
 * The score of one event and everything that produced it, published by scoring to the predictions
 * topic, keyed by entityId.
 */
export interface Prediction {
  /** The scored event id. */
  readonly eventId: string;
  /** The scored event time, epoch milliseconds (UTC). */
  readonly eventTime: number;
  /** The entity the event belongs to; the record key. */
  readonly entityId: string;
  /** The serving (champion) model's score, in [0, 1]; higher means more likely positive. */
  readonly score: number;
  /** The decision threshold in force when the event was scored. */
  readonly threshold: number;
  /** The decision the score and threshold give. */
  readonly decision: Decision;
  /** The model version that produced the score. */
  readonly model: ModelRef;
  /** The feature set (name and version) the model was fed. */
  readonly featureSet: FeatureSetRef;
  /**
   * The feature vector the model was fed, in the feature set's order; what makes training/serving
   * skew measurable.
   */
  readonly features: readonly Feature[];
  /**
   * The challenger model scored in shadow on the same features, if one is configured; never drives
   * the decision.
   */
  readonly shadow: ShadowScore | null;
  /** Pipeline timestamps and the scoring cost. */
  readonly timings: PredictionTimings;
}

/** The symbols of {@link Decision}, in schema order. */
export const DECISION_VALUES = ['ALLOW', 'ALERT'] as const;

/** What a score means under the threshold in force: ALERT when score >= threshold, else ALLOW. */
export type Decision = (typeof DECISION_VALUES)[number];

/** A challenger model score computed alongside the serving model. */
export interface ShadowScore {
  /** The challenger model version. */
  readonly model: ModelRef;
  /** The challenger's score, in [0, 1]. */
  readonly score: number;
  /** The decision the challenger would have made under its own threshold. */
  readonly decision: Decision;
}

/** Pipeline timestamps of a prediction, epoch milliseconds, and the time spent in the model. */
export interface PredictionTimings {
  /** When ingest accepted the event. */
  readonly ingestedAt: number;
  /** When the features service computed the features. */
  readonly enrichedAt: number;
  /** When scoring produced the score. */
  readonly scoredAt: number;
  /** Milliseconds spent in the model for this event's micro-batch. */
  readonly scoringMs: number;
}

/**
 * An event as producers send it: to the events.raw topic (JSON or Avro) or to POST /v1/events.
 * Fields beyond the first three are optional in the schema because which ones are required depends
 * on kind; ingest checks them and dead-letters or rejects what is missing.
 */
export interface RawEvent {
  /**
   * Producer-assigned unique id of the event. It is the idempotency key of the whole pipeline:
   * re-sending an event with the same id changes nothing.
   */
  readonly eventId: string;
  /** What the event reports: a transaction to score, or a label for an earlier transaction. */
  readonly kind: EventKind;
  /**
   * When the event happened, epoch milliseconds (UTC). For a LABEL, when the label became known.
   * Every window is computed in event time.
   */
  readonly eventTime: number;
  /**
   * The customer (card) the event belongs to; the partition key downstream. Required for both
   * kinds.
   */
  readonly customerId: string | null;
  /**
   * The terminal the transaction happened at. Required for both kinds (label-driven terminal
   * features need it).
   */
  readonly terminalId: string | null;
  /**
   * The transaction amount in the account's currency, finite and not negative. Required for
   * TRANSACTION, ignored for LABEL.
   */
  readonly amount: number | null;
  /**
   * For a LABEL: the eventId of the labelled transaction. Required for LABEL, ignored for
   * TRANSACTION.
   */
  readonly transactionId: string | null;
  /**
   * For a LABEL: the eventTime of the labelled transaction, epoch milliseconds, so delayed windows
   * can place the label without a lookup. Required for LABEL.
   */
  readonly transactionTime: number | null;
  /**
   * For a LABEL: true if the labelled transaction was fraudulent, false if it was confirmed
   * genuine. Required for LABEL.
   */
  readonly fraud: boolean | null;
  /**
   * Free-form string attributes (channel, country, ...) carried through to Transaction.attributes.
   * Not used by the built-in features.
   */
  readonly attributes: Readonly<Record<string, string>> | null;
}

/** The symbols of {@link EventKind}, in schema order. */
export const EVENT_KIND_VALUES = ['TRANSACTION', 'LABEL'] as const;

/** The kinds of raw event. TRANSACTION becomes a Transaction, LABEL becomes a Label. */
export type EventKind = (typeof EVENT_KIND_VALUES)[number];

/**
 * One alert to deliver to one configured webhook, published by actions to the webhooks.deliveries
 * topic (the outbox its delivery worker consumes) in the same transaction as the alert, keyed by
 * deliveryId.
 */
export interface WebhookDelivery {
  /**
   * Deterministic id of the (alert, webhook) pair: sent as x-rtml-delivery-id on every attempt, so
   * receivers can deduplicate, and the key of the attempt counter that bounds the attempts.
   */
  readonly deliveryId: string;
  /**
   * Names the configured webhook URL (a hash of it): the URL may carry credentials, so it never
   * goes on a topic.
   */
  readonly webhookId: string;
  /** The webhook URL without credentials, query or fragment, for people reading the topic. */
  readonly endpoint: string;
  /** The alert to deliver, as published to the alerts topic: the body of every attempt. */
  readonly alert: Alert;
  /**
   * Attempts made before this record was written: 0 when the alert was raised, more when the worker
   * re-emitted the delivery to wait out a backoff. The attempt counter in the alert-state table is
   * authoritative.
   */
  readonly attempts: number;
  /**
   * No attempt before this time, epoch milliseconds: when the alert was raised, or the end of the
   * backoff a re-emitted delivery waits out.
   */
  readonly nextAttemptAt: number;
}
