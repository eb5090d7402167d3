import { WindowEntryBuffer } from './window-entry.buffer';
import type { WindowEntry } from './window-entry.model';
import { entryAt } from './window-entry.packing';

const entry = (time: number, seq = time): WindowEntry => ({
  time,
  seq,
  value: time + 0.5,
  fraud: null,
  eventId: `e${seq}`,
});

const contents = (buffer: WindowEntryBuffer): number[] =>
  Array.from({ length: buffer.length }, (_, i) => entryAt(buffer, i).time);

describe('WindowEntryBuffer', () => {
  it('keeps appended entries in order and refuses one that would come earlier', () => {
    const buffer = new WindowEntryBuffer();
    buffer.append(entry(1));
    buffer.append(entry(2));

    expect(() => buffer.append(entry(2))).toThrow(RangeError);
    expect(() => buffer.append(entry(1, 9))).toThrow(RangeError);
    expect(contents(buffer)).toEqual([1, 2]);
  });

  it('expires entries at or before latest time − horizon', () => {
    const buffer = new WindowEntryBuffer();
    [10, 20, 30].forEach((time) => buffer.append(entry(time)));
    buffer.expire(40, 20);

    expect(contents(buffer)).toEqual([30]);
  });

  it('keeps every live entry while it grows and reclaims expired space', () => {
    const buffer = new WindowEntryBuffer();
    for (let time = 1; time <= 1_000; time++) {
      buffer.append(entry(time));
      buffer.expire(time, 50);
    }

    expect(contents(buffer)).toEqual(Array.from({ length: 50 }, (_, i) => 951 + i));
    expect(buffer.fields.length).toBeLessThanOrEqual(4 * 128);
    expect(entryAt(buffer, 0)).toEqual(entry(951));
  });

  it('records a label on the matching entry only', () => {
    const buffer = new WindowEntryBuffer();
    [entry(5, 1), entry(5, 2), entry(6, 3)].forEach((e) => buffer.append(e));

    expect(buffer.setFraud(entry(5, 2), 1)).toBe(true);
    expect(contents(buffer).map((_, i) => entryAt(buffer, i).fraud)).toEqual([null, 1, null]);
  });

  it('labels an entry by the position append returned, even after the buffer moved it', () => {
    const buffer = new WindowEntryBuffer();
    const positions = Array.from({ length: 100 }, (_, i) => buffer.append(entry(i)));
    buffer.expire(99, 30);

    expect(buffer.setFraudAt(positions[80] as number, 1)).toBe(true);
    expect(entryAt(buffer, 80 - 70).fraud).toBe(1);
    expect(buffer.setFraudAt(positions[10] as number, 1)).toBe(false);
  });

  it('reports a label for an entry that is not (or no longer) there', () => {
    const buffer = new WindowEntryBuffer();
    buffer.append(entry(5));
    buffer.append(entry(50));
    buffer.expire(60, 20);

    expect(buffer.setFraud(entry(5), 1)).toBe(false);
    expect(buffer.setFraud(entry(7), 1)).toBe(false);
  });
});
