import type { RandomSource } from './random-source.model';

/**
 * `count` distinct integers drawn uniformly from [0, population) (all of them when count is
 * larger), by Floyd's algorithm: `count` draws and a set of `count`, whatever the population,
 * so picking 2 of a million terminals costs nothing. The order of the result is deterministic
 * but not random; callers that need a random order must not rely on it.
 */
export function sampleDistinct(random: RandomSource, population: number, count: number): number[] {
  const take = Math.max(0, Math.min(population, count));
  const picked = new Set<number>();
  for (let j = population - take; j < population; j++) {
    const candidate = random.below(j + 1);
    picked.add(picked.has(candidate) ? j : candidate);
  }
  return [...picked];
}
