import { loadConfig } from '@rtml/config';
import type { Environment } from '@rtml/config';
import { kafkaFields, redisFields } from '@rtml/connections';
import {
  BUILTIN_FEATURE_SETS,
  DEFAULT_FEATURE_SET_NAME,
  SECONDS_PER_DAY,
  deriveStateRequirements,
  findBuiltinFeatureSet,
} from '@rtml/feature-engine';
import type { FeatureSet } from '@rtml/feature-engine';
import { baseServiceFields } from '@rtml/service-runtime';
import { z } from 'zod';

const BUILTIN_NAMES = Object.keys(BUILTIN_FEATURE_SETS).join(', ');

/** Every environment variable the features service reads (documented in the service README). */
export const featuresConfigSchema = z
  .object({
    ...baseServiceFields(3002),
    ...kafkaFields,
    ...redisFields,
    FEATURE_SET: z
      .string()
      .default(DEFAULT_FEATURE_SET_NAME)
      .refine((name) => findBuiltinFeatureSet(name) !== undefined, {
        error: (issue) =>
          `unknown feature set ${JSON.stringify(issue.input)}; builtin: ${BUILTIN_NAMES}`,
      }),
    // Key names are API: changing the prefix starts the state from empty.
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[^\s{}]*$/, 'no whitespace or braces (hash tags)')
      .default('rtml:features:'),
    /** Unset: the feature set's longest horizon plus one day (resolved below). */
    DEDUPE_TTL_SECONDS: z.coerce.number().int().positive().optional(),
    STATE_GRACE_SECONDS: z.coerce.number().int().min(0).default(SECONDS_PER_DAY),
  })
  .transform((config) => ({
    ...config,
    DEDUPE_TTL_SECONDS:
      config.DEDUPE_TTL_SECONDS ?? longestHorizonSeconds(config.FEATURE_SET) + SECONDS_PER_DAY,
  }));

export type FeaturesConfig = z.output<typeof featuresConfigSchema>;

export const loadFeaturesConfig = (env: Environment): Readonly<FeaturesConfig> =>
  loadConfig(featuresConfigSchema, env);

/** The configured feature set; the config has already checked that the name is a builtin one. */
export function configuredFeatureSet(config: Pick<FeaturesConfig, 'FEATURE_SET'>): FeatureSet {
  const featureSet = findBuiltinFeatureSet(config.FEATURE_SET);
  if (featureSet === undefined) throw new RangeError(`unknown feature set ${config.FEATURE_SET}`);
  return featureSet;
}

function longestHorizonSeconds(featureSetName: string): number {
  const featureSet = findBuiltinFeatureSet(featureSetName);
  if (featureSet === undefined) return 0;
  return Math.max(0, ...deriveStateRequirements(featureSet).map((r) => r.horizonSeconds));
}
