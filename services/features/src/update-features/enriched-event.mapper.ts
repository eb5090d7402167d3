import type { EnrichedEvent, Transaction } from '@rtml/contracts';
import type { FeaturePlan } from '@rtml/feature-engine';

/**
 * The enriched event of a transaction: its feature vector named in the set's order, the set's
 * name and version (so a prediction can say which features it was given), and the timings.
 * The entity is the customer: the key scoring and the predictions keep.
 */
export function toEnrichedEvent(
  transaction: Transaction,
  plan: FeaturePlan,
  vector: readonly number[],
  enrichedAt: number,
): EnrichedEvent {
  return {
    eventId: transaction.eventId,
    eventTime: transaction.eventTime,
    entityId: transaction.customerId,
    transaction,
    featureSet: { name: plan.featureSet.name, version: String(plan.featureSet.version) },
    features: plan.featureNames.map((name, i) => ({ name, value: vector[i] as number })),
    timings: { ingestedAt: transaction.ingestedAt, enrichedAt },
  };
}
