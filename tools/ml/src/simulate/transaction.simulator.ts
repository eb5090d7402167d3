import { CustomerCompromises } from './customer-compromise.scenario';
import { generateCustomerDay } from './customer-day.generator';
import { isAmountFraud } from './fraud-scenario.rules';
import { RANDOM_STREAM } from './random-stream.keys';
import { SeededRandom } from './seeded.random';
import { generateCustomerProfiles, generateTerminalProfiles } from './simulation.profiles';
import { TerminalCompromises } from './terminal-compromise.scenario';
import { TerminalRadiusIndex } from './terminal-radius.index';
import type {
  CustomerProfile,
  SimulatedTransaction,
  SimulationParams,
  TerminalProfile,
} from './simulation.model';

export interface SimulatedDay {
  readonly day: number;
  /** Final labels and amounts, sorted by time, then customer id, then draw order. */
  readonly transactions: readonly SimulatedTransaction[];
}

/**
 * The handbook's simulator as a pure, streaming generator: no I/O, one day at a time, memory
 * bounded by the profiles, one day's transactions and the fraud scenarios' state.
 *
 * Labels follow the book's order of application, later scenarios overriding earlier ones:
 * 1 is judged on the amount as drawn, 2 relabels, 3 relabels (and multiplies the amount).
 * Terminals and customers are compromised on every day of the run, as the reference text says;
 * the book's code skips its last day (`range(TX_TIME_DAYS.max())`), a one-day difference.
 */
export class TransactionSimulator {
  readonly terminals: readonly TerminalProfile[];
  readonly customers: readonly CustomerProfile[];
  private readonly terminalFrauds: TerminalCompromises;
  private readonly customerFrauds: CustomerCompromises;
  /**
   * Customer-days generated early for scenario 3, until emitted: at most 3 customers x 14 days
   * per open window. Keyed customer x days + day, hence the constructor's safe-integer check.
   */
  private readonly ahead = new Map<number, SimulatedTransaction[]>();
  private readonly random = new SeededRandom(0);

  constructor(private readonly params: SimulationParams) {
    const { customers, terminals, days, seed, radius } = params;
    if (!Number.isSafeInteger(customers * days)) {
      throw new RangeError(`customers x days must be a safe integer, got ${customers} x ${days}`);
    }
    this.terminals = generateTerminalProfiles(terminals, seed);
    const index = new TerminalRadiusIndex(this.terminals, radius);
    this.customers = generateCustomerProfiles(customers, seed, index);
    this.terminalFrauds = new TerminalCompromises(terminals, seed);
    this.customerFrauds = new CustomerCompromises(customers, days - 1, seed);
  }

  /** The run's days in order; each is final once yielded. Iterate once. */
  *days(): Generator<SimulatedDay> {
    for (let day = 0; day < this.params.days; day++) yield this.simulateDay(day);
  }

  private simulateDay(day: number): SimulatedDay {
    this.terminalFrauds.startDay(day);
    this.customerFrauds.startDay(day, (customerId, aheadDay) => this.peek(customerId, aheadDay));
    const transactions: SimulatedTransaction[] = [];
    for (const customer of this.customers) {
      for (const transaction of this.take(customer.id, day)) {
        if (
          transaction.scenario !== 3 &&
          this.terminalFrauds.isCompromised(transaction.terminalId, day)
        ) {
          transaction.scenario = 2;
        }
        transactions.push(transaction);
      }
    }
    return { day, transactions: transactions.sort(byTime) };
  }

  /** A future (or current) customer-day, generated once and kept until its day is emitted. */
  private peek(customerId: number, day: number): SimulatedTransaction[] {
    const key = customerId * this.params.days + day;
    let transactions = this.ahead.get(key);
    if (transactions === undefined) {
      transactions = this.generate(customerId, day);
      this.ahead.set(key, transactions);
    }
    return transactions;
  }

  private take(customerId: number, day: number): SimulatedTransaction[] {
    const key = customerId * this.params.days + day;
    const kept = this.ahead.get(key);
    if (kept === undefined) return this.generate(customerId, day);
    this.ahead.delete(key);
    return kept;
  }

  /** The same (seed, customer, day) always gives the same draws, whenever it is generated. */
  private generate(customerId: number, day: number): SimulatedTransaction[] {
    const profile = this.customers[customerId] as CustomerProfile;
    this.random.reseed(this.params.seed, RANDOM_STREAM.customerDay, customerId, day);
    const transactions = generateCustomerDay(profile, day, this.random);
    for (const transaction of transactions) {
      if (isAmountFraud(transaction.amount)) transaction.scenario = 1;
    }
    return transactions;
  }
}

const byTime = (a: SimulatedTransaction, b: SimulatedTransaction): number =>
  a.timeSeconds - b.timeSeconds || a.customerId - b.customerId || a.sequence - b.sequence;
