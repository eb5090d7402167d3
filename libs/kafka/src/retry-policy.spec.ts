import { backoffDelay } from './retry-policy';

const options = { initialMs: 100, maxMs: 1_000, multiplier: 2 };

describe('backoffDelay', () => {
  it('grows exponentially with the attempt when the jitter draw is at its top', () => {
    const delays = [0, 1, 2, 3].map((attempt) => backoffDelay(attempt, options, () => 1));
    expect(delays).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds the maximum delay', () => {
    expect(backoffDelay(30, options, () => 1)).toBe(1_000);
  });

  it('draws uniformly below the ceiling (full jitter)', () => {
    expect(backoffDelay(2, options, () => 0)).toBe(0);
    expect(backoffDelay(2, options, () => 0.5)).toBe(200);
  });
});
