import {
  drawAmount,
  drawTimeOfDay,
  generateCustomerDay,
  roundToCents,
} from './customer-day.generator';
import { ScriptedRandom } from './scripted-random.fixture';
import { SeededRandom } from './seeded.random';
import type { CustomerProfile } from './simulation.model';

const profile = (overrides: Partial<CustomerProfile> = {}): CustomerProfile => ({
  id: 7,
  x: 50,
  y: 50,
  meanAmount: 40,
  stdAmount: 20,
  meanTxPerDay: 2,
  terminals: Int32Array.from([3, 8, 12]),
  ...overrides,
});

describe('drawTimeOfDay', () => {
  it('truncates the normal draw to whole seconds and keeps it only inside (0, 86,400)', () => {
    const draws = [43_200.7, 86_399.99, 1.2, -0.5, 0.9, 86_400, 90_000, -30_000];
    const random = new ScriptedRandom({ normal: [...draws] });

    expect(draws.map(() => drawTimeOfDay(random))).toEqual([
      43_200,
      86_399,
      1,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('drops about 3.1% of draws, the normal mass outside the day', () => {
    const random = new SeededRandom(31);
    const n = 200_000;
    let dropped = 0;
    for (let i = 0; i < n; i++) if (drawTimeOfDay(random) === undefined) dropped += 1;

    // P(|Z| > 43,200 / 20,000) = 0.0308; the standard error on 200,000 draws is 0.0004.
    expect(Math.abs(dropped / n - 0.0308)).toBeLessThan(0.002);
  });
});

describe('drawAmount', () => {
  it('replaces a negative draw by a uniform draw in [0, 2 x mean)', () => {
    const random = new ScriptedRandom({ normal: [-3.2], uniform: [0.25] });

    expect(drawAmount(random, 40, 20)).toBe(20);
  });

  it('keeps a non-negative draw, rounded to cents', () => {
    const random = new ScriptedRandom({ normal: [0, 57.1649] });

    expect(drawAmount(random, 40, 20)).toBe(0);
    expect(drawAmount(random, 40, 20)).toBe(57.16);
  });

  it('never gives a negative amount, even for a customer whose draws are often negative', () => {
    const random = new SeededRandom(32);
    const amounts = Array.from({ length: 50_000 }, () => drawAmount(random, 5, 2.5));

    expect(amounts.every((a) => a >= 0)).toBe(true);
    expect(amounts.every((a) => Math.abs(a * 100 - Math.round(a * 100)) < 1e-6)).toBe(true);
  });
});

describe('roundToCents', () => {
  it('rounds like numpy: halves to even, on the double actually stored', () => {
    expect(roundToCents(0.125)).toBe(0.12);
    expect(roundToCents(0.375)).toBe(0.38);
    // 2.675 is stored as 2.67499999..., but 2.675 x 100 rounds to 267.5: numpy says 2.68 (where
    // Python's round() says 2.67), and so must we.
    expect(roundToCents(2.675)).toBe(2.68);
    expect(roundToCents(146)).toBe(146);
  });
});

describe('generateCustomerDay', () => {
  it('makes no transaction, and no draw, for a customer without a terminal in reach', () => {
    const random = new ScriptedRandom({});

    expect(generateCustomerDay(profile({ terminals: new Int32Array(0) }), 3, random)).toEqual([]);
  });

  it('turns each kept draw into a transaction on the day, at one of the customer terminals', () => {
    const random = new ScriptedRandom({
      poisson: [3],
      normal: [100.4, 12.344, -20, 300, 55.5],
      below: [2, 0],
    });

    expect(generateCustomerDay(profile(), 2, random)).toEqual([
      {
        timeSeconds: 172_900,
        day: 2,
        customerId: 7,
        terminalId: 12,
        amount: 12.34,
        scenario: 0,
        sequence: 0,
      },
      {
        timeSeconds: 173_100,
        day: 2,
        customerId: 7,
        terminalId: 3,
        amount: 55.5,
        scenario: 0,
        sequence: 1,
      },
    ]);
  });

  it('averages the daily mean times the share of times kept inside the day', () => {
    const random = new SeededRandom(33);
    const days = 20_000;
    let count = 0;
    for (let day = 0; day < days; day++)
      count += generateCustomerDay(profile(), day, random).length;

    // Expected 2 x 0.9692; Poisson(2) over 20,000 days has a standard error of 0.01.
    expect(Math.abs(count / days - 1.9384)).toBeLessThan(0.05);
  });
});
