import { handbookSplit } from './handbook.split';

/** Rows as [day, card, fraud]; a 1-day train, 1-day delay, 3-day test layout keeps it readable. */
const columns = (list: [number, number, number][]) => ({
  rows: list.length,
  days: Int32Array.from(list, (r) => r[0]),
  cards: Int32Array.from(list, (r) => r[1]),
  labels: Uint8Array.from(list, (r) => r[2]),
});

const periods = { trainDays: 1, delayDays: 1, testDays: 3 };

describe('handbookSplit', () => {
  it('trains on the training days and tests after the delay, leaving other days out', () => {
    const rows = columns([
      [9, 1, 0],
      [10, 1, 0], // train
      [11, 2, 0], // delay
      [12, 3, 0], // test
      [14, 4, 0], // test
      [15, 5, 0], // after the test period
    ]);
    const split = handbookSplit(rows, 10, periods);
    expect(Array.from(split.train)).toEqual([1]);
    expect(Array.from(split.test)).toEqual([3, 4]);
  });

  it('removes cards with a fraud in the training period from every test day', () => {
    const rows = columns([
      [10, 7, 1],
      [12, 7, 0],
      [13, 7, 0],
      [12, 8, 0],
    ]);
    expect(Array.from(handbookSplit(rows, 10, periods).test)).toEqual([3]);
  });

  it('adds, before test day D, the cards with a fraud on day D − delay − 1', () => {
    // Test days 12, 13, 14 learn of the frauds of days 10, 11, 12 respectively.
    const rows = columns([
      [11, 5, 1], // delay-day fraud: known from test day 13 on
      [12, 5, 0], // kept: on day 12 the day-11 fraud is not known yet
      [12, 6, 1], // a test-day fraud: kept that day...
      [13, 5, 0], // removed
      [13, 6, 0], // ...known only from day 14
      [14, 6, 0], // removed
    ]);
    expect(Array.from(handbookSplit(rows, 10, periods).test)).toEqual([1, 2, 4]);
  });

  it('defaults to the handbook’s 7 + 7 + 7 days', () => {
    const rows = columns([
      [0, 1, 0],
      [6, 1, 0],
      [7, 1, 0],
      [14, 2, 0],
      [20, 2, 0],
      [21, 2, 0],
    ]);
    const split = handbookSplit(rows, 0);
    expect(Array.from(split.train)).toEqual([0, 1]);
    expect(Array.from(split.test)).toEqual([3, 4]);
  });
});
