import { deriveStateRequirements } from './entity-state.requirements';
import { parseFeatureSet } from './feature-set.parser';

const window = (entity: string, windowDays: number, delayDays: number, ratio = false) => ({
  name: `${entity}_${windowDays}_${delayDays}_${ratio}`,
  kind: 'window',
  entity,
  windowDays,
  delayDays,
  aggregation: ratio ? 'ratio' : 'count',
  labelDriven: ratio,
});

describe('deriveStateRequirements', () => {
  it('takes, per entity, the longest delay plus window as the horizon', () => {
    const featureSet = parseFeatureSet({
      name: 'mixed',
      version: 1,
      features: [window('cardId', 30, 0), window('cardId', 2, 29), window('merchantId', 1, 0)],
    });

    expect(deriveStateRequirements(featureSet)).toEqual([
      { entity: 'cardId', horizonSeconds: 31 * 86_400, needsLabels: false },
      { entity: 'merchantId', horizonSeconds: 86_400, needsLabels: false },
    ]);
  });

  it('marks an entity as needing labels when any of its features is label-driven', () => {
    const featureSet = parseFeatureSet({
      name: 'labels',
      version: 1,
      features: [window('terminalId', 7, 0), window('terminalId', 1, 7, true)],
    });

    expect(deriveStateRequirements(featureSet)[0]?.needsLabels).toBe(true);
  });

  it('needs no state for a set of per-event features only', () => {
    const featureSet = parseFeatureSet({
      name: 'stateless',
      version: 1,
      features: [{ name: 'AMOUNT', kind: 'amount' }],
    });

    expect(deriveStateRequirements(featureSet)).toEqual([]);
  });
});
