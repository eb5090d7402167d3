import type { ModelManifest } from '@rtml/model-registry';
import { describeFeatureSet, featureLayout } from './feature-layout.model';
import type { FeatureLayout } from './feature-layout.model';

/**
 * Why a manifest cannot serve the configured feature set; empty when it can. A model trained on
 * other columns, or on the same columns in another order, would score garbage without failing.
 */
export function manifestProblems(manifest: ModelManifest, expected: FeatureLayout): string[] {
  const problems: string[] = [];
  const actual = featureLayout(manifest.featureSet, manifest.featureNames);
  if (
    actual.featureSet.name !== expected.featureSet.name ||
    actual.featureSet.version !== expected.featureSet.version
  ) {
    problems.push(
      `trained on feature set ${describeFeatureSet(actual.featureSet)}, but this service serves ${describeFeatureSet(expected.featureSet)}`,
    );
  }
  const order = namesProblem(actual.names, expected.names);
  if (order !== undefined) problems.push(order);
  if (manifest.input.shape[1] !== manifest.featureNames.length) {
    problems.push(
      `input tensor "${manifest.input.name}" is ${manifest.input.shape[1]} wide for ${manifest.featureNames.length} feature names`,
    );
  }
  if (manifest.output.shape[1] !== 1) {
    problems.push(
      `output tensor "${manifest.output.name}" is ${manifest.output.shape[1]} wide, expected one score per row`,
    );
  }
  return problems;
}

/** The first way two ordered name lists differ, in words; undefined when they are equal. */
export function namesProblem(
  actual: readonly string[],
  expected: readonly string[],
): string | undefined {
  const missing = expected.filter((name) => !actual.includes(name));
  const unexpected = actual.filter((name) => !expected.includes(name));
  if (missing.length > 0 || unexpected.length > 0) {
    const parts = [
      missing.length > 0 ? `missing ${missing.join(', ')}` : '',
      unexpected.length > 0 ? `unexpected ${unexpected.join(', ')}` : '',
    ];
    return `feature names differ: ${parts.filter(Boolean).join('; ')}`;
  }
  const length = Math.max(actual.length, expected.length);
  for (let position = 0; position < length; position++) {
    if (actual[position] !== expected[position]) {
      return `feature names are out of order: position ${position} is ${actual[position] ?? 'missing'}, expected ${expected[position] ?? 'nothing'}`;
    }
  }
  return undefined;
}
