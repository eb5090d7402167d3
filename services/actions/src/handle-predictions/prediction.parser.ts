import { DECISION_VALUES, FIELD_LIMITS, isStorableNumber } from '@rtml/contracts';
import type { FieldError, Prediction } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { z } from 'zod';

/**
 * The pipeline's limits (`FIELD_LIMITS`, the constants ingest, features and scoring check),
 * which keep a prediction storable: ids of at most 200 code units are at most 600 UTF-8 bytes,
 * inside DynamoDB's key limits (the GSI sort key `<eventTime>#<eventId>` must stay under 1 KiB);
 * names and the vector keep the item far under 400 KB; numbers are zero or between 1e-130 and
 * 9.9e125 in magnitude. A prediction past them is dead-lettered with a reason instead of failing
 * its batch forever.
 */
const L = FIELD_LIMITS;
const RANGE = { params: { range: true } } as const;

const id = z.string().min(1).max(L.idMaxLength);
const name = z.string().min(1).max(L.nameMaxLength);
const epochMillis = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const eventTime = z.number().int().min(L.minEventTime).max(Number.MAX_SAFE_INTEGER);
const storableNumber = z.number().refine(isStorableNumber, {
  message: 'zero or a magnitude DynamoDB stores (1e-130 to 9.9e125)',
  ...RANGE,
});
const probability = z.number().min(0).max(1).pipe(storableNumber);
const modelRef = z.object({ name, version: name });
const decision = z.enum(DECISION_VALUES);

const predictionSchema = z.object({
  eventId: id,
  eventTime,
  entityId: id,
  score: probability,
  threshold: storableNumber,
  decision,
  model: modelRef,
  featureSet: modelRef,
  features: z
    .array(z.object({ name: z.string().min(1).max(L.featureNameMaxLength), value: storableNumber }))
    .max(L.featuresMaxCount),
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
