import type { FieldError } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import type { z } from 'zod';

/** Marks a zod refinement as a range rule: breaking it is OUT_OF_RANGE, not SCHEMA_INVALID. */
export const RANGE = { params: { range: true } } as const;

/**
 * Parses a decoded Avro value with `schema` (the contract's shape and the pipeline's limits), or
 * throws a non-retriable AppError naming every bad field: SCHEMA_INVALID when the shape is wrong
 * (a record of another schema on the topic), OUT_OF_RANGE when the shape is right but a value
 * cannot be stored or makes no sense. Either way the runtime dead-letters the record.
 */
export function parseContractRecord<T>(schema: z.ZodType<T>, value: unknown, noun: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: FieldError[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(record)',
    message: issue.message,
  }));
  const outOfRange = result.error.issues.every((issue) => isRangeIssue(issue, value));
  const code = outOfRange ? 'OUT_OF_RANGE' : 'SCHEMA_INVALID';
  const summary = fields.map((field) => `${field.path}: ${field.message}`).join('; ');
  throw new AppError(code, `${noun} rejected: ${summary}`, { details: { fields } });
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
