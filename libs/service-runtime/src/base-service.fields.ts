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
  /**
   * Log keys holding personal data, redacted at any depth (credentials always are); comma
   * separated, empty to log them in clear.
   */
  LOG_REDACT_FIELDS: z
    .string()
    .default('customerId,terminalId,amount')
    .transform((raw) =>
      raw
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(z.string().regex(/^[A-Za-z_$][\w$-]*$/, 'letters, digits, "_", "$" and "-"'))),
});
