import { TransactionStats } from './transaction.stats';

describe('TransactionStats', () => {
  it('reports counts, rates and numpy-style linear quantiles of the amounts', () => {
    const stats = new TransactionStats();
    const rows: [number, number, number, number][] = [
      [0, 0, 1, 0],
      [1, 0, 2, 0],
      [1, 1, 3, 1],
      [3, 1, 4, 2],
      [3, 1, 10, 3],
    ];
    for (const [customer, day, amount, scenario] of rows)
      stats.add(customer, day, amount, scenario);

    expect(stats.report()).toEqual({
      rows: 5,
      customers: 4,
      days: 2,
      txPerCustomerDay: 5 / 8,
      amountMean: 4,
      amountMedian: 3,
      // numpy.quantile([1, 2, 3, 4, 10], 0.9) = 4 + 0.6 x (10 - 4)
      amountP90: 7.6,
      frauds: 3,
      fraudRate: 0.6,
      byScenario: { '1': 1, '2': 1, '3': 1 },
      fraudRateByScenario: { '1': 0.2, '2': 0.2, '3': 0.2 },
    });
  });

  it('divides by the run size when given, since a customer may never transact', () => {
    const stats = new TransactionStats();
    stats.add(0, 0, 5, 0);

    expect(stats.report(10, 5).txPerCustomerDay).toBe(1 / 50);
  });

  it('counts amounts by cents, so float noise in a scenario-3 amount does not split a value', () => {
    const stats = new TransactionStats();
    stats.add(0, 0, 17.13 * 5, 3);
    stats.add(0, 0, 85.65, 0);
    stats.add(0, 0, 100, 0);

    expect(stats.report().amountMedian).toBe(85.65);
  });
});
