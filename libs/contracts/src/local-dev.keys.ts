/**
 * The public keys of a loopback-only local run (`npm start`, the test harnesses, the e2e and
 * chaos tools). Published on purpose, hence never secret: ingest and actions accept them only
 * while they bind a loopback HTTP_HOST with no keys configured, and refuse to start without keys
 * anywhere else.
 */
export const LOCAL_DEV_KEYS = {
  /** ingest: x-api-key of POST /v1/events and rtml-producer-key of events.raw; every event kind. */
  producer: 'dev-producer-key',
  /** actions: x-api-key of the scores API; every entity. */
  scores: 'dev-api-key',
} as const;
