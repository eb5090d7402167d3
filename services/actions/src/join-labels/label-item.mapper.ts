import { INGEST_SOURCE_VALUES } from '@rtml/contracts';
import type { IngestSource, Label } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { z } from 'zod';
import { utcDayOf } from '../shared/utc-day';

const DAY_SECONDS = 86_400;

/**
 * The label of one event as stored in the labels table, keyed like its score item. Attribute
 * names are API (the scores API reads them, operators query them): add attributes, never rename.
 */
export interface LabelItem {
  /** Table partition key: the labelled transaction's event id, the key of its score item. */
  readonly eventId: string;
  /** The customer of the labelled transaction (the score item's entityId). */
  readonly entityId: string;
  /** The labelled transaction's event time, epoch ms. */
  readonly transactionTime: number;
  /** Its UTC day, `YYYY-MM-DD`: the key of the `byTransactionDay` index (online quality). */
  readonly transactionDay: string;
  readonly fraud: boolean;
  /** When the label became known: the label event's own event time, epoch ms. */
  readonly labelledAt: number;
  /** The label event's own id: breaks ties between two labels known at the same time. */
  readonly labelEventId: string;
  readonly source: IngestSource;
  /** When ingest accepted the label event, epoch ms. */
  readonly ingestedAt: number;
  /** TTL attribute, epoch seconds (see `toLabelItem`). */
  readonly expiresAt: number;
}

/** A stored label as the scores API and the outcome reader use it. */
export type StoredLabel = Omit<LabelItem, 'expiresAt'>;

/**
 * The stored item: a pure function of the label and the retention, so a redelivered label
 * writes the very same item. `expiresAt` counts the scores' retention from when ingest accepted
 * the label, as a score item does from its event's ingestion: a label arrives after its
 * transaction, so it never expires before the score it labels.
 */
export function toLabelItem(label: Label, retentionDays: number): LabelItem {
  return {
    eventId: label.transactionId,
    entityId: label.customerId,
    transactionTime: label.transactionTime,
    transactionDay: utcDayOf(label.transactionTime),
    fraud: label.fraud,
    labelledAt: label.eventTime,
    labelEventId: label.eventId,
    source: label.source,
    ingestedAt: label.ingestedAt,
    expiresAt: Math.floor(label.ingestedAt / 1_000) + retentionDays * DAY_SECONDS,
  };
}

const labelItemSchema = z.object({
  eventId: z.string(),
  entityId: z.string(),
  transactionTime: z.number(),
  transactionDay: z.string(),
  fraud: z.boolean(),
  labelledAt: z.number(),
  labelEventId: z.string(),
  source: z.enum(INGEST_SOURCE_VALUES),
  ingestedAt: z.number(),
  expiresAt: z.number(),
}) satisfies z.ZodType<LabelItem>;

/**
 * Parses an item read back from the labels table (unmarshalled, still `unknown`). One that does
 * not parse was not written by `toLabelItem`: a bug or a foreign writer, INTERNAL, not served.
 */
export function toStoredLabel(item: unknown): StoredLabel {
  const result = labelItemSchema.safeParse(item);
  if (!result.success)
    throw new AppError('INTERNAL', 'a stored label item does not have the expected shape', {
      retriable: false,
      details: {
        fields: result.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.'),
          message: issue.message,
        })),
      },
    });
  const { expiresAt: _expiresAt, ...label } = result.data;
  return label;
}
