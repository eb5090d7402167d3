import { HANDBOOK_15, compileFeaturePlan } from '@rtml/feature-engine';
import type { FeatureSet } from '@rtml/feature-engine';
import { backfillReferenceRows } from '../../backfill/reference-rows.backfill';
import type { ReferenceTransaction } from '../../csv/reference-transaction.model';

export interface OfflineVectors {
  readonly featureNames: readonly string[];
  /** The offline engine's vector of every row, by event id (the row's TRANSACTION_ID). */
  readonly byEventId: ReadonlyMap<string, readonly number[]>;
}

/**
 * What the offline engine computes over the same rows, in the same order, through the same path
 * as `npm run features:backfill` (seq = TRANSACTION_ID, each label known 7 days after its
 * transaction): the values every stored prediction must carry. The rows of all steps go through
 * one engine, as they go through one Redis state online.
 */
export async function offlineVectors(
  rows: readonly ReferenceTransaction[],
  featureSet: FeatureSet = HANDBOOK_15,
): Promise<OfflineVectors> {
  const byEventId = new Map<string, readonly number[]>();
  await backfillReferenceRows(
    [rows],
    { featureSet, labelDelayDays: 7 },
    { write: (row, vector) => byEventId.set(String(row.transactionId), [...vector]) },
  );
  return { featureNames: compileFeaturePlan(featureSet).featureNames, byEventId };
}
