import type { LabelledMatrix } from '../feature-matrix.model';
import { trainGbdt } from '../gbdt/gbdt.trainer';
import { trainLogreg } from '../logreg/logreg.trainer';
import { gbdtPart, logregPart, parseBlendParams } from './blend-params.model';
import type { BlendModel } from './blend.model';

/** Trains both learners of a blend on the same rows (see `BlendModel`). Deterministic. */
export function trainBlend(train: LabelledMatrix, params: unknown = {}): { model: BlendModel } {
  const p = parseBlendParams(params);
  const gbdt = trainGbdt(train, gbdtPart(p)).model;
  const logreg = trainLogreg(train, logregPart(p)).model;
  return {
    model: {
      kind: 'blend',
      columns: train.columns,
      gbdt,
      logreg,
      gbdtWeight: p.gbdtWeight,
      params: p,
    },
  };
}
