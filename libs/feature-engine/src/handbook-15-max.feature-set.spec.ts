import { findBuiltinFeatureSet } from './feature-set.registry';
import { HANDBOOK_15_MAX } from './handbook-15-max.feature-set';
import { HANDBOOK_15 } from './handbook-15.feature-set';

describe('the handbook-15-max feature set', () => {
  it('is the 15 reference inputs in order, then the card maximum amount over 1, 7 and 30 days', () => {
    expect(HANDBOOK_15_MAX.features.map((f) => f.name)).toEqual([
      ...HANDBOOK_15.features.map((f) => f.name),
      'CUSTOMER_ID_MAX_AMOUNT_1DAY_WINDOW',
      'CUSTOMER_ID_MAX_AMOUNT_7DAY_WINDOW',
      'CUSTOMER_ID_MAX_AMOUNT_30DAY_WINDOW',
    ]);
  });

  it('uses no labels, so it cannot leak future outcomes', () => {
    const added = HANDBOOK_15_MAX.features.slice(HANDBOOK_15.features.length);
    expect(added.every((f) => f.kind === 'window' && !f.labelDriven && f.delayDays === 0)).toBe(
      true,
    );
  });

  it('is a built-in set the features service can serve by name', () => {
    expect(findBuiltinFeatureSet('handbook-15-max')).toBe(HANDBOOK_15_MAX);
  });
});
