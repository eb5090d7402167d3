import type { RandomSource } from './random-source.model';

const TWO_POW_32 = 4_294_967_296;
const TWO_POW_53 = 9_007_199_254_740_992;
/** exp(-mean) underflows to 0 past ~745, where Knuth's product method would never stop. */
const MAX_POISSON_MEAN = 700;

/**
 * xoshiro128** (Blackman & Vigna), a small, fast generator with a 128-bit state, seeded from a
 * tuple of integer keys (seed, stream, a, b).
 *
 * Keyed seeding is what makes the simulation streamable: a customer's draws for a day are a
 * pure function of (seed, stream, customer, day), so a day can be generated ahead of time
 * (the customer-compromise scenario needs the next 14 days) and still be the same draws.
 * Each state word is an independent murmur3 hash of the keys, so two key tuples share a
 * stream only if four 32-bit hashes collide at once.
 */
export class SeededRandom implements RandomSource {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** Box-Muller makes normals in pairs; the second is kept for the next call. */
  private spareNormal: number | undefined;

  constructor(seed: number, stream = 0, a = 0, b = 0) {
    this.reseed(seed, stream, a, b);
  }

  /** Restarts the generator on another key tuple (cheaper than a new object per customer-day). */
  reseed(seed: number, stream = 0, a = 0, b = 0): this {
    this.s0 = hashKeys(0x243f6a88, seed, stream, a, b);
    this.s1 = hashKeys(0x85a308d3, seed, stream, a, b);
    this.s2 = hashKeys(0x13198a2e, seed, stream, a, b);
    this.s3 = hashKeys(0x03707344, seed, stream, a, b);
    // The all-zero state is the one xoshiro cannot leave.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.spareNormal = undefined;
    return this;
  }

  /** Sets the raw state, to check the generator against the published test vectors. */
  static fromState(s0: number, s1: number, s2: number, s3: number): SeededRandom {
    const random = new SeededRandom(0);
    [random.s0, random.s1, random.s2, random.s3] = [s0 | 0, s1 | 0, s2 | 0, s3 | 0];
    return random;
  }

  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  uniform(): number {
    const high = this.uint32() >>> 5;
    const low = this.uint32() >>> 6;
    return (high * 67_108_864 + low) / TWO_POW_53;
  }

  between(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  below(count: number): number {
    if (!Number.isInteger(count) || count < 1 || count > TWO_POW_32) {
      throw new RangeError(`below() needs an integer count in [1, 2^32], got ${count}`);
    }
    // Rejecting the top partial block of 2^32 keeps every result equally likely.
    const limit = TWO_POW_32 - (TWO_POW_32 % count);
    let draw = this.uint32();
    while (draw >= limit) draw = this.uint32();
    return draw % count;
  }

  /** Box-Muller. 1 - uniform() is in (0, 1], so the logarithm is finite. */
  normal(mean: number, std: number): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return mean + std * spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return mean + std * radius * Math.cos(angle);
  }

  /** Knuth's product method: O(mean) uniforms per draw, fine for the simulator's means (< 4). */
  poisson(mean: number): number {
    if (!(mean >= 0 && mean <= MAX_POISSON_MEAN)) {
      throw new RangeError(`poisson() needs a mean in [0, ${MAX_POISSON_MEAN}], got ${mean}`);
    }
    const floor = Math.exp(-mean);
    let count = 0;
    let product = this.uniform();
    while (product > floor) {
      count += 1;
      product *= this.uniform();
    }
    return count;
  }
}

const rotl = (x: number, bits: number): number => (x << bits) | (x >>> (32 - bits));

/** murmur3_x86_32 of four 32-bit keys (16 bytes) under a per-word seed. */
function hashKeys(wordSeed: number, seed: number, stream: number, a: number, b: number): number {
  // Four fixed arguments, not a rest array: this runs four times per customer-day.
  let h = mixKey(mixKey(mixKey(mixKey(wordSeed, seed), stream), a), b);
  h ^= 16;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** One murmur3 block step. */
function mixKey(h: number, key: number): number {
  let k = Math.imul(key >>> 0, 0xcc9e2d51);
  k = Math.imul(rotl(k, 15), 0x1b873593);
  return (Math.imul(rotl(h ^ k, 13), 5) + 0xe6546b64) | 0;
}
