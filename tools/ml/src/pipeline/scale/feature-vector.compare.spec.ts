import { vectorDifference } from './feature-vector.compare';

const NAMES = ['amount', 'night', 'terminal_risk_7d'];

describe('vectorDifference', () => {
  it('accepts a stored vector equal to the offline one to the last bit', () => {
    const stored = [
      { name: 'amount', value: '57.16' },
      { name: 'night', value: '0' },
      { name: 'terminal_risk_7d', value: '0.3333333333333333' },
    ];

    expect(vectorDifference(stored, [57.16, 0, 1 / 3], NAMES)).toBeUndefined();
  });

  it('reports a value one ulp away, a wrong name and a missing feature', () => {
    const value = (v: string) => [
      { name: 'amount', value: '57.16' },
      { name: 'night', value: '0' },
      { name: 'terminal_risk_7d', value: v },
    ];

    expect(vectorDifference(value('0.33333333333333337'), [57.16, 0, 1 / 3], NAMES)).toBe(
      'terminal_risk_7d is 0.33333333333333337, offline 0.3333333333333333',
    );
    expect(
      vectorDifference(
        [{ name: 'night', value: '57.16' }, ...value('0').slice(1)],
        [57.16, 0, 0],
        NAMES,
      ),
    ).toBe('feature 0 is named night, not amount');
    expect(vectorDifference(value('0').slice(0, 2), [57.16, 0, 0], NAMES)).toBe(
      '2 features stored, 3 expected',
    );
  });
});
