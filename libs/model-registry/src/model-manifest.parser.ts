import { AppError } from '@rtml/errors';
import type { z } from 'zod';
import { modelManifestSchema, trainedManifestSchema } from './model-manifest.schema';
import { IMPORTED_MODEL_TYPE } from './model-manifest.model';
import type { ModelManifest, TrainedModelManifest } from './model-manifest.model';

/** A trainer's manifest, possibly already carrying a registry identity. */
export type PublishableManifest = TrainedModelManifest & {
  readonly name?: string | undefined;
  readonly version?: string | undefined;
};

/**
 * Parses a published manifest (`JSON.parse` of manifest.json) into a typed, frozen value, or
 * throws MODEL_INVALID listing every problem with its path. Unknown fields are problems too: a
 * manifest this code does not fully understand must not be served.
 */
export function parseModelManifest(input: unknown): ModelManifest {
  return parseWith(modelManifestSchema, input);
}

/** Parses the manifest a trainer wrote beside model.onnx, before it is published. */
export function parseTrainedManifest(input: unknown): PublishableManifest {
  return parseWith(trainedManifestSchema, input);
}

function parseWith<T extends TrainedModelManifest>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  // Cross-field rules need a well-typed value, so they are checked once the fields are.
  const problems = result.success
    ? consistencyProblems(result.data)
    : result.error.issues.map((issue) => `${issuePath(issue.path)}: ${describeIssue(issue)}`);
  if (problems.length > 0 || !result.success) {
    throw new AppError('MODEL_INVALID', `invalid model manifest: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  return deepFreeze(result.data);
}

function consistencyProblems(manifest: TrainedModelManifest): string[] {
  const problems: string[] = [];
  const names = manifest.featureNames;
  const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
  if (duplicates.length > 0) problems.push(`featureNames: duplicate ${JSON.stringify(duplicates)}`);
  const width = manifest.input.shape[1];
  if (width !== names.length) {
    problems.push(`input.shape: must be [null, ${names.length}] (one per feature), got ${width}`);
  }
  if (manifest.output.shape[1] !== 1) {
    problems.push(`output.shape: must be [null, 1], got [null, ${manifest.output.shape[1]}]`);
  }
  for (const [path, range] of [
    ['metrics.period', manifest.metrics?.period],
    ['trainingData', manifest.trainingData],
  ] as const) {
    if (range && range.from > range.to) {
      problems.push(`${path}: from ${range.from} is after to ${range.to}`);
    }
  }
  const inputs = manifest.reference?.features.length;
  if (inputs !== undefined && inputs !== names.length) {
    problems.push(
      `reference.features: must have one distribution per input (${names.length}), got ${inputs}`,
    );
  }
  problems.push(...provenanceProblems(manifest));
  return problems;
}

/** What only an imported model may lack, and the origin only it has. */
function provenanceProblems(manifest: TrainedModelManifest): string[] {
  const imported = manifest.modelType === IMPORTED_MODEL_TYPE;
  const problems: string[] = [];
  if (imported && manifest.origin === undefined) {
    problems.push(`origin: missing (required for an ${IMPORTED_MODEL_TYPE} model)`);
  }
  if (!imported && manifest.origin !== undefined) {
    problems.push(`origin: only an ${IMPORTED_MODEL_TYPE} model has one`);
  }
  for (const field of ['metrics', 'trainingData'] as const) {
    if (!imported && manifest[field] === null) {
      problems.push(
        `${field}: must be an object (only an ${IMPORTED_MODEL_TYPE} model may have null)`,
      );
    }
  }
  return problems;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const absent = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
  return absent ? 'missing' : issue.message;
}

function issuePath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (joined, key) =>
        typeof key === 'number'
          ? `${joined}[${key}]`
          : joined
            ? `${joined}.${String(key)}`
            : String(key),
      '',
    ) || 'manifest'
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}
