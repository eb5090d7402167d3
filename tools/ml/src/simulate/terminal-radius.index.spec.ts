import { SeededRandom } from './seeded.random';
import { TerminalRadiusIndex } from './terminal-radius.index';
import type { TerminalProfile } from './simulation.model';

const at = (points: [number, number][]): TerminalProfile[] =>
  points.map(([x, y], id) => ({ id, x, y }));

function bruteForce(
  terminals: readonly TerminalProfile[],
  x: number,
  y: number,
  r: number,
): number[] {
  return terminals.filter((t) => Math.sqrt((t.x - x) ** 2 + (t.y - y) ** 2) < r).map((t) => t.id);
}

describe('TerminalRadiusIndex', () => {
  it('keeps terminals strictly closer than the radius and drops one exactly at the radius', () => {
    const terminals = at([
      [10, 10],
      [13, 14],
      [13, 13.99],
      [20, 20],
    ]);
    const index = new TerminalRadiusIndex(terminals, 5);

    expect([...index.within(10, 10)]).toEqual([0, 2]);
  });

  it('finds nothing for a point with no terminal in reach', () => {
    const index = new TerminalRadiusIndex(at([[90, 90]]), 5);

    expect(index.within(10, 10)).toHaveLength(0);
  });

  it.each([0.5, 5, 30, 150])(
    'agrees with a brute-force scan at radius %p, ids ascending',
    (radius) => {
      const random = new SeededRandom(21);
      const terminals = at(
        Array.from({ length: 2_000 }, () => [random.between(0, 100), random.between(0, 100)]),
      );
      const index = new TerminalRadiusIndex(terminals, radius);
      for (let query = 0; query < 200; query++) {
        const x = random.between(0, 100);
        const y = random.between(0, 100);

        expect([...index.within(x, y)]).toEqual(bruteForce(terminals, x, y, radius));
      }
    },
  );

  it('stays exact with a radius of a billionth', () => {
    const terminals = at([
      [50, 50],
      [50, 50 + 1e-10],
      [50 + 1e-6, 50],
    ]);
    const index = new TerminalRadiusIndex(terminals, 1e-9);

    expect([...index.within(50, 50)]).toEqual([0, 1]);
  });
});
