import { loadConfig } from '@rtml/config';
import type { Environment } from '@rtml/config';
import { kafkaFields, redisFields } from '@rtml/connections';
import { baseServiceFields } from '@rtml/service-runtime';
import { z } from 'zod';

/** Every environment variable the features service reads (documented in the README's table). */
export const featuresConfigSchema = z.object({
  ...baseServiceFields(3002),
  ...kafkaFields,
  ...redisFields,
});

export type FeaturesConfig = z.output<typeof featuresConfigSchema>;

export const loadFeaturesConfig = (env: Environment): Readonly<FeaturesConfig> =>
  loadConfig(featuresConfigSchema, env);
