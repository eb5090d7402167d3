/**
 * Kafka header names we set and read. Header values are UTF-8 strings; numbers (partition,
 * offset) are written in decimal. Names are API: consumers outside the pipeline read them.
 *
 * Dead-letter records carry the original topic, partition and offset both here (so tools can
 * route or count without decoding Avro) and in the DeadLetter envelope (so the record is
 * complete on its own once decoded).
 */
export const HEADERS = {
  /** The event id of the record: lets logs and tools correlate without decoding the value. */
  eventId: 'rtml-event-id',
  /** A trace id propagated from the entry point (HTTP request or raw record) to every output. */
  traceId: 'rtml-trace-id',
  /**
   * The format of a raw event's value, one of CONTENT_TYPES. Optional: without it the reader
   * tells the formats apart by the first byte (0 starts the Confluent wire format).
   */
  contentType: 'rtml-content-type',
  /**
   * events.raw: the producer's API key (ingest's RAW_EVENTS_AUTH=header), checked against the
   * same hashed key set and scopes as POST /v1/events. Never copied to any output.
   */
  producerKey: 'rtml-producer-key',
  /** Dead letters: the topic the original record was consumed from. */
  sourceTopic: 'rtml-source-topic',
  /** Dead letters: the partition of the original record, in decimal. */
  sourcePartition: 'rtml-source-partition',
  /** Dead letters: the offset of the original record, in decimal. */
  sourceOffset: 'rtml-source-offset',
  /** Dead letters: the error code (one of ERROR_CODES). */
  errorCode: 'rtml-error-code',
  /** Dead letters: the human-readable reason. */
  errorReason: 'rtml-error-reason',
  /**
   * Dead letters: the service that wrote it (ingest, features, scoring, actions). Every other
   * topic has one producer (the catalog's `producers`), so its records do not repeat it.
   */
  service: 'rtml-service',
} as const;

export type HeaderName = (typeof HEADERS)[keyof typeof HEADERS];

/**
 * Values of the content-type header on raw events. Avro means the Confluent wire format
 * (magic byte 0, 4-byte schema id, Avro binary), the only Avro framing ingest accepts.
 */
export const CONTENT_TYPES = {
  json: 'application/json',
  avro: 'application/vnd.confluent.avro',
} as const;

export type ContentType = (typeof CONTENT_TYPES)[keyof typeof CONTENT_TYPES];
