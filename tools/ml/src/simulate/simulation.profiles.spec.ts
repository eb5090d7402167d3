import { generateCustomerProfiles, generateTerminalProfiles } from './simulation.profiles';
import { TerminalRadiusIndex } from './terminal-radius.index';

describe('simulation profiles', () => {
  const terminals = generateTerminalProfiles(2_000, 9);
  const customers = generateCustomerProfiles(2_000, 9, new TerminalRadiusIndex(terminals, 5));

  it('places terminals and customers uniformly in the 100 x 100 square', () => {
    for (const p of [...terminals, ...customers]) {
      expect(p.x >= 0 && p.x < 100 && p.y >= 0 && p.y < 100).toBe(true);
    }
    const meanX = terminals.reduce((sum, t) => sum + t.x, 0) / terminals.length;
    // U(0, 100) has std 28.9; over 2,000 draws the mean's standard error is 0.65.
    expect(Math.abs(meanX - 50)).toBeLessThan(3.3);
  });

  it('draws mean amounts in [5, 100) with std half the mean, and daily means in [0, 4)', () => {
    for (const c of customers) {
      expect(c.meanAmount >= 5 && c.meanAmount < 100).toBe(true);
      expect(c.stdAmount).toBe(c.meanAmount / 2);
      expect(c.meanTxPerDay >= 0 && c.meanTxPerDay < 4).toBe(true);
    }
  });

  it('gives each customer exactly the terminals within the radius', () => {
    for (const c of customers.slice(0, 100)) {
      const expected = terminals
        .filter((t) => Math.sqrt((t.x - c.x) ** 2 + (t.y - c.y) ** 2) < 5)
        .map((t) => t.id);

      expect([...c.terminals]).toEqual(expected);
    }
  });

  it('keeps profile i the same whatever the number of profiles', () => {
    expect(generateTerminalProfiles(10, 9)).toEqual(terminals.slice(0, 10));
    expect(generateTerminalProfiles(10, 10)).not.toEqual(terminals.slice(0, 10));
  });
});
