import type { FeatureSetRef } from '@rtml/contracts';

/**
 * The columns a model takes: which feature set and version, and the feature names in input
 * order. Events are checked against it and their vectors laid out by it.
 */
export interface FeatureLayout {
  readonly featureSet: FeatureSetRef;
  readonly names: readonly string[];
}

/** Feature-set versions are integers in definitions and manifests, strings on the wire. */
export function featureLayout(
  featureSet: { readonly name: string; readonly version: number },
  names: readonly string[],
): FeatureLayout {
  return {
    featureSet: { name: featureSet.name, version: String(featureSet.version) },
    names: Object.freeze([...names]),
  };
}

export const describeFeatureSet = (ref: FeatureSetRef): string => `${ref.name} v${ref.version}`;
