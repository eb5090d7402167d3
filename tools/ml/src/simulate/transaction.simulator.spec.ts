import { TransactionSimulator } from './transaction.simulator';
import type { SimulatedTransaction, SimulationParams } from './simulation.model';

const SMALL: SimulationParams = { customers: 300, terminals: 600, days: 40, seed: 1, radius: 5 };

function run(params: SimulationParams): {
  simulator: TransactionSimulator;
  rows: SimulatedTransaction[];
} {
  const simulator = new TransactionSimulator(params);
  const rows = [...simulator.days()].flatMap((day) => [...day.transactions]);
  return { simulator, rows };
}

describe('TransactionSimulator', () => {
  const { simulator, rows } = run(SMALL);

  it('gives the same transactions for the same seed and different ones for another seed', () => {
    expect(run(SMALL).rows).toEqual(rows);
    expect(run({ ...SMALL, seed: 2 }).rows).not.toEqual(rows);
  });

  it('yields each day in order, its transactions sorted by time', () => {
    const days = [...new TransactionSimulator(SMALL).days()];
    const misplaced = days.flatMap(({ day, transactions }) =>
      transactions.filter(
        (t, i) =>
          t.day !== day ||
          Math.floor(t.timeSeconds / 86_400) !== day ||
          (i > 0 && t.timeSeconds < (transactions[i - 1]?.timeSeconds ?? 0)),
      ),
    );

    expect(days.map((d) => d.day)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(misplaced).toEqual([]);
  });

  it('uses only terminals within the radius of the customer', () => {
    const outOfReach = rows.filter(
      (t) => !simulator.customers[t.customerId]?.terminals.includes(t.terminalId),
    );

    expect(outOfReach).toEqual([]);
  });

  it('labels every amount above 220 as fraud and keeps genuine amounts at or below it', () => {
    expect(rows.filter((t) => t.amount > 220 && t.scenario === 0)).toEqual([]);
    expect(rows.some((t) => t.scenario === 1)).toBe(true);
  });

  it('labels every transaction of a compromised terminal on a day, unless scenario 3 took it', () => {
    const terminalDays = new Set(
      rows.filter((t) => t.scenario === 2).map((t) => `${t.terminalId}/${t.day}`),
    );
    const atThem = rows.filter((t) => terminalDays.has(`${t.terminalId}/${t.day}`));

    expect(terminalDays.size).toBeGreaterThan(0);
    expect(atThem.every((t) => t.scenario === 2 || t.scenario === 3)).toBe(true);
  });

  it('marks scenario 3 on multiplied amounts only', () => {
    const scenario3 = rows.filter((t) => t.scenario === 3);

    expect(scenario3.length).toBeGreaterThan(0);
    // An amount x 5^k (k >= 1) of a cents amount is a multiple of 5 cents.
    for (const t of scenario3) expect(Math.round(t.amount * 100) % 5).toBe(0);
  });

  it('gives no transaction to a customer with no terminal in reach', () => {
    const sparse = run({ ...SMALL, terminals: 20, radius: 3 });
    const lonely = sparse.simulator.customers
      .filter((c) => c.terminals.length === 0)
      .map((c) => c.id);

    expect(lonely.length).toBeGreaterThan(0);
    expect(sparse.rows.some((t) => lonely.includes(t.customerId))).toBe(false);
  });

  it('draws a customer-day the same whether scenario 3 generated it ahead or not', () => {
    // With one customer, scenario 3 reads every day ahead; the draws must not change.
    const alone = run({ ...SMALL, customers: 1 }).rows;
    const firstOfMany = rows.filter((t) => t.customerId === 0);
    const strip = (t: SimulatedTransaction) => [t.timeSeconds, t.terminalId, t.sequence];

    expect(alone.map(strip)).toEqual(firstOfMany.map(strip));
  });
});
