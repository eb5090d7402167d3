/** Summary statistics of a transaction set, comparable between a simulation and the reference. */
export interface TransactionStatsReport {
  readonly rows: number;
  readonly customers: number;
  readonly days: number;
  readonly txPerCustomerDay: number;
  readonly amountMean: number;
  readonly amountMedian: number;
  readonly amountP90: number;
  readonly frauds: number;
  readonly fraudRate: number;
  /** Row counts by fraud scenario 1, 2, 3, and the same as shares of all rows. */
  readonly byScenario: Readonly<Record<'1' | '2' | '3', number>>;
  readonly fraudRateByScenario: Readonly<Record<'1' | '2' | '3', number>>;
}

/**
 * Accumulates rows one at a time in memory bounded by the number of distinct amounts (a count
 * per cent value), so it can follow a 1.75M-row file or a run of any length.
 */
export class TransactionStats {
  private rows = 0;
  private amountSum = 0;
  private maxCustomerId = -1;
  private maxDay = -1;
  private readonly scenarioCounts = [0, 0, 0, 0];
  private readonly centsCounts = new Map<number, number>();

  add(customerId: number, day: number, amount: number, scenario: number): void {
    this.rows += 1;
    this.amountSum += amount;
    if (customerId > this.maxCustomerId) this.maxCustomerId = customerId;
    if (day > this.maxDay) this.maxDay = day;
    this.scenarioCounts[scenario] = (this.scenarioCounts[scenario] ?? 0) + 1;
    const cents = Math.round(amount * 100);
    this.centsCounts.set(cents, (this.centsCounts.get(cents) ?? 0) + 1);
  }

  /**
   * Customers and days default to the largest ids seen + 1: a customer who never transacts is
   * still a customer of the run, so pass the run's sizes when they are known.
   */
  report(customers = this.maxCustomerId + 1, days = this.maxDay + 1): TransactionStatsReport {
    const [, s1 = 0, s2 = 0, s3 = 0] = this.scenarioCounts;
    const rows = this.rows;
    const share = (count: number): number => (rows === 0 ? 0 : count / rows);
    return {
      rows,
      customers,
      days,
      txPerCustomerDay: rows / (customers * days),
      amountMean: share(this.amountSum),
      amountMedian: this.quantile(0.5),
      amountP90: this.quantile(0.9),
      frauds: s1 + s2 + s3,
      fraudRate: share(s1 + s2 + s3),
      byScenario: { '1': s1, '2': s2, '3': s3 },
      fraudRateByScenario: { '1': share(s1), '2': share(s2), '3': share(s3) },
    };
  }

  /** numpy's default (linear) quantile over amounts in cents, returned in currency units. */
  private quantile(q: number): number {
    if (this.rows === 0) return Number.NaN;
    const position = q * (this.rows - 1);
    const lower = this.valueAtRank(Math.floor(position));
    const upper = this.valueAtRank(Math.ceil(position));
    return (lower + (upper - lower) * (position - Math.floor(position))) / 100;
  }

  private valueAtRank(rank: number): number {
    let seen = 0;
    for (const cents of [...this.centsCounts.keys()].sort((a, b) => a - b)) {
      seen += this.centsCounts.get(cents) ?? 0;
      if (seen > rank) return cents;
    }
    throw new RangeError(`rank ${rank} is past the ${this.rows} rows`);
  }
}
