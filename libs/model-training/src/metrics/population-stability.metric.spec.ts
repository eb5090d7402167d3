import fc from 'fast-check';
import {
  PSI_SHARE_FLOOR,
  binCounts,
  binOf,
  populationStability,
  referenceDistribution,
} from './population-stability.metric';

/** The textbook computation, written apart: linear bin scan, shares, then the sum. */
function psiByHand(edges: readonly number[], shares: readonly number[], values: number[]): number {
  const counts = shares.map(() => 0);
  for (const value of values) {
    let bin = 0;
    while (bin < edges.length && value >= edges[bin]!) bin++;
    counts[bin]! += 1;
  }
  return counts.reduce((sum, count, i) => {
    const a = Math.max(PSI_SHARE_FLOOR, count / values.length);
    const e = Math.max(PSI_SHARE_FLOOR, shares[i]!);
    return sum + (a - e) * Math.log(a / e);
  }, 0);
}

describe('reference distributions and the population stability index', () => {
  it('puts a value equal to an edge in the bin above it', () => {
    const edges = [1, 2, 3];
    expect([0.5, 1, 1.5, 2, 2.9, 3, 99].map((v) => binOf(edges, v))).toEqual([0, 1, 1, 2, 2, 3, 3]);
    expect(binOf([], 5)).toBe(0);
  });

  it('cuts distinct values at the deciles, then at the 95th and 99th percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const reference = referenceDistribution(values);
    expect(reference.edges).toEqual([11, 21, 31, 41, 51, 61, 71, 81, 91, 96, 100]);
    expect(reference.shares.map((share) => Math.round(share * 100))).toEqual([
      10, 10, 10, 10, 10, 10, 10, 10, 10, 5, 4, 1,
    ]);
  });

  it('bins what lies above the smallest value when that holds most of the mass', () => {
    const mostlyZero = [...new Array(80).fill(0), ...Array.from({ length: 20 }, (_, i) => i + 1)];
    const reference = referenceDistribution(mostlyZero);
    // The quantiles of all values give only 1, 11, 16 and 20; those above 0 add 3, 5 ... 19.
    expect(reference.edges).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 16, 17, 19, 20]);
    expect(reference.shares[0]).toBe(0.8);
    expect(referenceDistribution([...new Array(90).fill(0), ...new Array(10).fill(1)])).toEqual({
      edges: [1],
      shares: [0.9, 0.1],
    });
    expect(referenceDistribution(new Array(7).fill(3))).toEqual({ edges: [], shares: [1] });
    expect(referenceDistribution([])).toEqual({ edges: [], shares: [1] });
  });

  it('computes PSI as the textbook sum, with empty bins floored', () => {
    const reference = { edges: [0.5], shares: [0.5, 0.5] };
    expect(populationStability(reference, [75, 25])).toBeCloseTo(
      0.25 * Math.log(1.5) + 0.25 * Math.log(2),
      12,
    );
    const all = populationStability(reference, [10, 0]);
    expect(all).toBeCloseTo(
      0.5 * Math.log(2) + (PSI_SHARE_FLOOR - 0.5) * Math.log(PSI_SHARE_FLOOR / 0.5),
      12,
    );
    expect(populationStability(reference, [0, 0])).toBe(0);
    expect(() => populationStability(reference, [1, 2, 3])).toThrow(RangeError);
  });

  it('equals the textbook computation on random data, and is 0 for the reference itself', () => {
    const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
      minLength: 1,
      maxLength: 300,
    });
    fc.assert(
      fc.property(sample, sample, (training, serving) => {
        const reference = referenceDistribution(training);
        expect(populationStability(reference, binCounts(reference.edges, training))).toBeCloseTo(
          0,
          12,
        );
        expect(populationStability(reference, binCounts(reference.edges, serving))).toBeCloseTo(
          psiByHand(reference.edges, reference.shares, serving),
          9,
        );
      }),
    );
  });
});
