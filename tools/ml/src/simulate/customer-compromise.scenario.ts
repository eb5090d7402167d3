import { FRAUD_RULES } from './fraud-scenario.rules';
import { sampleDistinct } from './distinct.sample';
import { RANDOM_STREAM } from './random-stream.keys';
import { SeededRandom } from './seeded.random';
import type { SimulatedTransaction } from './simulation.model';

/**
 * A customer's transactions on a day, as the objects that will be emitted: the scenario marks
 * them in place, so a lookup for a future day must generate that day ahead and keep it.
 */
export type CustomerDayLookup = (customerId: number, day: number) => SimulatedTransaction[];

export interface CustomerCompromise {
  readonly customers: number[];
  /** Transactions of those customers in the window, and how many of them were marked. */
  readonly inWindow: number;
  readonly marked: number;
}

/**
 * Scenario 3, as the book's code does it: each day, 3 distinct random customers are
 * compromised; their transactions from that day through the 13 days after it (14 days, cut at
 * the run's last day) are pooled, and floor(n / 3) of the pool, drawn uniformly without
 * replacement, get their amount multiplied by 5 and are labelled 3. The third is of the pool,
 * not of each customer. Overlapping windows of one customer are independent draws, so a
 * transaction can be picked twice and multiplied by 25: the reference file has such amounts
 * (2,628.00 cannot be 5 x a draw for a mean of at most 100).
 */
export class CustomerCompromises {
  private readonly random = new SeededRandom(0);

  constructor(
    private readonly customerCount: number,
    private readonly lastDay: number,
    private readonly seed: number,
  ) {}

  startDay(day: number, lookup: CustomerDayLookup): CustomerCompromise {
    this.random.reseed(this.seed, RANDOM_STREAM.customerCompromise, day);
    const customers = sampleDistinct(this.random, this.customerCount, FRAUD_RULES.customersPerDay);
    const windowEnd = Math.min(day + FRAUD_RULES.customerWindowDays - 1, this.lastDay);
    const pool: SimulatedTransaction[] = [];
    for (const customerId of customers) {
      for (let windowDay = day; windowDay <= windowEnd; windowDay++) {
        pool.push(...lookup(customerId, windowDay));
      }
    }
    const count = Math.floor(pool.length / FRAUD_RULES.customerShareDivisor);
    for (const index of sampleDistinct(this.random, pool.length, count)) {
      const transaction = pool[index] as SimulatedTransaction;
      transaction.amount *= FRAUD_RULES.amountMultiplier;
      transaction.scenario = 3;
    }
    return { customers, inWindow: pool.length, marked: count };
  }
}
