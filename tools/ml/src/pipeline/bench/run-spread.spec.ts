import { medianTree, spreadOf, spreadTree } from './run-spread';

describe('spreadOf', () => {
  it('gives the middle value of an odd count and the range', () => {
    expect(spreadOf([237, 193, 219])).toEqual({ median: 219, min: 193, max: 237 });
  });

  it('takes the mean of the middle two of an even count', () => {
    expect(spreadOf([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
  });

  it('is one value for one run, and NaN for none', () => {
    expect(spreadOf([86])).toEqual({ median: 86, min: 86, max: 86 });
    expect(spreadOf([]).median).toBeNaN();
  });
});

describe('spreadTree and medianTree', () => {
  const runs = [
    { rate: 1000, e2e_ms: { p50: 80, p99: 237 }, busy: null, cpu: { 'service:ingest': 110 } },
    { rate: 1000, e2e_ms: { p50: 87, p99: 193 }, busy: 93.1, cpu: { 'service:ingest': 130 } },
    { rate: 1000, e2e_ms: { p50: 86, p99: 219 }, busy: 94.2, cpu: {} },
  ];

  it('aggregates every number field by field, over the runs that have it', () => {
    expect(spreadTree(runs)).toEqual({
      rate: { median: 1000, min: 1000, max: 1000 },
      e2e_ms: { p50: { median: 86, min: 80, max: 87 }, p99: { median: 219, min: 193, max: 237 } },
      busy: { median: 93.65, min: 93.1, max: 94.2 },
      cpu: { 'service:ingest': { median: 120, min: 110, max: 130 } },
    });
  });

  it('keeps the runs’ shape with the medians', () => {
    expect(medianTree(runs)).toEqual({
      rate: 1000,
      e2e_ms: { p50: 86, p99: 219 },
      busy: 93.65,
      cpu: { 'service:ingest': 120 },
    });
  });

  it('keeps a value no run has as a number as the first run has it', () => {
    expect(
      medianTree([
        { name: 'a', busy: null },
        { name: 'b', busy: null },
      ]),
    ).toEqual({
      name: 'a',
      busy: null,
    });
  });
});
