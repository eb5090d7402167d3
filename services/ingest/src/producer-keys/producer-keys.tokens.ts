/** Injection token of the producers' key set (an ApiKeySet built from the ingest config). */
export const PRODUCER_KEYS = Symbol('rtml.ingest.producer-keys');
