import { sampleDistinct } from './distinct.sample';
import { SeededRandom } from './seeded.random';

describe('sampleDistinct', () => {
  it('draws the requested number of distinct values within the population', () => {
    const random = new SeededRandom(1);
    for (let trial = 0; trial < 1_000; trial++) {
      const picked = sampleDistinct(random, 10, 3);

      expect(new Set(picked).size).toBe(3);
      expect(picked.every((v) => Number.isInteger(v) && v >= 0 && v < 10)).toBe(true);
    }
  });

  it('returns the whole population when asked for more, and nothing from an empty one', () => {
    const random = new SeededRandom(2);

    expect(sampleDistinct(random, 3, 5).sort()).toEqual([0, 1, 2]);
    expect(sampleDistinct(random, 0, 2)).toEqual([]);
    expect(sampleDistinct(random, 4, 0)).toEqual([]);
  });

  it('gives every value the same chance to be picked', () => {
    const random = new SeededRandom(3);
    const hits = Array<number>(10).fill(0);
    const trials = 100_000;
    for (let trial = 0; trial < trials; trial++) {
      for (const v of sampleDistinct(random, 10, 3)) hits[v] = (hits[v] ?? 0) + 1;
    }

    // Each value is picked with probability 3/10; 0.01 is over 5 standard errors.
    for (const count of hits) expect(Math.abs(count / trials - 0.3)).toBeLessThan(0.01);
  });
});
