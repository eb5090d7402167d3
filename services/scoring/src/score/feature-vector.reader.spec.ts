import type { Feature } from '@rtml/contracts';
import { enrichedEventFixture } from '@rtml/contracts/testing';
import { HANDBOOK_LAYOUT } from '../testing/serving-model.fixture';
import { readFeatureVector } from './feature-vector.reader';
import type { ScorableEvent } from './scorable-event.model';

const names = HANDBOOK_LAYOUT.names;
const features: Feature[] = names.map((name, column) => ({ name, value: column * 10 + 0.5 }));
const event = (overrides: Partial<ScorableEvent> = {}): ScorableEvent => ({
  ...enrichedEventFixture,
  featureSet: { name: 'handbook-15', version: '1' },
  features,
  ...overrides,
});

describe("reading an event's feature vector for the model", () => {
  it("gives the values in the model's input order", () => {
    const vector = readFeatureVector(event(), HANDBOOK_LAYOUT);

    expect(vector).toEqual({ ok: true, values: features.map((feature) => feature.value) });
  });

  it('matches features by name when the event carries them in another order', () => {
    const vector = readFeatureVector(event({ features: [...features].reverse() }), HANDBOOK_LAYOUT);

    expect(vector).toEqual({ ok: true, values: features.map((feature) => feature.value) });
  });

  it('rejects an event of another feature set version as schema-invalid', () => {
    const vector = readFeatureVector(
      event({ featureSet: { name: 'handbook-15', version: '2' } }),
      HANDBOOK_LAYOUT,
    );

    expect(vector.ok).toBe(false);
    if (vector.ok) return;
    expect(vector.error.code).toBe('SCHEMA_INVALID');
    expect(vector.error.message).toBe(
      'feature set is handbook-15 v2, the model takes handbook-15 v1',
    );
    expect(vector.error.details['fields']).toEqual([
      { path: 'featureSet', message: 'is handbook-15 v2, the model takes handbook-15 v1' },
    ]);
  });

  it('rejects missing, unexpected and repeated features, naming them', () => {
    const missing = readFeatureVector(event({ features: features.slice(1) }), HANDBOOK_LAYOUT);
    const renamed = readFeatureVector(
      event({ features: [...features.slice(1), { name: 'TX_AMOUNT_EUR', value: 1 }] }),
      HANDBOOK_LAYOUT,
    );
    const repeated = readFeatureVector(
      event({ features: [...features.slice(0, 14), features[0]!] }),
      HANDBOOK_LAYOUT,
    );

    expect([missing, renamed, repeated].map((v) => (v.ok ? 'ok' : v.error.message))).toEqual([
      'feature names differ: missing TX_AMOUNT',
      'feature names differ: missing TX_AMOUNT; unexpected TX_AMOUNT_EUR',
      'feature TX_AMOUNT appears more than once',
    ]);
    expect([missing, renamed, repeated].map((v) => (v.ok ? 'ok' : v.error.code))).toEqual([
      'SCHEMA_INVALID',
      'SCHEMA_INVALID',
      'SCHEMA_INVALID',
    ]);
  });

  it('rejects non-finite values as out of range, naming each feature', () => {
    const bad = features.map((feature, column) =>
      column === 0
        ? { ...feature, value: Number.NaN }
        : column === 3
          ? { ...feature, value: Infinity }
          : feature,
    );

    const vector = readFeatureVector(event({ features: bad }), HANDBOOK_LAYOUT);

    expect(vector.ok).toBe(false);
    if (vector.ok) return;
    expect(vector.error.code).toBe('OUT_OF_RANGE');
    expect(vector.error.details['fields']).toEqual([
      { path: 'features.TX_AMOUNT', message: 'is NaN, must be finite' },
      { path: `features.${names[3]}`, message: 'is Infinity, must be finite' },
    ]);
  });
});
