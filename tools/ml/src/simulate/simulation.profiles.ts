import { RANDOM_STREAM } from './random-stream.keys';
import { SeededRandom } from './seeded.random';
import type { TerminalRadiusIndex } from './terminal-radius.index';
import type { CustomerProfile, TerminalProfile } from './simulation.model';

const AREA_SIZE = 100;

/** Terminal i sits at x, y ~ U(0, 100); its draws depend on (seed, i) only, not on the count. */
export function generateTerminalProfiles(count: number, seed: number): TerminalProfile[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, (_, id) => {
    random.reseed(seed, RANDOM_STREAM.terminalProfile, id);
    return { id, x: random.between(0, AREA_SIZE), y: random.between(0, AREA_SIZE) };
  });
}

/**
 * Customer i: x, y ~ U(0, 100), mean amount ~ U(5, 100) with std = mean / 2, mean transactions
 * per day ~ U(0, 4), and the terminals within the radius, drawn in the book's order.
 */
export function generateCustomerProfiles(
  count: number,
  seed: number,
  terminals: TerminalRadiusIndex,
): CustomerProfile[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, (_, id) => {
    random.reseed(seed, RANDOM_STREAM.customerProfile, id);
    const x = random.between(0, AREA_SIZE);
    const y = random.between(0, AREA_SIZE);
    const meanAmount = random.between(5, 100);
    const meanTxPerDay = random.between(0, 4);
    return {
      id,
      x,
      y,
      meanAmount,
      stdAmount: meanAmount / 2,
      meanTxPerDay,
      terminals: terminals.within(x, y),
    };
  });
}
