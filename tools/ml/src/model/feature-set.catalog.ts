import { DEFAULT_FEATURE_SET_NAME } from '@rtml/feature-engine';
import type { FeatureSet } from '@rtml/feature-engine';
import { loadFeatureSet } from '../backfill/feature-set.loader';

export const DEFAULT_FEATURES = DEFAULT_FEATURE_SET_NAME;

/** `--features`: a built-in feature set of the feature engine, or a JSON definition file. */
export const resolveFeatureSet = (nameOrPath: string): Promise<FeatureSet> =>
  loadFeatureSet(nameOrPath);
