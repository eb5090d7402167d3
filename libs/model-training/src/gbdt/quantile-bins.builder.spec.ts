import { binIndex, binMatrix, buildBinEdges } from './quantile-bins.builder';

const isFloat32 = (x: number): boolean => Math.fround(x) === x;

describe('buildBinEdges', () => {
  it('gives each of few distinct values its own bin, with edges at float32 midpoints', () => {
    const edges = buildBinEdges(Float32Array.from([3, 1, 2, 2, 1, 3, 0.1]));
    expect(Array.from(edges)).toEqual([Math.fround(0.55), 1.5, 2.5]);
    expect(Array.from(edges).every(isFloat32)).toBe(true);
  });

  it('puts every training value in its own bin under the x ≤ edge rule', () => {
    const values = Float32Array.from([0.1, 1, 2, 3]);
    const edges = buildBinEdges(values);
    expect(Array.from(values, (x) => binIndex(edges, x))).toEqual([0, 1, 2, 3]);
  });

  it('uses the lower value as the edge when two values are adjacent float32 numbers', () => {
    const a = Math.fround(1);
    const b = a + 2 ** -23; // the next float32 after 1
    expect(Array.from(buildBinEdges(Float32Array.from([a, b])))).toEqual([a]);
  });

  it('caps the number of bins and keeps edges strictly increasing float32 values', () => {
    const values = Float32Array.from({ length: 10_000 }, (_, i) => Math.sin(i) * 1000);
    const edges = buildBinEdges(values, 32);
    expect(edges.length).toBeLessThanOrEqual(31);
    expect(edges.length).toBeGreaterThan(25);
    for (let i = 1; i < edges.length; i++) expect(edges[i]).toBeGreaterThan(edges[i - 1] as number);
    expect(Array.from(edges).every(isFloat32)).toBe(true);
  });

  it('gives a value heavier than a bin a bin of its own', () => {
    const values = Float32Array.from([
      ...Array<number>(900).fill(0),
      ...Array.from({ length: 100 }, (_, i) => i + 1),
    ]);
    const edges = buildBinEdges(values, 10);
    expect(edges[0]).toBe(0.5);
    expect(values.filter((x) => binIndex(edges, x) === 0).length).toBe(900);
  });

  it('returns no edge for a constant feature', () => {
    expect(buildBinEdges(Float32Array.from([5, 5, 5])).length).toBe(0);
  });

  it('refuses a bin count a Uint16Array cannot index', () => {
    expect(() => buildBinEdges(Float32Array.from([1, 2]), 65_537)).toThrow(/maxBins/);
  });
});

describe('binIndex', () => {
  const edges = Float32Array.from([-1, 0, 2.5]);

  it('maps a value to the first edge at or above it, so a value on an edge goes left', () => {
    expect([-5, -1, -0.5, 0, 1, 2.5, 3].map((x) => binIndex(edges, x))).toEqual([
      0, 0, 1, 1, 2, 2, 3,
    ]);
  });

  it('puts NaN in the last bin, as a failed ≤ comparison sends it right', () => {
    expect(binIndex(edges, NaN)).toBe(3);
  });
});

describe('binMatrix', () => {
  it('bins each column with its own edges, row-major', () => {
    const matrix = { rows: 2, columns: 2, values: Float32Array.from([0, 10, 5, 20]) };
    const bins = binMatrix(matrix, [Float32Array.from([1]), Float32Array.from([15])]);
    expect(Array.from(bins)).toEqual([0, 0, 1, 1]);
  });
});
