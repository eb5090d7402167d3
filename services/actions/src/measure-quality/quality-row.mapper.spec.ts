import type { Prediction } from '@rtml/contracts';
import { predictionFixture, shadowPredictionFixture } from '@rtml/contracts/testing';
import {
  QUALITY_ITEM_MAX_ROW_BYTES,
  qualityItemsOf,
  qualityRowOf,
  rowsOfItem,
} from './quality-row.mapper';

const DAY = 86_400_000;
const T0 = Date.UTC(2018, 5, 1, 23, 0);

const prediction = (i: number, eventTime: number, shadow = false): Prediction => ({
  ...(shadow ? shadowPredictionFixture : predictionFixture),
  eventId: `evt-${i}`,
  entityId: `c-${i % 7}`,
  eventTime,
  score: i / 1_000 + 1e-9,
});

describe('the quality items of a batch', () => {
  it('group its rows by UTC day under keys made of the partition and first offset, and read back exactly', () => {
    const batch = [
      prediction(1, T0),
      prediction(2, T0 + 2 * 3_600_000, true),
      prediction(3, T0 + 10),
    ];
    const items = qualityItemsOf({ partition: 3, firstOffset: '42' }, batch, 90);
    expect(items.map((item) => [item.day, item.batch])).toEqual([
      ['2018-06-01', '00003#00000000000000000042#0'],
      ['2018-06-02', '00003#00000000000000000042#0'],
    ]);
    expect(items.flatMap((item) => rowsOfItem(item))).toEqual(
      [batch[0]!, batch[2]!, batch[1]!].map(qualityRowOf),
    );
    expect(rowsOfItem(items[1]!)[0]!.shadow).toEqual({
      model: shadowPredictionFixture.shadow!.model.name,
      version: shadowPredictionFixture.shadow!.model.version,
      score: shadowPredictionFixture.shadow!.score,
    });
    // The same batch again: the same items.
    expect(qualityItemsOf({ partition: 3, firstOffset: '42' }, batch, 90)).toEqual(items);
  });

  it('cut a day into several items when its rows would not fit one', () => {
    const long = 'x'.repeat(190);
    const batch = Array.from({ length: 3_000 }, (_, i) => ({
      ...prediction(i, T0 - DAY),
      eventId: `${long}-${i}`,
    }));
    const items = qualityItemsOf({ partition: 0, firstOffset: '0' }, batch, 90);
    expect(items.length).toBeGreaterThan(1);
    for (const item of items)
      expect(Buffer.byteLength(item.rows)).toBeLessThanOrEqual(QUALITY_ITEM_MAX_ROW_BYTES + 2);
    expect(items.map((item) => item.batch.split('#')[2])).toEqual(items.map((_, i) => String(i)));
    expect(items.flatMap((item) => rowsOfItem(item))).toEqual(batch.map(qualityRowOf));
  });

  it('refuse to read an item this code did not write', () => {
    expect(() => rowsOfItem({ rows: '[["only-an-id"]]' })).toThrow('expected shape');
    expect(() => rowsOfItem({ rows: 'not json' })).toThrow('expected shape');
    expect(() => rowsOfItem({})).toThrow('expected shape');
  });
});
