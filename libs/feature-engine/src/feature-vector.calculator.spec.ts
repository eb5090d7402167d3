import { computeFeatureVector } from './feature-vector.calculator';
import { DAY, T, entry, event, planOf, vector, windowFeature } from './feature-vector.fixture';
import { compileFeaturePlan } from './feature-plan.compiler';
import type { Aggregation } from './feature-set.model';
import { parseFeatureSet } from './feature-set.parser';

describe('computeFeatureVector: window boundaries', () => {
  it('excludes an entry at exactly t − w and includes one a second later', () => {
    const plan = planOf(windowFeature('count', 1));

    expect(vector(plan, [entry(T - DAY)])).toEqual([1]);
    expect(vector(plan, [entry(T - DAY + 1)])).toEqual([2]);
  });

  it('includes the current event at t in an undelayed window', () => {
    const plan = planOf(windowFeature('count', 1), windowFeature('mean', 1));

    expect(vector(plan, [])).toEqual([1, 10]);
  });

  it('includes t − d and excludes t − d − w in a delayed window', () => {
    const plan = planOf(windowFeature('count', 1, 7));

    expect(vector(plan, [entry(T - 7 * DAY)])).toEqual([1]);
    expect(vector(plan, [entry(T - 8 * DAY)])).toEqual([0]);
    expect(vector(plan, [entry(T - 8 * DAY + 1)])).toEqual([1]);
  });

  it('leaves the delay period and the current event out of a delayed window', () => {
    const plan = planOf(windowFeature('count', 1, 7));

    expect(vector(plan, [entry(T - 7 * DAY + 1), entry(T - 1)])).toEqual([0]);
  });

  it('gives 0 for every aggregation of an empty delayed window', () => {
    const aggregations: Aggregation[] = ['count', 'sum', 'mean', 'min', 'max', 'ratio'];
    const plan = planOf(...aggregations.map((aggregation) => windowFeature(aggregation, 1, 7)));

    expect(vector(plan, [])).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('treats an entity missing from the entries as having no history', () => {
    const plan = planOf(windowFeature('count', 30));

    expect(computeFeatureVector(plan, event(), {})).toEqual([1]);
  });
});

describe('computeFeatureVector: aggregations', () => {
  it('sums, averages, and takes min and max over the window including the event', () => {
    const plan = planOf(
      ...(['sum', 'mean', 'min', 'max'] as const).map((a) => windowFeature(a, 7)),
    );

    expect(vector(plan, [entry(T - 3 * DAY, 4), entry(T - DAY, 16)])).toEqual([30, 10, 4, 16]);
  });

  it('divides frauds by transactions for a ratio', () => {
    const plan = planOf(windowFeature('ratio', 7, 7), windowFeature('count', 7, 7));
    const entries = [entry(T - 8 * DAY, 1, 1), entry(T - 9 * DAY, 1, 0), entry(T - 10 * DAY, 1, 1)];

    expect(vector(plan, entries)).toEqual([2 / 3, 3]);
  });
});

describe('computeFeatureVector: labels', () => {
  const plan = planOf(windowFeature('ratio', 1, 7));
  const transactionTime = T - 7 * DAY - 3_600;

  it('counts a fraud whose label is known when the window is evaluated', () => {
    expect(vector(plan, [entry(transactionTime, 1, 1), entry(transactionTime, 1, 0)])).toEqual([
      0.5,
    ]);
  });

  it('counts a label that arrives after the window needs it as not fraud: lower risk, no error', () => {
    expect(vector(plan, [entry(transactionTime, 1, null), entry(transactionTime, 1, 0)])).toEqual([
      0,
    ]);
  });
});

describe('computeFeatureVector: per-event features', () => {
  it('passes the amount through and flags weekend and night from the UTC event time', () => {
    const plan = compileFeaturePlan(
      parseFeatureSet({
        name: 'calendar',
        version: 1,
        features: [
          { name: 'AMOUNT', kind: 'amount' },
          { name: 'WEEKEND', kind: 'weekend' },
          { name: 'NIGHT', kind: 'night' },
        ],
      }),
    );
    const saturdayNight = Date.parse('2018-04-07T06:59:59Z') / 1000;

    expect(computeFeatureVector(plan, event({ time: saturdayNight, amount: 57.16 }), {})).toEqual([
      57.16, 1, 1,
    ]);
  });
});
