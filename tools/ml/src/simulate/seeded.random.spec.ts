import { SeededRandom } from './seeded.random';

/** Sample mean and (unbiased) variance. */
function moments(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

const SAMPLE = 200_000;
const draws = (count: number, draw: () => number): number[] => Array.from({ length: count }, draw);

describe('SeededRandom', () => {
  it('produces the published xoshiro128** sequence from the state (0, 1, 2, 3)', () => {
    const random = SeededRandom.fromState(0, 1, 2, 3);

    expect(draws(6, () => random.uint32())).toEqual([
      5760, 17280, 2966400, 32451840, 2604340873, 3891234569,
    ]);
  });

  it('repeats a stream for the same keys and starts a different one when any key changes', () => {
    const first = (seed: number, stream: number, a: number, b: number): number[] => {
      const random = new SeededRandom(seed, stream, a, b);
      return draws(4, () => random.uint32());
    };

    expect(first(7, 1, 2, 3)).toEqual(first(7, 1, 2, 3));
    for (const other of [
      first(8, 1, 2, 3),
      first(7, 2, 2, 3),
      first(7, 1, 3, 3),
      first(7, 1, 2, 4),
    ]) {
      expect(other).not.toEqual(first(7, 1, 2, 3));
    }
    const reseeded = new SeededRandom(0).reseed(7, 1, 2, 3);
    expect(draws(4, () => reseeded.uint32())).toEqual(first(7, 1, 2, 3));
  });

  it('forgets a pending Box-Muller normal when reseeded', () => {
    const random = new SeededRandom(1);
    random.normal(0, 1);
    const afterReseed = random.reseed(5).normal(0, 1);

    expect(afterReseed).toBe(new SeededRandom(5).normal(0, 1));
  });

  // Tolerances are about 5 standard errors of the statistic on 200,000 draws; the draws are
  // seeded, so these tests cannot flake, and 5 SE leaves room for any seed.
  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const random = new SeededRandom(11);
    const values = draws(SAMPLE, () => random.uniform());
    const { mean, variance } = moments(values);

    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0033);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.0015);
  });

  it('draws normals with the requested mean and variance, and the normal share within one std', () => {
    const random = new SeededRandom(12);
    const values = draws(SAMPLE, () => random.normal(43_200, 20_000));
    const { mean, variance } = moments(values);
    const withinOneStd = values.filter((v) => Math.abs(v - 43_200) < 20_000).length / SAMPLE;

    expect(Math.abs(mean - 43_200)).toBeLessThan(5 * (20_000 / Math.sqrt(SAMPLE)));
    expect(Math.abs(variance / 20_000 ** 2 - 1)).toBeLessThan(5 * Math.sqrt(2 / SAMPLE));
    expect(Math.abs(withinOneStd - 0.6827)).toBeLessThan(0.005);
  });

  // The simulator's daily means are U(0, 4).
  it.each([0.3, 2, 3.9])(
    'draws Poisson(%p) counts with mean and variance equal to the mean',
    (lambda) => {
      const random = new SeededRandom(13);
      const values = draws(SAMPLE, () => random.poisson(lambda));
      const { mean, variance } = moments(values);
      // Var of the sample variance of a Poisson is about (lambda + 2 lambda^2) / n.
      const varianceError = Math.sqrt((lambda + 2 * lambda ** 2) / SAMPLE);

      expect(values.every(Number.isInteger)).toBe(true);
      expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / SAMPLE));
      expect(Math.abs(variance - lambda)).toBeLessThan(5 * varianceError);
      expect(
        Math.abs(values.filter((v) => v === 0).length / SAMPLE - Math.exp(-lambda)),
      ).toBeLessThan(0.004);
    },
  );

  it('gives zero transactions for a Poisson mean of zero and rejects a mean it cannot draw', () => {
    const random = new SeededRandom(14);

    expect(draws(100, () => random.poisson(0))).toEqual(Array(100).fill(0));
    expect(() => random.poisson(-1)).toThrow(RangeError);
    expect(() => random.poisson(Number.NaN)).toThrow(RangeError);
  });

  it('draws integers below a bound with every value equally likely', () => {
    const random = new SeededRandom(15);
    const counts = [0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < SAMPLE; i++) {
      const value = random.below(7);
      counts[value] = (counts[value] ?? 0) + 1;
    }

    expect(counts).toHaveLength(7);
    for (const count of counts) expect(Math.abs(count / SAMPLE - 1 / 7)).toBeLessThan(0.004);
    expect(() => random.below(0)).toThrow(RangeError);
    expect(() => random.below(2.5)).toThrow(RangeError);
  });
});
