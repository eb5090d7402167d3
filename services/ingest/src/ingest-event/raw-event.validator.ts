import type { FieldError } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import type { z } from 'zod';
import { RANGE_PARAMS, rawEventSchemas } from './raw-event.schema';
import type { RawEventLimits, RawEventSchemas, ValidRawEvent } from './raw-event.schema';

/** Why an event is refused: its schema is broken, or its values are typed right but out of range. */
export type RejectionCode = 'SCHEMA_INVALID' | 'OUT_OF_RANGE';

export type RawEventVerdict =
  | { readonly valid: true; readonly event: ValidRawEvent }
  | {
      readonly valid: false;
      readonly code: RejectionCode;
      /** Every problem of the event, not only the first. */
      readonly errors: readonly FieldError[];
    };

const UNKNOWN_FIELD = 'is not a field of a raw event';

/**
 * Checks a decoded raw event (a parsed JSON value or a decoded Avro record) against the RawEvent
 * contract and the configured bounds. Pure: the clock is injected, nothing is kept between calls.
 */
export class RawEventValidator {
  private readonly schemas: RawEventSchemas;

  constructor(limits: RawEventLimits, clock: () => number = Date.now) {
    this.schemas = rawEventSchemas(limits, clock);
  }

  validate(input: unknown): RawEventVerdict {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return {
        valid: false,
        code: 'SCHEMA_INVALID',
        errors: [{ path: '', message: 'must be an event object' }],
      };
    }
    // Own fields only: a decoded Avro record is a class instance whose prototype methods
    // (toBuffer, clone...) a strict object check would take for unknown fields.
    const fields: Record<string, unknown> = { ...input };
    const kind = fields['kind'];
    if (kind === 'TRANSACTION' || kind === 'LABEL') {
      const schema = kind === 'TRANSACTION' ? this.schemas.transaction : this.schemas.label;
      const result = schema.safeParse(fields);
      return result.success ? { valid: true, event: result.data } : rejected(result.error.issues);
    }
    // An unknown kind never validates; its schema still collects the other fields' problems.
    return rejected(this.schemas.unknownKind.safeParse(fields).error?.issues ?? []);
  }
}

/** The AppError of a refused event, its field problems in `details.fields` (the DLQ reads them). */
export function rejectionError(code: RejectionCode, errors: readonly FieldError[]): AppError {
  const what = code === 'OUT_OF_RANGE' ? 'has values out of range' : 'breaks the RawEvent schema';
  const list = errors.map(({ path, message }) => `${path || '(event)'} ${message}`).join('; ');
  return new AppError(code, `the event ${what}: ${list}`, { details: { fields: errors } });
}

function rejected(issues: readonly z.core.$ZodIssue[]): RawEventVerdict {
  return {
    valid: false,
    code: issues.length > 0 && issues.every(isRangeIssue) ? 'OUT_OF_RANGE' : 'SCHEMA_INVALID',
    errors: issues.flatMap(toFieldErrors),
  };
}

function isRangeIssue(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'too_small' || issue.code === 'too_big') return true;
  // An attribute name over its length: the name's own issues say why.
  if (issue.code === 'invalid_key')
    return issue.issues.length > 0 && issue.issues.every(isRangeIssue);
  return issue.code === 'custom' && issue.params?.['range'] === RANGE_PARAMS.range;
}

function toFieldErrors(issue: z.core.$ZodIssue): FieldError[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: UNKNOWN_FIELD }));
  }
  if (issue.code === 'invalid_key' && issue.issues.length > 0) {
    return issue.issues.map((keyIssue) => ({ path: path.join('.'), message: keyIssue.message }));
  }
  return [{ path: path.join('.'), message: issue.message }];
}
