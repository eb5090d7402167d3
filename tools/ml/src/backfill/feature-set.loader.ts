import { readFile } from 'node:fs/promises';
import { BUILTIN_FEATURE_SETS, findBuiltinFeatureSet, parseFeatureSet } from '@rtml/feature-engine';
import type { FeatureSet } from '@rtml/feature-engine';

/**
 * Resolves `--feature-set`: a built-in name (e.g. `handbook-15`) or a path to a JSON definition,
 * which is validated like any other (every problem reported at once).
 */
export async function loadFeatureSet(nameOrPath: string): Promise<FeatureSet> {
  if (nameOrPath.endsWith('.json')) {
    const text = await readFile(nameOrPath, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${nameOrPath} is not valid JSON`, { cause: error });
    }
    return parseFeatureSet(json);
  }
  const builtin = findBuiltinFeatureSet(nameOrPath);
  if (builtin === undefined) {
    const known = Object.keys(BUILTIN_FEATURE_SETS).join(', ');
    throw new Error(`unknown feature set "${nameOrPath}" (built-in: ${known}; or a .json file)`);
  }
  return builtin;
}
