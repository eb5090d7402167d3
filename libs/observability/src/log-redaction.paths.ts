/**
 * The keys whose values are credentials: never written to a log line, whatever the depth (up to
 * REDACT_DEPTH levels below the line's root) and whoever logs them. Matched exactly, so each
 * spelling a caller may use (camelCase, snake_case, header, env var) is listed.
 */
export const SECRET_KEYS: readonly string[] = [
  'password',
  'passwd',
  'secret',
  'secretAccessKey',
  'sessionToken',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'api_key',
  'apiKeys',
  'authorization',
  'Authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'rtml-producer-key',
  'producerKey',
  'credentials',
  'KAFKA_SASL_PASSWORD',
  'SCHEMA_REGISTRY_PASSWORD',
  'WEBHOOK_SECRET',
  'WEBHOOK_PREVIOUS_SECRET',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'API_KEYS',
  'INGEST_API_KEYS',
];

/** What a redacted value is replaced by. */
export const REDACTED = '[redacted]';

/**
 * How deep below a line's root a key is still found: pino matches explicit paths only
 * (`password`, `*.password`, `*.*.password`...), so every level costs one path per key.
 */
export const REDACT_DEPTH = 4;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `key` as a pino path segment: bare when it is an identifier, else bracketed (`["x-api-key"]`). */
function segment(key: string): string {
  return IDENTIFIER.test(key) ? key : `[${JSON.stringify(key)}]`;
}

/** Every pino redact path of `keys` from the root down to REDACT_DEPTH levels of wildcards. */
export function redactPaths(keys: readonly string[]): string[] {
  const paths: string[] = [];
  for (const key of new Set(keys)) {
    const last = segment(key);
    for (let depth = 0; depth <= REDACT_DEPTH; depth++) {
      const prefix = '*'.repeat(depth).split('').join('.');
      if (depth === 0) paths.push(last);
      else paths.push(last.startsWith('[') ? `${prefix}${last}` : `${prefix}.${last}`);
    }
  }
  return paths;
}
