import { loadConfig } from '@rtml/config';
import type { Environment } from '@rtml/config';
import { awsFields, kafkaFields } from '@rtml/connections';
import { baseServiceFields } from '@rtml/service-runtime';
import { z } from 'zod';

/** Every environment variable the scoring service reads (documented in the README's table). */
export const scoringConfigSchema = z.object({
  ...baseServiceFields(3003),
  ...kafkaFields,
  AWS_REGION: awsFields.AWS_REGION,
  S3_ENDPOINT: awsFields.S3_ENDPOINT,
  AWS_ACCESS_KEY_ID: awsFields.AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY: awsFields.AWS_SECRET_ACCESS_KEY,
});

export type ScoringConfig = z.output<typeof scoringConfigSchema>;

export const loadScoringConfig = (env: Environment): Readonly<ScoringConfig> =>
  loadConfig(scoringConfigSchema, env);
