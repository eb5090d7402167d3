import type { WindowEntry } from './window-entry.model';
import { compareEntryAt, compareIndices, entryAt, packEntries } from './window-entry.packing';

const entry = (time: number, seq: number, eventId = `e${seq}`): WindowEntry => ({
  time,
  seq,
  value: time / 10,
  fraud: seq % 2 === 0 ? 1 : null,
  eventId,
});

describe('packEntries', () => {
  it('packs entries in canonical (time, seq, eventId) order whatever the input order', () => {
    const entries = [entry(20, 1), entry(10, 5), entry(10, 2), entry(10, 2, 'a')];
    const packed = packEntries(entries);

    expect(Array.from({ length: packed.length }, (_, i) => entryAt(packed, i))).toEqual([
      entry(10, 2, 'a'),
      entry(10, 2),
      entry(10, 5),
      entry(20, 1),
    ]);
    expect(packed.canonical).toBe(true);
  });

  it('keeps unknown and known labels apart', () => {
    const packed = packEntries([entry(1, 1), entry(2, 2)]);

    expect([entryAt(packed, 0).fraud, entryAt(packed, 1).fraud]).toEqual([null, 1]);
  });

  it('refuses an index outside the entries', () => {
    expect(() => entryAt(packEntries([entry(1, 1)]), 1)).toThrow(RangeError);
  });
});

describe('compareEntryAt / compareIndices', () => {
  const packed = packEntries([entry(10, 1), entry(10, 2), entry(11, 0)]);

  it('orders by time, then seq, then eventId', () => {
    expect(compareEntryAt(packed, 0, 10, 2, 'e2')).toBeLessThan(0);
    expect(compareEntryAt(packed, 1, 10, 2, 'e2')).toBe(0);
    expect(compareEntryAt(packed, 1, 10, 2, 'e1')).toBeGreaterThan(0);
    expect(compareEntryAt(packed, 2, 10, 99, 'x')).toBeGreaterThan(0);
  });

  it('compares two entries of the same packed array', () => {
    expect(compareIndices(packed, 0, 1)).toBeLessThan(0);
    expect(compareIndices(packed, 2, 1)).toBeGreaterThan(0);
    expect(compareIndices(packed, 1, 1)).toBe(0);
  });
});
