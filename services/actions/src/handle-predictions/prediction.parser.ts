import { DECISION_VALUES } from '@rtml/contracts';
import type { FieldError, Prediction } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { z } from 'zod';

/**
 * DynamoDB's limits, turned into field rules so a prediction that could never be stored is
 * dead-lettered with a reason instead of failing its batch forever: key attributes are bounded
 * (the GSI sort key `<eventTime>#<eventId>` must stay under 1 KiB), items under 400 KB, and
 * numbers between 1e-130 and 1e126 in magnitude (or zero).
 */
const MAX_ID_BYTES = 512;
const MAX_FEATURES = 1_000;
const MIN_MAGNITUDE = 1e-130;
const MAX_MAGNITUDE = 9.9e125;

const id = z
  .string()
  .min(1)
  .refine((value) => Buffer.byteLength(value, 'utf8') <= MAX_ID_BYTES, {
    message: `at most ${MAX_ID_BYTES} bytes`,
    params: { range: true },
  });
const name = z.string().min(1).max(256);
const epochMillis = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const storableNumber = z
  .number()
  .refine(
    (value) =>
      value === 0 || (Math.abs(value) >= MIN_MAGNITUDE && Math.abs(value) <= MAX_MAGNITUDE),
    {
      message: `zero or a magnitude in [${MIN_MAGNITUDE}, ${MAX_MAGNITUDE}]`,
      params: { range: true },
    },
  );
const probability = z.number().min(0).max(1).pipe(storableNumber);
const modelRef = z.object({ name, version: name });
const decision = z.enum(DECISION_VALUES);

const predictionSchema = z.object({
  eventId: id,
  eventTime: epochMillis,
  entityId: id,
  score: probability,
  threshold: storableNumber,
  decision,
  model: modelRef,
  featureSet: modelRef,
  features: z.array(z.object({ name, value: storableNumber })).max(MAX_FEATURES),
  shadow: z.object({ model: modelRef, score: probability, decision }).nullable(),
  timings: z.object({
    ingestedAt: epochMillis,
    enrichedAt: epochMillis,
    scoredAt: epochMillis,
    scoringMs: z.number().min(0).pipe(storableNumber),
  }),
});

/**
 * Parses a decoded Avro value into a Prediction we can store, or throws a non-retriable AppError
 * naming every bad field: SCHEMA_INVALID when the shape is wrong (a record of another schema on
 * the topic), OUT_OF_RANGE when the shape is right but a value cannot be stored or makes no sense.
 */
export function parsePrediction(value: unknown): Prediction {
  const result = predictionSchema.safeParse(value);
  if (result.success) return result.data;
  const fields: FieldError[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(record)',
    message: issue.message,
  }));
  const outOfRange = result.error.issues.every((issue) => isRangeIssue(issue, value));
  return rejectWith(outOfRange ? 'OUT_OF_RANGE' : 'SCHEMA_INVALID', fields);
}

/** Out of range: a bound or storability rule broken, or a number that is not finite (NaN, ±∞). */
function isRangeIssue(issue: z.core.$ZodIssue, value: unknown): boolean {
  if (issue.code === 'too_small' || issue.code === 'too_big') return true;
  if (issue.code === 'custom') return issue.params?.['range'] === true;
  return issue.code === 'invalid_type' && typeof valueAt(value, issue.path) === 'number';
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path)
    current =
      current !== null && typeof current === 'object'
        ? (current as Record<PropertyKey, unknown>)[key]
        : undefined;
  return current;
}

function rejectWith(code: 'OUT_OF_RANGE' | 'SCHEMA_INVALID', fields: FieldError[]): never {
  const summary = fields.map((field) => `${field.path}: ${field.message}`).join('; ');
  throw new AppError(code, `prediction rejected: ${summary}`, { details: { fields } });
}
