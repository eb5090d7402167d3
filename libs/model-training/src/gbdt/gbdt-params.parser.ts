import { parseNumberParams } from '../params.parser';
import type { NumberRules } from '../params.parser';
import { DEFAULT_GBDT_PARAMS } from './gbdt-params.model';
import type { GbdtParams } from './gbdt-params.model';
import { MAX_BINS } from './quantile-bins.builder';

export const GBDT_PARAM_RULES: NumberRules<GbdtParams> = {
  trees: { min: 1, max: 100_000, integer: true },
  learningRate: { min: 0, max: 1, minExclusive: true },
  maxDepth: { min: 1, max: 64, integer: true },
  maxLeaves: { min: 2, max: 65_536, integer: true },
  minChildWeight: { min: 0, max: Infinity },
  minChildSamples: { min: 1, max: Infinity, integer: true },
  l2: { min: 0, max: Infinity },
  minSplitGain: { min: 0, max: Infinity },
  rowSubsample: { min: 0, max: 1, minExclusive: true },
  columnSubsample: { min: 0, max: 1, minExclusive: true },
  maxBins: { min: 2, max: MAX_BINS, integer: true },
  positiveWeight: { min: 0, max: Infinity, minExclusive: true },
  earlyStoppingRounds: { min: 0, max: 100_000, integer: true },
  seed: { min: 0, max: 0xffff_ffff, integer: true },
};

/**
 * Gradient-boosting hyper-parameters from `unknown` (e.g. `--params` JSON): fields given override
 * `base` (the defaults unless stated); every bad or unknown field is reported at once.
 */
export function parseGbdtParams(
  input: unknown,
  base: GbdtParams = DEFAULT_GBDT_PARAMS,
): GbdtParams {
  return parseNumberParams(input, base, GBDT_PARAM_RULES, 'gbdt parameters');
}
