/** A stored feature as it comes back from DynamoDB: a name and a number spelled as a string. */
export interface StoredFeature {
  readonly name: string | undefined;
  readonly value: string | undefined;
}

/**
 * Why a stored vector differs from the expected one, or undefined when they are equal: the same
 * names in the same order, and every value the same double (DynamoDB keeps the decimal the
 * writer sent, which reads back to the very same double).
 */
export function vectorDifference(
  stored: readonly StoredFeature[],
  expected: readonly number[],
  names: readonly string[],
): string | undefined {
  if (stored.length !== expected.length)
    return `${stored.length} features stored, ${expected.length} expected`;
  for (let i = 0; i < expected.length; i += 1) {
    const feature = stored[i]!;
    if (feature.name !== names[i]) return `feature ${i} is named ${feature.name}, not ${names[i]}`;
    const value = Number(feature.value);
    if (feature.value === undefined || value !== expected[i])
      return `${names[i]} is ${feature.value}, offline ${expected[i]}`;
  }
  return undefined;
}
