import { field, loadConfig } from '@rtml/config';
import type { Environment } from '@rtml/config';
import { awsFields, kafkaFields } from '@rtml/connections';
import {
  BUILTIN_FEATURE_SETS,
  DEFAULT_FEATURE_SET_NAME,
  findBuiltinFeatureSet,
} from '@rtml/feature-engine';
import { registryEnvFields } from '@rtml/model-registry';
import { baseServiceFields } from '@rtml/service-runtime';
import { z } from 'zod';

const featureSetName = z
  .string()
  .default(DEFAULT_FEATURE_SET_NAME)
  .refine((name) => findBuiltinFeatureSet(name) !== undefined, {
    message: `must be a built-in feature set: ${Object.keys(BUILTIN_FEATURE_SETS).join(', ')}`,
  });

/** Every environment variable the scoring service reads (documented in the README's table). */
export const scoringConfigSchema = z
  .object({
    ...baseServiceFields(3003),
    ...kafkaFields,
    AWS_REGION: awsFields.AWS_REGION,
    S3_ENDPOINT: awsFields.S3_ENDPOINT,
    AWS_ACCESS_KEY_ID: awsFields.AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: awsFields.AWS_SECRET_ACCESS_KEY,
    ...registryEnvFields,
    /** The feature set every served model must have been trained on (and events must carry). */
    FEATURE_SET: featureSetName,
    /** How often the champion and challenger aliases are polled (a conditional GET each). */
    MODEL_POLL_MS: field.positiveInt(2_000),
    /**
     * ONNX Runtime's threads per session. One by default: the fewest CPU-µs per scored row at a
     * stream's batch sizes (`sessionOptionsOf`); more shorten one large run, at a cost per row.
     */
    ONNX_THREADS: z.coerce.number().int().min(1).max(64).default(1),
    /** Whether ONNX Runtime's pool threads spin-wait between runs (its own default); off here. */
    ONNX_SPINNING: field.boolean(false),
    /** Rows per ONNX run: bounds how long one run holds the event loop. */
    MAX_BATCH: z.coerce.number().int().min(1).max(100_000).default(1_000),
    /**
     * The sliding event-time window drift is measured over (`rtml_model_drift_psi`), in hours:
     * a week by default, the length of the reference it is compared with (a model's held-out
     * week), so calendar inputs compare like with like. A day-long window put a weekend flag at
     * a PSI of 2.4 on every weekday (docs/model-quality.md).
     */
    DRIFT_WINDOW_HOURS: z.coerce
      .number()
      .min(1)
      .max(24 * 90)
      .default(168),
    /** PSI at or above which an input or the score raises a model alert on `model.alerts`. */
    DRIFT_PSI_HIGH: z.coerce.number().positive().default(0.25),
    /** PSI below which an input that raised an alert may raise one again. */
    DRIFT_PSI_MODERATE: z.coerce.number().positive().default(0.1),
    /** Events a drift window needs before it may raise an alert. */
    DRIFT_MIN_EVENTS: field.positiveInt(1_000),
  })
  .refine((config) => config.DRIFT_PSI_MODERATE <= config.DRIFT_PSI_HIGH, {
    message: 'must not exceed DRIFT_PSI_HIGH',
    path: ['DRIFT_PSI_MODERATE'],
  });

export type ScoringConfig = z.output<typeof scoringConfigSchema>;

export const loadScoringConfig = (env: Environment): Readonly<ScoringConfig> =>
  loadConfig(scoringConfigSchema, env);
