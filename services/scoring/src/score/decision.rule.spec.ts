import { decide } from './decision.rule';

describe('the decision rule', () => {
  it('alerts on a score at or above the threshold and allows one below it', () => {
    expect(decide(0.75, 0.5)).toBe('ALERT');
    expect(decide(0.5, 0.5)).toBe('ALERT');
    expect(decide(0.4999, 0.5)).toBe('ALLOW');
  });

  it('alerts on a float32 score equal to a float32 threshold', () => {
    const threshold = Math.fround(0.1234567);

    expect(decide(new Float32Array([0.1234567])[0]!, threshold)).toBe('ALERT');
  });
});
