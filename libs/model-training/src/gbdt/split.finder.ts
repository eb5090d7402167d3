import type { GbdtParams } from './gbdt-params.model';
import { STRIDE } from './gradient.histogram';
import type { HistogramLayout } from './gradient.histogram';

/** Sums over a node's rows. */
export interface NodeTotals {
  readonly gradient: number;
  readonly hessian: number;
  readonly count: number;
}

/** The best split of a node: rows with bin ≤ `bin` of `feature` go left. */
export interface SplitChoice {
  readonly feature: number;
  readonly bin: number;
  /** Loss reduction, XGBoost's definition: ½ [G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)]. */
  readonly gain: number;
  readonly left: NodeTotals;
  readonly right: NodeTotals;
}

type SplitParams = Pick<GbdtParams, 'l2' | 'minChildWeight' | 'minChildSamples' | 'minSplitGain'>;

/**
 * Scans every bin boundary of every candidate feature. Ties keep the first candidate (lowest
 * feature, then lowest bin), so the choice never depends on anything but the data and the seed.
 * Returns undefined when no split gains more than `minSplitGain` within the child limits.
 */
export function findBestSplit(
  histogram: Float64Array,
  layout: HistogramLayout,
  totals: NodeTotals,
  features: Int32Array,
  params: SplitParams,
): SplitChoice | undefined {
  const { l2, minChildWeight, minChildSamples } = params;
  const parentScore = (totals.gradient * totals.gradient) / (totals.hessian + l2);
  let bestScore = -Infinity;
  let best: { feature: number; bin: number; g: number; h: number; c: number } | undefined;
  for (let j = 0; j < features.length; j++) {
    const f = features[j] as number;
    const first = (layout.offsets[f] as number) * STRIDE;
    const lastBoundary = (layout.binCounts[f] as number) - 1;
    let g = 0;
    let h = 0;
    let c = 0;
    for (let bin = 0; bin < lastBoundary; bin++) {
      const at = first + bin * STRIDE;
      g += histogram[at] as number;
      h += histogram[at + 1] as number;
      c += histogram[at + 2] as number;
      if (c < minChildSamples || h < minChildWeight) continue;
      const rightHessian = totals.hessian - h;
      // Both only shrink as the boundary moves right: no later boundary can qualify.
      if (totals.count - c < minChildSamples || rightHessian < minChildWeight) break;
      const rightGradient = totals.gradient - g;
      const score = (g * g) / (h + l2) + (rightGradient * rightGradient) / (rightHessian + l2);
      if (score > bestScore) {
        bestScore = score;
        best = { feature: f, bin, g, h, c };
      }
    }
  }
  if (best === undefined) return undefined;
  const gain = 0.5 * (bestScore - parentScore);
  if (!(gain > params.minSplitGain) || !(gain > 1e-12)) return undefined;
  return {
    feature: best.feature,
    bin: best.bin,
    gain,
    left: { gradient: best.g, hessian: best.h, count: best.c },
    right: {
      gradient: totals.gradient - best.g,
      hessian: totals.hessian - best.h,
      count: totals.count - best.c,
    },
  };
}

/** The loss-minimising leaf output −G/(H+λ), before the learning rate; 0 for an empty leaf. */
export function leafWeight(totals: NodeTotals, l2: number): number {
  const denominator = totals.hessian + l2;
  return denominator > 0 ? -totals.gradient / denominator : 0;
}
