import { DEFAULT_GBDT_PARAMS } from '../gbdt/gbdt-params.model';
import type { GbdtParams } from '../gbdt/gbdt-params.model';
import { GBDT_PARAM_RULES } from '../gbdt/gbdt-params.parser';
import { DEFAULT_LOGREG_PARAMS, LOGREG_PARAM_RULES } from '../logreg/logreg-params.model';
import type { LogregParams } from '../logreg/logreg-params.model';
import { parseNumberParams } from '../params.parser';
import type { NumberRules } from '../params.parser';

/**
 * A blend's hyper-parameters, one flat record as the manifest stores them: the trees' own
 * parameters under their usual names, the logistic regression's with a `logreg` prefix (both
 * learners have an `l2`), and the trees' share of the blended probability.
 */
export type BlendParams = GbdtParams & {
  /** score = gbdtWeight · p_trees + (1 − gbdtWeight) · p_logreg. */
  readonly gbdtWeight: number;
  readonly logregL2: number;
  readonly logregMaxIterations: number;
  readonly logregTolerance: number;
};

/** Equal shares over each learner's own defaults. */
export const DEFAULT_BLEND_PARAMS: BlendParams = Object.freeze({
  ...DEFAULT_GBDT_PARAMS,
  gbdtWeight: 0.5,
  logregL2: DEFAULT_LOGREG_PARAMS.l2,
  logregMaxIterations: DEFAULT_LOGREG_PARAMS.maxIterations,
  logregTolerance: DEFAULT_LOGREG_PARAMS.tolerance,
});

const RULES: NumberRules<BlendParams> = {
  ...GBDT_PARAM_RULES,
  gbdtWeight: { min: 0, max: 1 },
  logregL2: LOGREG_PARAM_RULES.l2,
  logregMaxIterations: LOGREG_PARAM_RULES.maxIterations,
  logregTolerance: LOGREG_PARAM_RULES.tolerance,
};

/** Blend hyper-parameters from `unknown`; fields given override `base`. */
export function parseBlendParams(
  input: unknown,
  base: BlendParams = DEFAULT_BLEND_PARAMS,
): BlendParams {
  return parseNumberParams(input, base, RULES, 'blend parameters');
}

/** The trees' part of a blend's parameters. */
export function gbdtPart(params: BlendParams): GbdtParams {
  const {
    gbdtWeight: _weight,
    logregL2: _l2,
    logregMaxIterations: _iterations,
    logregTolerance: _tolerance,
    ...gbdt
  } = params;
  return gbdt;
}

/** The logistic regression's part of a blend's parameters. */
export const logregPart = (params: BlendParams): LogregParams => ({
  l2: params.logregL2,
  maxIterations: params.logregMaxIterations,
  tolerance: params.logregTolerance,
});
