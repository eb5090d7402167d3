import { histogramLayout } from './gradient.histogram';
import { findBestSplit, leafWeight } from './split.finder';

/** One feature with 4 bins; per bin: gradient, hessian, count. */
const layout = histogramLayout(Int32Array.from([4]));
const histogram = Float64Array.from([-2, 1, 2, -2, 1, 2, 2, 1, 2, 2, 1, 2]);
const totals = { gradient: 0, hessian: 4, count: 8 };
const features = Int32Array.from([0]);
const params = { l2: 0, minChildWeight: 0, minChildSamples: 1, minSplitGain: 0 };

describe('findBestSplit', () => {
  it('splits where the gradients change sign, with XGBoost’s gain', () => {
    const split = findBestSplit(histogram, layout, totals, features, params);
    expect(split).toMatchObject({
      feature: 0,
      bin: 1,
      left: { gradient: -4, hessian: 2, count: 4 },
    });
    // ½ (G_L²/H_L + G_R²/H_R − G²/H) = ½ (16/2 + 16/2 − 0) = 8
    expect(split?.gain).toBeCloseTo(8);
  });

  it('respects the minimum rows per child', () => {
    const split = findBestSplit(histogram, layout, totals, features, {
      ...params,
      minChildSamples: 5,
    });
    expect(split).toBeUndefined();
  });

  it('returns nothing when no split gains more than minSplitGain', () => {
    expect(
      findBestSplit(histogram, layout, totals, features, { ...params, minSplitGain: 8 }),
    ).toBeUndefined();
    const flat = Float64Array.from([1, 1, 2, 1, 1, 2, 1, 1, 2, 1, 1, 2]);
    expect(
      findBestSplit(flat, layout, { gradient: 4, hessian: 4, count: 8 }, features, params),
    ).toBeUndefined();
  });
});

describe('leafWeight', () => {
  it('is −G / (H + λ), and 0 for an empty leaf without regularisation', () => {
    expect(leafWeight({ gradient: 3, hessian: 2, count: 5 }, 1)).toBe(-1);
    expect(leafWeight({ gradient: 0, hessian: 0, count: 0 }, 0)).toBe(0);
  });
});
