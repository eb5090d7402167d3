import type { FeatureEvent } from './feature-event.model';
import { compileFeaturePlan } from './feature-plan.compiler';
import type { Aggregation } from './feature-set.model';
import { parseFeatureSet } from './feature-set.parser';
import { computeFeatureVector } from './feature-vector.calculator';
import type { WindowEntry } from './window-entry.model';
import { WindowEntryBuffer } from './window-entry.buffer';
import { entryAt, packEntries } from './window-entry.packing';
import type { PackedEntries } from './window-entry.packing';

const DAY = 86_400;
const T = 1_000 * DAY + 12 * 3_600; // a Tuesday noon, far from the epoch

const windowFeature = (aggregation: Aggregation, windowDays: number, delayDays = 0) => ({
  name: `${aggregation.toUpperCase()}_${windowDays}D_DELAY_${delayDays}D`,
  kind: 'window',
  entity: 'cardId',
  windowDays,
  delayDays,
  aggregation,
  labelDriven: aggregation === 'ratio',
});

const planOf = (...features: ReturnType<typeof windowFeature>[]) =>
  compileFeaturePlan(parseFeatureSet({ name: 'spec', version: 1, features }));

const event = (overrides: Partial<FeatureEvent> = {}): FeatureEvent => ({
  eventId: 'current',
  time: T,
  seq: 100,
  amount: 10,
  entities: { cardId: 'c1' },
  ...overrides,
});

let nextSeq = 0;
const entry = (time: number, value = 1, fraud: 0 | 1 | null = 0, seq = nextSeq++): WindowEntry => ({
  time,
  seq,
  value,
  fraud,
  eventId: `e${seq}`,
});

const vector = (plan: ReturnType<typeof planOf>, entries: WindowEntry[], e = event()) =>
  computeFeatureVector(plan, e, { cardId: entries });

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

describe('computeFeatureVector: ties in the same second', () => {
  it('sees the events processed before it and itself, not the ones after', () => {
    const plan = planOf(windowFeature('count', 1), windowFeature('sum', 1));
    const before = entry(T, 1, 0, 99);
    const after = entry(T, 1000, 0, 101);

    expect(vector(plan, [before, after])).toEqual([2, 11]);
  });

  it('orders events with the same time and seq by eventId', () => {
    const plan = planOf(windowFeature('count', 1));
    const sameTimeAndSeq = (eventId: string): WindowEntry => ({ ...entry(T, 1, 0, 100), eventId });

    expect(vector(plan, [sameTimeAndSeq('a'), sameTimeAndSeq('z')])).toEqual([2]);
  });

  it('ignores a stored copy of the event itself, so it is counted once and its label unused', () => {
    const plan = planOf(windowFeature('count', 1), windowFeature('ratio', 1));
    const storedCopy: WindowEntry = { time: T, seq: 100, value: 10, fraud: 1, eventId: 'current' };

    expect(vector(plan, [storedCopy])).toEqual([1, 0]);
  });
});

describe('computeFeatureVector: duplicates', () => {
  it('counts an entry stored twice (a repeated write) once', () => {
    const plan = planOf(windowFeature('count', 1), windowFeature('sum', 1));
    const stored = entry(T - 60, 5);

    expect(vector(plan, [stored, { ...stored }, stored])).toEqual([2, 15]);
  });
});

describe('computeFeatureVector: arrival order', () => {
  const plan = planOf(
    windowFeature('count', 1),
    windowFeature('sum', 30),
    windowFeature('mean', 7),
    windowFeature('ratio', 7, 7),
  );
  const entries = Array.from({ length: 200 }, (_, i) =>
    entry(T - ((i * 7919) % (40 * DAY)), Math.round(((i * 37) % 1000) * 1.37) / 100, (i % 5) as 0),
  );
  entries.push(entry(T, 3.33, null, 50), entry(T, 7.77, null, 150));

  it('gives the same vector, to the last bit, for shuffled entries', () => {
    const expected = vector(plan, entries);
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 20; round++) {
      const shuffled = [...entries].sort(() => random() - 0.5);
      expect(vector(plan, shuffled)).toEqual(expected);
    }
  });

  it('gives the same vector for the entries as a list, packed, or in a buffer', () => {
    const expected = vector(plan, entries);
    const buffer = new WindowEntryBuffer();
    for (const e of packEntriesInOrder(entries)) buffer.append(e);
    const packed = packEntries(entries);
    const unsortedPacked: PackedEntries = {
      ...packEntries([...entries].reverse()),
      canonical: false,
    };
    reverseInPlace(unsortedPacked);

    expect(computeFeatureVector(plan, event(), { cardId: packed })).toEqual(expected);
    expect(computeFeatureVector(plan, event(), { cardId: buffer })).toEqual(expected);
    expect(computeFeatureVector(plan, event(), { cardId: unsortedPacked })).toEqual(expected);
  });

  it('sums in (time, seq) order, whatever order the store returns', () => {
    const sumPlan = planOf(windowFeature('sum', 1));
    const inOrder = [entry(T - 3, 0.1), entry(T - 2, 0.2), entry(T - 1, 0.3)];
    const canonical = 0.1 + 0.2 + 0.3 + 0;

    expect(vector(sumPlan, inOrder, event({ amount: 0 }))).toEqual([canonical]);
    expect(vector(sumPlan, [...inOrder].reverse(), event({ amount: 0 }))).toEqual([canonical]);
    expect(canonical).not.toBe(0.3 + 0.2 + 0.1);
  });
});

/** The entries in canonical order, as a buffer would receive them. */
function packEntriesInOrder(entries: WindowEntry[]): WindowEntry[] {
  const packed = packEntries(entries);
  return Array.from({ length: packed.length }, (_, i) => entryAt(packed, i));
}

/** Reverses packed entries in place, so a reader must sort them back. */
function reverseInPlace(packed: PackedEntries): void {
  const fields = packed.fields as Float64Array;
  const ids = packed.eventIds as string[];
  const n = packed.length;
  const copy = Float64Array.from(fields);
  for (let i = 0; i < n; i++) fields.set(copy.subarray((n - 1 - i) * 4, (n - i) * 4), i * 4);
  ids.reverse();
}

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
