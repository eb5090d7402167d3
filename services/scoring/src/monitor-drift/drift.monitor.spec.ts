import { referenceDistribution } from '@rtml/model-training';
import { servingModelFixture } from '../testing/serving-model.fixture';
import type { ServingModel } from '../model/serving-model.model';
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
