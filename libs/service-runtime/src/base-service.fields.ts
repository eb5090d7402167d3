import { field } from '@rtml/config';
import { z } from 'zod';

/** Environment fields every service reads; spread them into the service's own schema. */
export const baseServiceFields = (defaultPort: number) => ({
  HTTP_PORT: field.port(defaultPort),
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: field.logLevel(),
  SHUTDOWN_TIMEOUT_MS: field.positiveInt(25_000),
  /** The largest HTTP request body taken; a larger one answers 413 RECORD_TOO_LARGE. */
  HTTP_BODY_LIMIT_BYTES: field.positiveInt(1_048_576),
});
