import type { FeatureEvent } from './feature-event.model';
import { parseFeatureSet } from './feature-set.parser';
import { HANDBOOK_15 } from './handbook-15.feature-set';
import { OfflineFeatureEngine } from './offline-feature.engine';

const DAY = 86_400;
const T0 = 1_600_000_000;
const RISK_7D = HANDBOOK_15.features.findIndex((f) => f.name === 'TERMINAL_ID_RISK_7DAY_WINDOW');
const NB_7D = RISK_7D - 1;

const event = (seq: number, time: number, terminalId = 't1'): FeatureEvent => ({
  eventId: String(seq),
  time,
  seq,
  amount: 10,
  entities: { customerId: `c${seq}`, terminalId },
});

describe('OfflineFeatureEngine', () => {
  it('sees a fraud label known in the same second as the transaction it is needed by', () => {
    const engine = new OfflineFeatureEngine(HANDBOOK_15);
    engine.process(event(0, T0), { fraud: 1, knownAt: T0 + 7 * DAY });
    const vector = engine.process(event(1, T0 + 7 * DAY));

    expect([vector[NB_7D], vector[RISK_7D]]).toEqual([1, 1]);
  });

  it('counts a label that is known too late as not fraud: a lower risk, not an error', () => {
    const engine = new OfflineFeatureEngine(HANDBOOK_15);
    engine.process(event(0, T0), { fraud: 1, knownAt: T0 + 7 * DAY + 1 });
    const early = engine.process(event(1, T0 + 7 * DAY));
    const later = engine.process(event(2, T0 + 7 * DAY + 1));

    expect([early[NB_7D], early[RISK_7D]]).toEqual([1, 0]);
    expect([later[NB_7D], later[RISK_7D]]).toEqual([1, 1]);
  });

  it('never uses a transaction in its own terminal risk', () => {
    const engine = new OfflineFeatureEngine(HANDBOOK_15);
    const vector = engine.process(event(0, T0), { fraud: 1, knownAt: T0 });

    expect(vector[RISK_7D]).toBe(0);
  });

  it('rejects an event without a key the feature set needs', () => {
    const engine = new OfflineFeatureEngine(HANDBOOK_15);
    const withoutTerminal = { ...event(0, T0), entities: { customerId: 'c0' } };

    expect(() => engine.process(withoutTerminal)).toThrow('event 0 has no "terminalId" key');
  });

  it('rejects events out of canonical order', () => {
    const engine = new OfflineFeatureEngine(HANDBOOK_15);
    engine.process(event(5, T0, 'same'));

    expect(() => engine.process({ ...event(4, T0, 'same') })).toThrow(RangeError);
  });

  it('works for any feature set, including one with no state', () => {
    const amountOnly = parseFeatureSet({
      name: 'a',
      version: 1,
      features: [{ name: 'A', kind: 'amount' }],
    });

    expect(new OfflineFeatureEngine(amountOnly).process(event(0, T0))).toEqual([10]);
  });
});
