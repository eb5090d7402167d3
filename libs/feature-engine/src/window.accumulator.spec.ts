/*
 * Selection rules of the accumulation, through the public computeFeatureVector: what an event
 * sees among tied, duplicated and unordered entries.
 */
import { computeFeatureVector } from './feature-vector.calculator';
import { T, entry, event, planOf, vector, windowFeature } from './feature-vector.fixture';
import { WindowEntryBuffer } from './window-entry.buffer';
import type { WindowEntry } from './window-entry.model';
import { entryAt, packEntries } from './window-entry.packing';
import type { PackedEntries } from './window-entry.packing';

const DAY = 86_400;

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
