import { judgeTargets } from './bench-targets.catalog';
import { ceilingsFixture, pacedFixture, setupRunFixture } from './bench-run.fixture';
import type { SetupSummary } from './bench-run.types';
import { spreadTree } from './run-spread';

function summaryOf(predictionsPerSecond: number, p50AtThousand: number): SetupSummary {
  const run = setupRunFixture(predictionsPerSecond, p50AtThousand);
  return {
    pipeline: spreadTree([run.pipeline]),
    ceilings: spreadTree([ceilingsFixture(4_000)]),
    ratios: spreadTree([run.ratios]),
    latency_at_rates: { '1000': spreadTree([pacedFixture(1_000, p50AtThousand)]) },
  };
}

describe('judgeTargets', () => {
  it('judges each of issue 11’s targets on the median', () => {
    const verdicts = judgeTargets(summaryOf(12_000, 15));

    expect(verdicts.map(({ id, met }) => [id, met])).toEqual([
      ['predictions_10k_per_s', true],
      // 6,000 stored/s against a 4,000/s ceiling.
      ['stored_80pct_of_dynamodb', true],
      // p99 is 45 ms, 3 × the p50.
      ['p99_50ms_at_1000_per_s', true],
      ['p99_producer_to_stored_150ms_at_1000_per_s', true],
      // 40,000 records per Redis core-second.
      ['window_store_50k_records_per_redis_core_s', false],
      ['pipeline_cpu_250us_per_event', false],
    ]);
    expect(verdicts[1]?.value).toEqual({ median: 150, min: 150, max: 150 });
  });

  it('fails a latency target just above its bound', () => {
    const verdicts = judgeTargets(summaryOf(2_000, 51));

    expect(
      verdicts.find((v) => v.id === 'p99_producer_to_stored_150ms_at_1000_per_s'),
    ).toMatchObject({ met: false, value: { median: 153 } });
  });

  it('leaves a target unjudged when its rate was not measured', () => {
    const summary = { ...summaryOf(2_000, 80), latency_at_rates: {} };
    const verdict = judgeTargets(summary).find((v) => v.id === 'p99_50ms_at_1000_per_s');

    expect(verdict).toMatchObject({ value: null, met: null });
  });
});
