import { entryAt } from '@rtml/feature-engine';
import type { FeatureEvent } from '@rtml/feature-engine';
import { decodeWindow, encodeRecord } from './window-record.codec';
import { WINDOW_HEADER_BYTES } from './window-store.scripts';
import type { WindowRead } from './window-record.codec';

const event = (eventId: string, time: number, seq: number, amount: number): FeatureEvent => ({
  eventId,
  time,
  seq,
  amount,
  entities: {},
});

/** A stored window: the header (newest time) and the records in the order given. */
const windowOf = (...events: FeatureEvent[]): Buffer => {
  const header = Buffer.alloc(WINDOW_HEADER_BYTES);
  header.writeDoubleBE(Math.max(...events.map((e) => e.time)));
  return Buffer.concat([header, ...events.map(encodeRecord)]);
};

const all: WindowRead = { after: -Infinity, upto: Infinity, frauds: [] };
const entries = (window: Buffer | undefined, read = all) => {
  const packed = decodeWindow(window, read);
  return Array.from({ length: packed.length }, (_, i) => entryAt(packed, i));
};

describe('the binary window records', () => {
  it('decodes every number exactly as encoded, and ids of any text', () => {
    const stored = event('tx:é-😀', 1_522_540_831, 9_007_199_254_740_991, 0.1 + 0.2);

    expect(entries(windowOf(stored))).toEqual([
      {
        time: 1_522_540_831,
        seq: 9_007_199_254_740_991,
        value: 0.1 + 0.2,
        fraud: null,
        eventId: 'tx:é-😀',
      },
    ]);
  });

  it('puts records in canonical (time, seq, id) order whatever order they arrived in', () => {
    const window = windowOf(
      event('c', 20, 1, 3),
      event('b', 10, 2, 2),
      event('z', 10, 1, 1),
      event('a', 10, 1, 4),
    );

    expect(entries(window).map((e) => e.eventId)).toEqual(['a', 'z', 'b', 'c']);
  });

  it('keeps only records timed in (after, upto]', () => {
    const window = windowOf(event('a', 10, 0, 1), event('b', 11, 0, 1), event('c', 15, 0, 1));

    expect(entries(window, { after: 10, upto: 14, frauds: [] }).map((e) => e.eventId)).toEqual([
      'b',
    ]);
  });

  it('marks a record fraud only when the fraud set holds its id at its time', () => {
    const window = windowOf(event('a', 10, 0, 1), event('b', 11, 0, 1));
    const frauds = [Buffer.from('a'), Buffer.from('10'), Buffer.from('b'), Buffer.from('12')];

    expect(entries(window, { ...all, frauds }).map((e) => e.fraud)).toEqual([1, null]);
  });

  it('reads no window as no entries', () => {
    expect(entries(undefined)).toEqual([]);
  });

  it.each([
    ['a header cut short', (w: Buffer) => w.subarray(0, WINDOW_HEADER_BYTES - 1)],
    ['a record cut short', (w: Buffer) => w.subarray(0, WINDOW_HEADER_BYTES + 20)],
    ['an id cut short', (w: Buffer) => w.subarray(0, w.length - 1)],
  ])('calls %s corrupt state: a retriable INTERNAL error', (_, cut) => {
    const window = cut(windowOf(event('abc', 10, 0, 1)));

    expect(() => decodeWindow(window, all)).toThrow(
      expect.objectContaining({ code: 'INTERNAL', retriable: true }),
    );
  });
});
