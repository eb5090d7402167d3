import { build } from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

/** Percentiles of one latency path over one phase, in milliseconds. */
export interface LatencyPercentiles {
  /** Latencies recorded. */
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p99_9: number;
  readonly max: number;
  /**
   * Latencies that came out below zero and were recorded as 0 (clocks are one machine's, so
   * this should stay 0: anything else says a timestamp is not what it claims to be).
   */
  readonly below_zero: number;
}

/**
 * An HDR histogram of latencies in whole milliseconds (hdr-histogram-js, 3 significant digits:
 * exact below 2,048 ms, within 0.1 % above; it grows to fit any value). Percentiles are the
 * value at or below which that share of the recorded latencies lies.
 */
export class LatencyHistogram {
  private readonly histogram: Histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  });
  private belowZero = 0;

  record(milliseconds: number): void {
    if (!Number.isFinite(milliseconds)) return;
    if (milliseconds < 0) this.belowZero += 1;
    this.histogram.recordValue(Math.max(0, Math.round(milliseconds)));
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  percentiles(): LatencyPercentiles {
    const max = this.count === 0 ? Number.NaN : this.histogram.maxValue;
    // A percentile is its bucket's highest equivalent value, which above 2,048 ms can exceed
    // the largest latency recorded (the max is exact): never report one above the max.
    const at = (percentile: number) =>
      Math.min(this.histogram.getValueAtPercentile(percentile), max);
    return {
      count: this.count,
      p50: at(50),
      p90: at(90),
      p99: at(99),
      p99_9: at(99.9),
      max,
      below_zero: this.belowZero,
    };
  }
}
