import { SECONDS_PER_DAY } from '@rtml/feature-engine';
import type { FeatureEvent } from '@rtml/feature-engine';
import type { ReferenceTransaction } from '../csv/reference-transaction.model';
import type { KnownLabel } from '@rtml/feature-engine';

/** The reference replay's label delay: a transaction's label is known 7 days after it. */
export const REFERENCE_LABEL_DELAY_DAYS = 7;

/**
 * A reference row as the engines see it. seq is TRANSACTION_ID, the reference's processing order,
 * so ties in the same second resolve as the reference says; the online engine must use the same.
 */
export function toFeatureEvent(row: ReferenceTransaction): FeatureEvent {
  return {
    eventId: String(row.transactionId),
    time: row.time,
    seq: row.transactionId,
    amount: row.amount,
    entities: { customerId: String(row.customerId), terminalId: String(row.terminalId) },
  };
}

export function toKnownLabel(
  row: ReferenceTransaction,
  labelDelayDays = REFERENCE_LABEL_DELAY_DAYS,
): KnownLabel {
  return { fraud: row.fraud, knownAt: row.time + labelDelayDays * SECONDS_PER_DAY };
}
