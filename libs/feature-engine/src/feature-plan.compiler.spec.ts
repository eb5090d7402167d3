import { compileFeaturePlan } from './feature-plan.compiler';
import { HANDBOOK_15 } from './handbook-15.feature-set';

describe('compileFeaturePlan', () => {
  const plan = compileFeaturePlan(HANDBOOK_15);

  it('accumulates each distinct window once, however many features read it', () => {
    expect(plan.entityWindows).toEqual([
      {
        entity: 'customerId',
        windows: [1, 7, 30].map((days) => ({
          lowerOffsetSeconds: days * 86_400,
          upperOffsetSeconds: 0,
        })),
      },
      {
        entity: 'terminalId',
        windows: [1, 7, 30].map((days) => ({
          lowerOffsetSeconds: (days + 7) * 86_400,
          upperOffsetSeconds: 7 * 86_400,
        })),
      },
    ]);
  });

  it('keeps the feature order for names and slots', () => {
    expect(plan.featureNames).toEqual(HANDBOOK_15.features.map((feature) => feature.name));
    expect(plan.slots[4]).toEqual({
      kind: 'window',
      entityIndex: 0,
      windowIndex: 0,
      aggregation: 'mean',
    });
  });
});
