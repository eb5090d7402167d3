import { builtinFeatureNames } from '@rtml/feature-engine';
import type { Feature, FeatureSetRef } from '@rtml/contracts';

/**
 * The feature names of a feature-set version this build knows, in the set's order; undefined for
 * a set it does not know (a custom one, or a version newer than this build). A score item stores
 * only the values of a known set's vector (`featureValues`) and takes the names from here when
 * read: 15 name strings fewer per stored prediction.
 */
export const knownFeatureNames = (featureSet: FeatureSetRef): readonly string[] | undefined =>
  builtinFeatureNames(featureSet);

/** The values alone when `features` is exactly the known set's vector (names in its order). */
export function compactFeatures(
  featureSet: FeatureSetRef,
  features: readonly Feature[],
): number[] | undefined {
  const names = knownFeatureNames(featureSet);
  if (names === undefined || names.length !== features.length) return undefined;
  return features.every((feature, i) => feature.name === names[i])
    ? features.map((feature) => feature.value)
    : undefined;
}
