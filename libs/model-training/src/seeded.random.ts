/** A uniform draw in [0, 1). */
export type RandomSource = () => number;

/**
 * mulberry32: a tiny, fast PRNG with a 32-bit state. Not for cryptography; chosen so that row and
 * column sampling are reproducible from one integer seed on every platform (Math.random is not
 * seedable).
 */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` distinct indices out of [0, total), ascending: a partial Fisher–Yates shuffle. */
export function sampleIndices(total: number, count: number, random: RandomSource): Int32Array {
  const pool = Int32Array.from({ length: total }, (_, i) => i);
  const take = Math.max(0, Math.min(total, count));
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (total - i));
    const swap = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = swap;
  }
  return pool.slice(0, take).sort();
}
