import { outcomeOf, planAttempt, retryDelayMs } from './webhook-retry.policy';

const options = { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 2_000 };

describe('what a webhook answer means', () => {
  it.each([200, 201, 202, 204, 299])('HTTP %i is delivered', (status) => {
    expect(outcomeOf(status)).toBe('delivered');
  });

  it.each([408, 429, 500, 502, 503, 504])('HTTP %i is retried', (status) => {
    expect(outcomeOf(status)).toBe('retry');
  });

  it('no answer at all (timeout, refused connection) is retried', () => {
    expect(outcomeOf(undefined)).toBe('retry');
  });

  it.each([301, 302, 400, 401, 403, 404, 410, 422])('HTTP %i is given up at once', (status) => {
    expect(outcomeOf(status)).toBe('give-up');
  });
});

describe('the webhook backoff schedule', () => {
  it('doubles from the initial delay up to the ceiling at its largest draw', () => {
    const ceilings = [0, 1, 2, 3, 4, 5].map((retry) => retryDelayMs(retry, options, () => 1));

    expect(ceilings).toEqual([200, 400, 800, 1_600, 2_000, 2_000]);
  });

  it('draws each delay uniformly below its ceiling (full jitter)', () => {
    expect(retryDelayMs(3, options, () => 0)).toBe(0);
    expect(retryDelayMs(3, options, () => 0.5)).toBe(800);
    for (let draw = 0; draw < 50; draw += 1) {
      const delay = retryDelayMs(2, options);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(800);
    }
  });
});

describe('planning the next attempt within a batch', () => {
  const timeoutMs = 3_000;
  const deadline = 10_000;

  it('attempts a due delivery at once while an attempt can still time out before the deadline', () => {
    expect(planAttempt(1_000, 500, deadline, timeoutMs)).toEqual({ kind: 'attempt', waitMs: 0 });
    expect(planAttempt(7_000, 0, deadline, timeoutMs)).toEqual({ kind: 'attempt', waitMs: 0 });
  });

  it('waits out a backoff that ends early enough in the batch', () => {
    expect(planAttempt(1_000, 4_000, deadline, timeoutMs)).toEqual({
      kind: 'attempt',
      waitMs: 3_000,
    });
  });

  it('defers at once a due delivery whose attempt could outlast the deadline', () => {
    expect(planAttempt(7_500, 7_000, deadline, timeoutMs)).toEqual({ kind: 'defer', waitMs: 0 });
  });

  it('holds a delivery due late in the batch until it is due, then defers it', () => {
    expect(planAttempt(1_000, 8_000, deadline, timeoutMs)).toEqual({
      kind: 'defer',
      waitMs: 7_000,
    });
  });

  it('holds a delivery due after the batch until the deadline, never spinning it through the topic', () => {
    expect(planAttempt(1_000, 3_600_000, deadline, timeoutMs)).toEqual({
      kind: 'defer',
      waitMs: 9_000,
    });
  });
});
