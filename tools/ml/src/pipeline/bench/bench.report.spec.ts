import { benchRunFixture, ceilingsFixture } from './bench-run.fixture';
import { benchReport, legacyRate, ratiosOf } from './bench.report';

describe('benchReport', () => {
  const runs = [benchRunFixture(2_200, 80), benchRunFixture(2_300, 90), benchRunFixture(2_100, 86)];
  const report = benchReport(runs, ['exactly_once_v2'], [500, 1_000]);
  const primary = report.guarantees.exactly_once_v2;

  it('keeps the single-run fields of earlier versions, as medians over the runs', () => {
    expect(report.bench).toBe('pipeline');
    expect(report.runs).toBe(3);
    expect(report.ceilings_eps).toEqual(ceilingsFixture(4_000));
    expect(primary?.pipeline.predictions_per_s).toBe(2_200);
    expect(primary?.pipeline.cpu.groups_us_per_event.pipeline).toBe(1_100);
    expect(primary?.ratios.stored_vs_dynamodb).toBeCloseTo(0.275);
    expect(primary?.latency_at_rate).toMatchObject({
      rate: 1_000,
      events: 30_000,
      predictions: 30_000,
      e2e_ms: { p50: 86, p99: 258 },
    });
  });

  it('gives the median and range of every figure at every rate', () => {
    expect(primary?.spread.pipeline.predictions_per_s).toEqual({
      median: 2_200,
      min: 2_100,
      max: 2_300,
    });
    expect(primary?.latency_at_rates['500']?.latency_ms.producer_to_stored.p99).toEqual({
      median: 129,
      min: 120,
      max: 135,
    });
    expect(primary?.latency_at_rates['1000']?.latency_ms.ingested_to_scored.p99_9).toEqual({
      median: 344,
      min: 320,
      max: 360,
    });
  });

  it('judges the first guarantee’s targets by id, as the targets object did', () => {
    expect(report.targets).toEqual({
      guarantee: 'exactly_once_v2',
      predictions_10k_per_s: false,
      stored_80pct_of_dynamodb: false,
      p99_50ms_at_1000_per_s: false,
      p99_producer_to_stored_150ms_at_1000_per_s: false,
      window_store_50k_records_per_redis_core_s: false,
      pipeline_cpu_250us_per_event: false,
    });
  });

  it('reports a target as not measured without its rate', () => {
    const without = benchReport(runs, ['exactly_once_v2'], [500]);

    expect(without.targets['p99_50ms_at_1000_per_s']).toBeNull();
    expect(without.guarantees.exactly_once_v2?.latency_at_rate.rate).toBe(500);
  });
});

describe('legacyRate', () => {
  it('is 1,000 events/s when measured, else the first rate', () => {
    expect(legacyRate([500, 1_000, 2_000])).toBe(1_000);
    expect(legacyRate([2_000, 500])).toBe(2_000);
  });
});

describe('ratiosOf', () => {
  it('divides the flat-out figures by the same run’s ceilings, to 3 decimals', () => {
    const { pipeline } = benchRunFixture(3_000, 80).guarantees.exactly_once_v2 ?? {};

    expect(pipeline && ratiosOf(pipeline, ceilingsFixture(4_500))).toEqual({
      predictions_vs_kafka: 0.06,
      predictions_vs_redis_script: 0.3,
      predictions_vs_onnx: 0.015,
      stored_vs_dynamodb: 0.333,
    });
  });
});
