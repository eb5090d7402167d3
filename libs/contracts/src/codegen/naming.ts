/** `IngestSource` → `INGEST_SOURCE`; `HTTPSource` → `HTTP_SOURCE`. */
export const screamingSnakeCase = (pascal: string): string =>
  pascal
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();

/** `EnrichedEvent` → `enriched-event`, the file-name spelling of a record name. */
export const kebabCase = (pascal: string): string =>
  screamingSnakeCase(pascal).toLowerCase().replace(/_/g, '-');
