import { sumCounter } from './metrics-text.parser';

const EXPOSITION = [
  '# HELP rtml_records_consumed_total Records consumed.',
  '# TYPE rtml_records_consumed_total counter',
  'rtml_records_consumed_total{topic="p.transactions",service="features"} 1200',
  'rtml_records_consumed_total{topic="p.labels",service="features"} 34',
  'rtml_records_consumed_total_created{topic="p.labels",service="features"} 1700000000',
  'rtml_records_produced_total{topic="p.features.enriched",service="features"} 1200',
  '',
].join('\n');

describe('sumCounter', () => {
  it('adds a counter over every label set and ignores look-alike and other metrics', () => {
    expect(sumCounter(EXPOSITION, 'rtml_records_consumed_total')).toBe(1234);
  });

  it('reads an unlabelled sample and a sample with a timestamp', () => {
    expect(sumCounter('up 1\nrtml_x{a="b c"} 2.5 1700000000000\n', 'rtml_x')).toBe(2.5);
    expect(sumCounter('up 1\n', 'up')).toBe(1);
  });

  it('is zero for a counter that has not been incremented yet', () => {
    const declaredOnly =
      '# HELP rtml_records_consumed_total x\n# TYPE rtml_records_consumed_total counter\n';

    expect(sumCounter(declaredOnly, 'rtml_records_consumed_total')).toBe(0);
  });
});
