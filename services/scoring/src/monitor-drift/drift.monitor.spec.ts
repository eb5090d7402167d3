import { referenceDistribution } from '@rtml/model-training';
import { servingModelFixture } from '../testing/serving-model.fixture';
import type { ServingModel } from '../model/serving-model.model';
import { scoringConfigSchema } from '../scoring.config';
import { DriftMonitor } from './drift.monitor';

const WIDTH = 15;
const AT = Date.UTC(2018, 8, 1);

/** Every input and the score uniform on 0..99 in the reference. */
const model: ServingModel = {
  ...servingModelFixture('4'),
  reference: {
    period: { from: '2018-08-01', to: '2018-08-07' },
    rows: 100,
    features: Array.from({ length: WIDTH }, () =>
      referenceDistribution(Array.from({ length: 100 }, (_, i) => i)),
    ),
    score: referenceDistribution(Array.from({ length: 100 }, (_, i) => i / 100)),
  },
};

/** `count` events whose first input is `amount` and the rest drawn like the reference. */
function feed(monitor: DriftMonitor, count: number, amount: (i: number) => number): void {
  for (let i = 0; i < count; i++) {
    const values = Array.from({ length: WIDTH }, (_, c) => (c === 0 ? amount(i) : i % 100));
    monitor.observe('champion', model, AT + i, values, (i % 100) / 100);
  }
}

describe('DriftMonitor alerts', () => {
  const policy = { high: 0.25, moderate: 0.1, minEvents: 200 };

  it('raises one alert per crossing, again only for the batch that raised it, and re-arms below the moderate level', () => {
    const monitor = new DriftMonitor(86_400_000, undefined, policy);
    feed(monitor, 100, () => 1_000); // shifted, but too few events yet
    expect(monitor.alertsFor('t:0:0')).toEqual([]);

    feed(monitor, 200, () => 1_000);
    const [alert, ...others] = monitor.alertsFor('t:0:100');
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ kind: 'DRIFT', role: 'champion', input: model.layout.names[0] });
    expect(alert!.psi).toBeGreaterThanOrEqual(0.25);
    // The same batch processed again (its delivery failed) raises the same alert; a later one none.
    expect(monitor.alertsFor('t:0:100')).toEqual([alert]);
    expect(monitor.alertsFor('t:0:300')).toEqual([]);

    // Back to normal, then shifted again: a new crossing.
    feed(monitor, 30_000, (i) => i % 100);
    expect(monitor.alertsFor('t:0:30300')).toEqual([]);
    feed(monitor, 60_000, () => 1_000);
    expect(monitor.alertsFor('t:0:90300').map((a) => a.input)).toEqual([model.layout.names[0]]);
  });

  it('raises nothing without a policy or for a model without a reference', () => {
    const silent = new DriftMonitor(86_400_000);
    feed(silent, 500, () => 1_000);
    expect(silent.alertsFor('t:0:0')).toEqual([]);
    const monitor = new DriftMonitor(86_400_000, undefined, policy);
    monitor.observe('champion', servingModelFixture('5'), AT, new Array(WIDTH).fill(1_000), 0.9);
    expect(monitor.reading('champion')).toBeUndefined();
    expect(monitor.alertsFor('t:0:0')).toEqual([]);
  });
});

describe('DriftMonitor over a calendar input, with the default window', () => {
  const HOUR = 3_600_000;
  const weekend = (time: number) => ([0, 6].includes(new Date(time).getUTCDay()) ? 1 : 0);
  // The reference week: an event an hour, its first input the weekend flag (2 days in 7).
  const monday = Date.UTC(2018, 7, 6);
  const week = Array.from({ length: 168 }, (_, h) => monday + h * HOUR);
  const calendarModel: ServingModel = {
    ...model,
    reference: {
      ...model.reference!,
      features: [referenceDistribution(week.map(weekend)), ...model.reference!.features.slice(1)],
    },
  };
  /** Two weeks like the reference, read on a Friday at 00:00 (a window of weekdays if a day). */
  const driftOfWeekendFlag = (windowMs: number): number => {
    const monitor = new DriftMonitor(windowMs);
    for (let h = 0; h < 2 * 168 + 4 * 24; h++) {
      const time = monday + h * HOUR;
      const values = Array.from({ length: WIDTH }, (_, c) => (c === 0 ? weekend(time) : h % 100));
      monitor.observe('champion', calendarModel, time, values, (h % 100) / 100);
    }
    return monitor.reading('champion')!.features[0]!;
  };

  it('compares whole weeks by default, so a weekend flag is not a shift; a day-long window calls it a major one', () => {
    const defaultWindowMs = scoringConfigSchema.parse({}).DRIFT_WINDOW_HOURS * HOUR;

    expect(driftOfWeekendFlag(defaultWindowMs)).toBeLessThan(0.1);
    expect(driftOfWeekendFlag(24 * HOUR)).toBeGreaterThanOrEqual(0.25);
  });
});
