import { loadConfig } from '@rtml/config';
import type { Environment } from '@rtml/config';
import { kafkaFields } from '@rtml/connections';
import { baseServiceFields } from '@rtml/service-runtime';
import { z } from 'zod';

/** Every environment variable the ingest service reads (documented in the README's table). */
export const ingestConfigSchema = z.object({
  ...baseServiceFields(3001),
  ...kafkaFields,
});

export type IngestConfig = z.output<typeof ingestConfigSchema>;

export const loadIngestConfig = (env: Environment): Readonly<IngestConfig> =>
  loadConfig(ingestConfigSchema, env);
