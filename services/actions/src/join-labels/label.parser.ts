import { FIELD_LIMITS, INGEST_SOURCE_VALUES } from '@rtml/contracts';
import type { Label } from '@rtml/contracts';
import { z } from 'zod';
import { RANGE, parseContractRecord } from '../shared/contract-record.parser';

/**
 * A label as actions stores it, held to the pipeline's limits (`FIELD_LIMITS`, which ingest
 * validates with first): ids of at most 200 code units fit DynamoDB's key limits, event times
 * from 2000 on, a transaction labelled no earlier than it happened. Whatever ingest published
 * passes; a record another writer put on the topic past a limit is dead-lettered with a reason.
 */
const L = FIELD_LIMITS;

const id = z.string().min(1).max(L.idMaxLength);
const eventTime = z.number().int().min(L.minEventTime).max(Number.MAX_SAFE_INTEGER);

const labelSchema = z
  .object({
    eventId: id,
    transactionId: id,
    transactionTime: eventTime,
    customerId: id,
    terminalId: id,
    fraud: z.boolean(),
    eventTime,
    ingestedAt: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    source: z.enum(INGEST_SOURCE_VALUES),
  })
  .refine((label) => label.transactionTime <= label.eventTime, {
    path: ['transactionTime'],
    message: 'must not be after eventTime: a transaction is labelled after it happened',
    ...RANGE,
  });

/** Parses a decoded Avro value into a Label we can store (see `parseContractRecord`). */
export function parseLabel(value: unknown): Label {
  return parseContractRecord(labelSchema, value, 'label');
}
