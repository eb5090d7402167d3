import type { RandomSource } from './random-source.model';
import type { CustomerProfile, SimulatedTransaction } from './simulation.model';

const SECONDS_PER_DAY = 86_400;
const TIME_OF_DAY_MEAN = 43_200;
const TIME_OF_DAY_STD = 20_000;

/**
 * A customer's transactions for one day, in draw order: Poisson(mean per day) attempts, each
 * with a time of day, an amount and a terminal. An attempt whose time falls outside the day is
 * dropped, so a day averages about 0.969 x the mean. Labels start genuine (scenario 0); the
 * fraud scenarios are applied by the caller.
 */
export function generateCustomerDay(
  profile: CustomerProfile,
  day: number,
  random: RandomSource,
): SimulatedTransaction[] {
  // Without a terminal nothing can be bought; the book draws and discards, we skip the draws.
  if (profile.terminals.length === 0) return [];
  const transactions: SimulatedTransaction[] = [];
  const attempts = random.poisson(profile.meanTxPerDay);
  for (let attempt = 0; attempt < attempts; attempt++) {
    const timeOfDay = drawTimeOfDay(random);
    if (timeOfDay === undefined) continue;
    const amount = drawAmount(random, profile.meanAmount, profile.stdAmount);
    const terminalId = profile.terminals[random.below(profile.terminals.length)] as number;
    transactions.push({
      timeSeconds: day * SECONDS_PER_DAY + timeOfDay,
      day,
      customerId: profile.id,
      terminalId,
      amount,
      scenario: 0,
      sequence: transactions.length,
    });
  }
  return transactions;
}

/**
 * Whole seconds ~ Normal(43,200, 20,000), truncated toward zero as the book's `int()` does, or
 * undefined when outside the open interval (0, 86,400): about 3.1% of draws.
 */
export function drawTimeOfDay(random: RandomSource): number | undefined {
  const seconds = Math.trunc(random.normal(TIME_OF_DAY_MEAN, TIME_OF_DAY_STD));
  return seconds > 0 && seconds < SECONDS_PER_DAY ? seconds : undefined;
}

/** Normal(mean, std); a negative draw is replaced by one from U(0, 2 * mean); then cents. */
export function drawAmount(random: RandomSource, mean: number, std: number): number {
  const drawn = random.normal(mean, std);
  return roundToCents(drawn < 0 ? random.between(0, 2 * mean) : drawn);
}

/**
 * numpy's `round(x, 2)`: scale, round half to even, unscale. Keeping the book's double
 * arithmetic keeps its textual forms too (a scenario-3 amount like 85.64999999999999).
 */
export function roundToCents(value: number): number {
  const scaled = value * 100;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  const up = fraction > 0.5 || (fraction === 0.5 && floor % 2 !== 0);
  return (up ? floor + 1 : floor) / 100;
}
