import { DEFAULT_FEATURE_SET_NAME } from '@rtml/feature-engine';
import type { FeatureSet } from '@rtml/feature-engine';
import { loadFeatureSet } from '../backfill/feature-set.loader';
import { HANDBOOK_15_MAX } from './handbook-15-max.feature-set';

export const DEFAULT_FEATURES = DEFAULT_FEATURE_SET_NAME;

/**
 * Feature sets defined by the model tooling, pending a move into the feature engine's built-in
 * registry (the features service can only serve sets it knows).
 */
const MODEL_FEATURE_SETS: Readonly<Record<string, FeatureSet>> = Object.freeze({
  [HANDBOOK_15_MAX.name]: HANDBOOK_15_MAX,
});

/** `--features`: one of ours, a built-in of the feature engine, or a JSON definition file. */
export async function resolveFeatureSet(nameOrPath: string): Promise<FeatureSet> {
  return Object.hasOwn(MODEL_FEATURE_SETS, nameOrPath)
    ? (MODEL_FEATURE_SETS[nameOrPath] as FeatureSet)
    : loadFeatureSet(nameOrPath);
}
