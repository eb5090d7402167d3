// generated — do not edit, run npm run contracts:generate
// Source: libs/contracts/src/schemas/*.avsc; see libs/contracts/README.md.

import type { AvroRecordSchema } from '../avro-schema.types';

/** The Avro schema of io.rtml.v1.Alert, from alert.avsc. */
export const ALERT_SCHEMA = {
  type: 'record',
  name: 'Alert',
  namespace: 'io.rtml.v1',
  doc: 'A prediction that crossed its threshold, published by actions to the alerts topic, keyed by entityId.',
  fields: [
    {
      name: 'alertId',
      doc: 'Deterministic id derived from eventId by the producer, so an alert fired again after a redelivery is recognisably the same alert.',
      type: 'string',
    },
    { name: 'eventId', doc: 'The id of the event that raised the alert.', type: 'string' },
    { name: 'entityId', doc: 'The entity the event belongs to; the record key.', type: 'string' },
    {
      name: 'eventTime',
      doc: 'The event time, epoch milliseconds (UTC).',
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
    { name: 'score', doc: 'The score that raised the alert.', type: 'double' },
    { name: 'threshold', doc: 'The threshold the score reached.', type: 'double' },
    {
      name: 'model',
      doc: 'The model version that produced the score.',
      type: {
        type: 'record',
        name: 'ModelRef',
        doc: 'A versioned model artifact in the model store (models/{name}/{version}/).',
        fields: [
          { name: 'name', doc: 'The model name.', type: 'string' },
          {
            name: 'version',
            doc: 'The model version (an immutable artifact; aliases such as champion are resolved to it).',
            type: 'string',
          },
        ],
      },
    },
    {
      name: 'reason',
      doc: 'Human-readable reason, for the people who act on alerts.',
      type: 'string',
    },
    {
      name: 'createdAt',
      doc: 'When actions created the alert, epoch milliseconds.',
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
  ],
} as const satisfies AvroRecordSchema;

/** The Avro schema of io.rtml.v1.DeadLetter, from dead-letter.avsc. */
export const DEAD_LETTER_SCHEMA = {
  type: 'record',
  name: 'DeadLetter',
  namespace: 'io.rtml.v1',
  doc: 'A record that can never be processed, with why and where it came from, published to the events.dlq topic by the service that gave up on it. The original topic, partition and offset are also in the Kafka headers.',
  fields: [
    { name: 'originalTopic', doc: 'The topic the record was consumed from.', type: 'string' },
    { name: 'originalPartition', doc: 'The partition the record was consumed from.', type: 'int' },
    {
      name: 'originalOffset',
      doc: 'The offset of the record, in decimal: offsets are 64-bit and may exceed 2^53, so not a number.',
      type: 'string',
    },
    {
      name: 'originalKey',
      doc: 'The original key bytes, unchanged; null when the record had no key.',
      type: ['null', 'bytes'],
      default: null,
    },
    {
      name: 'originalValue',
      doc: 'The original value bytes, unchanged, so the record can be replayed after a fix; null for a tombstone. A value over the dead-letter limit is cut to its first bytes: then originalValueSize and originalValueSha256 describe the whole value.',
      type: ['null', 'bytes'],
      default: null,
    },
    {
      name: 'originalValueSize',
      doc: "The original value's size in bytes when originalValue holds only its first bytes; null when originalValue is whole.",
      type: ['null', 'long'],
      default: null,
    },
    {
      name: 'originalValueSha256',
      doc: 'The SHA-256 (hex) of the whole original value when originalValue holds only its first bytes; null when originalValue is whole.',
      type: ['null', 'string'],
      default: null,
    },
    {
      name: 'errorCode',
      doc: 'The stable error code (one of ERROR_CODES). A string, not an enum, so new codes do not break readers.',
      type: 'string',
    },
    { name: 'reason', doc: 'Human-readable reason the record was rejected.', type: 'string' },
    {
      name: 'details',
      doc: 'Per-field problems, empty when the failure is not about fields (e.g. undecodable bytes).',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'FieldError',
          doc: 'One problem with one field of the original record.',
          fields: [
            {
              name: 'path',
              doc: 'The path of the field in the original record, dot-separated (e.g. attributes.country).',
              type: 'string',
            },
            { name: 'message', doc: 'What is wrong with the field.', type: 'string' },
          ],
        },
      },
    },
    {
      name: 'detailsOmitted',
      doc: 'How many further field problems were left out of details to keep the dead letter bounded.',
      type: 'int',
      default: 0,
    },
    {
      name: 'service',
      doc: 'The service that dead-lettered the record (ingest, features, scoring, actions).',
      type: 'string',
    },
    {
      name: 'failedAt',
      doc: 'When the record was dead-lettered, epoch milliseconds.',
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
  ],
} as const satisfies AvroRecordSchema;

/** The Avro schema of io.rtml.v1.EnrichedEvent, from enriched-event.avsc. */
export const ENRICHED_EVENT_SCHEMA = {
  type: 'record',
  name: 'EnrichedEvent',
  namespace: 'io.rtml.v1',
  doc: 'A transaction with the feature vector computed for it, published by features to the features.enriched topic, keyed by entityId.',
  fields: [
    { name: 'eventId', doc: "The transaction's event id.", type: 'string' },
    {
      name: 'eventTime',
      doc: "The transaction's event time, epoch milliseconds (UTC).",
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
    {
      name: 'entityId',
      doc: 'The entity the features describe (the customer id in the reference feature set); the record key.',
      type: 'string',
    },
    {
      name: 'transaction',
      doc: 'The transaction the features were computed for, as ingest published it.',
      type: {
        type: 'record',
        name: 'Transaction',
        doc: 'A validated transaction, published by ingest to the transactions topic, keyed by customerId.',
        fields: [
          {
            name: 'eventId',
            doc: "The producer's event id, unchanged from the raw event; the idempotency key downstream.",
            type: 'string',
          },
          {
            name: 'eventTime',
            doc: 'When the transaction happened, epoch milliseconds (UTC).',
            type: { type: 'long', logicalType: 'timestamp-millis' },
          },
          {
            name: 'customerId',
            doc: 'The customer (card) that made the transaction; the record key.',
            type: 'string',
          },
          { name: 'terminalId', doc: 'The terminal the transaction happened at.', type: 'string' },
          {
            name: 'amount',
            doc: "The amount in the account's currency, finite and not negative.",
            type: 'double',
          },
          {
            name: 'attributes',
            doc: 'Free-form string attributes carried through from the raw event; empty when there are none.',
            type: { type: 'map', values: 'string' },
            default: {},
          },
          {
            name: 'ingestedAt',
            doc: 'When ingest accepted the event, epoch milliseconds; the start of every pipeline latency measurement.',
            type: { type: 'long', logicalType: 'timestamp-millis' },
          },
          {
            name: 'source',
            doc: 'How the event entered the pipeline.',
            type: {
              type: 'enum',
              name: 'IngestSource',
              doc: 'The entry points of ingest: the HTTP API or the events.raw topic.',
              symbols: ['HTTP', 'KAFKA'],
            },
          },
        ],
      },
    },
    {
      name: 'featureSet',
      doc: 'The feature set (name and version) that produced the features.',
      type: {
        type: 'record',
        name: 'FeatureSetRef',
        doc: 'Which feature-set definition produced a feature vector.',
        fields: [
          {
            name: 'name',
            doc: 'The feature set name, as declared in its definition.',
            type: 'string',
          },
          {
            name: 'version',
            doc: 'The feature set version; any change to a definition gets a new version.',
            type: 'string',
          },
        ],
      },
    },
    {
      name: 'features',
      doc: "The feature vector, in the feature set's declared order.",
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Feature',
          doc: 'One named feature value.',
          fields: [
            {
              name: 'name',
              doc: 'The feature name, as declared in the feature set.',
              type: 'string',
            },
            {
              name: 'value',
              doc: 'The feature value (counts and flags are doubles too, as models take them).',
              type: 'double',
            },
          ],
        },
      },
    },
    {
      name: 'timings',
      doc: 'Pipeline timestamps so far.',
      type: {
        type: 'record',
        name: 'EnrichmentTimings',
        doc: 'Pipeline timestamps of an enriched event, epoch milliseconds.',
        fields: [
          {
            name: 'ingestedAt',
            doc: 'When ingest accepted the event.',
            type: { type: 'long', logicalType: 'timestamp-millis' },
          },
          {
            name: 'enrichedAt',
            doc: 'When the features service computed the features.',
            type: { type: 'long', logicalType: 'timestamp-millis' },
          },
        ],
      },
    },
  ],
} as const satisfies AvroRecordSchema;

/** The Avro schema of io.rtml.v1.Label, from label.avsc. */
export const LABEL_SCHEMA = {
  type: 'record',
  name: 'Label',
  namespace: 'io.rtml.v1',
  doc: "The known outcome of an earlier transaction (e.g. a chargeback), published by ingest to the labels topic, keyed by customerId so a customer's labels stay in order with its transactions.",
  fields: [
    {
      name: 'eventId',
      doc: 'The id of the label event itself (not of the transaction); deduplicates redelivered labels.',
      type: 'string',
    },
    { name: 'transactionId', doc: 'The eventId of the labelled transaction.', type: 'string' },
    {
      name: 'transactionTime',
      doc: 'The eventTime of the labelled transaction, epoch milliseconds; delayed label-driven windows are placed by it.',
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
    {
      name: 'customerId',
      doc: 'The customer of the labelled transaction; the record key.',
      type: 'string',
    },
    {
      name: 'terminalId',
      doc: 'The terminal of the labelled transaction; label-driven terminal features are keyed by it.',
      type: 'string',
    },
    {
      name: 'fraud',
      doc: 'True if the transaction was fraudulent, false if it was confirmed genuine.',
      type: 'boolean',
    },
    {
      name: 'eventTime',
      doc: 'When the label became known, epoch milliseconds (UTC).',
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
    {
      name: 'ingestedAt',
      doc: 'When ingest accepted the label event, epoch milliseconds.',
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
    {
      name: 'source',
      doc: 'How the event entered the pipeline.',
      type: {
        type: 'enum',
        name: 'IngestSource',
        doc: 'The entry points of ingest: the HTTP API or the events.raw topic.',
        symbols: ['HTTP', 'KAFKA'],
      },
    },
  ],
} as const satisfies AvroRecordSchema;

/** The Avro schema of io.rtml.v1.ModelAlert, from model-alert.avsc. */
export const MODEL_ALERT_SCHEMA = {
  type: 'record',
  name: 'ModelAlert',
  namespace: 'io.rtml.v1',
  doc: 'Something wrong with a serving model rather than with an event, published by scoring to the model alerts topic, keyed by the model name. Not a fraud alert.',
  fields: [
    {
      name: 'alertId',
      doc: "Deterministic id of this crossing (model, version, role, input and the window's end), so one raised again after a redelivery is recognisably the same alert.",
      type: 'string',
    },
    {
      name: 'kind',
      doc: "What went wrong: DRIFT, an input or the score distributed unlike the model's reference.",
      type: {
        type: 'enum',
        name: 'ModelAlertKind',
        doc: 'The kinds of model alert.',
        symbols: ['DRIFT'],
      },
    },
    {
      name: 'model',
      doc: 'The model version the alert is about.',
      type: {
        type: 'record',
        name: 'ModelRef',
        doc: 'A versioned model artifact in the model store (models/{name}/{version}/).',
        fields: [
          { name: 'name', doc: 'The model name.', type: 'string' },
          {
            name: 'version',
            doc: 'The model version (an immutable artifact; aliases such as champion are resolved to it).',
            type: 'string',
          },
        ],
      },
    },
    {
      name: 'role',
      doc: 'The role the version serves in: champion or challenger.',
      type: 'string',
    },
    {
      name: 'input',
      doc: "The model input whose distribution moved, or score for the model's own scores.",
      type: 'string',
    },
    {
      name: 'psi',
      doc: "The population stability index over the window, against the model manifest's reference.",
      type: 'double',
    },
    { name: 'threshold', doc: 'The PSI level crossed (DRIFT_PSI_HIGH).', type: 'double' },
    { name: 'events', doc: 'The events in the window the PSI rests on.', type: 'long' },
    {
      name: 'windowFrom',
      doc: "The window's start, event time, epoch milliseconds (UTC).",
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
    {
      name: 'windowTo',
      doc: "The window's end (exclusive), event time, epoch milliseconds (UTC).",
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
  ],
} as const satisfies AvroRecordSchema;

/** The Avro schema of io.rtml.v1.Prediction, from prediction.avsc. */
export const PREDICTION_SCHEMA = {
  type: 'record',
  name: 'Prediction',
  namespace: 'io.rtml.v1',
  doc: 'The score of one event and everything that produced it, published by scoring to the predictions topic, keyed by entityId.',
  fields: [
    { name: 'eventId', doc: 'The scored event id.', type: 'string' },
    {
      name: 'eventTime',
      doc: 'The scored event time, epoch milliseconds (UTC).',
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
    { name: 'entityId', doc: 'The entity the event belongs to; the record key.', type: 'string' },
    {
      name: 'score',
      doc: "The serving (champion) model's score, in [0, 1]; higher means more likely positive.",
      type: 'double',
    },
    {
      name: 'threshold',
      doc: 'The decision threshold in force when the event was scored.',
      type: 'double',
    },
    {
      name: 'decision',
      doc: 'The decision the score and threshold give.',
      type: {
        type: 'enum',
        name: 'Decision',
        doc: 'What a score means under the threshold in force: ALERT when score >= threshold, else ALLOW.',
        symbols: ['ALLOW', 'ALERT'],
      },
    },
    {
      name: 'model',
      doc: 'The model version that produced the score.',
      type: {
        type: 'record',
        name: 'ModelRef',
        doc: 'A versioned model artifact in the model store (models/{name}/{version}/).',
        fields: [
          { name: 'name', doc: 'The model name.', type: 'string' },
          {
            name: 'version',
            doc: 'The model version (an immutable artifact; aliases such as champion are resolved to it).',
            type: 'string',
          },
        ],
      },
    },
    {
      name: 'featureSet',
      doc: 'The feature set (name and version) the model was fed.',
      type: {
        type: 'record',
        name: 'FeatureSetRef',
        doc: 'Which feature-set definition produced a feature vector.',
        fields: [
          {
            name: 'name',
            doc: 'The feature set name, as declared in its definition.',
            type: 'string',
          },
          {
            name: 'version',
            doc: 'The feature set version; any change to a definition gets a new version.',
            type: 'string',
          },
        ],
      },
    },
    {
      name: 'features',
      doc: "The feature vector the model was fed, in the feature set's order; what makes training/serving skew measurable.",
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Feature',
          doc: 'One named feature value.',
          fields: [
            {
              name: 'name',
              doc: 'The feature name, as declared in the feature set.',
              type: 'string',
            },
            {
              name: 'value',
              doc: 'The feature value (counts and flags are doubles too, as models take them).',
              type: 'double',
            },
          ],
        },
      },
    },
    {
      name: 'shadow',
      doc: 'The challenger model scored in shadow on the same features, if one is configured; never drives the decision.',
      type: [
        'null',
        {
          type: 'record',
          name: 'ShadowScore',
          doc: 'A challenger model score computed alongside the serving model.',
          fields: [
            { name: 'model', doc: 'The challenger model version.', type: 'ModelRef' },
            { name: 'score', doc: "The challenger's score, in [0, 1].", type: 'double' },
            {
              name: 'decision',
              doc: 'The decision the challenger would have made under its own threshold.',
              type: 'Decision',
            },
          ],
        },
      ],
      default: null,
    },
    {
      name: 'timings',
      doc: 'Pipeline timestamps and the scoring cost.',
      type: {
        type: 'record',
        name: 'PredictionTimings',
        doc: 'Pipeline timestamps of a prediction, epoch milliseconds, and the time spent in the model.',
        fields: [
          {
            name: 'ingestedAt',
            doc: 'When ingest accepted the event.',
            type: { type: 'long', logicalType: 'timestamp-millis' },
          },
          {
            name: 'enrichedAt',
            doc: 'When the features service computed the features.',
            type: { type: 'long', logicalType: 'timestamp-millis' },
          },
          {
            name: 'scoredAt',
            doc: 'When scoring produced the score.',
            type: { type: 'long', logicalType: 'timestamp-millis' },
          },
          {
            name: 'scoringMs',
            doc: "Milliseconds spent in the model for this event's micro-batch.",
            type: 'double',
          },
        ],
      },
    },
  ],
} as const satisfies AvroRecordSchema;

/** The Avro schema of io.rtml.v1.RawEvent, from raw-event.avsc. */
export const RAW_EVENT_SCHEMA = {
  type: 'record',
  name: 'RawEvent',
  namespace: 'io.rtml.v1',
  doc: 'An event as producers send it: to the events.raw topic (JSON or Avro) or to POST /v1/events. Fields beyond the first three are optional in the schema because which ones are required depends on kind; ingest checks them and dead-letters or rejects what is missing.',
  fields: [
    {
      name: 'eventId',
      doc: 'Producer-assigned unique id of the event. It is the idempotency key of the whole pipeline: re-sending an event with the same id changes nothing.',
      type: 'string',
    },
    {
      name: 'kind',
      doc: 'What the event reports: a transaction to score, or a label for an earlier transaction.',
      type: {
        type: 'enum',
        name: 'EventKind',
        doc: 'The kinds of raw event. TRANSACTION becomes a Transaction, LABEL becomes a Label.',
        symbols: ['TRANSACTION', 'LABEL'],
      },
    },
    {
      name: 'eventTime',
      doc: 'When the event happened, epoch milliseconds (UTC). For a LABEL, when the label became known. Every window is computed in event time.',
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
    {
      name: 'customerId',
      doc: 'The customer (card) the event belongs to; the partition key downstream. Required for both kinds.',
      type: ['null', 'string'],
      default: null,
    },
    {
      name: 'terminalId',
      doc: 'The terminal the transaction happened at. Required for both kinds (label-driven terminal features need it).',
      type: ['null', 'string'],
      default: null,
    },
    {
      name: 'amount',
      doc: "The transaction amount in the account's currency, finite and not negative. Required for TRANSACTION, ignored for LABEL.",
      type: ['null', 'double'],
      default: null,
    },
    {
      name: 'transactionId',
      doc: 'For a LABEL: the eventId of the labelled transaction. Required for LABEL, ignored for TRANSACTION.',
      type: ['null', 'string'],
      default: null,
    },
    {
      name: 'transactionTime',
      doc: 'For a LABEL: the eventTime of the labelled transaction, epoch milliseconds, so delayed windows can place the label without a lookup. Required for LABEL.',
      type: ['null', { type: 'long', logicalType: 'timestamp-millis' }],
      default: null,
    },
    {
      name: 'fraud',
      doc: 'For a LABEL: true if the labelled transaction was fraudulent, false if it was confirmed genuine. Required for LABEL.',
      type: ['null', 'boolean'],
      default: null,
    },
    {
      name: 'attributes',
      doc: 'Free-form string attributes (channel, country, ...) carried through to Transaction.attributes. Not used by the built-in features.',
      type: ['null', { type: 'map', values: 'string' }],
      default: null,
    },
  ],
} as const satisfies AvroRecordSchema;

/** The Avro schema of io.rtml.v1.Transaction, from transaction.avsc. */
export const TRANSACTION_SCHEMA = {
  type: 'record',
  name: 'Transaction',
  namespace: 'io.rtml.v1',
  doc: 'A validated transaction, published by ingest to the transactions topic, keyed by customerId.',
  fields: [
    {
      name: 'eventId',
      doc: "The producer's event id, unchanged from the raw event; the idempotency key downstream.",
      type: 'string',
    },
    {
      name: 'eventTime',
      doc: 'When the transaction happened, epoch milliseconds (UTC).',
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
    {
      name: 'customerId',
      doc: 'The customer (card) that made the transaction; the record key.',
      type: 'string',
    },
    { name: 'terminalId', doc: 'The terminal the transaction happened at.', type: 'string' },
    {
      name: 'amount',
      doc: "The amount in the account's currency, finite and not negative.",
      type: 'double',
    },
    {
      name: 'attributes',
      doc: 'Free-form string attributes carried through from the raw event; empty when there are none.',
      type: { type: 'map', values: 'string' },
      default: {},
    },
    {
      name: 'ingestedAt',
      doc: 'When ingest accepted the event, epoch milliseconds; the start of every pipeline latency measurement.',
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
    {
      name: 'source',
      doc: 'How the event entered the pipeline.',
      type: {
        type: 'enum',
        name: 'IngestSource',
        doc: 'The entry points of ingest: the HTTP API or the events.raw topic.',
        symbols: ['HTTP', 'KAFKA'],
      },
    },
  ],
} as const satisfies AvroRecordSchema;

/** The Avro schema of io.rtml.v1.WebhookDelivery, from webhook-delivery.avsc. */
export const WEBHOOK_DELIVERY_SCHEMA = {
  type: 'record',
  name: 'WebhookDelivery',
  namespace: 'io.rtml.v1',
  doc: 'One alert to deliver to one configured webhook, published by actions to the webhooks.deliveries topic (the outbox its delivery worker consumes) in the same transaction as the alert, keyed by deliveryId.',
  fields: [
    {
      name: 'deliveryId',
      doc: 'Deterministic id of the (alert, webhook) pair: sent as x-rtml-delivery-id on every attempt, so receivers can deduplicate, and the key of the attempt counter that bounds the attempts.',
      type: 'string',
    },
    {
      name: 'webhookId',
      doc: 'Names the configured webhook URL (a hash of it): the URL may carry credentials, so it never goes on a topic.',
      type: 'string',
    },
    {
      name: 'endpoint',
      doc: 'The webhook URL without credentials, query or fragment, for people reading the topic.',
      type: 'string',
    },
    {
      name: 'alert',
      doc: 'The alert to deliver, as published to the alerts topic: the body of every attempt.',
      type: {
        type: 'record',
        name: 'Alert',
        namespace: 'io.rtml.v1',
        doc: 'A prediction that crossed its threshold, published by actions to the alerts topic, keyed by entityId.',
        fields: [
          {
            name: 'alertId',
            doc: 'Deterministic id derived from eventId by the producer, so an alert fired again after a redelivery is recognisably the same alert.',
            type: 'string',
          },
          { name: 'eventId', doc: 'The id of the event that raised the alert.', type: 'string' },
          {
            name: 'entityId',
            doc: 'The entity the event belongs to; the record key.',
            type: 'string',
          },
          {
            name: 'eventTime',
            doc: 'The event time, epoch milliseconds (UTC).',
            type: { type: 'long', logicalType: 'timestamp-millis' },
          },
          { name: 'score', doc: 'The score that raised the alert.', type: 'double' },
          { name: 'threshold', doc: 'The threshold the score reached.', type: 'double' },
          {
            name: 'model',
            doc: 'The model version that produced the score.',
            type: {
              type: 'record',
              name: 'ModelRef',
              doc: 'A versioned model artifact in the model store (models/{name}/{version}/).',
              fields: [
                { name: 'name', doc: 'The model name.', type: 'string' },
                {
                  name: 'version',
                  doc: 'The model version (an immutable artifact; aliases such as champion are resolved to it).',
                  type: 'string',
                },
              ],
            },
          },
          {
            name: 'reason',
            doc: 'Human-readable reason, for the people who act on alerts.',
            type: 'string',
          },
          {
            name: 'createdAt',
            doc: 'When actions created the alert, epoch milliseconds.',
            type: { type: 'long', logicalType: 'timestamp-millis' },
          },
        ],
      },
    },
    {
      name: 'attempts',
      doc: 'Attempts made before this record was written: 0 when the alert was raised, more when the worker re-emitted the delivery to wait out a backoff. The attempt counter in the alert-state table is authoritative.',
      type: 'int',
    },
    {
      name: 'nextAttemptAt',
      doc: 'No attempt before this time, epoch milliseconds: when the alert was raised, or the end of the backoff a re-emitted delivery waits out.',
      type: { type: 'long', logicalType: 'timestamp-millis' },
    },
  ],
} as const satisfies AvroRecordSchema;
