import { transactionFixture } from '@rtml/contracts/testing';
import { HANDBOOK_15, compileFeaturePlan } from '@rtml/feature-engine';
import { toEnrichedEvent } from './enriched-event.mapper';

describe('the enriched event of a transaction', () => {
  it('names every value in the set order, keys it by customer and carries the set and timings', () => {
    const plan = compileFeaturePlan(HANDBOOK_15);
    const vector = plan.featureNames.map((_, i) => i / 4);

    const event = toEnrichedEvent(transactionFixture, plan, vector, 1_700_000_000_000);

    expect(event).toMatchObject({
      eventId: 'txn-0',
      eventTime: transactionFixture.eventTime,
      entityId: '596',
      transaction: transactionFixture,
      featureSet: { name: 'handbook-15', version: '1' },
      timings: { ingestedAt: transactionFixture.ingestedAt, enrichedAt: 1_700_000_000_000 },
    });
    expect(event.features).toHaveLength(15);
    expect(event.features[3]).toEqual({ name: plan.featureNames[3], value: 0.75 });
  });
});
