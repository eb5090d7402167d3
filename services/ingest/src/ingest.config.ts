import { field, loadConfig } from '@rtml/config';
import { FIELD_LIMITS } from '@rtml/contracts';
import type { Environment } from '@rtml/config';
import { kafkaFields } from '@rtml/connections';
import { baseServiceFields } from '@rtml/service-runtime';
import { z } from 'zod';
import { producerKeysProblem } from './producer-keys/producer-keys.config';

const HOUR_MS = 3_600_000;

/** Every environment variable the ingest service reads (documented in the README's table). */
export const ingestConfigSchema = z
  .object({
    ...baseServiceFields(3001),
    ...kafkaFields,
    /** How far past the ingest clock an event time may lie (producer clocks drift). */
    MAX_FUTURE_SKEW_MS: field.positiveInt(HOUR_MS),
    /**
     * The largest transaction amount accepted; larger ones are rejected as OUT_OF_RANGE. At most
     * the pipeline's ceiling, which every later stage holds amounts to.
     */
    MAX_AMOUNT: z.coerce.number().positive().max(FIELD_LIMITS.amountCeiling).default(1e9),
    /** The most events one POST /v1/events request may carry. */
    HTTP_MAX_BATCH: field.positiveInt(1_000),
    /** A mounted secret: JSON array of producer keys `{id, sha256, scopes, rateLimit?}`. */
    INGEST_API_KEYS_FILE: z.string().min(1).optional(),
    /** The same JSON array inline (when a file cannot be mounted); the file wins. */
    INGEST_API_KEYS: z.string().optional(),
    /**
     * Who vouches for records produced straight to events.raw: `header` (each record carries its
     * producer's key in rtml-producer-key, checked against the same keys) or `acls` (Kafka ACLs
     * let only trusted producers write the topic; no header is checked).
     */
    RAW_EVENTS_AUTH: z.enum(['header', 'acls']).default('header'),
    /** The deepest nesting a POST /v1/events body may have (an array of events is depth 3). */
    HTTP_MAX_JSON_DEPTH: field.positiveInt(8),
    /** The most keys any one object of a POST /v1/events body may have. */
    HTTP_MAX_JSON_KEYS: field.positiveInt(128),
  })
  .superRefine(
    (config, context) => {
      const host = typeof config.HTTP_HOST === 'string' ? config.HTTP_HOST : '0.0.0.0';
      const problem = producerKeysProblem({ ...config, HTTP_HOST: host });
      if (problem)
        context.addIssue({ code: 'custom', path: [problem.variable], message: problem.message });
    },
    { when: () => true },
  );

export type IngestConfig = z.output<typeof ingestConfigSchema>;

export const loadIngestConfig = (env: Environment): Readonly<IngestConfig> =>
  loadConfig(ingestConfigSchema, env);
