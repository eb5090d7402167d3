import { FIELD_LIMITS } from '@rtml/contracts';
import { FeatureEngineError } from './feature-engine.error';
import { parseFeatureSet, validateFeatureSet } from './feature-set.parser';

const countWindow = {
  name: 'CARD_NB_TX_1DAY',
  kind: 'window',
  entity: 'customerId',
  windowDays: 1,
  aggregation: 'count',
  labelDriven: false,
};

const validSet = {
  name: 'tiny',
  version: 2,
  features: [{ name: 'AMOUNT', kind: 'amount' }, countWindow],
};

const issuesOf = (input: unknown): readonly string[] => {
  const result = validateFeatureSet(input);
  return result.ok ? [] : result.issues;
};

const withFeature = (feature: Record<string, unknown>) => ({
  ...validSet,
  features: [{ ...countWindow, ...feature }],
});

describe('validateFeatureSet', () => {
  it('accepts a valid set, fills the default delay of 0 days and freezes the result', () => {
    const result = validateFeatureSet(validSet);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.featureSet.features[1]).toEqual({ ...countWindow, delayDays: 0 });
    expect(Object.isFrozen(result.featureSet.features[1])).toBe(true);
  });

  it('rejects an unknown aggregation and names the allowed ones', () => {
    expect(issuesOf(withFeature({ aggregation: 'avg' }))).toEqual([
      'features[0].aggregation: unknown aggregation "avg" (expected count, sum, mean, min, max, ratio)',
    ]);
  });

  it('rejects a negative or zero window and a negative delay', () => {
    expect(issuesOf(withFeature({ windowDays: -1, delayDays: -7 }))).toEqual([
      'features[0].windowDays: must be a number > 0 (whole seconds), got -1',
      'features[0].delayDays: must be a number >= 0 (whole seconds), got -7',
    ]);
    expect(issuesOf(withFeature({ windowDays: 0 }))).toHaveLength(1);
  });

  it('rejects windows that are not a whole number of seconds', () => {
    expect(issuesOf(withFeature({ windowDays: 1 / 7 }))).toHaveLength(1);
    expect(issuesOf(withFeature({ windowDays: 0.5 }))).toEqual([]);
  });

  it('rejects duplicate feature names', () => {
    const input = { ...validSet, features: [countWindow, countWindow] };

    expect(issuesOf(input)).toEqual(['features[1].name: duplicate "CARD_NB_TX_1DAY"']);
  });

  it('requires labelDriven on a ratio and forbids it on aggregations that ignore labels', () => {
    expect(issuesOf(withFeature({ aggregation: 'ratio', labelDriven: false }))).toEqual([
      'features[0].labelDriven: a ratio counts frauds, so it must be labelDriven: true',
    ]);
    expect(issuesOf(withFeature({ aggregation: 'sum', labelDriven: true }))).toEqual([
      'features[0].labelDriven: only ratio reads labels; "sum" must be false',
    ]);
    expect(issuesOf(withFeature({ labelDriven: undefined }))).toHaveLength(1);
  });

  it('rejects unknown fields, unknown kinds and bad entity names', () => {
    expect(issuesOf(withFeature({ windowDay: 1 }))).toEqual([
      'features[0]: unknown field "windowDay"',
    ]);
    expect(issuesOf({ ...validSet, features: [{ name: 'X', kind: 'hour' }] })).toEqual([
      'features[0].kind: unknown kind "hour" (expected one of amount, weekend, night, window)',
    ]);
    expect(issuesOf(withFeature({ entity: 'customer id' }))).toHaveLength(1);
  });

  it('reports every problem of a definition at once', () => {
    const input = { name: '', version: 0, features: [{ ...countWindow, aggregation: 'p99' }] };

    expect(issuesOf(input)).toHaveLength(3);
  });

  it('rejects a set without features or that is not an object', () => {
    expect(issuesOf({ ...validSet, features: [] })).toEqual([
      'features: must be a non-empty array',
    ]);
    expect(issuesOf('handbook-15')).toEqual(['feature set: must be an object']);
  });
});

describe('parseFeatureSet', () => {
  it('holds names and the vector to the limits every prediction is stored under', () => {
    const { featureNameMaxLength, featuresMaxCount, nameMaxLength } = FIELD_LIMITS;
    const widest = Array.from({ length: featuresMaxCount }, (_, i) => ({
      name: `F${i}`.padEnd(featureNameMaxLength, '_'),
      kind: 'amount',
    }));
    expect(
      validateFeatureSet({ ...validSet, name: 'n'.repeat(nameMaxLength), features: widest }),
    ).toMatchObject({ ok: true });

    const tooMany = [...widest, { name: 'ONE_MORE', kind: 'amount' }];
    expect(issuesOf({ ...validSet, features: tooMany })).toEqual([
      `features: must have at most ${featuresMaxCount} features`,
    ]);
    expect(issuesOf(withFeature({ name: 'F'.repeat(featureNameMaxLength + 1) }))).toEqual([
      `features[0].name: must be at most ${featureNameMaxLength} characters`,
    ]);
    expect(issuesOf({ ...validSet, name: 'n'.repeat(nameMaxLength + 1) })).toEqual([
      `name: must be at most ${nameMaxLength} characters`,
    ]);
  });

  it('throws a FEATURE_SET_INVALID error carrying every issue', () => {
    const parse = () => parseFeatureSet(withFeature({ aggregation: 'avg', windowDays: -1 }));

    expect(parse).toThrow(FeatureEngineError);
    expect(parse).toThrow(/invalid feature set: .*windowDays.*; .*aggregation/);
    try {
      parse();
    } catch (error) {
      expect((error as FeatureEngineError).code).toBe('FEATURE_SET_INVALID');
      expect((error as FeatureEngineError).issues).toHaveLength(2);
    }
  });
});
