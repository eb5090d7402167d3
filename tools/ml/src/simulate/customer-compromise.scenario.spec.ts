import { CustomerCompromises } from './customer-compromise.scenario';
import type { CustomerDayLookup } from './customer-compromise.scenario';
import type { SimulatedTransaction } from './simulation.model';

/** Every customer makes `perDay` transactions of 10.00 each day; the lookup records the days read. */
function world(customers: number, days: number, perDay: number) {
  const byKey = new Map<string, SimulatedTransaction[]>();
  for (let customerId = 0; customerId < customers; customerId++) {
    for (let day = 0; day < days; day++) {
      const transactions = Array.from({ length: perDay }, (_, sequence) => ({
        timeSeconds: day * 86_400 + 3_600 * (sequence + 1),
        day,
        customerId,
        terminalId: 0,
        amount: 10,
        scenario: 0 as const,
        sequence,
      }));
      byKey.set(`${customerId}/${day}`, transactions);
    }
  }
  const daysRead = new Set<number>();
  const lookup: CustomerDayLookup = (customerId, day) => {
    daysRead.add(day);
    return byKey.get(`${customerId}/${day}`) ?? [];
  };
  const all = (): SimulatedTransaction[] => [...byKey.values()].flat();
  return { lookup, daysRead, all };
}

describe('CustomerCompromises', () => {
  it('marks floor(n / 3) of the pooled transactions in the 14 days from the compromise day', () => {
    // Three customers: all of them are drawn. 3 customers x 14 days x 2 = 84 in the window.
    const { lookup, daysRead, all } = world(3, 30, 2);
    const result = new CustomerCompromises(3, 29, 1).startDay(5, lookup);
    const marked = all().filter((t) => t.scenario === 3);

    expect(result).toEqual({ customers: expect.any(Array), inWindow: 84, marked: 28 });
    expect(marked).toHaveLength(28);
    expect([...daysRead].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 14 }, (_, i) => 5 + i),
    );
    expect(marked.every((t) => t.day >= 5 && t.day <= 18)).toBe(true);
  });

  it('multiplies the marked amounts by 5 and leaves the others as drawn', () => {
    const { lookup, all } = world(3, 30, 2);
    new CustomerCompromises(3, 29, 2).startDay(0, lookup);

    for (const t of all()) expect(t.amount).toBe(t.scenario === 3 ? 50 : 10);
  });

  it('draws 3 distinct customers among many and touches no one else', () => {
    const { lookup, all } = world(50, 14, 3);
    const result = new CustomerCompromises(50, 13, 3).startDay(0, lookup);
    const touched = new Set(
      all()
        .filter((t) => t.scenario === 3)
        .map((t) => t.customerId),
    );

    expect(new Set(result.customers).size).toBe(3);
    expect([...touched].every((id) => result.customers.includes(id))).toBe(true);
    expect(result.marked).toBe(Math.floor((3 * 14 * 3) / 3));
  });

  it('cuts the window at the last day of the run', () => {
    const { lookup, daysRead } = world(3, 10, 1);
    const result = new CustomerCompromises(3, 9, 4).startDay(7, lookup);

    expect([...daysRead].sort()).toEqual([7, 8, 9]);
    expect(result).toMatchObject({ inWindow: 9, marked: 3 });
  });

  it('lets overlapping windows pick a transaction twice, multiplying it by 25', () => {
    const { lookup, all } = world(3, 30, 2);
    const scenario = new CustomerCompromises(3, 29, 5);
    let marks = 0;
    for (let day = 0; day < 5; day++) marks += scenario.startDay(day, lookup).marked;
    const timesMarked = all().map((t) => Math.round(Math.log(t.amount / 10) / Math.log(5)));

    expect(timesMarked.reduce((sum, k) => sum + k, 0)).toBe(marks);
    expect(timesMarked.some((k) => k >= 2)).toBe(true);
  });
});
