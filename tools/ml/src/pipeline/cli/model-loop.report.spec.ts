import { BOOK_BEST, loopTable, meansOf } from './model-loop.report';
import type { LoopWeek } from './model-loop.report';

const week = (from: string, auc: number | null, frozenAuc: number): LoopWeek => ({
  from,
  to: from,
  servedBy: ['1', '2'],
  champion: { events: 10, frauds: 2, auc, ap: 0.5, cardPrecision: 0.2 },
  frozen: { events: 10, frauds: 2, auc: frozenAuc, ap: 0.4, cardPrecision: 0.1 },
});

describe('the model loop report', () => {
  const weeks = [
    week('2018-06-01', 0.9, 0.8),
    week('2018-06-08', null, 0.7),
    week('2018-06-15', 0.8, 0.6),
  ];

  it('averages each metric over the weeks where it is defined', () => {
    expect(meansOf(weeks, 'champion').auc).toBeCloseTo(0.85, 12);
    expect(meansOf(weeks, 'frozen')).toEqual({
      auc: expect.closeTo(0.7, 12),
      ap: expect.closeTo(0.4, 12),
      cardPrecision: expect.closeTo(0.1, 12),
    });
    expect(meansOf([], 'champion')).toEqual({ auc: null, ap: null, cardPrecision: null });
  });

  it('prints a row per week, the means and the book’s best', () => {
    const lines = loopTable(weeks);
    expect(lines).toHaveLength(2 + 3 + 2);
    expect(lines[3]).toBe(
      '| 2018-06-08…2018-06-08 | 1, 2 | 10 | 2 | n/a | 0.500 | 0.200 | 0.700 | 0.400 | 0.100 |',
    );
    expect(lines[5]).toBe('| **mean** | | | | 0.850 | 0.500 | 0.200 | 0.700 | 0.400 | 0.100 |');
    expect(lines[6]).toContain(`${BOOK_BEST.auc.toFixed(3)} | ${BOOK_BEST.ap.toFixed(3)}`);
  });
});
