import { z } from 'zod';
import { MODEL_NAME_PATTERN } from './model-storage.layout';

/**
 * Where every reader and writer of the registry meets when none is told otherwise: the `model`
 * command line, `npm start`'s default model and the scoring service.
 */
export const DEFAULT_MODEL_BUCKET = 'rtml-models';
export const DEFAULT_MODEL_NAME = 'card-fraud';

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Environment fields naming a model and its bucket, checked at boot so a typo fails fast. */
export const registryEnvFields = {
  MODEL_NAME: z
    .string()
    .regex(
      MODEL_NAME_PATTERN,
      'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit',
    )
    .default(DEFAULT_MODEL_NAME),
  MODEL_BUCKET: z
    .string()
    .regex(BUCKET, 'must be a valid S3 bucket name (3-63 a-z, 0-9, ".", "-")')
    .default(DEFAULT_MODEL_BUCKET),
};
