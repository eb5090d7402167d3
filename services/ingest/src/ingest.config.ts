import { field, loadConfig } from '@rtml/config';
import { FIELD_LIMITS } from '@rtml/contracts';
import type { Environment } from '@rtml/config';
import { kafkaFields } from '@rtml/connections';
import { baseServiceFields } from '@rtml/service-runtime';
import { z } from 'zod';

const HOUR_MS = 3_600_000;

/** Every environment variable the ingest service reads (documented in the README's table). */
export const ingestConfigSchema = z.object({
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
});

export type IngestConfig = z.output<typeof ingestConfigSchema>;

export const loadIngestConfig = (env: Environment): Readonly<IngestConfig> =>
  loadConfig(ingestConfigSchema, env);
