import { FIELD_LIMITS, INGEST_SOURCE_VALUES, isAcceptedAmount } from '@rtml/contracts';
import { z } from 'zod';

/**
 * The transactions and labels features takes, held to the pipeline's limits (`FIELD_LIMITS`, the
 * same constants ingest validates with): whatever ingest published passes, and a record another
 * writer put on the topic past a limit is refused here rather than downstream.
 */
const L = FIELD_LIMITS;
const RANGE = { params: { range: true } } as const;

const id = z.string().min(1).max(L.idMaxLength);
const eventTime = z.number().int().min(L.minEventTime).max(Number.MAX_SAFE_INTEGER);
const amount = z.number().refine(isAcceptedAmount, {
  message: `must be 0 or from ${L.minPositiveAmount} to ${L.amountCeiling}`,
  ...RANGE,
});
const attributes = z
  .record(z.string().max(L.attributeKeyMaxLength), z.string().max(L.attributeValueMaxLength))
  .refine((map) => Object.keys(map).length <= L.attributesMaxCount, {
    message: `must have at most ${L.attributesMaxCount} entries`,
    ...RANGE,
  });

export const transactionSchema = z.object({
  eventId: id,
  eventTime,
  customerId: id,
  terminalId: id,
  amount,
  attributes,
  ingestedAt: z.number(),
  source: z.enum(INGEST_SOURCE_VALUES),
});

export const labelSchema = z.object({
  eventId: id,
  transactionId: id,
  transactionTime: eventTime,
  customerId: id,
  terminalId: id,
  fraud: z.boolean(),
  eventTime,
  ingestedAt: z.number(),
  source: z.enum(INGEST_SOURCE_VALUES),
});

/** Well-typed but past a limit (the record is OUT_OF_RANGE rather than off its schema). */
export function isRangeIssue(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'too_small' || issue.code === 'too_big') return true;
  if (issue.code === 'invalid_key') return issue.issues.every(isRangeIssue);
  return issue.code === 'custom' && issue.params?.['range'] === true;
}
