import { createSeededRandom, sampleIndices } from './seeded.random';

describe('createSeededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createSeededRandom(seed));
    const first = createSeededRandom(42);
    const again = createSeededRandom(42);
    const a = Array.from({ length: 5 }, () => first());
    expect(Array.from({ length: 5 }, () => again())).toEqual(a);
    expect(draw(43)).not.toEqual(draw(42));
  });

  it('draws uniformly in [0, 1)', () => {
    const random = createSeededRandom(7);
    const draws = Array.from({ length: 10_000 }, () => random());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((sum, x) => sum + x, 0) / draws.length).toBeCloseTo(0.5, 1);
  });
});

describe('sampleIndices', () => {
  it('returns the requested number of distinct indices in ascending order', () => {
    const sample = Array.from(sampleIndices(20, 7, createSeededRandom(1)));
    expect(sample).toHaveLength(7);
    expect(new Set(sample).size).toBe(7);
    expect(sample).toEqual([...sample].sort((a, b) => a - b));
    expect(sample.every((i) => i >= 0 && i < 20)).toBe(true);
  });

  it('returns every index when asked for all of them or more', () => {
    expect(Array.from(sampleIndices(4, 9, createSeededRandom(1)))).toEqual([0, 1, 2, 3]);
  });
});
