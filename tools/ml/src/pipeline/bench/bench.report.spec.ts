import {
  EXACTLY_ONCE_KAFKAJS,
  benchRunFixture,
  ceilingsFixture,
  setupRunFixture,
} from './bench-run.fixture';
import { benchReport, legacyRate, ratiosOf } from './bench.report';

describe('benchReport', () => {
  const runs = [benchRunFixture(2_200, 80), benchRunFixture(2_300, 90), benchRunFixture(2_100, 86)];
  const report = benchReport(runs, [EXACTLY_ONCE_KAFKAJS], [500, 1_000]);
  const primary = report.setups['exactly_once_v2/kafkajs'];

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

  it('judges the first setup’s targets by id, as the targets object did', () => {
    expect(report.targets).toEqual({
      setup: 'exactly_once_v2/kafkajs',
      predictions_10k_per_s: false,
      stored_80pct_of_dynamodb: false,
      p99_50ms_at_1000_per_s: false,
      p99_producer_to_stored_150ms_at_1000_per_s: false,
      window_store_50k_records_per_redis_core_s: false,
      pipeline_cpu_250us_per_event: false,
    });
  });

  it('reports a target as not measured without its rate', () => {
    const without = benchReport(runs, [EXACTLY_ONCE_KAFKAJS], [500]);

    expect(without.targets['p99_50ms_at_1000_per_s']).toBeNull();
    expect(without.setups['exactly_once_v2/kafkajs']?.latency_at_rate.rate).toBe(500);
  });
});

describe('benchReport over two publisher clients', () => {
  const platformatic = { guarantee: 'exactly_once_v2', clients: 'platformatic' } as const;
  // Round 2 is slower on the whole (the machine was busier): the ratios within each round hold.
  const round = (kafkajs: number, other: number, p50: number) => ({
    ceilings_eps: ceilingsFixture(4_000),
    setups: {
      'exactly_once_v2/kafkajs': setupRunFixture(3_000, p50, kafkajs),
      'exactly_once_v2/platformatic': setupRunFixture(3_600, p50 / 2, other),
    },
  });
  const report = benchReport(
    [round(800, 640, 100), round(1_600, 1_360, 300), round(900, 810, 120)],
    [EXACTLY_ONCE_KAFKAJS, platformatic],
    [1_000],
  );

  it('reports each setup apart', () => {
    expect(Object.keys(report.setups)).toEqual([
      'exactly_once_v2/kafkajs',
      'exactly_once_v2/platformatic',
    ]);
    expect(report.setups['exactly_once_v2/platformatic']).toMatchObject({
      guarantee: 'exactly_once_v2',
      clients: 'platformatic',
      pipeline: { cpu: { groups_us_per_event: { pipeline: 810 } } },
    });
  });

  it('compares each client with the first as ratios taken within each round', () => {
    expect(report.clients_compared).toEqual([
      {
        guarantee: 'exactly_once_v2',
        client: 'platformatic',
        baseline: 'kafkajs',
        rounds: 3,
        pipeline_cpu_us_per_event: { median: 0.85, min: 0.8, max: 0.9 },
        predictions_per_s: { median: 1.2, min: 1.2, max: 1.2 },
        rate: 1_000,
        p99_ingested_to_scored: { median: 0.5, min: 0.5, max: 0.5 },
      },
    ]);
  });

  it('compares nothing with one client', () => {
    expect(
      benchReport([round(800, 640, 100)], [EXACTLY_ONCE_KAFKAJS], [1_000]).clients_compared,
    ).toEqual([]);
  });

  it('leaves out a round that ran only one of the two', () => {
    const partial = benchReport(
      [round(800, 640, 100), benchRunFixture(3_000, 100)],
      [EXACTLY_ONCE_KAFKAJS, platformatic],
      [1_000],
    );

    expect(partial.clients_compared[0]?.rounds).toBe(1);
    expect(partial.clients_compared[0]?.pipeline_cpu_us_per_event.median).toBe(0.8);
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
    const { pipeline } = benchRunFixture(3_000, 80).setups['exactly_once_v2/kafkajs'] ?? {};

    expect(pipeline && ratiosOf(pipeline, ceilingsFixture(4_500))).toEqual({
      predictions_vs_kafka: 0.06,
      predictions_vs_redis_script: 0.3,
      predictions_vs_onnx: 0.015,
      stored_vs_dynamodb: 0.333,
      // (1,100 pipeline + 900 emulators) ÷ (4 × 40 + 65 + 5 + 500)
      cpu_vs_sum_of_parts: 2.74,
    });
  });
});
