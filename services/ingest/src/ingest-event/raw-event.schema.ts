import { FIELD_LIMITS } from '@rtml/contracts';
import { z } from 'zod';

/**
 * The bounds a raw event is held to that come from the service configuration. Every other bound
 * is the pipeline's (`FIELD_LIMITS` in @rtml/contracts), which every later stage checks too.
 */
export interface RawEventLimits {
  /** How far past the ingest clock an event time may lie. */
  readonly maxFutureSkewMs: number;
  /** The largest transaction amount accepted (at most `FIELD_LIMITS.amountCeiling`). */
  readonly maxAmount: number;
}

export const MIN_EVENT_TIME = FIELD_LIMITS.minEventTime;
export const MAX_ID_LENGTH = FIELD_LIMITS.idMaxLength;

/**
 * Marks an issue as "well-typed but out of range". Any issue without it (missing, extra or
 * mistyped field) breaks the schema. Zod's own too_small/too_big are range issues too.
 */
export const RANGE_PARAMS = { range: true } as const;

type Clock = () => number;

const typed = (what: string, required: boolean) => ({
  error: (issue: { input?: unknown }) =>
    required && (issue.input === undefined || issue.input === null)
      ? 'is required'
      : `must be ${what}`,
});

const nonEmpty = () => z.string(typed('a string', true)).min(1, 'must not be empty');

/** Ids are bounded: event ids are idempotency keys, customer and terminal ids entity keys. */
const identifier = () =>
  nonEmpty().max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`);

// Avro longs and doubles may arrive as any JS number, NaN and Infinity included: the type check
// accepts every number so that non-finite values are reported as out of range, not mistyped.
const anyNumber = (what: string, required: boolean) =>
  z.custom<number>((value) => typeof value === 'number', { ...typed(what, required), abort: true });

const inRange = (test: (value: number) => boolean, message: string) =>
  [test, { message, params: RANGE_PARAMS }] as const;

const epochMillis = (clock: Clock, limits: RawEventLimits) =>
  anyNumber('an integer (epoch milliseconds)', true)
    .refine(Number.isInteger, { message: 'must be an integer (epoch milliseconds)', abort: true })
    .refine(
      ...inRange(
        (time) => time >= MIN_EVENT_TIME,
        `must not be before ${new Date(MIN_EVENT_TIME).toISOString()}`,
      ),
    )
    .refine(
      ...inRange(
        (time) => time <= clock() + limits.maxFutureSkewMs,
        `must not be more than ${limits.maxFutureSkewMs} ms ahead of the ingest clock`,
      ),
    );

const amount = (limits: RawEventLimits) =>
  anyNumber('a number', true)
    .refine(Number.isFinite, {
      message: 'must be a finite number',
      params: RANGE_PARAMS,
      abort: true,
    })
    .refine(...inRange((value) => value >= 0, 'must not be negative'))
    .refine(
      ...inRange(
        (value) => value <= 0 || value >= FIELD_LIMITS.minPositiveAmount,
        `must be 0 or at least ${FIELD_LIMITS.minPositiveAmount}`,
      ),
    )
    .refine(
      ...inRange((value) => value <= limits.maxAmount, `must be at most ${limits.maxAmount}`),
    );

const { attributesMaxCount, attributeKeyMaxLength, attributeValueMaxLength } = FIELD_LIMITS;

/** The entry count is checked first, and alone: a huge map yields one problem, not one per key. */
const attributes = z
  .custom<unknown>(
    (value) =>
      typeof value !== 'object' ||
      value === null ||
      Object.keys(value).length <= attributesMaxCount,
    {
      message: `must have at most ${attributesMaxCount} entries`,
      params: RANGE_PARAMS,
      abort: true,
    },
  )
  .pipe(
    z.record(
      z
        .string(typed('a string', false))
        .max(attributeKeyMaxLength, `names must be at most ${attributeKeyMaxLength} characters`),
      z
        .string(typed('a string', false))
        .max(attributeValueMaxLength, `must be at most ${attributeValueMaxLength} characters`),
      { error: 'must be an object of string values' },
    ),
  )
  .nullish();

// Fields of the other kind are "ignored" by the contract: typed as the schema says, never bounded.
const loose = {
  amount: anyNumber('a number', false).nullish(),
  transactionId: z.string(typed('a string', false)).nullish(),
  transactionTime: anyNumber('an integer (epoch milliseconds)', false)
    .refine(Number.isInteger, 'must be an integer (epoch milliseconds)')
    .nullish(),
  fraud: z.boolean(typed('a boolean', false)).nullish(),
};

/**
 * The zod schemas of a raw event, one per kind: which fields are required depends on `kind`, so
 * the input's kind picks the schema, and an unknown kind still gets its other fields checked.
 * Every object is strict: a field the contract does not know is an error, never dropped.
 * Callers hand them objects only (see `RawEventValidator`).
 */
export function rawEventSchemas(limits: RawEventLimits, clock: Clock = Date.now) {
  const common = {
    eventId: identifier(),
    eventTime: epochMillis(clock, limits),
    customerId: identifier(),
    terminalId: identifier(),
    attributes,
  };
  const transaction = z.strictObject({
    ...common,
    ...loose,
    kind: z.literal('TRANSACTION'),
    amount: amount(limits),
  });
  const label = z
    .strictObject({
      ...common,
      ...loose,
      kind: z.literal('LABEL'),
      transactionId: identifier(),
      transactionTime: epochMillis(clock, limits),
      fraud: z.boolean(typed('a boolean', true)),
    })
    .refine((event) => event.transactionTime <= event.eventTime, {
      path: ['transactionTime'],
      message: 'must not be after eventTime (a label follows its transaction)',
      params: RANGE_PARAMS,
      // Only meaningful once both times are valid; otherwise their own errors say enough.
      when: (payload) =>
        !payload.issues.some((issue) =>
          ['eventTime', 'transactionTime'].includes(String(issue.path?.[0])),
        ),
    });
  const unknownKind = z.strictObject({
    ...common,
    ...loose,
    kind: z.enum(['TRANSACTION', 'LABEL'], {
      error: (issue) =>
        issue.input === undefined || issue.input === null
          ? 'is required'
          : 'must be TRANSACTION or LABEL',
    }),
  });
  return { transaction, label, unknownKind };
}

export type RawEventSchemas = ReturnType<typeof rawEventSchemas>;
export type ValidTransactionEvent = z.output<RawEventSchemas['transaction']>;
export type ValidLabelEvent = z.output<RawEventSchemas['label']>;
export type ValidRawEvent = ValidTransactionEvent | ValidLabelEvent;
