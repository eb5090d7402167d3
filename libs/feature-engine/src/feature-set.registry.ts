import type { FeatureSet } from './feature-set.model';
import { HANDBOOK_15_MAX } from './handbook-15-max.feature-set';
import { HANDBOOK_15 } from './handbook-15.feature-set';

/**
 * Feature sets shipped with the code, by name. The default is the handbook's 15 inputs;
 * handbook-15-max adds the card's maximum amount over 1, 7 and 30 days.
 */
export const BUILTIN_FEATURE_SETS: Readonly<Record<string, FeatureSet>> = Object.freeze({
  [HANDBOOK_15.name]: HANDBOOK_15,
  [HANDBOOK_15_MAX.name]: HANDBOOK_15_MAX,
});

export const DEFAULT_FEATURE_SET_NAME = HANDBOOK_15.name;

export function findBuiltinFeatureSet(name: string): FeatureSet | undefined {
  return Object.hasOwn(BUILTIN_FEATURE_SETS, name) ? BUILTIN_FEATURE_SETS[name] : undefined;
}

/**
 * The feature names of a built-in feature-set version, in the set's order; undefined for a set
 * this build does not ship (a custom one, or a version newer than this build). Stored vectors of
 * a built-in set keep only their values and are named from here when read.
 */
export function builtinFeatureNames(featureSet: {
  readonly name: string;
  readonly version: string;
}): readonly string[] | undefined {
  const known = findBuiltinFeatureSet(featureSet.name);
  if (known === undefined || String(known.version) !== featureSet.version) return undefined;
  return known.features.map((feature) => feature.name);
}
