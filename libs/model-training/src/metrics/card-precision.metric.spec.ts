import { cardNumbers, cardPrecisionAtK } from './card-precision.metric';

/** Rows as [day, card, label, score]. */
const rows = (list: [number, number, number, number][]) => ({
  days: list.map((r) => r[0]),
  cards: list.map((r) => r[1]),
  labels: list.map((r) => r[2]),
  scores: list.map((r) => r[3]),
});

describe('cardPrecisionAtK', () => {
  it('scores a card by its best transaction of the day and labels it by its worst', () => {
    const result = cardPrecisionAtK(
      rows([
        [1, 7, 0, 0.2],
        [1, 7, 1, 0.1], // card 7: score 0.2, label 1
        [1, 8, 0, 0.9],
        [1, 9, 0, 0.3],
      ]),
      2,
    );
    // Top 2 cards: 8 (0.9, genuine), 9 (0.3, genuine); card 7 (0.2) misses the cut.
    expect(result.perDay).toEqual([{ day: 1, cards: 3, detected: 0, precision: 0 }]);
    expect(
      cardPrecisionAtK(
        rows([
          [1, 7, 0, 0.2],
          [1, 7, 1, 0.1],
          [1, 8, 0, 0.1],
        ]),
        1,
      ).mean,
    ).toBe(1);
  });

  it('excludes from later days only the compromised cards found in an earlier top k', () => {
    const result = cardPrecisionAtK(
      rows([
        [1, 1, 1, 0.9], // found on day 1
        [1, 2, 0, 0.95],
        [1, 3, 1, 0.7], // compromised but not in day 1's top 2: stays eligible
        [2, 1, 1, 0.99], // excluded on day 2
        [2, 3, 1, 0.6],
        [2, 4, 0, 0.5],
      ]),
      2,
    );
    expect(result.perDay).toEqual([
      { day: 1, cards: 3, detected: 1, precision: 0.5 },
      { day: 2, cards: 2, detected: 1, precision: 0.5 },
    ]);
    expect(result.mean).toBe(0.5);
  });

  it('divides by k even on a day with fewer than k cards', () => {
    expect(cardPrecisionAtK(rows([[1, 1, 1, 0.5]]), 100).mean).toBe(0.01);
  });

  it('counts a day whose cards were all excluded as precision 0; days without rows do not exist', () => {
    const result = cardPrecisionAtK(
      rows([
        [1, 1, 1, 0.9],
        [3, 1, 1, 0.9],
      ]),
      1,
    );
    expect(result.perDay.map((d) => [d.day, d.precision])).toEqual([
      [1, 1],
      [3, 0],
    ]);
    expect(result.mean).toBe(0.5);
    expect(cardPrecisionAtK(rows([]), 100).mean).toBeNaN();
  });

  it('breaks equal card scores by lower card id, as the handbook’s groupby order does', () => {
    const tied = rows([
      [1, 5, 0, 0.5],
      [1, 4, 1, 0.5],
    ]);
    expect(cardPrecisionAtK(tied, 1).mean).toBe(1);
  });

  it('takes days in increasing order whatever the row order', () => {
    const result = cardPrecisionAtK(
      rows([
        [2, 1, 1, 0.9],
        [1, 1, 1, 0.9],
      ]),
      1,
    );
    expect(result.perDay.map((d) => d.detected)).toEqual([1, 0]);
  });
});

describe('card numbers', () => {
  it('are the ids when every id is a decimal integer, else ranks in code-unit order', () => {
    expect(cardNumbers(['12', '3', '12'])).toEqual([12, 3, 12]);
    expect(cardNumbers(['b', '10', 'a', 'b'])).toEqual([2, 0, 1, 2]);
    expect(cardNumbers(['007'])).toEqual([0]);
  });
});
