import { LatencyHistogram } from './latency.histogram';

describe('LatencyHistogram', () => {
  it('gives exact percentiles and the max below 2,048 ms', () => {
    const histogram = new LatencyHistogram();
    for (let ms = 1; ms <= 1_000; ms += 1) histogram.record(ms);

    expect(histogram.percentiles()).toEqual({
      count: 1_000,
      p50: 500,
      p90: 900,
      p99: 990,
      p99_9: 999,
      max: 1_000,
      below_zero: 0,
    });
  });

  it('stays within 0.1 % above 2,048 ms and keeps the exact max, however large', () => {
    const histogram = new LatencyHistogram();
    for (let ms = 1; ms <= 1_000; ms += 1) histogram.record(ms * 10);
    histogram.record(3_600_000);
    const { p50, p99, max } = histogram.percentiles();

    expect(Math.abs(p50 - 5_010) / 5_010).toBeLessThanOrEqual(0.001);
    expect(Math.abs(p99 - 9_910) / 9_910).toBeLessThanOrEqual(0.001);
    expect(max).toBe(3_600_000);
  });

  it('never reports a percentile above the largest latency recorded', () => {
    const histogram = new LatencyHistogram();
    histogram.record(2_440);
    const { p50, p99_9, max } = histogram.percentiles();

    expect(max).toBe(2_440);
    expect(p50).toBe(2_440);
    expect(p99_9).toBe(2_440);
  });

  it('records a latency below zero as 0 and counts it', () => {
    const histogram = new LatencyHistogram();
    histogram.record(-3);
    histogram.record(4.6);

    expect(histogram.percentiles()).toMatchObject({ count: 2, p50: 0, max: 5, below_zero: 1 });
  });

  it('reports NaN percentiles for no latency, and ignores what is not a number', () => {
    const histogram = new LatencyHistogram();
    histogram.record(Number.NaN);
    const empty = histogram.percentiles();

    expect(empty.count).toBe(0);
    expect(empty.p99).toBeNaN();
    expect(empty.max).toBeNaN();
  });
});
