import { quantile, summarizeLatency } from './latency.summary';

describe('latency summary', () => {
  it('takes nearest-rank quantiles', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i + 1);

    expect(quantile(values, 0.5)).toBe(50);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile(values, 1)).toBe(100);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('sorts the sample before taking p50 and p99', () => {
    expect(summarizeLatency([30, 10, 20])).toEqual({ p50: 20, p99: 30 });
  });
});
